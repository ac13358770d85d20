import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { OUTREACH_TARGET_KINDS, OutreachTargetKind, OutreachVisitRecorded, OutreachVisitRecordedData } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope, DomainError } from '@pb/platform';
import type { GridWorker } from '../../domain/grid/grid';
import { decideVisit, OutreachCampaign } from '../../domain/outreach/campaign';
import { Campaigns, GridWorkers } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { DATE_MESSAGE, DATE_PATTERN, lengthMessage, oneOf, OptionalId } from '../shared/common.dto';

/** 入企入户: one visit and the people it reached. */
export class RecordVisit {
  constructor(
    readonly request: OutreachVisitRecordedData,
    readonly caller: Caller,
  ) {}
}

@CommandHandler(RecordVisit)
export class RecordVisitHandler implements ICommandHandler<RecordVisit, OutreachCampaign> {
  constructor(
    @InjectAggregate(Campaigns) private readonly campaigns: AggregateRepository<OutreachCampaign>,
    @InjectAggregate(GridWorkers) private readonly workers: AggregateRepository<GridWorker>,
  ) {}

  async execute({ request, caller }: RecordVisit): Promise<OutreachCampaign> {
    const { state } = await this.campaigns.decideAndSave(
      request.campaignId,
      async ({ state: campaign }) => {
        if (!campaign) throw new DomainError('not_found', 'CAMPAIGN_NOT_FOUND', `宣传活动 ${request.campaignId} 不存在`, { campaignId: request.campaignId });
        assertInScope(caller.actor, campaign, '该宣传活动');
        const worker = (await this.workers.load(request.workerId)).state;
        return { definition: OutreachVisitRecorded, data: decideVisit(campaign, worker, request) };
      },
      caller.context,
    );
    return state;
  }
}

export class RecordVisitDto {
  @ApiPropertyOptional({ description: '走访编号；不填则自动生成' }) @OptionalId() visitId?: string;
  @ApiPropertyOptional({ description: '网格员编号；网格员本人记录时可不填' }) @OptionalId() workerId?: string;
  @ApiProperty({ enum: OUTREACH_TARGET_KINDS }) @IsIn(OUTREACH_TARGET_KINDS, oneOf('targetKind', OUTREACH_TARGET_KINDS)) targetKind!: OutreachTargetKind;
  @ApiProperty({ description: '走访对象（企业、商户名称或居民群体）' })
  @IsString({ message: 'targetName 须为字符串' })
  @Length(1, 100, lengthMessage('targetName', 1, 100))
  targetName!: string;
  @ApiProperty({ description: '覆盖人数' })
  @IsInt({ message: 'reach 须为 1 到 100000 的整数' })
  @Min(1, { message: 'reach 须为 1 到 100000 的整数' })
  @Max(100000, { message: 'reach 须为 1 到 100000 的整数' })
  reach!: number;
  @ApiProperty() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) visitedOn!: string;
}
