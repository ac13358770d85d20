import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { ServiceDayConcluded } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate, InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { decideConclusion, ServiceDay } from '../../domain/service-day/service-day';
import { Enterprises, ServiceDays } from '../../infrastructure/aggregates';

export class ConcludeServiceDay {
  constructor(
    readonly serviceDayId: string,
    readonly enterprisesServed: string[],
    readonly outcome: string,
    readonly context: CommandContext,
  ) {}
}

/** 上门服务日结束: records the enterprises served and the outcome. */
@CommandHandler(ConcludeServiceDay)
export class ConcludeServiceDayHandler implements ICommandHandler<ConcludeServiceDay, ServiceDay> {
  constructor(
    @InjectAggregate(ServiceDays) private readonly days: AggregateRepository<ServiceDay>,
    @InjectSnapshots(Enterprises) private readonly enterprises: Model<Snapshot<Enterprise>>,
  ) {}

  async execute({ serviceDayId, enterprisesServed, outcome, context }: ConcludeServiceDay): Promise<ServiceDay> {
    const served = await this.enterprises.find({ _id: { $in: enterprisesServed } }).lean<Enterprise[]>().exec();
    const { state } = await this.days.decideAndSave(
      serviceDayId,
      (loaded) => ({ definition: ServiceDayConcluded, data: decideConclusion(loaded.state, serviceDayId, served, enterprisesServed, outcome) }),
      context,
    );
    return state;
  }
}
