import type { AssessmentScoredData, EventEnvelope, HonourRegisteredData, PointsRulesSetData, RecommendationMadeData } from '@pb/contracts';
import type { PointsCounters } from '@pb/contracts';
import { ASSESSMENT_ITEMS } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';

export type PointsRules = PointsRulesSetData;

/** Rules in force until someone sets others. */
export const DEFAULT_POINTS_RULES: PointsRules = {
  rulesId: 'points-rules',
  attendancePoints: 2,
  volunteerHourPoints: 1,
  pledgeKeptPoints: 5,
  starThresholds: [5, 15, 30, 50, 80],
  flagAveragePoints: 20,
};

export function evolvePointsRules(_: PointsRules | null, event: EventEnvelope): PointsRules {
  if (event.type === 'activities.PointsRulesSet.v1') return event.data as unknown as PointsRulesSetData;
  throw new Error(`PointsRules cannot apply ${event.type}`);
}

export function decidePointsRules(request: PointsRulesSetData): PointsRulesSetData {
  const t = request.starThresholds;
  if (t.some((v, i) => i > 0 && v <= t[i - 1])) throw new DomainError('invalid', 'THRESHOLDS_NOT_ASCENDING', 'starThresholds 须严格递增（1 星到 5 星）', { starThresholds: t });
  return request;
}

export type MemberActivityTotals = PointsCounters;

/** 一个党员一颗星 and 一个支部一面旗 are decided by the one shared computation (libs/contracts, also the gateway's). */
export { branchFlagOf, starsOf as pointsOf } from '@pb/contracts';

/** 党建品牌 / 示范点 */
export type Honour = HonourRegisteredData & { registeredAt: string };

export function evolveHonour(_: Honour | null, event: EventEnvelope): Honour {
  if (event.type === 'activities.HonourRegistered.v1') return { ...(event.data as unknown as HonourRegisteredData), registeredAt: event.time };
  throw new Error(`Honour cannot apply ${event.type}`);
}

/** What membership's reference data knows of the place an honour names; null: not registered. */
export interface HonourPlace {
  subDistrict: { districtId: string | null; level: string } | null;
  zone: { districtId: string; subDistrictId: string } | null;
  organization: { districtId: string; subDistrictId: string; zoneId: string | null } | null;
}

/** An honour belongs to a registered sub-district (and zone), and its organization, if named, lies there. */
export function decideHonour(existing: Honour | null, request: HonourRegisteredData, place: HonourPlace): HonourRegisteredData {
  if (existing) throw new DomainError('conflict', 'HONOUR_EXISTS', `${request.name} 已认定`, { honourId: request.honourId });
  const { districtId, subDistrictId, zoneId, organizationId } = request;
  if (!place.subDistrict || place.subDistrict.level !== 'SUB_DISTRICT' || place.subDistrict.districtId !== districtId) {
    throw new DomainError('invalid', 'PLACE_NOT_FOUND', `subDistrictId：区县 ${districtId} 下没有已登记的街道 ${subDistrictId}`, { districtId, subDistrictId });
  }
  if (zoneId && (!place.zone || place.zone.districtId !== districtId || place.zone.subDistrictId !== subDistrictId)) {
    throw new DomainError('invalid', 'PLACE_NOT_FOUND', `zoneId：街道 ${subDistrictId} 下没有已登记的片区 ${zoneId}`, { subDistrictId, zoneId });
  }
  if (organizationId) {
    const org = place.organization;
    if (!org) throw new DomainError('invalid', 'ORGANIZATION_NOT_FOUND', `organizationId：党组织 ${organizationId} 未登记（或尚未同步）`, { organizationId });
    if (org.districtId !== districtId || org.subDistrictId !== subDistrictId || (zoneId && org.zoneId !== zoneId)) {
      throw new DomainError('invalid', 'ORGANIZATION_ELSEWHERE', `organizationId：党组织 ${organizationId} 不在所填辖区`, { organizationId });
    }
  }
  return { ...request, name: request.name.trim() };
}

/** 五规范五提升 assessment of one organization for one year; re-scoring replaces the scores. */
export type Assessment = AssessmentScoredData & { scoredAt: string };

export function evolveAssessment(_: Assessment | null, event: EventEnvelope): Assessment {
  if (event.type === 'activities.AssessmentScored.v1') return { ...(event.data as unknown as AssessmentScoredData), scoredAt: event.time };
  throw new Error(`Assessment cannot apply ${event.type}`);
}

export function assessmentId(organizationId: string, period: string): string {
  return `assess-${organizationId}-${period}`;
}

export function decideAssessment(organizationId: string, period: string, scores: { item: string; score: number }[]): AssessmentScoredData {
  const byItem = new Map(scores.map((s) => [s.item, s.score]));
  const missing = ASSESSMENT_ITEMS.filter((i) => !byItem.has(i));
  if (missing.length > 0 || byItem.size !== scores.length) {
    throw new DomainError('invalid', 'CHECKLIST_INCOMPLETE', `须为每一项各打一次分，缺少：${missing.join('、') || '（有重复项）'}`, { missing });
  }
  const items = ASSESSMENT_ITEMS.map((item) => ({ item, score: byItem.get(item)! }));
  return { assessmentId: assessmentId(organizationId, period), organizationId, period, items, total: items.reduce((a, b) => a + b.score, 0) };
}

/** 三优三推 recommendation made here before membership became their one home: kept readable. */
export type Recommendation = RecommendationMadeData & { madeAt: string };

export function evolveRecommendation(_: Recommendation | null, event: EventEnvelope): Recommendation {
  if (event.type === 'activities.RecommendationMade.v1') return { ...(event.data as unknown as RecommendationMadeData), madeAt: event.time };
  throw new Error(`Recommendation cannot apply ${event.type}`);
}
