import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ServiceDayConcluded } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { decideConclusion, ServiceDay } from '../../domain/service-day/service-day';
import { ServiceDayRepository } from '../../infrastructure/repositories';
import { Snapshot, SNAPSHOTS } from '../../infrastructure/snapshots';

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
    private readonly days: ServiceDayRepository,
    @InjectModel(SNAPSHOTS.enterprise.name) private readonly enterprises: Model<Snapshot<Enterprise>>,
  ) {}

  async execute({ serviceDayId, enterprisesServed, outcome, context }: ConcludeServiceDay): Promise<ServiceDay> {
    const loaded = await this.days.load(serviceDayId);
    const served = await this.enterprises.find({ _id: { $in: enterprisesServed } }).lean<Enterprise[]>().exec();
    const data = decideConclusion(loaded.state, serviceDayId, served, enterprisesServed, outcome);
    const { state } = await this.days.save(loaded, { definition: ServiceDayConcluded, data, jurisdiction: { districtId: loaded.state!.districtId, zoneId: loaded.state!.zoneId } }, context);
    return state;
  }
}
