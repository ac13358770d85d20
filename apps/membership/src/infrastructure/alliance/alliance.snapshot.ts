import { Schema } from 'mongoose';
import type { Alliance } from '../../domain/alliance/alliance';

export const ALLIANCE_SNAPSHOT = 'AllianceSnapshot';

export type AllianceDocument = Alliance & { _id: string; version: number; lastEventAt: Date };

/** Current state of each alliance: its member organizations and council departments. */
export const AllianceSnapshotSchema = new Schema<AllianceDocument>(
  {
    _id: { type: String, required: true },
    allianceId: { type: String, required: true },
    name: { type: String, required: true },
    foundingCommitteeId: { type: String, required: true },
    districtId: { type: String, required: true },
    subDistrictId: { type: String, required: true },
    zoneId: { type: String, default: null },
    formedOn: { type: String, required: true },
    members: { type: [new Schema({ organizationId: String, joinedOn: String }, { _id: false })], default: [] },
    departments: { type: [new Schema({ departmentId: String, name: String, headMemberId: { type: String, default: null } }, { _id: false })], default: [] },
    version: { type: Number, required: true },
    lastEventAt: { type: Date, required: true },
  },
  { collection: 'alliances', versionKey: false },
);
AllianceSnapshotSchema.index({ districtId: 1, subDistrictId: 1, zoneId: 1 });
AllianceSnapshotSchema.index({ 'members.organizationId': 1 });
