import type { EventEnvelope, OrganizationRegisteredData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { decideDepartment, decideDepartmentHead, decideJoin, decideLeave, decideAllianceFormation, Alliance } from '../src/domain/alliance/alliance';
import { decideJurisdictionRegistration, decideZoneDesignation, Jurisdiction } from '../src/domain/jurisdiction/jurisdiction';
import { decideMassOrganization } from '../src/domain/mass-organization/mass-organization';
import { chinaDate, daysBetween } from '../src/domain/organization/common';
import {
  decideInstructorAssignment,
  decideInstructorUnassignment,
  decideRegistration,
  decideSecretaryAppointment,
  decideTermReminder,
  decideTermStart,
  decideThreeInOne,
  evolveOrganization,
  Organization,
} from '../src/domain/organization/organization';

const place = (over: Partial<Jurisdiction>): Jurisdiction => ({
  jurisdictionId: 'x',
  level: 'CITY',
  name: 'x',
  parentId: null,
  districtId: null,
  subDistrictId: null,
  zoneId: null,
  zoneKind: null,
  surveyed: false,
  pilot: false,
  demonstration: false,
  registeredAt: '2026-01-01T00:00:00Z',
  ...over,
});
const city = place({ jurisdictionId: 'jining', name: '济宁市' });
const district = place({ jurisdictionId: 'rencheng', level: 'DISTRICT', name: '任城区', parentId: 'jining', districtId: 'rencheng' });
const fuqiao = place({ jurisdictionId: 'fuqiao', level: 'SUB_DISTRICT', name: '阜桥街道', parentId: 'rencheng', districtId: 'rencheng', subDistrictId: 'fuqiao' });
const zone = place({
  jurisdictionId: 'zone-taibailou',
  level: 'ZONE',
  name: '太白楼路商圈',
  parentId: 'fuqiao',
  districtId: 'rencheng',
  subDistrictId: 'fuqiao',
  zoneId: 'zone-taibailou',
  zoneKind: 'BUSINESS_DISTRICT',
});

const org = (over: Partial<Organization>): Organization => ({
  organizationId: 'o',
  name: '组织',
  type: 'BRANCH',
  parentId: null,
  districtId: 'rencheng',
  subDistrictId: 'fuqiao',
  zoneId: 'zone-taibailou',
  host: null,
  registeredAt: '2026-01-01T00:00:00Z',
  instructors: [],
  termReminded: false,
  ...over,
});
const workingCommittee = org({ organizationId: 'swc', name: '阜桥街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE', zoneId: null });
const committee = org({ organizationId: 'dc', name: '太白楼路商圈党委', type: 'DISTRICT_COMMITTEE', parentId: 'swc' });
const branch = org({ organizationId: 'br', name: '万达党支部', type: 'BRANCH', parentId: 'dc' });

const request = (over: Partial<OrganizationRegisteredData>): OrganizationRegisteredData => ({
  organizationId: 'new',
  name: ' 新组织 ',
  type: 'BRANCH',
  parentId: 'dc',
  districtId: 'rencheng',
  subDistrictId: 'fuqiao',
  zoneId: 'zone-taibailou',
  host: null,
  ...over,
});

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}:${e.code}`;
    throw e;
  }
  return 'ok';
}

describe('jurisdiction rules', () => {
  const req = (over: object) => ({ jurisdictionId: 'j', level: 'DISTRICT' as const, name: '区', parentId: 'jining', zoneKind: null, ...over });

  it('derives district, sub-district and zone ids from the parent chain', () => {
    expect(decideJurisdictionRegistration(null, fuqiao, req({ jurisdictionId: 'z1', level: 'ZONE', parentId: 'fuqiao', zoneKind: 'BUILDING' }))).toMatchObject({
      districtId: 'rencheng',
      subDistrictId: 'fuqiao',
      zoneId: 'z1',
      zoneKind: 'BUILDING',
    });
    expect(decideJurisdictionRegistration(null, district, req({ jurisdictionId: 's1', level: 'SUB_DISTRICT', parentId: 'rencheng' }))).toMatchObject({
      districtId: 'rencheng',
      subDistrictId: 's1',
      zoneId: null,
    });
    expect(decideJurisdictionRegistration(null, null, req({ jurisdictionId: 'c', level: 'CITY', parentId: null }))).toMatchObject({ districtId: null, parentId: null });
  });

  it('requires a parent at the level just above, a zone kind for zones only, and unique ids', () => {
    expect(code(() => decideJurisdictionRegistration(null, city, req({ level: 'SUB_DISTRICT' })))).toBe('invalid:PARENT_WRONG_LEVEL');
    expect(code(() => decideJurisdictionRegistration(null, district, req({ level: 'ZONE', zoneKind: 'BUILDING' })))).toBe('invalid:PARENT_WRONG_LEVEL');
    expect(code(() => decideJurisdictionRegistration(null, null, req({ parentId: null })))).toBe('invalid:PARENT_REQUIRED');
    expect(code(() => decideJurisdictionRegistration(null, null, req({ parentId: 'nowhere' })))).toBe('invalid:PARENT_NOT_FOUND');
    expect(code(() => decideJurisdictionRegistration(null, fuqiao, req({ level: 'ZONE', parentId: 'fuqiao' })))).toBe('invalid:ZONE_KIND_REQUIRED');
    expect(code(() => decideJurisdictionRegistration(null, city, req({ zoneKind: 'BUILDING' })))).toBe('invalid:ZONE_KIND_NOT_ALLOWED');
    expect(code(() => decideJurisdictionRegistration(null, city, req({ level: 'CITY', parentId: 'jining' })))).toBe('invalid:CITY_HAS_NO_PARENT');
    expect(code(() => decideJurisdictionRegistration(district, city, req({})))).toBe('conflict:JURISDICTION_EXISTS');
  });

  it('designates only zones, only after the survey, and refuses a no-op', () => {
    expect(decideZoneDesignation(zone, 'zone-taibailou', { surveyed: true, pilot: true })).toEqual({ zoneId: 'zone-taibailou', surveyed: true, pilot: true, demonstration: false });
    expect(code(() => decideZoneDesignation(zone, 'zone-taibailou', { pilot: true }))).toBe('invalid:NOT_SURVEYED');
    expect(code(() => decideZoneDesignation(fuqiao, 'fuqiao', { surveyed: true }))).toBe('invalid:NOT_A_ZONE');
    expect(code(() => decideZoneDesignation(zone, 'zone-taibailou', { surveyed: false }))).toBe('conflict:DESIGNATION_UNCHANGED');
    expect(code(() => decideZoneDesignation(null, 'nope', { surveyed: true }))).toBe('not_found:JURISDICTION_NOT_FOUND');
  });
});

describe('organization structure rules', () => {
  const places = { subDistrict: fuqiao, zone };

  it('accepts a branch under a committee and trims names', () => {
    expect(decideRegistration(null, committee, request({}), places)).toMatchObject({ name: '新组织', parentId: 'dc' });
    expect(decideRegistration(null, workingCommittee, request({ type: 'DISTRICT_COMMITTEE', parentId: 'swc' }), places)).toMatchObject({ type: 'DISTRICT_COMMITTEE' });
    expect(decideRegistration(null, null, request({ type: 'SUB_DISTRICT_WORKING_COMMITTEE', parentId: null, zoneId: null }), places)).toMatchObject({
      type: 'SUB_DISTRICT_WORKING_COMMITTEE',
    });
  });

  it.each([
    ['a committee under a branch', request({ type: 'JOINT_COMMITTEE', parentId: 'br' }), branch, 'invalid:PARENT_TYPE_NOT_ALLOWED'],
    ['a branch under a branch', request({ parentId: 'br' }), branch, 'invalid:PARENT_TYPE_NOT_ALLOWED'],
    ['a general branch under a general branch', request({ type: 'GENERAL_BRANCH', parentId: 'gb' }), org({ type: 'GENERAL_BRANCH' }), 'invalid:PARENT_TYPE_NOT_ALLOWED'],
    ['a branch without a parent', request({ parentId: null }), null, 'invalid:PARENT_REQUIRED'],
    ['a working committee with a parent', request({ type: 'SUB_DISTRICT_WORKING_COMMITTEE', parentId: 'dc', zoneId: null }), committee, 'invalid:PARENT_TYPE_NOT_ALLOWED'],
    ['a working committee in a zone', request({ type: 'SUB_DISTRICT_WORKING_COMMITTEE', parentId: null }), null, 'invalid:WORKING_COMMITTEE_IN_ZONE'],
    ['a parent in another sub-district', request({}), { ...committee, subDistrictId: 'xianying' }, 'invalid:PARENT_IN_OTHER_SUB_DISTRICT'],
    ['a parent in another zone', request({}), { ...committee, zoneId: 'zone-other' }, 'invalid:PARENT_IN_OTHER_ZONE'],
  ])('refuses %s', (_, req, parent, expected) => {
    expect(code(() => decideRegistration(null, parent as Organization | null, req, places))).toBe(expected);
  });

  it('requires a registered sub-district of the district and a zone inside it', () => {
    expect(code(() => decideRegistration(null, committee, request({}), { subDistrict: null, zone }))).toBe('invalid:SUB_DISTRICT_NOT_FOUND');
    expect(code(() => decideRegistration(null, committee, request({}), { subDistrict: zone, zone }))).toBe('invalid:SUB_DISTRICT_NOT_FOUND');
    expect(code(() => decideRegistration(null, committee, request({ districtId: 'gaoxin' }), places))).toBe('invalid:PARENT_IN_OTHER_DISTRICT');
    expect(code(() => decideRegistration(null, null, request({ districtId: 'gaoxin', type: 'JOINT_COMMITTEE', parentId: null }), places))).toBe(
      'invalid:SUB_DISTRICT_IN_OTHER_DISTRICT',
    );
    expect(code(() => decideRegistration(null, committee, request({}), { subDistrict: fuqiao, zone: null }))).toBe('invalid:ZONE_NOT_FOUND');
    expect(code(() => decideRegistration(null, committee, request({}), { subDistrict: fuqiao, zone: { ...zone, subDistrictId: 'xianying' } }))).toBe(
      'invalid:ZONE_IN_OTHER_SUB_DISTRICT',
    );
  });
});

describe('secretary, terms and the 换届 reminder', () => {
  const ownFullMember = { organizationId: 'br', status: 'FULL' };
  it('appoints a secretary once and refuses to reappoint the sitting one', () => {
    const data = decideSecretaryAppointment(branch, 'br', 'mem-1', '2026-01-02', ownFullMember);
    expect(data).toEqual({ organizationId: 'br', secretaryMemberId: 'mem-1', appointedOn: '2026-01-02' });
    expect(code(() => decideSecretaryAppointment({ ...branch, secretaryMemberId: 'mem-1' }, 'br', 'mem-1', '2026-01-02', ownFullMember))).toBe('conflict:SECRETARY_UNCHANGED');
    expect(code(() => decideSecretaryAppointment(null, 'br', 'mem-1', '2026-01-02', ownFullMember))).toBe('not_found:ORGANIZATION_NOT_FOUND');
  });

  it('takes the secretary from the organization’s own full members', () => {
    expect(code(() => decideSecretaryAppointment(branch, 'br', 'mem-9', '2026-01-02', null))).toBe('invalid:SECRETARY_NOT_FOUND');
    expect(code(() => decideSecretaryAppointment(branch, 'br', 'mem-9', '2026-01-02', { organizationId: 'other', status: 'FULL' }))).toBe('invalid:SECRETARY_NOT_IN_ORGANIZATION');
    expect(code(() => decideSecretaryAppointment(branch, 'br', 'mem-9', '2026-01-02', { organizationId: 'br', status: 'PROBATIONARY' }))).toBe('invalid:SECRETARY_NOT_FULL_MEMBER');
  });

  it('numbers terms, bounds their length by type and keeps them moving forward', () => {
    expect(decideTermStart(branch, 'br', '2024-01-01', '2027-01-01')).toMatchObject({ termNumber: 1 });
    expect(code(() => decideTermStart(branch, 'br', '2024-01-01', '2027-01-02'))).toBe('invalid:TERM_TOO_LONG');
    expect(decideTermStart(committee, 'dc', '2024-01-01', '2029-01-01')).toMatchObject({ termNumber: 1 });
    expect(code(() => decideTermStart(branch, 'br', '2024-01-01', '2024-01-01'))).toBe('invalid:TERM_END_BEFORE_START');
    const current = { ...branch, termNumber: 2, termStart: '2024-01-01', termEnd: '2027-01-01' };
    expect(decideTermStart(current, 'br', '2026-12-20', '2029-12-19')).toMatchObject({ termNumber: 3 });
    expect(code(() => decideTermStart(current, 'br', '2024-01-01', '2026-01-01'))).toBe('conflict:TERM_NOT_AFTER_CURRENT');
  });

  it('reminds within 90 days of the end, once per term', () => {
    const termed = { ...branch, termNumber: 1, termStart: '2024-01-01', termEnd: '2026-12-31' };
    expect(decideTermReminder(termed, '2026-10-01')).toBeNull(); // 91 days left
    expect(decideTermReminder(termed, '2026-10-02')).toEqual({ organizationId: 'br', termNumber: 1, termEnd: '2026-12-31', daysLeft: 90 });
    expect(decideTermReminder({ ...termed, termReminded: true }, '2026-12-01')).toBeNull();
    expect(decideTermReminder(termed, '2027-01-05')).toMatchObject({ daysLeft: -5 });
    expect(decideTermReminder(branch, '2026-10-02')).toBeNull();
  });

  it('a new term clears the reminder so the next term is reminded again', () => {
    const env = (type: string, data: object, version: number) =>
      ({ type, data, aggregatetype: 'Organization', subject: 'br', time: '2026-01-01T00:00:00Z', aggregateversion: version }) as unknown as EventEnvelope;
    let s = evolveOrganization(null, env('membership.OrganizationRegistered.v1', request({ organizationId: 'br' }), 1));
    s = evolveOrganization(s, env('membership.OrganizationTermStarted.v1', { organizationId: 'br', termNumber: 1, termStart: '2024-01-01', termEnd: '2026-12-31' }, 2));
    s = evolveOrganization(s, env('membership.OrganizationTermEnding.v1', { organizationId: 'br', termNumber: 1, termEnd: '2026-12-31', daysLeft: 30 }, 3));
    expect(s.termReminded).toBe(true);
    s = evolveOrganization(s, env('membership.OrganizationTermStarted.v1', { organizationId: 'br', termNumber: 2, termStart: '2026-12-31', termEnd: '2029-12-30' }, 4));
    expect(s).toMatchObject({ termNumber: 2, termReminded: false });
  });

  it('counts calendar days in China time', () => {
    expect(chinaDate(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
  });
});

describe('instructors, three-in-one and mass organizations', () => {
  it('assigns an instructor once and unassigns only an assigned one, naming who is assigned', () => {
    const registration = { instructorId: 'ins-1', name: '李文华', districtId: 'rencheng' };
    expect(decideInstructorAssignment(branch, 'br', 'ins-1', registration, '2026-03-01', ' 李文华 ')).toMatchObject({ name: '李文华' });
    const withOne = { ...branch, instructors: [{ instructorId: 'ins-1', name: '李文华', assignedOn: '2026-03-01' }] };
    expect(code(() => decideInstructorAssignment(withOne, 'br', 'ins-1', registration, '2026-03-01'))).toBe('conflict:INSTRUCTOR_ALREADY_ASSIGNED');
    expect(decideInstructorUnassignment(withOne, 'br', 'ins-1', '2026-04-01')).toMatchObject({ instructorId: 'ins-1' });
    expect(() => decideInstructorUnassignment(withOne, 'br', 'ins-2', '2026-04-01')).toThrow(/当前指导员：ins-1/);
  });

  it('forms three-in-one only for joint organizations, without duplicate units', () => {
    const joint = org({ organizationId: 'jb', type: 'JOINT_BRANCH' });
    const formation = {
      propertyOwner: { name: '产权', creditCode: null },
      propertyManager: { name: '物业', creditCode: null },
      residentEnterprises: [{ name: '企业甲', creditCode: null }],
    };
    expect(decideThreeInOne(joint, 'jb', formation)).toMatchObject({ residentEnterprises: [{ name: '企业甲' }] });
    expect(code(() => decideThreeInOne(branch, 'br', formation))).toBe('invalid:NOT_A_JOINT_ORGANIZATION');
    expect(code(() => decideThreeInOne(joint, 'jb', { ...formation, residentEnterprises: [{ name: '物业', creditCode: null }] }))).toBe('invalid:DUPLICATE_UNIT');
    expect(code(() => decideThreeInOne({ ...joint, threeInOne: formation }, 'jb', formation))).toBe('conflict:FORMATION_UNCHANGED');
  });

  it('forms mass organizations only under a joint committee, in its place', () => {
    const joint = org({ organizationId: 'jc', type: 'JOINT_COMMITTEE', zoneId: 'zone-haineng' });
    expect(decideMassOrganization(null, joint, { massOrganizationId: 'm', name: '工会', kind: 'UNION', jointCommitteeId: 'jc' })).toMatchObject({ zoneId: 'zone-haineng' });
    expect(code(() => decideMassOrganization(null, branch, { massOrganizationId: 'm', name: '工会', kind: 'UNION', jointCommitteeId: 'br' }))).toBe('invalid:NOT_A_JOINT_COMMITTEE');
    expect(code(() => decideMassOrganization(null, null, { massOrganizationId: 'm', name: '工会', kind: 'UNION', jointCommitteeId: 'x' }))).toBe('invalid:COMMITTEE_NOT_FOUND');
  });
});

describe('alliance rules', () => {
  const alliance: Alliance = {
    allianceId: 'a',
    name: '太白楼路商圈党建联盟',
    foundingCommitteeId: 'swc',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
    formedOn: '2018-05-20',
    members: [{ organizationId: 'br', joinedOn: '2018-05-20' }],
    departments: [{ departmentId: 'office', name: '办公室', headMemberId: null }],
  };

  it('is formed only by a sub-district working committee', () => {
    const req = { allianceId: 'a', name: '联盟', foundingCommitteeId: 'swc', zoneId: 'zone-taibailou', formedOn: '2018-05-20' };
    expect(decideAllianceFormation(null, workingCommittee, zone, req)).toMatchObject({ districtId: 'rencheng', subDistrictId: 'fuqiao' });
    expect(code(() => decideAllianceFormation(null, committee, zone, req))).toBe('invalid:FOUNDER_NOT_WORKING_COMMITTEE');
    expect(code(() => decideAllianceFormation(null, workingCommittee, { ...zone, subDistrictId: 'xianying' }, req))).toBe('invalid:ZONE_IN_OTHER_SUB_DISTRICT');
    expect(code(() => decideAllianceFormation(alliance, workingCommittee, zone, req))).toBe('conflict:ALLIANCE_EXISTS');
  });

  it('lets organizations join once and leave only when they are members', () => {
    expect(decideJoin(alliance, 'a', committee, 'dc', '2026-01-01')).toEqual({ allianceId: 'a', organizationId: 'dc', joinedOn: '2026-01-01' });
    expect(code(() => decideJoin(alliance, 'a', branch, 'br', '2026-01-01'))).toBe('conflict:ALREADY_MEMBER');
    expect(code(() => decideJoin(alliance, 'a', { ...committee, districtId: 'gaoxin' }, 'dc', '2026-01-01'))).toBe('invalid:ORGANIZATION_IN_OTHER_DISTRICT');
    expect(code(() => decideLeave(alliance, 'a', 'dc', '2026-01-01'))).toBe('conflict:NOT_A_MEMBER');
    expect(decideLeave(alliance, 'a', 'br', '2026-01-01')).toMatchObject({ organizationId: 'br' });
  });

  it('keeps council departments unique and heads changing', () => {
    const ofMemberUnit = (memberId: string) => ({ memberId, organizationId: 'br' });
    expect(code(() => decideDepartment(alliance, 'a', 'other', '办公室', null))).toBe('conflict:DEPARTMENT_EXISTS');
    expect(decideDepartment(alliance, 'a', 'volunteer', '志愿者工作部', 'mem-2', ofMemberUnit('mem-2'))).toMatchObject({ headMemberId: 'mem-2' });
    expect(decideDepartmentHead(alliance, 'a', 'office', 'mem-1', ofMemberUnit('mem-1'))).toEqual({ allianceId: 'a', departmentId: 'office', headMemberId: 'mem-1' });
    expect(code(() => decideDepartmentHead(alliance, 'a', 'legal', 'mem-1', ofMemberUnit('mem-1')))).toBe('not_found:DEPARTMENT_NOT_FOUND');
  });

  it('takes department heads from the alliance: members of its member organizations or of its founding committee', () => {
    expect(decideDepartmentHead(alliance, 'a', 'office', 'mem-9', { memberId: 'mem-9', organizationId: 'swc' })).toMatchObject({ headMemberId: 'mem-9' });
    expect(code(() => decideDepartmentHead(alliance, 'a', 'office', 'mem-5', { memberId: 'mem-5', organizationId: 'org-elsewhere' }))).toBe('invalid:HEAD_NOT_IN_ALLIANCE');
    expect(code(() => decideDepartmentHead(alliance, 'a', 'office', 'mem-404', null))).toBe('invalid:HEAD_NOT_FOUND');
    expect(code(() => decideDepartmentHead(alliance, 'a', 'office', 'mem-8', { memberId: 'mem-8', organizationId: 'br', status: 'ENDED' }))).toBe('invalid:HEAD_MEMBERSHIP_ENDED');
    expect(code(() => decideDepartment(alliance, 'a', 'volunteer', '志愿者工作部', 'mem-5', { memberId: 'mem-5', organizationId: 'org-elsewhere' }))).toBe(
      'invalid:HEAD_NOT_IN_ALLIANCE',
    );
  });
});
