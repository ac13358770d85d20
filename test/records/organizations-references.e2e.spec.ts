import { infraEnv, newCreditCode, uniqueName, waitFor } from '@pb/testing';
import { Answer, Stack } from '../support/stack';
import { BIRTH_DATE, newPerson, registerJurisdictions } from '../support/world';
import { chinaToday, expectStatus, until } from './gateway-calls';

/**
 * Issue #18, items 2 and 3, through the gateway: organizations and places over their life
 * (rename, re-parent, host unit, dissolution, merge, zone rename, buildings) as the gateway's
 * dashboards and the other services' copies show them; and references checked where they are
 * made (secretaries, council heads, instructors, honours, account links). The four services and
 * the gateway run as processes on the real broker and database; everything goes through `/api`.
 */
describe('organizations, places and checked references, through the gateway (#18 items 2 and 3)', () => {
  const stack = new Stack('orgref', infraEnv(), { gateway: { ACCESS_TOKEN_TTL_SECONDS: '3600' } });
  const districtId = uniqueName('dor');
  const subDistrictId = `${districtId}-s`;
  const zoneId = `${districtId}-z`;
  const otherZoneId = `${districtId}-z2`;
  const place = { districtId, subDistrictId, zoneId };
  const today = chinaToday();

  const call = (method: string, path: string, body?: unknown, token?: string) => stack.call(method, path, body, token ?? stack.adminToken);
  const ok = async (method: string, path: string, body?: unknown): Promise<Answer['body']> => {
    const res = await call(method, path, body);
    if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const organization = async (name: string, type: string, parentId: string | null, extra: Record<string, unknown> = {}) =>
    (await ok('POST', '/membership/organizations', { ...place, name, type, parentId, ...extra })).organizationId as string;
  const member = async (organizationId: string, status: 'FULL' | 'PROBATIONARY' = 'FULL', employer?: { employerName: string; employerCreditCode: string }) =>
    (
      await ok('POST', '/membership/members', {
        name: '王测试',
        gender: 'FEMALE',
        birthDate: BIRTH_DATE,
        ...newPerson(),
        ...(employer ?? {}),
        status,
        joinedOn: status === 'FULL' ? '2015-07-01' : '2026-01-02',
        organizationId,
      })
    ).memberId as string;
  /** 组织关系转接, the member's own process: requested, approved, completed. */
  const transfer = async (memberId: string, toOrganizationId: string) => {
    const requested = await ok('POST', `/membership/members/${memberId}/transfers`, { toOrganizationId, reason: '党组织撤销', requestedOn: today });
    const transferId = requested.transfer.transferId as string;
    await ok('POST', `/membership/members/${memberId}/transfers/${transferId}/approval`, { on: today });
    await ok('POST', `/membership/members/${memberId}/transfers/${transferId}/completion`, { on: today });
  };
  const dashboard = (scope: string, id: string) => ok('GET', `/dashboard?scope=${scope}&id=${id}`);
  /** The gateway's own list of a zone's organizations (its copy of membership's events). */
  const gatewayOrganizations = async (id: string) =>
    ((await ok('GET', `/dashboard/organizations?scope=zone&id=${id}&limit=500`)) as { items: Array<{ _id: string; name: string; parentId: string | null }> }).items;
  /** Waits until `read` gives what `expected` describes, then asserts it (so a copy that never follows fails with the difference). */
  const eventually = async <T>(read: () => Promise<T>, matches: (value: T) => boolean, what: string): Promise<T> => {
    let last: T | undefined;
    await waitFor(
      async () => {
        last = await read();
        return matches(last);
      },
      what,
      30_000,
      300,
    ).catch(() => undefined);
    return last as T;
  };

  let swc = '';
  let committee = '';
  let joint = '';

  beforeAll(async () => {
    await stack.start();
    await registerJurisdictions(stack, place);
    await ok('POST', '/membership/jurisdictions', { jurisdictionId: otherZoneId, level: 'ZONE', name: '测试二号商圈', parentId: subDistrictId, zoneKind: 'BUSINESS_DISTRICT' });
    swc = await organization('测试街道党工委', 'SUB_DISTRICT_WORKING_COMMITTEE', null, { zoneId: null });
    committee = await organization('测试商圈党委', 'DISTRICT_COMMITTEE', swc);
    joint = await organization('测试商圈联合党委', 'JOINT_COMMITTEE', committee);
  }, 600_000);

  afterAll(async () => {
    await stack.stop();
  });

  it('renames and re-parents an organization: the gateway’s dashboard list and activities’ branch list follow', async () => {
    const branch = await organization('万达广场党支部', 'BRANCH', committee);
    await ok('PATCH', `/membership/organizations/${branch}/name`, { name: '万达广场联合党支部' });
    await ok('PUT', `/membership/organizations/${branch}/parent`, { parentId: joint });

    const listed = await eventually(
      () => gatewayOrganizations(zoneId),
      (orgs) => orgs.some((o) => o._id === branch && o.name === '万达广场联合党支部' && o.parentId === joint),
      'the gateway to show the new name and parent',
    );
    expect(listed.find((o) => o._id === branch)).toMatchObject({ name: '万达广场联合党支部', parentId: joint });
    // Activities keeps its own copy: its branch flags name the branch by its new name.
    const period = today.slice(0, 4);
    const branches = await eventually(
      async () => ((await ok('GET', `/activities/ratings/branches?zoneId=${zoneId}&period=${period}&limit=500`)) as { items: Array<{ organizationId: string; name: string }> }).items,
      (rows) => rows.some((r) => r.organizationId === branch && r.name === '万达广场联合党支部'),
      'activities to show the new name',
    );
    expect(branches.find((r) => r.organizationId === branch)).toMatchObject({ name: '万达广场联合党支部' });

    // A cycle is refused through the gateway, naming why, and nothing moves.
    const cycle = await call('PUT', `/membership/organizations/${committee}/parent`, { parentId: joint });
    expectStatus(cycle, 422, 'a committee under its own child');
    expect(cycle.body.message).toMatch(/隶属关系不能成环/);
  });

  it('changes the host unit (依托单位): the dashboard’s 两新 coverage and the enterprise’s own page follow', async () => {
    const creditCode = newCreditCode();
    await ok('POST', '/enterprise/enterprises', { creditCode, zoneId, name: '济宁测试依托有限公司', industry: '电子商务', size: 'SMALL', employees: 30, youngGraduates: 3 });
    const branch = await organization('依托测试党支部', 'BRANCH', committee);
    const employee = await member(branch, 'FULL', { employerName: '济宁测试依托有限公司', employerCreditCode: creditCode });
    const coverage = async () => (await dashboard('zone', zoneId)).coverage as { enterprisesWithMembers: number; covered: number };
    const enterprise = async () => (await ok('GET', `/enterprise/enterprises/${creditCode}`)) as { hasPartyOrganization: boolean; partyOrganizationIds: string[] };

    const before = await eventually(coverage, (c) => c.enterprisesWithMembers === 1, 'the enterprise to count as one with members');
    expect(before).toMatchObject({ enterprisesWithMembers: 1, covered: 0 });

    await ok('PUT', `/membership/organizations/${branch}/host`, { host: { kind: 'ENTERPRISE', name: '济宁测试依托有限公司', creditCode } });
    expect(await eventually(coverage, (c) => c.covered === 1, 'the dashboard to count the enterprise covered')).toMatchObject({ covered: 1 });
    expect(await eventually(enterprise, (e) => e.hasPartyOrganization, 'the enterprise to show its Party organization')).toMatchObject({
      hasPartyOrganization: true,
      partyOrganizationIds: [branch],
    });

    await ok('PUT', `/membership/organizations/${branch}/host`, { host: null });
    expect(await eventually(coverage, (c) => c.covered === 0, 'the dashboard to count it uncovered again')).toMatchObject({ covered: 0 });
    expect(await eventually(enterprise, (e) => !e.hasPartyOrganization, 'the enterprise to lose its Party organization')).toMatchObject({ hasPartyOrganization: false });

    // Hosted again, then dissolved (its member moved first): a dissolved organization hosts nothing.
    await ok('PUT', `/membership/organizations/${branch}/host`, { host: { kind: 'ENTERPRISE', name: '济宁测试依托有限公司', creditCode } });
    expect(await eventually(enterprise, (e) => e.hasPartyOrganization, 'the enterprise to be hosting again')).toMatchObject({ hasPartyOrganization: true });
    await transfer(employee, joint);
    await ok('POST', `/membership/organizations/${branch}/dissolution`, {});
    expect(await eventually(coverage, (c) => c.covered === 0, 'the dashboard to count a dissolved host as none')).toMatchObject({ enterprisesWithMembers: 1, covered: 0 });
    expect(await eventually(enterprise, (e) => !e.hasPartyOrganization, 'the enterprise page to drop the dissolved organization')).toMatchObject({
      hasPartyOrganization: false,
      partyOrganizationIds: [],
    });
  });

  it('dissolves an organization once its member moved to a named one: it leaves the counts, takes no one in and hosts no activity', async () => {
    const closing = await organization('苏宁广场党支部', 'BRANCH', committee);
    const memberId = await member(closing);
    const counted = async () => ((await dashboard('zone', zoneId)) as { organizations: number; members: number }).organizations;
    await until(stack, 'GET', `/dashboard/organizations?scope=zone&id=${zoneId}`, undefined, (r) => JSON.stringify(r.body).includes(closing), 'the gateway to know it');
    const start = new Date(Date.now() + 7 * 86400_000);
    const activity = (organizerIds: string[]) => ({
      kind: 'THEME_PARTY_DAY',
      title: '主题党日',
      organizerIds,
      venue: '党群服务站',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 7200_000).toISOString(),
    });
    // Activities knows it too (its branch list), so what it refuses later it refuses for the dissolution.
    await until(
      stack,
      'GET',
      `/activities/ratings/branches?zoneId=${zoneId}&period=${today.slice(0, 4)}`,
      undefined,
      (r) => JSON.stringify(r.body).includes(closing),
      'activities to know it',
    );
    const draft = await ok('POST', '/activities/activities', activity([closing]));

    const refused = await call('POST', `/membership/organizations/${closing}/dissolution`, {});
    expectStatus(refused, 409, 'dissolving an organization with a member');
    expect(refused.body).toMatchObject({ error: 'ORGANIZATION_HAS_MEMBERS' });
    await transfer(memberId, joint);
    expectStatus(await call('POST', `/membership/organizations/${closing}/dissolution`, {}), 200, 'dissolution');

    // The zone's count and list leave it out, and agree.
    const after = await eventually(
      async () => ({ count: await counted(), listed: (await gatewayOrganizations(zoneId)).map((o) => o._id) }),
      ({ count, listed }) => !listed.includes(closing) && count === listed.length,
      'the dashboard to stop counting and listing it',
    );
    expect(after.listed).not.toContain(closing);
    expect(after.count).toBe(after.listed.length);
    const detail = await ok('GET', `/membership/organizations/${closing}`);
    expect(detail).toMatchObject({ dissolvedOn: today });

    // It takes no one in: a registration or a transfer into it is refused.
    const joining = await call('POST', '/membership/members', {
      name: '李新',
      gender: 'MALE',
      birthDate: BIRTH_DATE,
      ...newPerson(),
      status: 'FULL',
      joinedOn: '2015-07-01',
      organizationId: closing,
    });
    expect({ status: joining.status, message: joining.body.message }).toMatchObject({ status: 422, message: expect.stringMatching(/已于 .* 撤销，不能再接收党员（organizationId）/) });
    const inbound = await call('POST', `/membership/members/${memberId}/transfers`, { toOrganizationId: closing, reason: '回原支部', requestedOn: today });
    expect(inbound.status).toBeGreaterThanOrEqual(400);
    expect(inbound.status).toBeLessThan(500);

    // Activities has heard of the dissolution once its branch list leaves the organization out.
    await until(
      stack,
      'GET',
      `/activities/ratings/branches?zoneId=${zoneId}&period=${today.slice(0, 4)}`,
      undefined,
      (r) => !JSON.stringify(r.body).includes(closing),
      'activities to drop it',
    );
    const hosted = await call('POST', '/activities/activities', activity([closing]));
    expectStatus(hosted, 422, 'a dissolved organizer');
    expect(hosted.body.message).toMatch(/organizerIds.*已撤销/);
    const publishing = await call('POST', `/activities/activities/${draft.activityId}/publish`, {});
    expectStatus(publishing, 409, 'publishing a draft of a dissolved organizer');
    expect(publishing.body).toMatchObject({ error: 'ORGANIZER_DISSOLVED' });
    // A co-hosted one naming it is refused as well, and the standing organization still hosts.
    expectStatus(await call('POST', '/activities/activities', { ...activity([joint, closing]), kind: 'ALLIANCE_ACTIVITY' }), 422, 'a co-host dissolved');
    expectStatus(await call('POST', '/activities/activities', activity([joint])), 201, 'a standing organizer');
  });

  it('merges two organizations: the child moves to the receiving one, the merged one leaves the gateway’s lists', async () => {
    const merging = await organization('运河城联合党委', 'JOINT_COMMITTEE', committee);
    const child = await organization('运河城党支部', 'BRANCH', merging);
    await until(stack, 'GET', `/dashboard/organizations?scope=zone&id=${zoneId}`, undefined, (r) => JSON.stringify(r.body).includes(child), 'the gateway to know both');
    const merged = await call('POST', `/membership/organizations/${merging}/merge`, { intoOrganizationId: joint });
    expectStatus(merged, 200, 'merge');
    expect(merged.body).toMatchObject({ mergedIntoId: joint });
    const listed = await eventually(
      () => gatewayOrganizations(zoneId),
      (orgs) => !orgs.some((o) => o._id === merging) && orgs.some((o) => o._id === child && o.parentId === joint),
      'the gateway to follow the merge',
    );
    expect(listed.map((o) => o._id)).not.toContain(merging);
    expect(listed.find((o) => o._id === child)).toMatchObject({ parentId: joint });
  });

  it('renames a zone: the dashboard and the jurisdiction list name it anew', async () => {
    await ok('PATCH', `/membership/jurisdictions/${zoneId}/name`, { name: '测试商圈（更名）' });
    const named = await eventually(
      () => dashboard('zone', zoneId),
      (d) => d.name === '测试商圈（更名）',
      'the dashboard to show the new zone name',
    );
    expect(named.name).toBe('测试商圈（更名）');
    const zones = (await ok('GET', `/membership/jurisdictions?level=ZONE&districtId=${districtId}`)) as Array<{ jurisdictionId: string; name: string }>;
    expect(zones.find((z) => z.jurisdictionId === zoneId)).toMatchObject({ name: '测试商圈（更名）' });
  });

  it('registers a building in a zone, locates an organization there (not one of another zone’s building) and counts what is inside', async () => {
    const building = await ok('POST', '/membership/buildings', { name: '测试大厦', kind: 'BUILDING', zoneId, address: '测试路 1 号' });
    const elsewhere = await ok('POST', '/membership/buildings', { name: '二号大厦', kind: 'COMPLEX', zoneId: otherZoneId });
    const tenant = await organization('测试大厦党支部', 'BRANCH', committee);
    await member(tenant);
    await member(tenant, 'PROBATIONARY');

    const wrong = await call('PUT', `/membership/organizations/${tenant}/building`, { buildingId: elsewhere.buildingId });
    expectStatus(wrong, 422, 'a building of another zone');
    expect(wrong.body).toMatchObject({ error: 'BUILDING_IN_OTHER_ZONE' });
    await ok('PUT', `/membership/organizations/${tenant}/building`, { buildingId: building.buildingId });
    expect(await ok('GET', `/membership/buildings/${building.buildingId}`)).toMatchObject({ name: '测试大厦', zoneId, counts: { organizations: 1, members: 2 } });
    expect(await ok('GET', `/membership/buildings/${elsewhere.buildingId}`)).toMatchObject({ counts: { organizations: 0, members: 0 } });
    const listed = (await ok('GET', `/membership/organizations?buildingId=${building.buildingId}`)) as Array<{ organizationId: string }>;
    expect(listed.map((o) => o.organizationId)).toEqual([tenant]);
  });

  it('appoints a secretary only from the organization’s full members, a council department head only from the alliance', async () => {
    const branch = await organization('书记测试党支部', 'BRANCH', committee);
    const full = await member(branch);
    const probationary = await member(branch, 'PROBATIONARY');
    const elsewhere = await member(joint);
    for (const [memberId, message] of [
      [probationary, /secretaryMemberId：.*书记须为正式党员/],
      [elsewhere, /secretaryMemberId：.*书记须从本组织党员中产生/],
      ['mem-nobody', /secretaryMemberId：党员 mem-nobody 不存在/],
    ] as const) {
      const res = await call('PUT', `/membership/organizations/${branch}/secretary`, { secretaryMemberId: memberId });
      expectStatus(res, 422, `secretary ${memberId}`);
      expect(res.body.message).toMatch(message);
    }
    expect((await ok('GET', `/membership/organizations/${branch}`)).secretaryMemberId ?? null).toBeNull();
    expect(await ok('PUT', `/membership/organizations/${branch}/secretary`, { secretaryMemberId: full })).toMatchObject({ secretaryMemberId: full });

    const alliance = await ok('POST', '/membership/alliances', { name: '测试商圈党建联盟', foundingCommitteeId: swc, zoneId });
    await ok('POST', `/membership/alliances/${alliance.allianceId}/members`, { organizationId: branch });
    await ok('POST', `/membership/alliances/${alliance.allianceId}/departments`, { departmentId: 'dept-1', name: '办公室' });
    const outsider = await call('PUT', `/membership/alliances/${alliance.allianceId}/departments/dept-1/head`, { headMemberId: elsewhere });
    expectStatus(outsider, 422, 'a head from outside the alliance');
    expect(outsider.body.message).toMatch(/headMemberId：.*不是测试商圈党建联盟的成员单位/);
    const head = await ok('PUT', `/membership/alliances/${alliance.allianceId}/departments/dept-1/head`, { headMemberId: full });
    expect(head.departments[0]).toMatchObject({ departmentId: 'dept-1', headMemberId: full });
  });

  it('registers an instructor (党建指导员), assigns them (an unknown one is refused), records and lists guidance visits', async () => {
    const guided = await organization('指导测试党支部', 'BRANCH', committee);
    const instructor = await ok('POST', '/membership/instructors', { name: '李指导', sendingUnit: '测试区委组织部', districtId, subDistrictId });
    const unknown = await call('POST', `/membership/organizations/${guided}/instructors`, { instructorId: 'ins-nobody' });
    expectStatus(unknown, 422, 'an unregistered instructor');
    expect(unknown.body.message).toMatch(/instructorId：党建指导员 ins-nobody 未登记/);
    await ok('POST', `/membership/organizations/${guided}/instructors`, { instructorId: instructor.instructorId });

    const notGuided = await call('POST', `/membership/instructors/${instructor.instructorId}/visits`, { organizationId: joint, visitedOn: today, summary: '走访' });
    expectStatus(notGuided, 422, 'a visit to an organization not guided');
    await ok('POST', `/membership/instructors/${instructor.instructorId}/visits`, { organizationId: guided, visitedOn: today, summary: '指导支部规范开展三会一课' });
    const visits = await ok('GET', `/membership/instructors/${instructor.instructorId}/visits`);
    expect(visits.items).toEqual([expect.objectContaining({ organizationId: guided, visitedOn: today })]);
    expect(await ok('GET', `/membership/instructors/${instructor.instructorId}`)).toMatchObject({
      organizations: [expect.objectContaining({ organizationId: guided, visits: 1, lastVisitedOn: today })],
      visits: { count: 1, lastVisitedOn: today },
    });
  });

  it('registers an honour only in a registered place', async () => {
    const honour = (overrides: Record<string, unknown>) => ({
      honourId: uniqueName('honour'),
      kind: 'PARTY_BUILDING_BRAND',
      name: '“红色楼宇”党建品牌',
      organizationId: joint,
      description: '楼宇党建示范',
      awardedOn: today,
      ...place,
      ...overrides,
    });
    const nowhere = await call('POST', '/activities/honours', honour({ zoneId: 'zone-nowhere', organizationId: null }));
    expectStatus(nowhere, 422, 'an honour in an unregistered zone');
    expect(nowhere.body.message).toMatch(/zoneId：.*没有已登记的片区 zone-nowhere/);
    const registered = await until(stack, 'POST', '/activities/honours', honour({}), (res) => res.status === 201, 'activities to know the zone and organization');
    expect(registered.body).toMatchObject({ zoneId, organizationId: joint });
    // An organization of another zone is not that place's: refused, naming it.
    const elsewhere = await until(
      stack,
      'POST',
      '/activities/honours',
      honour({ zoneId: otherZoneId }),
      (res) => res.status !== 422 || /不在所填辖区/.test(res.body.message),
      'activities to know the other zone',
    );
    expectStatus(elsewhere, 422, 'an honour of an organization in another zone');
  });

  it('links user accounts only to records that exist; a linked grid worker acts on cases as their worker record', async () => {
    const zone = { level: 'ZONE', ...place };
    const account = (role: string, links: Record<string, unknown>) => ({
      username: uniqueName(`ref-${role.toLowerCase().replace(/_/g, '-')}`),
      displayName: '关联测试',
      password: 'linked account secret 02',
      role,
      scope: zone,
      ...links,
    });
    const workerId = uniqueName('wref');
    await ok('POST', '/governance/grid-workers', { workerId, name: '张网格', zoneId });
    const grid = await until(stack, 'POST', '/governance/grids', { name: '关联测试网格', zoneId }, (r) => r.status === 201, 'governance to know the zone');
    await ok('POST', `/governance/grid-workers/${workerId}/grids`, { gridId: grid.body.gridId });
    const creditCode = newCreditCode();
    await ok('POST', '/enterprise/enterprises', { creditCode, zoneId, name: '济宁关联测试有限公司', industry: '电子商务', size: 'SMALL', employees: 10, youngGraduates: 1 });
    const memberId = await member(joint);

    for (const [what, body, message] of [
      ['a member record that does not exist', account('ORG_SECRETARY', { organizationId: joint, memberId: 'mem-nobody' }), /memberId：党员 mem-nobody 不存在/],
      ['a grid worker record that does not exist', account('GRID_WORKER', { gridWorkerId: 'worker-nobody' }), /gridWorkerId：网格员档案 worker-nobody 不存在/],
      ['an enterprise never registered', account('ENTERPRISE_CONTACT', { enterpriseCode: newCreditCode() }), /enterpriseCode：企业 .* 未登记/],
    ] as const) {
      const res = await call('POST', '/users', body);
      expectStatus(res, 422, what);
      expect(res.body.message).toMatch(message);
      expect((await ok('GET', `/users?q=${body.username}`)) as unknown[]).toEqual([]);
    }
    expectStatus(await call('POST', '/users', account('ORG_SECRETARY', { organizationId: joint, memberId })), 201, 'a secretary linked to their member record');
    expectStatus(await call('POST', '/users', account('ENTERPRISE_CONTACT', { enterpriseCode: creditCode })), 201, 'a contact of a registered enterprise');
    const worker = account('GRID_WORKER', { gridWorkerId: workerId });
    expectStatus(await call('POST', '/users', worker), 201, 'a grid worker linked to their record');
    const token = await stack.signIn(worker.username, worker.password);
    const userId = (await call('GET', '/auth/me', undefined, token)).body.userId as string;

    // The worker reports as their record.
    const reported = await call('POST', '/governance/cases', { kind: 'LIVELIHOOD_SERVICE', title: '井盖松动', description: '商圈南门井盖松动', gridId: grid.body.gridId }, token);
    expectStatus(reported, 201, 'the worker reports');
    expect(reported.body.workerId).toBe(workerId);
    // A case an administrator reported for that worker: only the case's own worker verifies it, and the linked account is that worker.
    const kase = await ok('POST', '/governance/cases', { kind: 'LIVELIHOOD_SERVICE', title: '路灯不亮', description: '商圈北口路灯不亮', gridId: grid.body.gridId, workerId });
    const caseId = kase.caseId as string;
    expectStatus(await call('POST', `/governance/cases/${caseId}/accept`, {}), 200, 'accept');
    await until(stack, 'POST', `/governance/cases/${caseId}/dispatch`, { assignee: { kind: 'ORGANIZATION', id: joint } }, (r) => r.status === 200, 'dispatch');
    expectStatus(await call('POST', `/governance/cases/${caseId}/handle`, { feedback: '已更换灯泡' }), 200, 'handle');
    expectStatus(await call('POST', `/governance/cases/${caseId}/verify`, { note: '现场核实已修复' }, token), 200, 'the linked worker verifies');
    // Both cases name the worker record; the account's user id stays who reported (`reportedBy`), never the worker.
    for (const id of [reported.body.caseId as string, caseId]) expect((await ok('GET', `/governance/cases/${id}`)).workerId).toBe(workerId);
    expect(await ok('GET', `/governance/cases/${reported.body.caseId}`)).toMatchObject({ reportedBy: userId, workerId });
    expect((await ok('GET', `/governance/cases/${caseId}`)).status).toBe('VERIFIED');
  });
});
