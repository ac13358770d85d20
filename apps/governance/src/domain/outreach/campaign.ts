import type { EventEnvelope, OutreachCampaignLaunchedData, OutreachTargetKind, OutreachVisitRecordedData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { KnownZone, requireZone } from '../grid/grid';

/** 宣传政策法规 campaign; reach is summed from its visits. */
export interface OutreachCampaign {
  campaignId: string;
  title: string;
  topics: string[];
  startsOn: string;
  endsOn: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  visitIds: string[];
  visits: number;
  reach: number;
  reachByTarget: Record<OutreachTargetKind, number>;
  visitsByTarget: Record<OutreachTargetKind, number>;
}

export const MAX_VISITS_PER_CAMPAIGN = 5000;

export function evolveCampaign(state: OutreachCampaign | null, event: EventEnvelope): OutreachCampaign {
  switch (event.type) {
    case 'governance.OutreachCampaignLaunched.v1':
      return {
        ...(event.data as OutreachCampaignLaunchedData),
        visitIds: [],
        visits: 0,
        reach: 0,
        reachByTarget: { ENTERPRISE: 0, MERCHANT: 0, RESIDENT: 0 },
        visitsByTarget: { ENTERPRISE: 0, MERCHANT: 0, RESIDENT: 0 },
      };
    case 'governance.OutreachVisitRecorded.v1': {
      if (!state) throw new Error(`${event.type} before OutreachCampaignLaunched for ${event.subject}`);
      const d = event.data as OutreachVisitRecordedData;
      return {
        ...state,
        visitIds: [...state.visitIds, d.visitId],
        visits: state.visits + 1,
        reach: state.reach + d.reach,
        reachByTarget: { ...state.reachByTarget, [d.targetKind]: state.reachByTarget[d.targetKind] + d.reach },
        visitsByTarget: { ...state.visitsByTarget, [d.targetKind]: state.visitsByTarget[d.targetKind] + 1 },
      };
    }
    default:
      throw new Error(`OutreachCampaign cannot apply ${event.type}`);
  }
}

export function decideCampaign(
  existing: OutreachCampaign | null,
  zone: KnownZone | null,
  request: { campaignId: string; title: string; topics: string[]; startsOn: string; endsOn: string; zoneId: string },
): OutreachCampaignLaunchedData {
  if (existing) throw new DomainError('conflict', 'CAMPAIGN_EXISTS', `宣传活动 ${request.campaignId} 已存在`, { campaignId: request.campaignId });
  const z = requireZone(zone, request.zoneId);
  if (request.endsOn < request.startsOn) throw new DomainError('invalid', 'ENDS_BEFORE_START', 'endsOn 不能早于 startsOn', {});
  return {
    campaignId: request.campaignId,
    title: request.title.trim(),
    topics: [...new Set(request.topics.map((t) => t.trim()))],
    startsOn: request.startsOn,
    endsOn: request.endsOn,
    districtId: z.districtId,
    subDistrictId: z.subDistrictId,
    zoneId: z.zoneId,
  };
}

/** A visit happens during the campaign, by a worker of the campaign's zone. */
export function decideVisit(
  campaign: OutreachCampaign | null,
  worker: { workerId: string; zoneId: string } | null,
  request: Omit<OutreachVisitRecordedData, 'campaignId'> & { campaignId: string },
): OutreachVisitRecordedData {
  if (!campaign) throw new DomainError('not_found', 'CAMPAIGN_NOT_FOUND', `宣传活动 ${request.campaignId} 不存在`, { campaignId: request.campaignId });
  if (campaign.visitIds.includes(request.visitId)) throw new DomainError('conflict', 'VISIT_EXISTS', `走访记录 ${request.visitId} 已存在`, { visitId: request.visitId });
  if (campaign.visits >= MAX_VISITS_PER_CAMPAIGN) throw new DomainError('invalid', 'TOO_MANY_VISITS', `一项活动最多记录 ${MAX_VISITS_PER_CAMPAIGN} 次走访`, {});
  if (!worker) throw new DomainError('invalid', 'WORKER_NOT_FOUND', `网格员 ${request.workerId} 未登记`, { workerId: request.workerId });
  if (worker.zoneId !== campaign.zoneId) throw new DomainError('invalid', 'WORKER_IN_OTHER_ZONE', `网格员 ${request.workerId} 不属于活动所在片区`, { workerId: request.workerId });
  if (request.visitedOn < campaign.startsOn || request.visitedOn > campaign.endsOn) {
    throw new DomainError('invalid', 'VISIT_OUTSIDE_CAMPAIGN', `走访日期 ${request.visitedOn} 不在活动期间（${campaign.startsOn} 至 ${campaign.endsOn}）`, {});
  }
  return { ...request, targetName: request.targetName.trim() };
}
