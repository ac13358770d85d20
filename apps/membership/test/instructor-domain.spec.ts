import type { EventEnvelope, InstructorRegisteredData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { decideGuidanceVisit, evolveGuidanceVisit, GuidanceVisitRequest } from '../src/domain/instructor/guidance-visit';
import { decideInstructorRegistration, evolveInstructor, Instructor } from '../src/domain/instructor/instructor';
import type { Jurisdiction } from '../src/domain/jurisdiction/jurisdiction';
import { decideInstructorAssignment, Organization } from '../src/domain/organization/organization';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}:${e.code}`;
    throw e;
  }
  return 'none';
}

const place = (over: Partial<Jurisdiction>): Jurisdiction => ({
  jurisdictionId: 'x',
  level: 'DISTRICT',
  name: 'x',
  parentId: 'jining',
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
const rencheng = place({ jurisdictionId: 'rencheng', name: '任城区', districtId: 'rencheng' });
const fuqiao = place({ jurisdictionId: 'fuqiao', level: 'SUB_DISTRICT', name: '阜桥街道', parentId: 'rencheng', districtId: 'rencheng', subDistrictId: 'fuqiao' });
const guanghe = place({ jurisdictionId: 'guanghe', level: 'SUB_DISTRICT', name: '洸河街道', parentId: 'gaoxin', districtId: 'gaoxin', subDistrictId: 'guanghe' });

const registration = (over: Partial<InstructorRegisteredData> = {}): InstructorRegisteredData => ({
  instructorId: 'ins-1',
  name: ' 李文华 ',
  sendingUnit: ' 任城区委组织部 ',
  districtId: 'rencheng',
  subDistrictId: 'fuqiao',
  memberId: null,
  ...over,
});

const envelope = (type: string, data: object): EventEnvelope => ({ type, data, time: '2026-03-01T02:00:00.000Z', subject: 'x' }) as unknown as EventEnvelope;
const instructor: Instructor = evolveInstructor(null, envelope('membership.InstructorRegistered.v1', { ...registration(), name: '李文华', sendingUnit: '任城区委组织部' }));

const branch: Organization = {
  organizationId: 'br',
  name: '万达党支部',
  type: 'BRANCH',
  parentId: 'dc',
  districtId: 'rencheng',
  subDistrictId: 'fuqiao',
  zoneId: 'zone-taibailou',
  host: null,
  registeredAt: '2026-01-01T00:00:00Z',
  instructors: [{ instructorId: 'ins-1', name: '李文华', assignedOn: '2026-02-01' }],
};

describe('registering an instructor 登记党建指导员', () => {
  const facts = { district: rencheng, subDistrict: fuqiao, memberFound: false };

  it('registers once, in a registered district and one of its sub-districts, trimming the text', () => {
    expect(decideInstructorRegistration(null, registration(), facts)).toEqual({ ...registration(), name: '李文华', sendingUnit: '任城区委组织部' });
    expect(decideInstructorRegistration(null, registration({ subDistrictId: null }), { ...facts, subDistrict: null })).toMatchObject({ subDistrictId: null });
    expect(code(() => decideInstructorRegistration(instructor, registration(), facts))).toBe('conflict:INSTRUCTOR_EXISTS');
  });

  it('refuses an unregistered district or sub-district, a sub-district of another district, an unknown member', () => {
    expect(code(() => decideInstructorRegistration(null, registration(), { ...facts, district: null }))).toBe('invalid:DISTRICT_NOT_FOUND');
    expect(code(() => decideInstructorRegistration(null, registration(), { ...facts, district: fuqiao }))).toBe('invalid:DISTRICT_NOT_FOUND');
    expect(code(() => decideInstructorRegistration(null, registration(), { ...facts, subDistrict: null }))).toBe('invalid:SUB_DISTRICT_NOT_FOUND');
    expect(code(() => decideInstructorRegistration(null, registration({ subDistrictId: 'guanghe' }), { ...facts, subDistrict: guanghe }))).toBe(
      'invalid:SUB_DISTRICT_IN_OTHER_DISTRICT',
    );
    expect(code(() => decideInstructorRegistration(null, registration({ memberId: 'mem-x' }), facts))).toBe('invalid:MEMBER_NOT_FOUND');
    expect(decideInstructorRegistration(null, registration({ memberId: 'mem-1' }), { ...facts, memberFound: true })).toMatchObject({ memberId: 'mem-1' });
    expect(code(() => decideInstructorRegistration(null, registration({ name: '  ' }), facts))).toBe('invalid:NAME_REQUIRED');
  });
});

describe('assigning checks the registration 选派', () => {
  const unassigned = { ...branch, instructors: [] };

  it('takes the registered name; refuses an unregistered instructor, one of another district and a different name', () => {
    expect(decideInstructorAssignment(unassigned, 'br', 'ins-1', instructor, '2026-03-01')).toEqual({
      organizationId: 'br',
      instructorId: 'ins-1',
      name: '李文华',
      assignedOn: '2026-03-01',
    });
    expect(decideInstructorAssignment(unassigned, 'br', 'ins-1', instructor, '2026-03-01', ' 李文华 ')).toMatchObject({ name: '李文华' });
    expect(code(() => decideInstructorAssignment(unassigned, 'br', 'ins-1', null, '2026-03-01'))).toBe('invalid:INSTRUCTOR_NOT_REGISTERED');
    expect(code(() => decideInstructorAssignment(unassigned, 'br', 'ins-1', { ...instructor, districtId: 'gaoxin' }, '2026-03-01'))).toBe('invalid:INSTRUCTOR_IN_OTHER_DISTRICT');
    expect(code(() => decideInstructorAssignment(unassigned, 'br', 'ins-1', instructor, '2026-03-01', '李文'))).toBe('invalid:INSTRUCTOR_NAME_MISMATCH');
    expect(code(() => decideInstructorAssignment(null, 'br', 'ins-1', instructor, '2026-03-01'))).toBe('not_found:ORGANIZATION_NOT_FOUND');
  });
});

describe('guidance visits 指导记录', () => {
  const visit = (over: Partial<GuidanceVisitRequest> = {}): GuidanceVisitRequest => ({
    visitId: 'v1',
    organizationId: 'br',
    visitedOn: '2026-02-20',
    summary: ' 指导“三会一课” ',
    ...over,
  });
  const today = '2026-03-01';

  it("records a visit to an organization the instructor guides, in the organization's place", () => {
    const data = decideGuidanceVisit(null, instructor, 'ins-1', branch, visit(), today);
    expect(data).toEqual({
      visitId: 'v1',
      instructorId: 'ins-1',
      organizationId: 'br',
      visitedOn: '2026-02-20',
      summary: '指导“三会一课”',
      districtId: 'rencheng',
      subDistrictId: 'fuqiao',
      zoneId: 'zone-taibailou',
    });
    expect(decideGuidanceVisit(null, instructor, 'ins-1', branch, visit({ visitedOn: today }), today)).toMatchObject({ visitedOn: today });
    const recorded = evolveGuidanceVisit(null, envelope('membership.GuidanceVisitRecorded.v1', data));
    expect(recorded).toMatchObject({ visitId: 'v1', recordedAt: '2026-03-01T02:00:00.000Z' });
    expect(code(() => decideGuidanceVisit(recorded, instructor, 'ins-1', branch, visit(), today))).toBe('conflict:VISIT_EXISTS');
  });

  it('refuses an organization they do not guide now, a day in the future or before the assignment, an empty summary', () => {
    expect(code(() => decideGuidanceVisit(null, instructor, 'ins-1', { ...branch, instructors: [] }, visit(), today))).toBe('invalid:INSTRUCTOR_NOT_ASSIGNED');
    expect(code(() => decideGuidanceVisit(null, instructor, 'ins-1', null, visit(), today))).toBe('invalid:ORGANIZATION_NOT_FOUND');
    expect(code(() => decideGuidanceVisit(null, instructor, 'ins-1', { ...branch, dissolvedOn: '2026-02-15' }, visit(), today))).toBe('invalid:ORGANIZATION_DISSOLVED');
    expect(code(() => decideGuidanceVisit(null, null, 'ins-1', branch, visit(), today))).toBe('not_found:INSTRUCTOR_NOT_FOUND');
    expect(code(() => decideGuidanceVisit(null, instructor, 'ins-1', branch, visit({ visitedOn: '2026-03-02' }), today))).toBe('invalid:VISIT_IN_FUTURE');
    expect(code(() => decideGuidanceVisit(null, instructor, 'ins-1', branch, visit({ visitedOn: '2026-01-31' }), today))).toBe('invalid:VISIT_BEFORE_ASSIGNMENT');
    expect(code(() => decideGuidanceVisit(null, instructor, 'ins-1', branch, visit({ summary: ' \n ' }), today))).toBe('invalid:SUMMARY_REQUIRED');
  });
});
