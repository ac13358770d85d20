import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Schema } from 'mongoose';
import type { JurisdictionLevel } from '@pb/contracts';
import type { KnownZone } from '../domain/shared/zone';

/**
 * What the enterprise service knows of membership, learned only from its events
 * and keyed by the source aggregate's id, each written with applyIfNewer.
 */
export interface JurisdictionView {
  _id: string;
  level: JurisdictionLevel;
  name: string;
  districtId: string | null;
  subDistrictId: string | null;
  zoneId: string | null;
  version: number;
}

export interface OrganizationView {
  _id: string;
  name: string;
  /** 依托企业的统一社会信用代码: the enterprise has its own Party organization. */
  hostCreditCode: string | null;
  districtId: string;
  version: number;
}

/** A member as far as enterprises care: where they work and which organization they belong to. No name, no personal data. */
export interface MemberView {
  _id: string;
  employerCreditCode: string | null;
  organizationId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  version: number;
}

export const JURISDICTION_VIEW = 'MembershipJurisdictionView';
export const ORGANIZATION_VIEW = 'MembershipOrganizationView';
export const MEMBER_VIEW = 'MembershipMemberView';

const JurisdictionViewSchema = new Schema<JurisdictionView>(
  {
    _id: { type: String, required: true },
    level: String,
    name: String,
    districtId: { type: String, default: null },
    subDistrictId: { type: String, default: null },
    zoneId: { type: String, default: null },
    version: { type: Number, required: true },
  },
  { collection: 'membership_jurisdictions', versionKey: false },
);
JurisdictionViewSchema.index({ districtId: 1, level: 1 });

const OrganizationViewSchema = new Schema<OrganizationView>(
  {
    _id: { type: String, required: true },
    name: String,
    hostCreditCode: { type: String, default: null },
    districtId: String,
    version: { type: Number, required: true },
  },
  { collection: 'membership_organizations', versionKey: false },
);
OrganizationViewSchema.index({ hostCreditCode: 1 });

const MemberViewSchema = new Schema<MemberView>(
  {
    _id: { type: String, required: true },
    employerCreditCode: { type: String, default: null },
    organizationId: String,
    districtId: String,
    subDistrictId: String,
    zoneId: { type: String, default: null },
    version: { type: Number, required: true },
  },
  { collection: 'membership_members', versionKey: false },
);
MemberViewSchema.index({ employerCreditCode: 1 });
MemberViewSchema.index({ organizationId: 1 });

export const MEMBERSHIP_VIEW_FEATURES = [
  { name: JURISDICTION_VIEW, schema: JurisdictionViewSchema },
  { name: ORGANIZATION_VIEW, schema: OrganizationViewSchema },
  { name: MEMBER_VIEW, schema: MemberViewSchema },
];

export interface PartyFigures {
  /** 是否建有党组织 */
  hasPartyOrganization: boolean;
  partyOrganizationIds: string[];
  /** 在该企业工作的党员 (by employer) */
  partyMembersEmployed: number;
  /** 隶属该企业党组织的党员 (moves with transfers) */
  membersInOwnOrganizations: number;
}

const MAX_BATCH = 500;

/** Reads of the membership views: zones for placing records, Party figures for enterprises. */
@Injectable()
export class MembershipDirectory {
  constructor(
    @InjectModel(JURISDICTION_VIEW) private readonly jurisdictions: Model<JurisdictionView>,
    @InjectModel(ORGANIZATION_VIEW) private readonly organizations: Model<OrganizationView>,
    @InjectModel(MEMBER_VIEW) private readonly members: Model<MemberView>,
  ) {}

  async zone(zoneId: string): Promise<KnownZone | null> {
    const found = await this.jurisdictions.findOne({ _id: zoneId, level: 'ZONE' }).lean<JurisdictionView>().exec();
    if (!found?.districtId || !found.subDistrictId) return null;
    return { zoneId: found._id, name: found.name, districtId: found.districtId, subDistrictId: found.subDistrictId };
  }

  async districtKnown(districtId: string): Promise<boolean> {
    return (await this.jurisdictions.countDocuments({ districtId }).exec()) > 0;
  }

  /** Counts come from the view documents themselves, so redelivered events never inflate them. */
  async partyFigures(creditCodes: string[]): Promise<Map<string, PartyFigures>> {
    const codes = [...new Set(creditCodes)].slice(0, MAX_BATCH);
    const result = new Map<string, PartyFigures>(
      codes.map((c) => [c, { hasPartyOrganization: false, partyOrganizationIds: [], partyMembersEmployed: 0, membersInOwnOrganizations: 0 }]),
    );
    if (codes.length === 0) return result;
    const orgs = await this.organizations
      .find({ hostCreditCode: { $in: codes } }, { _id: 1, hostCreditCode: 1 })
      .limit(5000)
      .lean<{ _id: string; hostCreditCode: string }[]>()
      .exec();
    const hostOf = new Map<string, string>();
    for (const org of orgs) {
      const figures = result.get(org.hostCreditCode)!;
      figures.hasPartyOrganization = true;
      figures.partyOrganizationIds.push(org._id);
      hostOf.set(org._id, org.hostCreditCode);
    }
    // One accumulator per $group: FerretDB 1.x mis-sums when several are combined.
    const employed = await this.members
      .aggregate<{ _id: string; n: number }>([{ $match: { employerCreditCode: { $in: codes } } }, { $group: { _id: '$employerCreditCode', n: { $sum: 1 } } }])
      .exec();
    for (const row of employed) result.get(row._id)!.partyMembersEmployed = row.n;
    if (hostOf.size > 0) {
      const belonging = await this.members
        .aggregate<{ _id: string; n: number }>([{ $match: { organizationId: { $in: [...hostOf.keys()] } } }, { $group: { _id: '$organizationId', n: { $sum: 1 } } }])
        .exec();
      for (const row of belonging) result.get(hostOf.get(row._id)!)!.membersInOwnOrganizations += row.n;
    }
    return result;
  }
}
