import { Schema } from 'mongoose';
import { indexJurisdiction } from './write-once';

/**
 * 两新覆盖 (docs/services/gateway.md, "两新 coverage"): who works where and which organization is
 * hosted by whom, kept apart from membership's reference data because the coverage projector
 * counts them within the batch that changes them (the reference data is written at a batch's end).
 */

export const TWO_NEW_EMPLOYMENT_VIEW = 'TwoNewEmploymentView';

/** A member's employer (by credit code), and whether the member still counts; no names. */
export interface TwoNewEmploymentView {
  _id: string;
  employerCreditCode?: string | null;
  /** false once the membership has ended. */
  counted?: boolean;
  version: number;
}

export const TwoNewEmploymentViewSchema = new Schema<TwoNewEmploymentView>(
  { _id: String, employerCreditCode: { type: String, default: null }, counted: Boolean, version: Number },
  { collection: 'two_new_employments', versionKey: false },
);
TwoNewEmploymentViewSchema.index({ employerCreditCode: 1 });

export const TWO_NEW_HOST_VIEW = 'TwoNewHostView';

/** The enterprise hosting a Party organization (依托单位), by credit code. */
export interface TwoNewHostView {
  _id: string;
  hostCreditCode?: string | null;
  version: number;
}

export const TwoNewHostViewSchema = new Schema<TwoNewHostView>(
  { _id: String, hostCreditCode: { type: String, default: null }, version: Number },
  { collection: 'two_new_hosts', versionKey: false },
);
TwoNewHostViewSchema.index({ hostCreditCode: 1 });

export const ENTERPRISE_COVERAGE_VIEW = 'EnterpriseCoverageView';

/**
 * One enterprise (by credit code) with its coverage, recounted from the two views above. A
 * document exists as soon as a member or an organization names the code; `registered` (and
 * the name and place) once enterprise's registration arrives: only registered ones are counted.
 */
export interface EnterpriseCoverageView {
  _id: string;
  registered?: boolean;
  name?: string;
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string;
  members: number;
  organizations: number;
  withMembers: boolean;
  covered: boolean;
  flagged: boolean;
  version: number;
}

export const EnterpriseCoverageViewSchema = new Schema<EnterpriseCoverageView>(
  {
    _id: String,
    registered: Boolean,
    name: String,
    districtId: String,
    subDistrictId: String,
    zoneId: String,
    members: Number,
    organizations: Number,
    withMembers: Boolean,
    covered: Boolean,
    flagged: Boolean,
    version: Number,
  },
  { collection: 'enterprise_coverage_views', versionKey: false },
);
indexJurisdiction(EnterpriseCoverageViewSchema);
// The city's figures and list: no place to start from.
EnterpriseCoverageViewSchema.index({ registered: 1 });
