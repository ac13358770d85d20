import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutreachCampaignLaunched, OutreachVisitRecordedData, OutreachVisitRecorded } from '@pb/contracts';
import { assertInScope } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { MembershipReference } from '@pb/membership-reference';
import { decideCampaign, decideVisit, OutreachCampaign } from '../../domain/outreach/campaign';
import { CampaignRepository, GridWorkerRepository } from '../../infrastructure/repositories';
import { SNAPSHOTS } from '../../infrastructure/snapshots';
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
    private readonly campaigns: CampaignRepository,
    private readonly known: MembershipReference,
  ) {}

  async execute({ request, caller }: LaunchCampaign): Promise<OutreachCampaign> {
    const zone = await this.known.zone(request.zoneId);
    if (zone) assertInScope(caller.actor, zone, '该片区');
    const loaded = await this.campaigns.load(request.campaignId);
    const data = decideCampaign(loaded.state, zone, request);
    const { state } = await this.campaigns.save(loaded, { definition: OutreachCampaignLaunched, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, caller.context);
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
    private readonly campaigns: CampaignRepository,
    private readonly workers: GridWorkerRepository,
  ) {}

  async execute({ request, caller }: RecordVisit): Promise<OutreachCampaign> {
    const loaded = await this.campaigns.load(request.campaignId);
    if (!loaded.state) throw new DomainError('not_found', 'CAMPAIGN_NOT_FOUND', `宣传活动 ${request.campaignId} 不存在`, { campaignId: request.campaignId });
    assertInScope(caller.actor, loaded.state, '该宣传活动');
    const worker = (await this.workers.load(request.workerId)).state;
    const data = decideVisit(loaded.state, worker, request);
    const { state } = await this.campaigns.save(loaded, { definition: OutreachVisitRecorded, data, jurisdiction: { districtId: loaded.state.districtId, zoneId: loaded.state.zoneId } }, caller.context);
    return state;
  }
}

export class FindCampaigns {
  constructor(readonly filter: Record<string, string | undefined>) {}
}

@QueryHandler(FindCampaigns)
export class FindCampaignsHandler implements IQueryHandler<FindCampaigns> {
  constructor(@InjectModel(SNAPSHOTS.campaign) private readonly campaigns: Model<OutreachCampaign & { _id: string }>) {}

  execute({ filter }: FindCampaigns) {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    return this.campaigns.find(query, { _id: 0, lastEventAt: 0, visitIds: 0 }).sort({ startsOn: -1 }).limit(200).lean().exec();
  }
}
