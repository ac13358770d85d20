import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { BuildingKind, MemberStatus, OrganizationType } from '@pb/contracts';
import { findEach } from '@pb/platform/find-each';
import { afterPosition, PagePosition } from '@pb/platform/http/page-cursor';
import {
  BUILDING_REFERENCE,
  BuildingReference,
  JURISDICTION_REFERENCE,
  JurisdictionReference,
  MEMBER_REFERENCE,
  MemberReference,
  ORGANIZATION_REFERENCE,
  OrganizationReference,
} from './reference-views';
import { countedInFilters, PlaceFilter } from './zone-members';

/** A zone known to be registered, with the levels above it. */
export interface KnownZone {
  zoneId: string;
  name: string;
  districtId: string;
  subDistrictId: string;
}

/** 楼宇、综合体 membership registered, with the zone it lies in. */
export interface KnownBuilding {
  buildingId: string;
  name: string;
  kind: BuildingKind;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** What is located in a building, by membership's facts. */
export interface PartyFiguresInBuilding {
  /** Standing organizations located there (OrganizationLocated). */
  organizations: number;
  /** Members who count in those organizations (countedPlaceOf). */
  members: number;
}

/** An organization whose registration has arrived (a rename alone does not make it known). */
export interface KnownOrganization {
  organizationId: string;
  name: string;
  type: OrganizationType;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  registeredAt: string | null;
  /** 撤销 or merged away (OrganizationDissolved / OrganizationMerged): known for history, takes on nothing new. */
  dissolved: boolean;
}

/** Where a member takes part: their organization, and the one they checked in with as a floating member. */
export interface MemberPlacement {
  memberId: string;
  organizationId: string;
  floatingOrganizationId: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  /** null where names are not kept. */
  name: string | null;
  status: MemberStatus | null;
  /** 党籍终止: the membership ended (MembershipEnded); the member takes part in nothing any more. */
  ended: boolean;
}

/** The Party figures of a dashboard 看板: the members who count in the place (countedPlaceOf, @pb/contracts). */
export interface PartyFiguresInPlace {
  organizations: number;
  members: number;
  floatingMembers: number;
  probationaryMembers: number;
}

/** An enterprise's Party figures, by its credit code. */
export interface EnterprisePartyFigures {
  /** 是否建有党组织 */
  hasPartyOrganization: boolean;
  partyOrganizationIds: string[];
  /** 在该企业工作的党员 (by employer) */
  partyMembersEmployed: number;
  /** 隶属该企业党组织的党员 (moves with transfers) */
  membersInOwnOrganizations: number;
}

/** The fields a listed organization shows. */
const LISTED_ORGANIZATION = { name: 1, type: 1, parentId: 1, districtId: 1, subDistrictId: 1, zoneId: 1, version: 1 } as const;
const MAX_CREDIT_CODES = 500;
/** Organizations that still stand: dissolved and merged ones leave lists and counts. */
const STANDING = { dissolved: { $ne: true } } as const;

function statusOf(member: MemberReference): MemberStatus | null {
  if (member.full === undefined) return null;
  return member.full ? 'FULL' : 'PROBATIONARY';
}

/**
 * The questions services ask of membership's reference data, answered from their own
 * copy (see MembershipReferenceProjector). Lists start from an equality on an indexed field
 * where the caller gives one (FerretDB scans for anything else; docs/architecture.md).
 */
@Injectable()
export class MembershipReference {
  constructor(
    @InjectModel(JURISDICTION_REFERENCE) private readonly jurisdictions: Model<JurisdictionReference>,
    @InjectModel(ORGANIZATION_REFERENCE) private readonly organizations: Model<OrganizationReference>,
    @InjectModel(MEMBER_REFERENCE) private readonly members: Model<MemberReference>,
    @InjectModel(BUILDING_REFERENCE) private readonly buildings: Model<BuildingReference>,
  ) {}

  // ---------------------------------------------------------------- 辖区 jurisdictions

  jurisdiction(jurisdictionId: string): Promise<JurisdictionReference | null> {
    return this.jurisdictions.findById(jurisdictionId).lean<JurisdictionReference>().exec();
  }

  /** Known once its registration, with district and sub-district, has arrived. */
  async zone(zoneId: string): Promise<KnownZone | null> {
    const z = await this.jurisdiction(zoneId);
    if (!z || z.level !== 'ZONE' || !z.districtId || !z.subDistrictId) return null;
    return { zoneId: z._id, name: z.name, districtId: z.districtId, subDistrictId: z.subDistrictId };
  }

  async zoneIdsIn(subDistrictId: string): Promise<string[]> {
    const zones = await this.jurisdictions.find({ level: 'ZONE', subDistrictId }, { _id: 1 }).lean<{ _id: string }[]>().exec();
    return zones.map((z) => z._id);
  }

  /** Whether anything registered lies in the district (the district itself included). */
  async districtKnown(districtId: string): Promise<boolean> {
    return (await this.jurisdictions.exists({ districtId }).exec()) !== null;
  }

  // ---------------------------------------------------------------- 楼宇、综合体 buildings

  async building(buildingId: string): Promise<KnownBuilding | null> {
    return knownBuilding(await this.buildings.findById(buildingId).lean<BuildingReference>().exec());
  }

  /** In the order asked, null for each one not known. */
  async buildingsById(buildingIds: string[]): Promise<(KnownBuilding | null)[]> {
    const found = await findEach(buildingIds, (id) => this.buildings.findById(id).lean<BuildingReference>().exec());
    const byId = new Map(found.map((b) => [b._id, knownBuilding(b)]));
    return buildingIds.map((id) => byId.get(id) ?? null);
  }

  /**
   * The standing organizations located in a building and the members who count in them (the
   * rule membership's own `GET /buildings/:id` applies). A building holds a handful of
   * organizations: all are read, none left out.
   */
  async partyFiguresInBuilding(buildingId: string): Promise<PartyFiguresInBuilding> {
    const orgs = await this.organizations
      .find({ buildingId, ...STANDING }, { _id: 1 })
      .lean<{ _id: string }[]>()
      .exec();
    const perOrganization = await this.countedMembersPerOrganization(orgs.map((o) => o._id));
    let members = 0;
    for (const n of perOrganization.values()) members += n;
    return { organizations: orgs.length, members };
  }

  // ---------------------------------------------------------------- 党组织 organizations

  async organization(organizationId: string): Promise<KnownOrganization | null> {
    return known(await this.organizations.findById(organizationId).lean<OrganizationReference>().exec());
  }

  /** In the order asked, null for each one not known. */
  async organizationsById(organizationIds: string[]): Promise<(KnownOrganization | null)[]> {
    const found = await findEach(organizationIds, (id) => this.organizations.findById(id).lean<OrganizationReference>().exec());
    const byId = new Map(found.map((o) => [o._id, known(o)]));
    return organizationIds.map((id) => byId.get(id) ?? null);
  }

  async organizationIdsIn(place: PlaceFilter, limit: number): Promise<string[]> {
    const docs = await this.organizations
      .find({ ...place, ...STANDING }, { _id: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>()
      .exec();
    return docs.map((o) => o._id);
  }

  /** The organizations in a place as the dashboards list them; by name when asked (a sort reads every candidate). */
  organizationsIn(place: PlaceFilter, { limit }: { limit: number }): Promise<OrganizationReference[]> {
    return this.organizations
      .find({ ...place, ...STANDING }, LISTED_ORGANIZATION)
      .limit(limit)
      .lean<OrganizationReference[]>()
      .exec();
  }

  /** A page of the standing organizations in a place by name, then id; `after` the previous page's last (name, id). */
  organizationsByName(place: PlaceFilter, limit: number, after: PagePosition | null): Promise<OrganizationReference[]> {
    const filter = { ...place, ...STANDING, ...(after ? afterPosition('name', after.key, after.id, 'asc') : {}) };
    return this.organizations.find(filter, LISTED_ORGANIZATION).sort({ name: 1, _id: 1 }).limit(limit).lean<OrganizationReference[]>().exec();
  }

  /** Organizations of the given types, in a place or one by `organizationId`, ordered by id; `afterId`: those after it (a page). */
  organizationsOfTypes(types: readonly string[], filter: PlaceFilter & { organizationId?: string }, limit: number, afterId?: string): Promise<OrganizationReference[]> {
    const { organizationId, ...place } = filter;
    const query: Record<string, unknown> = { type: { $in: [...types] }, ...place, ...STANDING };
    if (organizationId) query._id = organizationId;
    if (afterId !== undefined) query._id = organizationId ? { $eq: organizationId, $gt: afterId } : { $gt: afterId };
    return this.organizations.find(query).sort({ _id: 1 }).limit(limit).lean<OrganizationReference[]>().exec();
  }

  // ---------------------------------------------------------------- 党员 members

  /**
   * A member's placement; a floating member whose own registration is not known takes part
   * through the organization they checked in with.
   */
  async member(memberId: string): Promise<MemberPlacement | null> {
    const m = await this.members.findById(memberId).lean<MemberReference>().exec();
    if (!m) return null;
    const floatingOrganizationId = m.floating ? m.floatingOrganizationId : null;
    const status = statusOf(m);
    if (m.organizationId) {
      return {
        memberId,
        organizationId: m.organizationId,
        floatingOrganizationId,
        districtId: m.districtId!,
        subDistrictId: m.subDistrictId!,
        zoneId: m.zoneId ?? null,
        name: m.name ?? null,
        status,
        ended: m.ended === true,
      };
    }
    const org = floatingOrganizationId ? await this.organization(floatingOrganizationId) : null;
    if (!org) return null;
    return {
      memberId,
      organizationId: org.organizationId,
      floatingOrganizationId,
      districtId: org.districtId,
      subDistrictId: org.subDistrictId,
      zoneId: org.zoneId,
      name: null,
      status,
      ended: m.ended === true,
    };
  }

  /** Members by where their membership is held, ordered by id (bounded). */
  async membersIn(filter: PlaceFilter & { organizationId?: string }, limit: number): Promise<Omit<MemberPlacement, 'floatingOrganizationId' | 'status' | 'ended'>[]> {
    const docs = await this.members
      .find({ ...filter, ended: { $ne: true } })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<MemberReference[]>()
      .exec();
    return docs
      .filter((d) => d.organizationId)
      .map((d) => ({ memberId: d._id, organizationId: d.organizationId!, districtId: d.districtId!, subDistrictId: d.subDistrictId!, zoneId: d.zoneId ?? null, name: d.name ?? null }));
  }

  /** Names of those members whose name is kept. */
  async names(memberIds: string[]): Promise<Map<string, string>> {
    const docs = await findEach(memberIds, (id) => this.members.findById(id, { name: 1 }).lean<MemberReference>().exec());
    return new Map(docs.filter((d) => d.name).map((d) => [d._id, d.name!]));
  }

  /** The members who count in a place and the organization they count in (bounded). */
  async countedMembersIn(place: PlaceFilter, limit: number): Promise<{ memberId: string; organizationId: string }[]> {
    const { checkedIn, placed } = countedInFilters(place);
    const floating = await this.members.find(checkedIn, { floatingOrganizationId: 1 }).limit(limit).lean<MemberReference[]>().exec();
    const others = await this.members
      .find(placed, { organizationId: 1 })
      .limit(Math.max(0, limit - floating.length))
      .lean<MemberReference[]>()
      .exec();
    return [...floating.map((m) => ({ memberId: m._id, organizationId: m.floatingOrganizationId! })), ...others.map((m) => ({ memberId: m._id, organizationId: m.organizationId! }))];
  }

  /**
   * How many members count in each of these organizations by membership's one rule
   * (`countedPlaceOf`): placed there and neither checked in elsewhere nor out, or floating
   * members checked in there. Counted by the database, one organization at a time (no cap).
   */
  async countedMembersPerOrganization(organizationIds: string[]): Promise<Map<string, number>> {
    const { checkedIn, placed } = countedInFilters({});
    const counts = await findEach(organizationIds, async (organizationId) => {
      const [floating, others] = await Promise.all([
        this.members.countDocuments({ ...checkedIn, floatingOrganizationId: organizationId }).exec(),
        this.members.countDocuments({ ...placed, organizationId }).exec(),
      ]);
      return { organizationId, n: floating + others };
    });
    return new Map(counts.map((c) => [c.organizationId, c.n]));
  }

  /** Each figure is the sum over the two filters, which no member matches both of. */
  async partyFiguresIn(place: PlaceFilter): Promise<PartyFiguresInPlace> {
    const { checkedIn, placed } = countedInFilters(place);
    const [organizations, floatingMembers, placedMembers, floatingProbationary, placedProbationary] = await Promise.all([
      this.organizations.countDocuments({ ...place, ...STANDING }).exec(),
      this.members.countDocuments(checkedIn).exec(),
      this.members.countDocuments(placed).exec(),
      this.members.countDocuments({ ...checkedIn, full: false }).exec(),
      this.members.countDocuments({ ...placed, full: false }).exec(),
    ]);
    return { organizations, members: floatingMembers + placedMembers, floatingMembers, probationaryMembers: floatingProbationary + placedProbationary };
  }

  /** Counted from the documents themselves, so redelivered events never inflate them; standing organizations and memberships only. */
  async enterprisePartyFigures(creditCodes: string[]): Promise<Map<string, EnterprisePartyFigures>> {
    const codes = [...new Set(creditCodes)].slice(0, MAX_CREDIT_CODES);
    const result = new Map<string, EnterprisePartyFigures>(
      codes.map((c) => [c, { hasPartyOrganization: false, partyOrganizationIds: [], partyMembersEmployed: 0, membersInOwnOrganizations: 0 }]),
    );
    if (codes.length === 0) return result;
    const orgs = await this.organizations
      .find({ hostCreditCode: { $in: codes }, dissolved: { $ne: true } }, { _id: 1, hostCreditCode: 1 })
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
      .aggregate<{ _id: string; n: number }>([{ $match: { employerCreditCode: { $in: codes }, ended: { $ne: true } } }, { $group: { _id: '$employerCreditCode', n: { $sum: 1 } } }])
      .exec();
    for (const row of employed) result.get(row._id)!.partyMembersEmployed = row.n;
    if (hostOf.size > 0) {
      const belonging = await this.members
        .aggregate<{ _id: string; n: number }>([
          { $match: { organizationId: { $in: [...hostOf.keys()] }, ended: { $ne: true } } },
          { $group: { _id: '$organizationId', n: { $sum: 1 } } },
        ])
        .exec();
      for (const row of belonging) result.get(hostOf.get(row._id)!)!.membersInOwnOrganizations += row.n;
    }
    return result;
  }
}

function knownBuilding(b: BuildingReference | null): KnownBuilding | null {
  // Every field comes with the registration: a document without a zone has not seen it.
  if (!b || !b.zoneId) return null;
  return { buildingId: b._id, name: b.name, kind: b.kind, districtId: b.districtId, subDistrictId: b.subDistrictId, zoneId: b.zoneId };
}

function known(o: OrganizationReference | null): KnownOrganization | null {
  if (!o || !o.districtId || !o.type) return null;
  return {
    organizationId: o._id,
    name: o.name ?? o._id,
    type: o.type,
    districtId: o.districtId,
    subDistrictId: o.subDistrictId!,
    zoneId: o.zoneId ?? null,
    registeredAt: o.registeredAt ?? null,
    dissolved: o.dissolved === true,
  };
}
