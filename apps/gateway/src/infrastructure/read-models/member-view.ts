import { Schema } from 'mongoose';

export const MEMBER_VIEW = 'MemberView';

/**
 * Where each member is counted: organization and jurisdiction, full or
 * probationary, floating or not, still here or checked out. No names: the
 * dashboards need counts, not people.
 */
export interface MemberView {
  _id: string;
  organizationId: string;
  status?: 'FULL' | 'PROBATIONARY';
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  floating: boolean;
  present: boolean;
  version: number;
}

export const MemberViewSchema = new Schema<MemberView>(
  {
    _id: String,
    organizationId: String,
    status: String,
    districtId: String,
    subDistrictId: String,
    zoneId: { type: String, default: null },
    floating: { type: Boolean, default: false },
    present: { type: Boolean, default: true },
    version: Number,
  },
  { collection: 'member_views', versionKey: false },
);
MemberViewSchema.index({ districtId: 1, subDistrictId: 1, zoneId: 1, present: 1, floating: 1 });
