import { Schema } from 'mongoose';
import { ORGANIZATION_TYPES } from '@pb/contracts';
import type { Organization } from '../../domain/organization/organization';

export const ORGANIZATION_SNAPSHOT = 'OrganizationSnapshot';

/** Current state of each organization: what queries read. */
export const OrganizationSnapshotSchema = new Schema<Organization & { _id: string; version: number; lastEventAt: Date }>(
  {
    _id: { type: String, required: true },
    organizationId: { type: String, required: true },
    name: { type: String, required: true },
    type: { type: String, enum: ORGANIZATION_TYPES, required: true },
    parentId: { type: String, default: null },
    districtId: { type: String, required: true },
    subDistrictId: { type: String, required: true },
    zoneId: { type: String, default: null },
    host: { type: { kind: String, name: String, creditCode: String }, default: null, _id: false },
    registeredAt: { type: String, required: true },
    version: { type: Number, required: true },
    lastEventAt: { type: Date, required: true },
  },
  { collection: 'organizations', versionKey: false },
);
OrganizationSnapshotSchema.index({ districtId: 1, subDistrictId: 1, zoneId: 1 });
OrganizationSnapshotSchema.index({ parentId: 1 });
