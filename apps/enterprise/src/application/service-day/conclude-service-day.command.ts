import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Length } from 'class-validator';
import { Model } from 'mongoose';
import { ServiceDayConcluded } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate, InjectSnapshots, Snapshot } from '@pb/messaging';
import { MultiLineText } from '@pb/platform';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { decideConclusion, ServiceDay } from '../../domain/service-day/service-day';
import { Enterprises, ServiceDays } from '../../infrastructure/aggregates';
import { IsCreditCode, text } from '../shared/common.dto';

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
    const served = await this.enterprises
      .find({ _id: { $in: enterprisesServed } })
      .lean<Enterprise[]>()
      .exec();
    const { state } = await this.days.decideAndSave(
      serviceDayId,
      (loaded) => ({ definition: ServiceDayConcluded, data: decideConclusion(loaded.state, serviceDayId, served, enterprisesServed, outcome) }),
      context,
    );
    return state;
  }
}

export class ConcludeServiceDayDto {
  @ApiProperty({ description: '服务的企业（统一社会信用代码）' })
  @IsArray({ message: 'enterprisesServed 须为数组' })
  @ArrayMaxSize(1000, { message: 'enterprisesServed 最多 1000 家' })
  @IsCreditCode({ each: true })
  enterprisesServed!: string[];
  @MultiLineText() @ApiProperty({ description: '成效' }) @IsString({ message: 'outcome 须为字符串' }) @Length(1, 2000, text('outcome', 2000)) outcome!: string;
}
