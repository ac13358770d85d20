import { Schema } from 'mongoose';

export const JURISDICTION_VIEW = 'JurisdictionView';

/** The jurisdiction tree as membership publishes it; used to place zones in sub-districts and districts. */
export interface JurisdictionView {
  _id: string;
  level: 'CITY' | 'DISTRICT' | 'SUB_DISTRICT' | 'ZONE';
  name: string;
  parentId: string | null;
  districtId: string | null;
  subDistrictId: string | null;
  zoneId: string | null;
  zoneKind: string | null;
  surveyed?: boolean;
  pilot?: boolean;
  demonstration?: boolean;
  version: number;
}

export const JurisdictionViewSchema = new Schema<JurisdictionView>(
  {
    _id: String,
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
    version: Number,
  },
  { collection: 'jurisdiction_views', versionKey: false },
);
JurisdictionViewSchema.index({ level: 1, districtId: 1, subDistrictId: 1 });
