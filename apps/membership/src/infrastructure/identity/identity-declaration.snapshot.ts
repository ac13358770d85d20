import { Schema } from 'mongoose';
import type { IdentityDeclaration } from '../../domain/identity/identity-declaration';

export const IDENTITY_DECLARATION_SNAPSHOT = 'IdentityDeclarationSnapshot';
export type IdentityDeclarationSnapshot = IdentityDeclaration & { _id: string; version: number; lastEventAt: Date };

const optional = { type: String, default: null };

export const IdentityDeclarationSnapshotSchema = new Schema<IdentityDeclarationSnapshot>(
  {
    _id: { type: String, required: true },
    declarationId: { type: String, required: true },
    name: { type: String, required: true },
    gender: { type: String, required: true },
    organizationId: { type: String, required: true },
    homeOrganizationName: optional,
    employerName: optional,
    declaredJoinedOn: { type: String, required: true },
    declaredOn: { type: String, required: true },
    districtId: { type: String, required: true },
    subDistrictId: { type: String, required: true },
    zoneId: optional,
    status: { type: String, required: true },
    verifiedOn: optional,
    rejectedOn: optional,
    rejectionReason: optional,
    version: { type: Number, required: true },
    lastEventAt: { type: Date, required: true },
  },
  { collection: 'identity_declarations', versionKey: false },
);
IdentityDeclarationSnapshotSchema.index({ organizationId: 1, _id: 1 });
