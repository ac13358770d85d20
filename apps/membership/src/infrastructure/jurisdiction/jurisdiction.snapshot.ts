import { Schema } from 'mongoose';
import { JURISDICTION_LEVELS, ZONE_KINDS } from '@pb/contracts';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';

export const JURISDICTION_SNAPSHOT = 'JurisdictionSnapshot';

export type JurisdictionDocument = Jurisdiction & { _id: string; version: number; lastEventAt: Date };

/** Current state of each jurisdiction: the tree queries and the organization rules read it. */
export const JurisdictionSnapshotSchema = new Schema<JurisdictionDocument>(
  {
    _id: { type: String, required: true },
    jurisdictionId: { type: String, required: true },
    level: { type: String, enum: JURISDICTION_LEVELS, required: true },
    name: { type: String, required: true },
    parentId: { type: String, default: null },
    districtId: { type: String, default: null },
    subDistrictId: { type: String, default: null },
    zoneId: { type: String, default: null },
    zoneKind: { type: String, enum: [...ZONE_KINDS, null], default: null },
    surveyed: { type: Boolean, default: false },
    pilot: { type: Boolean, default: false },
    demonstration: { type: Boolean, default: false },
    registeredAt: { type: String, required: true },
    version: { type: Number, required: true },
    lastEventAt: { type: Date, required: true },
  },
  { collection: 'jurisdictions', versionKey: false },
);
JurisdictionSnapshotSchema.index({ parentId: 1 });
JurisdictionSnapshotSchema.index({ districtId: 1, subDistrictId: 1, level: 1 });
