import { ModelDefinition } from '@nestjs/mongoose';
import { Schema } from 'mongoose';
import type { BuildingKind, JurisdictionRegisteredData, OrganizationType, ZoneDesignatedData } from '@pb/contracts';

export const JURISDICTION_REFERENCE = 'MembershipJurisdiction';
export const ORGANIZATION_REFERENCE = 'MembershipOrganization';
export const MEMBER_REFERENCE = 'MembershipMember';
export const BUILDING_REFERENCE = 'MembershipBuilding';

/** 辖区: the jurisdiction tree as membership registered it, and a zone's 摸排 / 试点 / 示范点 flags. */
export type JurisdictionReference = Omit<JurisdictionRegisteredData, 'jurisdictionId'> & Partial<Omit<ZoneDesignatedData, 'zoneId'>> & { _id: string; version: number };

/** 党组织: everything but the name is set once, by the registration (absent until it arrives). */
export interface OrganizationReference {
  _id: string;
  name: string;
  type?: OrganizationType;
  parentId?: string | null;
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string | null;
  /** 依托单位的统一社会信用代码: the enterprise hosting the organization, if it has a code. */
  hostCreditCode?: string | null;
  /** The version of the event that last set the host (依托单位变更 orders it apart). */
  hostVersion?: number;
  registeredAt?: string;
  /** 撤销 or merged away: left out of lists and counts. */
  dissolved?: boolean;
  /** 所在楼宇 (OrganizationLocated): the building or complex it is in; null or absent: none. */
  buildingId?: string | null;
  version: number;
}

/** 楼宇、综合体 (BuildingRegistered): a place inside a zone; every field is stated once, at registration. */
export interface BuildingReference {
  _id: string;
  name: string;
  kind: BuildingKind;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  version: number;
}

/**
 * 党员, as far as other services need one: where the membership is held, whether full, the
 * employer, a floating member's check-in or check-out: the facts that say where the member
 * counts (`countedPlaceOf` in @pb/contracts, through `standingOfReference`).
 */
export interface MemberReference {
  _id: string;
  /** 组织关系所在: set by the registration, moved by each completed transfer. */
  organizationId?: string;
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string | null;
  /** 正式党员; false: 预备党员. Only ever turns true. */
  full?: boolean;
  /** 工作单位的统一社会信用代码 */
  employerCreditCode?: string | null;
  /** The version of the event that last set the employer (a correction orders it apart). */
  employerVersion?: number;
  /** Personal data: stored only by a service that keeps names (`keepNames`). */
  name?: string;
  /** 流动党员报到: checked in with a local organization now, and where that organization is. */
  floating: boolean;
  floatingOrganizationId: string | null;
  floatingDistrictId?: string | null;
  floatingSubDistrictId?: string | null;
  floatingZoneId?: string | null;
  /** A floating member who checked out, until a check-in or a completed transfer (MemberStanding.checkedOut). */
  checkedOut?: boolean;
  /** 党籍终止 (MembershipEnded): counts nowhere. Only ever turns true. */
  ended?: boolean;
  version: number;
}

const JurisdictionReferenceSchema = new Schema<JurisdictionReference>(
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
  { collection: 'membership_jurisdictions', versionKey: false },
);
// The zones of a sub-district (gateway timelines); whether a district is known (enterprise policies).
JurisdictionReferenceSchema.index({ level: 1, districtId: 1, subDistrictId: 1 });
JurisdictionReferenceSchema.index({ districtId: 1, level: 1 });

const OrganizationReferenceSchema = new Schema<OrganizationReference>(
  {
    _id: String,
    name: String,
    type: String,
    parentId: { type: String, default: null },
    districtId: String,
    subDistrictId: String,
    zoneId: { type: String, default: null },
    hostCreditCode: { type: String, default: null },
    hostVersion: Number,
    registeredAt: String,
    dissolved: Boolean,
    buildingId: { type: String, default: null },
    version: Number,
  },
  { collection: 'membership_organizations', versionKey: false },
);
OrganizationReferenceSchema.index({ districtId: 1, subDistrictId: 1, zoneId: 1 });
OrganizationReferenceSchema.index({ type: 1 });
OrganizationReferenceSchema.index({ hostCreditCode: 1 });
// The organizations located in a building (a building's figures).
OrganizationReferenceSchema.index({ buildingId: 1 });

const BuildingReferenceSchema = new Schema<BuildingReference>(
  { _id: String, name: String, kind: String, districtId: String, subDistrictId: String, zoneId: String, version: Number },
  { collection: 'membership_buildings', versionKey: false },
);
BuildingReferenceSchema.index({ districtId: 1, subDistrictId: 1, zoneId: 1 });

const MemberReferenceSchema = new Schema<MemberReference>(
  {
    _id: String,
    organizationId: String,
    districtId: String,
    subDistrictId: String,
    zoneId: { type: String, default: null },
    full: Boolean,
    employerCreditCode: { type: String, default: null },
    employerVersion: Number,
    name: String,
    floating: { type: Boolean, default: false },
    floatingOrganizationId: { type: String, default: null },
    floatingDistrictId: { type: String, default: null },
    floatingSubDistrictId: { type: String, default: null },
    floatingZoneId: { type: String, default: null },
    checkedOut: { type: Boolean, default: false },
    ended: { type: Boolean, default: false },
    version: Number,
  },
  { collection: 'membership_members', versionKey: false },
);
MemberReferenceSchema.index({ organizationId: 1 });
MemberReferenceSchema.index({ districtId: 1, subDistrictId: 1, zoneId: 1 });
MemberReferenceSchema.index({ employerCreditCode: 1 });
MemberReferenceSchema.index({ floatingOrganizationId: 1 });
// Where members count (countedInFilters): checked in with an organization of the place.
MemberReferenceSchema.index({ floatingDistrictId: 1, floatingSubDistrictId: 1, floatingZoneId: 1, floating: 1 });

export const REFERENCE_VIEWS: ModelDefinition[] = [
  { name: JURISDICTION_REFERENCE, schema: JurisdictionReferenceSchema },
  { name: ORGANIZATION_REFERENCE, schema: OrganizationReferenceSchema },
  { name: MEMBER_REFERENCE, schema: MemberReferenceSchema },
  { name: BUILDING_REFERENCE, schema: BuildingReferenceSchema },
];
