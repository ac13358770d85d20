import { Schema } from 'mongoose';

export const ORGANIZATION_VIEW = 'OrganizationView';

export interface OrganizationView {
  _id: string;
  name: string;
  type: string;
  parentId: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  version: number;
}

/** The gateway's own copy of organizations, built from membership's events. */
export const OrganizationViewSchema = new Schema<OrganizationView>(
  {
    _id: String,
    name: String,
    type: String,
    parentId: { type: String, default: null },
    districtId: String,
    subDistrictId: String,
    zoneId: { type: String, default: null },
    version: Number,
  },
  { collection: 'organization_views', versionKey: false },
);
OrganizationViewSchema.index({ districtId: 1, subDistrictId: 1, zoneId: 1 });
