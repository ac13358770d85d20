import { Schema } from 'mongoose';
import type { Recommendation } from '../../domain/member/recommendation';

export const RECOMMENDATION_SNAPSHOT = 'RecommendationSnapshot';
export type RecommendationSnapshot = Recommendation & { _id: string; version: number; lastEventAt: Date };

const optional = { type: String, default: null };

export const RecommendationSnapshotSchema = new Schema<RecommendationSnapshot>(
  {
    _id: { type: String, required: true },
    recommendationId: { type: String, required: true },
    kind: { type: String, required: true },
    memberId: optional,
    name: { type: String, required: true },
    organizationId: { type: String, required: true },
    sourceContext: { type: String, required: true },
    enterpriseCreditCode: optional,
    reason: { type: String, required: true },
    recommendedOn: { type: String, required: true },
    districtId: { type: String, required: true },
    subDistrictId: { type: String, required: true },
    zoneId: optional,
    recordedAt: { type: String, required: true },
    version: { type: Number, required: true },
    lastEventAt: { type: Date, required: true },
  },
  { collection: 'recommendations', versionKey: false },
);
RecommendationSnapshotSchema.index({ organizationId: 1, _id: 1 });
