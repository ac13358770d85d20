import { randomInt } from 'crypto';
import { idNumberFor, newCreditCode, uniqueName } from '@pb/testing';
import { Stack } from './stack';

/** Every ID number and phone number the suite sent: none may appear in a log line. */
export const PERSONAL_DATA = new Set<string>();

let personSeq = randomInt(100, 900);
/** Every person the suite registers is born on this day (the ID number encodes it). */
export const BIRTH_DATE = '1990-03-15';
export function newPerson(): { idNumber: string; phone: string } {
  personSeq += 1;
  const idNumber = idNumberFor(BIRTH_DATE, personSeq);
  const phone = `13${randomInt(5, 9)}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  PERSONAL_DATA.add(idNumber);
  PERSONAL_DATA.add(phone);
  return { idNumber, phone };
}

/** One district with a sub-district, a zone and a record of each kind the suite reads and writes. */
export interface Area {
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  organizationId: string;
  memberId: string;
  gridId: string;
  workerId: string;
  caseId: string;
  creditCode: string;
  requestId: string;
  committeeId: string;
  /** A department 职能部门 of the district, which the department staff account acts for. */
  departmentId: string;
  activityId?: string;
}

export async function registerJurisdictions(stack: Stack, area: Pick<Area, 'districtId' | 'subDistrictId' | 'zoneId'>): Promise<void> {
  const city = await stack.call('POST', '/membership/jurisdictions', { jurisdictionId: 'jining', level: 'CITY', name: '济宁市' });
  if (![201, 409].includes(city.status)) throw new Error(`city: ${city.status} ${JSON.stringify(city.body)}`);
  for (const body of [
    { jurisdictionId: area.districtId, level: 'DISTRICT', name: '测试区', parentId: 'jining' },
    { jurisdictionId: area.subDistrictId, level: 'SUB_DISTRICT', name: '测试街道', parentId: area.districtId },
    { jurisdictionId: area.zoneId, level: 'ZONE', name: '测试商圈', parentId: area.subDistrictId, zoneKind: 'BUSINESS_DISTRICT' },
  ]) {
    const res = await stack.callUntil('POST', '/membership/jurisdictions', body, (s) => s === 201 || s === 409, `jurisdiction ${body.jurisdictionId}`);
    if (res.status !== 201 && res.status !== 409) throw new Error(`${body.jurisdictionId}: ${res.status}`);
  }
}

const ok = (s: number) => s >= 200 && s < 300;

/** A district with one of everything, created as the city admin through the gateway. */
export async function buildArea(stack: Stack, label: string): Promise<Area> {
  const districtId = uniqueName(`d${label}`);
  const area = { districtId, subDistrictId: `${districtId}-s`, zoneId: `${districtId}-z` } as Area;
  await registerJurisdictions(stack, area);
  const org = await stack.callUntil(
    'POST',
    '/membership/organizations',
    { name: `测试${label}商圈党委`, type: 'JOINT_COMMITTEE', districtId, subDistrictId: area.subDistrictId, zoneId: area.zoneId },
    ok,
    `organization in ${districtId}`,
  );
  area.organizationId = org.body.organizationId;
  const member = await stack.callUntil(
    'POST',
    '/membership/members',
    { name: '王测试', gender: 'FEMALE', birthDate: BIRTH_DATE, ...newPerson(), status: 'FULL', joinedOn: '2015-07-01', organizationId: area.organizationId },
    ok,
    `member in ${districtId}`,
  );
  area.memberId = member.body.memberId;
  const grid = await stack.callUntil('POST', '/governance/grids', { name: `${label}一网格`, zoneId: area.zoneId }, ok, `grid in ${districtId}`);
  area.gridId = grid.body.gridId;
  area.workerId = uniqueName(`w${label}`);
  await stack.callUntil('POST', '/governance/grid-workers', { workerId: area.workerId, name: '李网格', zoneId: area.zoneId }, ok, 'grid worker');
  const kase = await stack.callUntil('POST', '/governance/cases', { kind: 'LIVELIHOOD_SERVICE', title: '路灯不亮', description: '商圈北口路灯不亮', gridId: area.gridId }, ok, 'case');
  area.caseId = kase.body.caseId;
  const committee = await stack.callUntil('POST', '/governance/committees', { name: `${label}共治委员会`, zoneId: area.zoneId }, ok, 'committee');
  area.committeeId = committee.body.committeeId;
  area.departmentId = uniqueName(`dept${label}`);
  await stack.callUntil('POST', '/governance/departments', { departmentId: area.departmentId, name: `${label}城市管理局`, kind: 'URBAN_MANAGEMENT', districtId }, ok, 'department');
  area.creditCode = newCreditCode();
  await stack.callUntil(
    'POST',
    '/enterprise/enterprises',
    { creditCode: area.creditCode, zoneId: area.zoneId, name: `济宁测试${label}有限公司`, industry: '电子商务', size: 'SMALL', employees: 30, youngGraduates: 3 },
    ok,
    'enterprise',
  );
  const req = await stack.callUntil(
    'POST',
    '/enterprise/service-requests',
    { creditCode: area.creditCode, category: 'FINANCING', title: '流动资金贷款', description: '需要 200 万流动资金' },
    ok,
    'service request',
  );
  area.requestId = req.body.requestId;
  const start = new Date(Date.now() + 7 * 86400_000);
  const activity = await stack
    .callUntil(
      'POST',
      '/activities/activities',
      {
        kind: 'THEME_PARTY_DAY',
        title: '主题党日',
        organizerIds: [area.organizationId],
        venue: '党群服务站',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 7200_000).toISOString(),
      },
      ok,
      'activity',
    )
    .catch(() => undefined);
  area.activityId = activity?.body?.activityId;
  return area;
}

export const ROLES = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'ORG_SECRETARY', 'GRID_WORKER', 'ENTERPRISE_CONTACT', 'ANALYST', 'DEPARTMENT_STAFF'] as const;
export type TestRole = (typeof ROLES)[number];

export interface TestUser {
  role: TestRole;
  username: string;
  token: string;
  scope: { level: string; districtId?: string; subDistrictId?: string; zoneId?: string };
}

/** One user of every role, each bound to the narrowest jurisdiction its role has in `area`. */
export async function createUsers(stack: Stack, area: Area): Promise<Record<TestRole, TestUser>> {
  const out = {} as Record<TestRole, TestUser>;
  const zone = { level: 'ZONE', districtId: area.districtId, subDistrictId: area.subDistrictId, zoneId: area.zoneId };
  const scopes: Record<TestRole, TestUser['scope']> = {
    CITY_ADMIN: { level: 'CITY' },
    DISTRICT_ADMIN: { level: 'DISTRICT', districtId: area.districtId },
    SUB_DISTRICT_ADMIN: { level: 'SUB_DISTRICT', districtId: area.districtId, subDistrictId: area.subDistrictId },
    ORG_SECRETARY: zone,
    GRID_WORKER: zone,
    ENTERPRISE_CONTACT: zone,
    ANALYST: { level: 'DISTRICT', districtId: area.districtId },
    DEPARTMENT_STAFF: { level: 'DISTRICT', districtId: area.districtId },
  };
  for (const role of ROLES) {
    const username = uniqueName(role.toLowerCase().replace(/_/g, '-'));
    const password = `Pw-${randomInt(1e9, 9e9)}-secret`;
    const body: Record<string, unknown> = { username, displayName: `测试${role}`, password, role, scope: scopes[role] };
    // Each account is linked to what it acts as (账号关联): the secretary's own member record, the worker's record.
    if (role === 'ORG_SECRETARY') Object.assign(body, { organizationId: area.organizationId, memberId: area.memberId });
    if (role === 'GRID_WORKER') body.gridWorkerId = area.workerId;
    if (role === 'ENTERPRISE_CONTACT') body.enterpriseCode = area.creditCode;
    if (role === 'DEPARTMENT_STAFF') body.departmentId = area.departmentId;
    const res = await stack.call('POST', '/users', body);
    if (res.status !== 201) throw new Error(`user ${role}: ${res.status} ${JSON.stringify(res.body)}`);
    out[role] = { role, username, token: await stack.signIn(username, password), scope: scopes[role] };
  }
  return out;
}
