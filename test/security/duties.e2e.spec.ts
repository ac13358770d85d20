import { ASSESSMENT_ITEMS } from '@pb/contracts';
import { infraEnv, newCreditCode, uniqueName, waitFor } from '@pb/testing';
import { record, say } from '../support/report';
import { Answer, Stack } from '../support/stack';
import { Area, buildArea, createUsers, TestRole, TestUser } from '../support/world';

/**
 * Separation of duties and need-to-know in governance and activities (#17, items 2 and 4),
 * through the gateway as users of each role reach them: the case loop, co-organizers of an
 * activity, filters by id, and the people in lists.
 */
describe('security review: separation of duties and need-to-know (governance, activities)', () => {
  const stack = new Stack('duties', infraEnv(), { gateway: { ACCESS_TOKEN_TTL_SECONDS: '3600' } });
  let own: Area;
  let other: Area;
  let users: Record<TestRole, TestUser>;
  /** The grid worker's user id (who acts, in events' actorid). */
  let workerUserId = '';

  const as = (user: TestUser | string) => (typeof user === 'string' ? user : user.token);
  const call = (user: TestUser | string, method: string, path: string, body?: unknown) => stack.call(method, path, body, as(user));
  /** Retries while another service has not yet learned of a record (a 4xx that will turn into `ok`). */
  const until = async (user: TestUser | string, method: string, path: string, body: unknown, ok: (res: Answer) => boolean, what: string): Promise<Answer> => {
    let last: Answer | undefined;
    await waitFor(
      async () => {
        last = await call(user, method, path, body);
        return ok(last);
      },
      what,
      60_000,
      300,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; last answer ${last?.status} ${JSON.stringify(last?.body)?.slice(0, 300)}`);
    });
    return last!;
  };
  const created = (res: Answer) => res.status >= 200 && res.status < 300;
  const expectStatus = (res: Answer, status: number, what: string) =>
    expect({ what, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ what, status, body: undefined });

  beforeAll(async () => {
    await stack.start();
    own = await buildArea(stack, 'A');
    other = await buildArea(stack, 'B');
    users = await createUsers(stack, own);
    workerUserId = (await call(users.GRID_WORKER, 'GET', '/auth/me')).body.userId;
    // The grid worker user's account is linked to the area's worker record (createUsers): that worker looks after the grid.
    await until(stack.adminToken, 'POST', `/governance/grid-workers/${own.workerId}/grids`, { gridId: own.gridId }, created, 'the grid worker assigned to the grid');
  }, 600_000);

  afterAll(async () => {
    await stack.stop();
  });

  it('keeps the reporter from verifying or rating their own case and leaves handling to the assignee (its secretary) or an admin', async () => {
    const report = await call(users.GRID_WORKER, 'POST', '/governance/cases', { kind: 'LIVELIHOOD_SERVICE', title: '井盖松动', description: '商圈南门井盖松动', gridId: own.gridId });
    expectStatus(report, 201, 'grid worker reports');
    const caseId = report.body.caseId as string;
    const step = (user: TestUser, path: string, body: unknown = {}) => call(user, 'POST', `/governance/cases/${caseId}/${path}`, body);
    expectStatus(await step(users.GRID_WORKER, 'accept'), 200, 'grid worker accepts');
    // Dispatched to the area's Party organization (governance learns of it from membership's events).
    await until(
      users.GRID_WORKER,
      'POST',
      `/governance/cases/${caseId}/dispatch`,
      { assignee: { kind: 'ORGANIZATION', id: own.organizationId } },
      created,
      'dispatch to the organization',
    );

    const handledByWorker = await step(users.GRID_WORKER, 'handle', { feedback: '网格员自行处置' });
    expectStatus(handledByWorker, 403, 'grid worker handles as the assignee');
    const returnedByWorker = await step(users.GRID_WORKER, 'return', { reason: '网格员代为退回' });
    expectStatus(returnedByWorker, 403, 'grid worker returns as the assignee');
    const handled = await step(users.ORG_SECRETARY, 'handle', { feedback: '支部组织党员志愿者加固井盖' });
    expectStatus(handled, 200, 'the assignee organization’s secretary handles');
    expect(handled.body).toMatchObject({ status: 'HANDLED', handledBy: { kind: 'ORGANIZATION', id: own.organizationId } });

    const selfVerified = await step(users.GRID_WORKER, 'verify', { note: '自查通过' });
    expectStatus(selfVerified, 403, 'reporter verifies own case');
    expect(selfVerified.body).toMatchObject({ error: 'REPORTER_CANNOT_VERIFY' });
    expectStatus(await step(users.SUB_DISTRICT_ADMIN, 'verify', { note: '街道核查属实' }), 200, 'another user verifies');
    expectStatus(await step(users.GRID_WORKER, 'close'), 200, 'grid worker closes');
    const selfRated = await step(users.GRID_WORKER, 'rate', { satisfaction: 5 });
    expectStatus(selfRated, 403, 'reporter rates own case');
    expect(selfRated.body).toMatchObject({ error: 'REPORTER_CANNOT_RATE' });
    expectStatus(await step(users.SUB_DISTRICT_ADMIN, 'rate', { satisfaction: 4, comment: '回访居民满意' }), 200, 'another user records the rating');

    const timeline = await call(users.DISTRICT_ADMIN, 'GET', `/governance/cases/${caseId}/timeline`);
    const actors = Object.fromEntries((timeline.body as { step: string; actorId: string }[]).map((e) => [e.step, e.actorId]));
    expect(actors.CaseReported).toBe(workerUserId);
    expect([actors.CaseHandled, actors.CaseVerified, actors.CaseRated]).not.toContain(workerUserId);
    // The case names the worker record the account is linked to, never a user id typed by hand.
    expect((await call(users.DISTRICT_ADMIN, 'GET', `/governance/cases/${caseId}`)).body.workerId).toBe(own.workerId);
    record('security-review', {
      checks: [
        'case loop, separation of duties: a grid worker’s handle and return of a dispatched case → 403, the assignee organization’s secretary handles (200); the reporter’s verify and rate → 403 (REPORTER_CANNOT_VERIFY / _RATE), another user’s → 200',
      ],
    });
  }, 120_000);

  it('checks every organizer of an activity against the caller, not only the first one', async () => {
    // A second organization in the caller's own zone, and the other district's, both known to activities.
    const second = await until(
      stack.adminToken,
      'POST',
      '/membership/organizations',
      { name: '测试A第二联合党委', type: 'JOINT_COMMITTEE', districtId: own.districtId, subDistrictId: own.subDistrictId, zoneId: own.zoneId },
      created,
      'a second organization',
    );
    const secondId = second.body.organizationId as string;
    const start = new Date(Date.now() + 10 * 86400_000);
    const activity = (organizerIds: string[], kind = 'ALLIANCE_ACTIVITY') => ({
      kind,
      title: '联盟共建活动',
      organizerIds,
      venue: '党群服务中心',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3600_000).toISOString(),
    });
    for (const id of [secondId, other.organizationId])
      await until(stack.adminToken, 'POST', '/activities/activities', activity([id], 'THEME_PARTY_DAY'), created, `activities to know ${id}`);

    const crossDistrict = await call(users.DISTRICT_ADMIN, 'POST', '/activities/activities', activity([own.organizationId, other.organizationId]));
    expectStatus(crossDistrict, 403, 'district admin lists a co-organizer of another district');
    expect(crossDistrict.body.message).toContain(other.organizationId);
    const forOthers = await call(users.ORG_SECRETARY, 'POST', '/activities/activities', activity([own.organizationId, secondId]));
    expectStatus(forOthers, 403, 'secretary lists another organization as co-organizer');
    const hidden = await call(users.ORG_SECRETARY, 'POST', '/activities/activities', activity([secondId, own.organizationId]));
    expectStatus(hidden, 403, 'secretary puts another organization first');
    const unknown = await call(users.DISTRICT_ADMIN, 'POST', '/activities/activities', activity([own.organizationId, 'org-nowhere']));
    expectStatus(unknown, 422, 'unknown co-organizer');
    // What the caller may act for still works: a secretary for their organization, an admin for those in the district.
    expectStatus(await call(users.ORG_SECRETARY, 'POST', '/activities/activities', activity([own.organizationId], 'THEME_PARTY_DAY')), 201, 'secretary for own organization');
    expectStatus(await call(users.DISTRICT_ADMIN, 'POST', '/activities/activities', activity([own.organizationId, secondId])), 201, 'district admin for two of the district');
    const calendar = await call(stack.adminToken, 'GET', `/activities/activities?organizationId=${other.organizationId}`);
    expect((calendar.body.items as { organizerIds: string[] }[]).filter((a) => a.organizerIds.includes(own.organizationId))).toEqual([]);
    record('security-review', {
      checks: [
        'activity co-organizers: a district admin listing another district’s organization second → 403, a secretary listing any other organization (first or second) → 403, an unknown one → 422; nothing credited to the other district',
      ],
    });
  }, 180_000);

  it('refuses filters by an id in another jurisdiction and gives rows their jurisdiction', async () => {
    const items = ASSESSMENT_ITEMS.map((item) => ({ item, score: 8 }));
    for (const area of [own, other]) {
      await until(stack.adminToken, 'PUT', `/activities/organizations/${area.organizationId}/assessments/2025`, { items }, created, 'an assessment');
      await until(
        stack.adminToken,
        'POST',
        '/membership/recommendations',
        { kind: 'MODEL_EMPLOYEE_TO_ACTIVIST', name: '王强', organizationId: area.organizationId, sourceContext: 'enterprise', reason: '业务骨干', recommendedOn: '2025-05-04' },
        created,
        'a recommendation',
      );
    }
    const refused: string[] = [];
    for (const path of [
      `/activities/assessments?organizationId=${other.organizationId}`,
      `/membership/recommendations?organizationId=${other.organizationId}`,
      `/activities/members?organizationId=${other.organizationId}`,
      `/activities/compliance?period=2025&organizationId=${other.organizationId}`,
      `/activities/pledges?memberId=${other.memberId}`,
      `/governance/cases?gridId=${other.gridId}`,
      `/governance/grid-workers?gridId=${other.gridId}`,
      `/governance/mediations?caseId=${other.caseId}`,
    ]) {
      const res = await call(users.DISTRICT_ADMIN, 'GET', path);
      expectStatus(res, 403, `district admin: ${path}`);
      refused.push(path.split('?')[0]);
    }
    // In scope: the same filters answer, and every row says where it lies.
    for (const list of ['/activities/assessments', '/membership/recommendations']) {
      const mine = await call(users.DISTRICT_ADMIN, 'GET', `${list}?organizationId=${own.organizationId}`);
      expectStatus(mine, 200, `own ${list}`);
      expect(mine.body.length).toBeGreaterThan(0);
      const all = await call(stack.adminToken, 'GET', list);
      const placed = (all.body as { organizationId: string; districtId?: string }[]).filter((r) => [own.organizationId, other.organizationId].includes(r.organizationId));
      expect(placed.map((r) => [r.organizationId, r.districtId]).sort()).toEqual(
        [
          [own.organizationId, own.districtId],
          [other.organizationId, other.districtId],
        ].sort(),
      );
    }
    record('security-review', {
      checks: [
        `filters by id: another district’s organization, member, grid or case as a filter → 403 on ${refused.length} lists (${[...new Set(refused)].join(', ')}); assessments and recommendations rows carry districtId`,
      ],
    });
  }, 180_000);

  it('gives grid workers, enterprise contacts and analysts no names from governance and activities lists', async () => {
    const requester = `赵阿姨${uniqueName('r').slice(-4)}`;
    await until(
      stack.adminToken,
      'POST',
      '/governance/cases',
      { kind: 'PUBLIC_OPINION', title: '噪音扰民', description: '夜间施工噪音', source: 'RESIDENT', requesterName: requester, gridId: own.gridId },
      created,
      'a case with its requester',
    );
    const lists = ['/governance/cases?limit=200', '/governance/grid-workers', '/activities/members'];
    const names = [requester, '李网格', '王测试'];
    // Those who need them see them (the test's data is there to be withheld).
    const admin = (await Promise.all(lists.map((path) => call(users.DISTRICT_ADMIN, 'GET', path)))).map((r) => JSON.stringify(r.body)).join('\n');
    for (const name of names) expect({ name, seen: admin.includes(name) }).toEqual({ name, seen: true });
    const leaks: string[] = [];
    for (const role of ['GRID_WORKER', 'ENTERPRISE_CONTACT', 'ANALYST'] as const) {
      for (const path of lists) {
        const res = await call(users[role], 'GET', path);
        // Analysts are stopped at the gateway (figures only); the services withhold names from them too, behind it.
        expectStatus(res, role === 'ANALYST' ? 403 : 200, `${role} ${path}`);
        const text = JSON.stringify(res.body);
        for (const name of names) if (text.includes(name)) leaks.push(`${role} ${path}: ${name}`);
        if (text.includes('requesterName') || text.includes('"name":')) leaks.push(`${role} ${path}: a name field`);
      }
    }
    expect(leaks).toEqual([]);
    say(`need-to-know: ${lists.length} lists × 2 roles without names, refused to analysts`);
    record('security-review', {
      checks: [
        `need-to-know: grid workers and enterprise contacts read ${lists.join(', ')} without requesters’, workers’ or members’ names, analysts are refused them (admins still see them)`,
      ],
    });
  }, 120_000);

  it('links an account only to records that exist and fit it, as the owning service answers (账号关联, #18 item 3)', async () => {
    const account = (
      role: string,
      links: Record<string, unknown>,
      scope: Record<string, string> = { level: 'ZONE', districtId: own.districtId, subDistrictId: own.subDistrictId, zoneId: own.zoneId },
    ) => ({
      username: uniqueName(`link-${role.toLowerCase().replace(/_/g, '-')}`),
      displayName: '关联测试',
      password: 'linked account secret 01',
      role,
      scope,
      ...links,
    });
    const refusals: Array<[string, Record<string, unknown>, number, RegExp, TestUser | string]> = [
      ['secretary of an organization that does not exist', account('ORG_SECRETARY', { organizationId: 'org-nowhere' }), 422, /党组织 org-nowhere 不存在/, stack.adminToken],
      [
        'secretary whose own record is in another organization',
        account('ORG_SECRETARY', { organizationId: own.organizationId, memberId: other.memberId }),
        422,
        /不是党组织 .* 的党员/,
        stack.adminToken,
      ],
      [
        'secretary whose member record does not exist',
        account('ORG_SECRETARY', { organizationId: own.organizationId, memberId: 'mem-nobody' }),
        422,
        /党员 mem-nobody 不存在/,
        stack.adminToken,
      ],
      ['contact of an enterprise never registered', account('ENTERPRISE_CONTACT', { enterpriseCode: newCreditCode() }), 422, /未登记/, stack.adminToken],
      ['grid worker linked to a worker of another zone', account('GRID_WORKER', { gridWorkerId: other.workerId }), 422, /不在该用户的片区/, stack.adminToken],
      ['grid worker linked to no worker record', account('GRID_WORKER', { gridWorkerId: 'worker-nobody' }), 422, /网格员档案 worker-nobody 不存在/, stack.adminToken],
      [
        'an analyst linked to a grid worker record',
        account('ANALYST', { gridWorkerId: own.workerId }, { level: 'DISTRICT', districtId: own.districtId }),
        422,
        /只能关联到网格员账号/,
        stack.adminToken,
      ],
      [
        'a district admin linking an organization of another district',
        account('ORG_SECRETARY', { organizationId: other.organizationId }),
        403,
        /不在您的管辖范围内/,
        users.DISTRICT_ADMIN,
      ],
    ];
    for (const [what, body, status, message, by] of refusals) {
      const res = await call(by, 'POST', '/users', body);
      expectStatus(res, status, what);
      expect(JSON.stringify(res.body.message)).toMatch(message);
      expect((await call(stack.adminToken, 'GET', `/users?q=${String(body.username)}`)).body).toEqual([]);
    }

    // The links that hold: the secretary's own member record in their organization, the grid worker's record in their zone.
    const secretary = account('ORG_SECRETARY', { organizationId: own.organizationId, memberId: own.memberId });
    expectStatus(await call(users.DISTRICT_ADMIN, 'POST', '/users', secretary), 201, 'secretary linked to their member record');
    const worker = account('GRID_WORKER', { gridWorkerId: own.workerId });
    expectStatus(await call(users.DISTRICT_ADMIN, 'POST', '/users', worker), 201, 'grid worker linked to their record');
    const signedIn = await stack.signIn(worker.username, worker.password);
    const me = await call(signedIn, 'GET', '/auth/me');
    expect(me.body).toMatchObject({ role: 'GRID_WORKER', gridWorkerId: own.workerId });

    // Reassigning checks the links again: the worker cannot be moved to another zone's record.
    const [listed] = (await call(stack.adminToken, 'GET', `/users?q=${worker.username}`)).body as unknown as Array<{ userId: string }>;
    const moved = await call(stack.adminToken, 'PUT', `/users/${listed.userId}/assignment`, {
      role: 'GRID_WORKER',
      scope: { level: 'ZONE', districtId: own.districtId, subDistrictId: own.subDistrictId, zoneId: own.zoneId },
      gridWorkerId: other.workerId,
    });
    expectStatus(moved, 422, 'reassigned to a worker record of another zone');
    expect((await call(signedIn, 'GET', '/auth/me')).status).toBe(200);
    record('security-review', {
      checks: [
        'account links (#18): secretaries, contacts and grid workers are linked only to organizations, member records, enterprises and grid worker records that exist, fit the role and lie in the jurisdiction, as the owning service answers; refusals create nothing',
      ],
    });
  }, 120_000);
});
