import { Schema } from 'mongoose';
import { indexJurisdiction } from './write-once';

/** Period keys in China time, kept on records so a period is an equality filter. */
export interface PeriodKeys {
  year: string;
  quarter: string;
  month: string;
}

const jurisdiction = { districtId: String, subDistrictId: String, zoneId: { type: String, default: null } };
const periodKeys = { year: String, quarter: String, month: String };

export const ACTIVITY_VIEW = 'ActivityView';

/**
 * One activity, with its attendance figures kept as counters: each participation event moves
 * them by what it changes in its lines, once (see `countedVersion`), so they always equal a
 * count of the activity's participation documents without reading them.
 */
export interface ActivityView extends Partial<PeriodKeys> {
  _id: string;
  kind: string;
  startsAt: string;
  endsAt: string;
  organizationId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED';
  /** Registered or on leave: those who were due to come (应到). */
  expected: number;
  /** Checked in (实到). */
  attended: number;
  volunteerHours: number;
  /** The version of the latest ActivityRescheduled applied, once it has moved. */
  movedAtVersion?: number;
  /** The latest participation event counted into expected / attended / volunteerHours. */
  countedVersion?: number;
  version: number;
}

export const ActivityViewSchema = new Schema<ActivityView>(
  {
    _id: String,
    kind: String,
    startsAt: String,
    endsAt: String,
    organizationId: String,
    ...jurisdiction,
    ...periodKeys,
    status: String,
    expected: { type: Number, default: 0 },
    attended: { type: Number, default: 0 },
    volunteerHours: { type: Number, default: 0 },
    movedAtVersion: Number,
    countedVersion: Number,
    version: Number,
  },
  { collection: 'activity_views', versionKey: false },
);
indexJurisdiction(ActivityViewSchema);

export const PARTICIPATION_VIEW = 'ParticipationView';

/**
 * One member at one activity (`<activityId>:<memberId>`), guarded by the
 * activity's version. Carries the activity's jurisdiction and period so member
 * points are counted without a join.
 */
export interface ParticipationView extends Partial<PeriodKeys> {
  _id: string;
  activityId: string;
  memberId: string;
  organizationId?: string;
  status?: 'REGISTERED' | 'WAITLISTED' | 'WITHDRAWN' | 'ON_LEAVE';
  checkedIn?: boolean;
  volunteerHours?: number;
  activityStatus?: string;
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string | null;
  version: number;
}

export const ParticipationViewSchema = new Schema<ParticipationView>(
  {
    _id: String,
    activityId: String,
    memberId: String,
    organizationId: String,
    status: String,
    checkedIn: Boolean,
    volunteerHours: Number,
    activityStatus: String,
    ...jurisdiction,
    ...periodKeys,
    version: Number,
  },
  { collection: 'participation_views', versionKey: false },
);
ParticipationViewSchema.index({ activityId: 1 });
indexJurisdiction(ParticipationViewSchema);

export const VOLUNTEER_CLAIM_VIEW = 'VolunteerClaimView';

/** Self-reported volunteer hours 志愿时长自主申报; only approved ones count. */
export interface VolunteerClaimView extends Partial<PeriodKeys> {
  _id: string;
  memberId: string;
  organizationId: string;
  servedOn: string;
  hours: number;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  version: number;
}

export const VolunteerClaimViewSchema = new Schema<VolunteerClaimView>(
  { _id: String, memberId: String, organizationId: String, servedOn: String, hours: Number, status: String, ...jurisdiction, ...periodKeys, version: Number },
  { collection: 'volunteer_claim_views', versionKey: false },
);
indexJurisdiction(VolunteerClaimViewSchema);

export const PLEDGE_VIEW = 'PledgeView';

/** Pledges 承诺; a kept one 践诺 counts in the period of its fulfilment day. */
export interface PledgeView extends Partial<PeriodKeys> {
  _id: string;
  memberId: string;
  organizationId: string;
  status: 'MADE' | 'FULFILLED' | 'LAPSED';
  fulfilledOn?: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  version: number;
}

export const PledgeViewSchema = new Schema<PledgeView>(
  { _id: String, memberId: String, organizationId: String, status: String, fulfilledOn: String, ...jurisdiction, ...periodKeys, version: Number },
  { collection: 'pledge_views', versionKey: false },
);
indexJurisdiction(PledgeViewSchema);

export const ORGANIZATION_LIFE_FINDING_VIEW = 'OrganizationLifeFindingView';

/** A branch that held too few 三会一课 in an ended month or quarter (raised once per branch, kind and unit). */
export interface OrganizationLifeFindingView {
  _id: string;
  organizationId: string;
  kind: string;
  /** 'YYYY-MM' or 'YYYY-Qn' */
  period: string;
  year: string;
  version: number;
}

export const OrganizationLifeFindingViewSchema = new Schema<OrganizationLifeFindingView>(
  { _id: String, organizationId: String, kind: String, period: String, year: String, version: Number },
  { collection: 'organization_life_finding_views', versionKey: false },
);
OrganizationLifeFindingViewSchema.index({ year: 1 });

export const POINTS_RULES_VIEW = 'PointsRulesView';

/** The points rules in force (积分规则), as activities last published them. */
export interface PointsRulesView {
  _id: string;
  attendancePoints: number;
  volunteerHourPoints: number;
  pledgeKeptPoints: number;
  starThresholds: number[];
  flagAveragePoints: number;
  version: number;
}

export const PointsRulesViewSchema = new Schema<PointsRulesView>(
  { _id: String, attendancePoints: Number, volunteerHourPoints: Number, pledgeKeptPoints: Number, starThresholds: [Number], flagAveragePoints: Number, version: Number },
  { collection: 'points_rules_views', versionKey: false },
);
