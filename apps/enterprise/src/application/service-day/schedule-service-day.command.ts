import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Department, ServiceDayKind, ServiceDayScheduled } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { MembershipReference } from '@pb/membership-reference';
import { decideServiceDaySchedule, ServiceDay } from '../../domain/service-day/service-day';
import { ServiceDayRepository } from '../../infrastructure/repositories';

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
    private readonly days: ServiceDayRepository,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: ScheduleServiceDay): Promise<ServiceDay> {
    const loaded = await this.days.load(request.serviceDayId);
    const data = decideServiceDaySchedule(loaded.state, await this.membership.zone(request.zoneId), request);
    const { state } = await this.days.save(loaded, { definition: ServiceDayScheduled, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, context);
    return state;
  }
}
