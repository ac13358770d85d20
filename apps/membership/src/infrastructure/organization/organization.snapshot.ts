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
    secretaryMemberId: { type: String, default: null },
    secretaryAppointedOn: { type: String, default: null },
    termNumber: { type: Number, default: null },
    termStart: { type: String, default: null },
    termEnd: { type: String, default: null },
    termReminded: { type: Boolean, default: false },
    instructors: { type: [new Schema({ instructorId: String, name: String, assignedOn: String }, { _id: false })], default: [] },
    threeInOne: { type: Schema.Types.Mixed, default: null },
    version: { type: Number, required: true },
    lastEventAt: { type: Date, required: true },
  },
  { collection: 'organizations', versionKey: false },
);
OrganizationSnapshotSchema.index({ districtId: 1, subDistrictId: 1, zoneId: 1 });
OrganizationSnapshotSchema.index({ parentId: 1 });
// The term-reminder sweep looks for unreminded terms ending soon.
OrganizationSnapshotSchema.index({ termReminded: 1, termEnd: 1 });
OrganizationSnapshotSchema.index({ zoneId: 1, type: 1 });
