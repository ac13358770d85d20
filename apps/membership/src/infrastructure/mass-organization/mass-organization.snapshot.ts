import { Schema } from 'mongoose';
import { MASS_ORGANIZATION_KINDS } from '@pb/contracts';
import type { MassOrganization } from '../../domain/mass-organization/mass-organization';

export const MASS_ORGANIZATION_SNAPSHOT = 'MassOrganizationSnapshot';

export type MassOrganizationDocument = MassOrganization & { _id: string; version: number; lastEventAt: Date };

export const MassOrganizationSnapshotSchema = new Schema<MassOrganizationDocument>(
  {
    _id: { type: String, required: true },
    massOrganizationId: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: MASS_ORGANIZATION_KINDS, required: true },
    jointCommitteeId: { type: String, required: true },
    districtId: { type: String, required: true },
    subDistrictId: { type: String, required: true },
    zoneId: { type: String, default: null },
    formedAt: { type: String, required: true },
    version: { type: Number, required: true },
    lastEventAt: { type: Date, required: true },
  },
  { collection: 'mass_organizations', versionKey: false },
);
MassOrganizationSnapshotSchema.index({ jointCommitteeId: 1 });
MassOrganizationSnapshotSchema.index({ districtId: 1, subDistrictId: 1, zoneId: 1 });
