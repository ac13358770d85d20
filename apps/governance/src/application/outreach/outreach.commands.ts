import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { OutreachCampaignLaunched, OutreachVisitRecordedData, OutreachVisitRecorded } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, InjectAggregate, InjectSnapshots } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import type { GridWorker } from '../../domain/grid/grid';
import { decideCampaign, decideVisit, OutreachCampaign } from '../../domain/outreach/campaign';
import { Campaigns, GridWorkers } from '../../infrastructure/aggregates';
import { Caller } from '../caller';

/** 宣传政策法规: launch a campaign in a zone. */
export class LaunchCampaign {
  constructor(
    readonly request: { campaignId: string; title: string; topics: string[]; startsOn: string; endsOn: string; zoneId: string },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(LaunchCampaign)
export class LaunchCampaignHandler implements ICommandHandler<LaunchCampaign, OutreachCampaign> {
  constructor(
    @InjectAggregate(Campaigns) private readonly campaigns: AggregateRepository<OutreachCampaign>,
    private readonly known: MembershipReference,
  ) {}

  async execute({ request, caller }: LaunchCampaign): Promise<OutreachCampaign> {
    const zone = await this.known.zone(request.zoneId);
    if (zone) assertInScope(caller.actor, zone, '该片区');
    const { state } = await this.campaigns.decideAndSave(
      request.campaignId,
      (loaded) => ({ definition: OutreachCampaignLaunched, data: decideCampaign(loaded.state, zone, request) }),
      caller.context,
    );
    return state;
  }
}

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

export class FindCampaigns {
  constructor(readonly filter: Record<string, string | undefined>) {}
}

@QueryHandler(FindCampaigns)
export class FindCampaignsHandler implements IQueryHandler<FindCampaigns> {
  constructor(@InjectSnapshots(Campaigns) private readonly campaigns: Model<OutreachCampaign & { _id: string }>) {}

  execute({ filter }: FindCampaigns) {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    return this.campaigns.find(query, { _id: 0, lastEventAt: 0, visitIds: 0 }).sort({ startsOn: -1 }).limit(200).lean().exec();
  }
}
