import { Schema } from 'mongoose';
import type { JurisdictionLevel, OrganizationType, ZoneKind } from '@pb/contracts';

export const JURISDICTION_VIEW = 'JurisdictionView';
export const ORGANIZATION_VIEW = 'OrganizationView';

/**
 * The jurisdiction tree as membership's events describe it: governance's only
 * source for "which zones exist" (grids, committees and campaigns lie in them).
 */
export interface JurisdictionView {
  _id: string;
  level?: JurisdictionLevel;
  name?: string;
  parentId?: string | null;
  districtId?: string | null;
  subDistrictId?: string | null;
  zoneId?: string | null;
  zoneKind?: ZoneKind | null;
  surveyed?: boolean;
  pilot?: boolean;
  demonstration?: boolean;
  version: number;
}

export const JurisdictionViewSchema = new Schema<JurisdictionView>(
  {
    _id: { type: String, required: true },
    level: String,
    name: String,
    parentId: { type: String, default: null },
    districtId: { type: String, default: null },
    subDistrictId: { type: String, default: null },
    zoneId: { type: String, default: null },
    zoneKind: { type: String, default: null },
    surveyed: Boolean,
    pilot: Boolean,
    demonstration: Boolean,
    version: { type: Number, required: true },
  },
  { collection: 'jurisdictions', versionKey: false },
);
JurisdictionViewSchema.index({ level: 1, districtId: 1 });

/** Party organizations cases can be dispatched to, as membership's events describe them. */
export interface OrganizationView {
  _id: string;
  name?: string;
  type?: OrganizationType;
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string | null;
  version: number;
}

export const OrganizationViewSchema = new Schema<OrganizationView>(
  {
    _id: { type: String, required: true },
    name: String,
    type: String,
    districtId: String,
    subDistrictId: String,
    zoneId: { type: String, default: null },
    version: { type: Number, required: true },
  },
  { collection: 'organizations', versionKey: false },
);
OrganizationViewSchema.index({ districtId: 1, zoneId: 1 });
