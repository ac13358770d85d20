import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Department, ServiceDayKind, ServiceDayScheduled } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideServiceDaySchedule, ServiceDay } from '../../domain/service-day/service-day';
import { ServiceDays } from '../../infrastructure/aggregates';

export class ScheduleServiceDay {
  constructor(
    readonly request: { serviceDayId: string; department: Department; kind: ServiceDayKind; title: string; date: string; zoneId: string },
    readonly context: CommandContext,
  ) {}
}

/** 安排上门服务日 (或银企对接会) */
@CommandHandler(ScheduleServiceDay)
export class ScheduleServiceDayHandler implements ICommandHandler<ScheduleServiceDay, ServiceDay> {
  constructor(
    @InjectAggregate(ServiceDays) private readonly days: AggregateRepository<ServiceDay>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: ScheduleServiceDay): Promise<ServiceDay> {
    const zone = await this.membership.zone(request.zoneId);
    const { state } = await this.days.decideAndSave(
      request.serviceDayId,
      (loaded) => ({ definition: ServiceDayScheduled, data: decideServiceDaySchedule(loaded.state, zone, request) }),
      context,
    );
    return state;
  }
}
