import type { EventEnvelope, RecommendationRecordedData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { isValidCalendarDate } from './id-number';

/** 三优三推 recommendation, as recorded; it changes nothing else by itself. */
export type Recommendation = RecommendationRecordedData & { recordedAt: string };

export function evolveRecommendation(_: Recommendation | null, event: EventEnvelope): Recommendation {
  if (event.type !== 'membership.RecommendationRecorded.v1') throw new Error(`Recommendation cannot apply ${event.type}`);
  return { ...(event.data as unknown as RecommendationRecordedData), recordedAt: event.time };
}

export function decideRecommendation(existing: Recommendation | null, data: RecommendationRecordedData, today: string): RecommendationRecordedData {
  if (existing) throw new DomainError('conflict', 'RECOMMENDATION_EXISTS', `推荐 ${data.recommendationId} 已记录`, { recommendationId: data.recommendationId });
  if (!isValidCalendarDate(data.recommendedOn) || data.recommendedOn > today) {
    throw new DomainError('invalid', 'INVALID_DATE', 'recommendedOn 须为不晚于今天的有效日期', { field: 'recommendedOn' });
  }
  return { ...data, name: data.name.trim(), reason: data.reason.trim() };
}
