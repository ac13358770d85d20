import { defineAggregate, ownJurisdiction } from '@pb/messaging';
import { Alliance, evolveAlliance } from '../domain/alliance/alliance';
import { Building, evolveBuilding } from '../domain/building/building';
import { evolveIdentityDeclaration, IdentityDeclaration } from '../domain/identity/identity-declaration';
import { evolveGuidanceVisit, GuidanceVisit } from '../domain/instructor/guidance-visit';
import { evolveInstructor, Instructor } from '../domain/instructor/instructor';
import { evolveJurisdiction, Jurisdiction } from '../domain/jurisdiction/jurisdiction';
import { evolveMassOrganization, MassOrganization } from '../domain/mass-organization/mass-organization';
import { evolveMember, Member } from '../domain/member/member';
import { evolveRecommendation, Recommendation } from '../domain/member/recommendation';
import { evolveOrganization, Organization } from '../domain/organization/organization';

const PLACE = { districtId: 1, subDistrictId: 1, zoneId: 1 } as const;

/** 辖区: the tree queries and the organization rules read it. */
export const Jurisdictions = defineAggregate<Jurisdiction>({
  type: 'Jurisdiction',
  evolve: evolveJurisdiction,
  collection: 'jurisdictions',
  indexes: [{ parentId: 1 }, { districtId: 1, subDistrictId: 1, level: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 党组织 */
export const Organizations = defineAggregate<Organization>({
  type: 'Organization',
  evolve: evolveOrganization,
  collection: 'organizations',
  indexes: [
    PLACE,
    { parentId: 1 },
    // The term-reminder sweep looks for unreminded terms ending soon.
    { termReminded: 1, termEnd: 1 },
    { zoneId: 1, type: 1 },
    // A building's organizations and counts.
    { buildingId: 1, _id: 1 },
    // An instructor's page lists the organizations they guide.
    { 'instructors.instructorId': 1, _id: 1 },
  ],
  jurisdiction: ownJurisdiction,
});

/** 楼宇、综合体: places inside a zone where organizations are located. */
export const Buildings = defineAggregate<Building>({
  type: 'Building',
  evolve: evolveBuilding,
  collection: 'buildings',
  indexes: [{ zoneId: 1, _id: 1 }, PLACE],
  jurisdiction: ownJurisdiction,
});

/** 党建联盟 */
export const Alliances = defineAggregate<Alliance>({
  type: 'Alliance',
  evolve: evolveAlliance,
  collection: 'alliances',
  indexes: [PLACE, { 'members.organizationId': 1 }],
  jurisdiction: ownJurisdiction,
});

/** 群团组织 */
export const MassOrganizations = defineAggregate<MassOrganization>({
  type: 'MassOrganization',
  evolve: evolveMassOrganization,
  collection: 'mass_organizations',
  indexes: [{ jointCommitteeId: 1 }, PLACE],
  jurisdiction: ownJurisdiction,
});

/**
 * 党员 (no ID or phone number: those are in member_personal_data). A floating
 * member's check-in and check-out name the host organization's jurisdiction.
 */
export const Members = defineAggregate<Member>({
  type: 'Member',
  evolve: evolveMember,
  collection: 'members',
  indexes: [
    // Lists page through an organization's members in _id order.
    { organizationId: 1, _id: 1 },
    { 'floating.organizationId': 1, _id: 1 },
    { zoneId: 1, status: 1 },
    { 'floating.zoneId': 1 },
    // The zone's member counts (countedPlaceOf).
    { 'countedIn.zoneId': 1, status: 1 },
    { 'countedIn.districtId': 1, 'countedIn.subDistrictId': 1, status: 1 },
    { 'transfer.toOrganizationId': 1 },
  ],
  jurisdiction: ownJurisdiction,
});

/** 亮身份 (the declarer's phone is kept apart, in identity_declaration_contacts). */
export const IdentityDeclarations = defineAggregate<IdentityDeclaration>({
  type: 'IdentityDeclaration',
  evolve: evolveIdentityDeclaration,
  collection: 'identity_declarations',
  indexes: [{ organizationId: 1, _id: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 三优三推推荐 */
export const Recommendations = defineAggregate<Recommendation>({
  type: 'Recommendation',
  evolve: evolveRecommendation,
  collection: 'recommendations',
  indexes: [{ organizationId: 1, _id: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 党建指导员 */
export const Instructors = defineAggregate<Instructor>({
  type: 'Instructor',
  evolve: evolveInstructor,
  collection: 'instructors',
  indexes: [{ districtId: 1, subDistrictId: 1, _id: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 指导记录: in the visited organization's place. */
export const GuidanceVisits = defineAggregate<GuidanceVisit>({
  type: 'GuidanceVisit',
  evolve: evolveGuidanceVisit,
  collection: 'guidance_visits',
  indexes: [
    // An instructor's visits, newest first, and per organization for the counts.
    { instructorId: 1, visitedOn: -1, _id: -1 },
    { instructorId: 1, organizationId: 1, visitedOn: -1 },
  ],
  jurisdiction: ownJurisdiction,
});

export const MEMBERSHIP_AGGREGATES = [
  Jurisdictions,
  Organizations,
  Buildings,
  Alliances,
  MassOrganizations,
  Members,
  IdentityDeclarations,
  Recommendations,
  Instructors,
  GuidanceVisits,
];
