import { request as httpRequest } from 'http';
import { infraEnv, newCreditCode, uniqueName, waitFor } from '@pb/testing';
import { Doc, endpointsOf, fillPath, queryFor } from '../support/openapi-requests';
import { record, say } from '../support/report';
import { Answer, Stack } from '../support/stack';
import { Area, BIRTH_DATE, buildArea, createUsers, newPerson, PERSONAL_DATA, TestRole, TestUser } from '../support/world';

/**
 * Need-to-know by role through the gateway (#17, item 2): the timeline and record histories by
 * role and by where a record is now, the analyst's figures-only route policy, enterprise's
 * filters by id and its contacts' view of their neighbours, and the services' operational routes.
 */

/** The GET routes an analyst reaches (docs/architecture.md, "Need-to-know"): figures, the event catalogue, their account. */
const ANALYST_ROUTES = new Set([
  'GET /api/auth/me',
  'GET /api/dashboard',
  'GET /api/dashboard/organizations',
  'GET /api/dashboard/flags',
  'GET /api/events/catalogue',
  'GET /api/events/asyncapi.yaml',
  'GET /api/membership/jurisdictions',
  'GET /api/membership/jurisdictions/{jurisdictionId}',
  'GET /api/membership/jurisdictions/{jurisdictionId}/tree',
  'GET /api/membership/jurisdictions/{jurisdictionId}/statistics',
  'GET /api/membership/zones/{zoneId}/member-counts',
  'GET /api/activities/points-rules',
  'GET /api/activities/attendance/organizations',
  'GET /api/activities/compliance',
  'GET /api/activities/ratings/branches',
  'GET /api/governance/statistics/zones/{zoneId}',
  'GET /api/governance/statistics/departments/{departmentId}',
  'GET /api/enterprise/zones/{zoneId}/figures',
]);

/** Names the suite registers people under: none may reach an analyst. */
const NAMES = ['王测试', '李网格', '赵联络', '周导师'];

const ok = (s: number) => s >= 200 && s < 300;

describe('need-to-know through the gateway: by role, by where a record is now, analysts, operational routes', () => {
  const stack = new Stack('ntk', infraEnv(), { gateway: { ACCESS_TOKEN_TTL_SECONDS: '3600' } });
  let own: Area;
  let other: Area;
  let users: Record<TestRole, TestUser>;
  /** A second enterprise and a second organization in the users' own zone: their neighbours. */
  const neighbour = { creditCode: '', requestId: '', organizationId: '' };

  const as = (u: TestUser | string, path: string): Promise<Answer> => stack.call('GET', path, undefined, typeof u === 'string' ? u : u.token);
  /** The gateway learns of records from the events: wait until the record's history is there. */
  const historyKnown = (recordId: string, events = 1) =>
    waitFor(async () => ((await stack.call('GET', `/history/${recordId}`)).body?.events?.length ?? 0) >= events, `history of ${recordId}`, 60_000, 300);

  beforeAll(async () => {
    await stack.start();
    own = await buildArea(stack, 'A');
    other = await buildArea(stack, 'B');
    users = await createUsers(stack, own);
    neighbour.creditCode = newCreditCode();
    await stack.callUntil(
      'POST',
      '/enterprise/enterprises',
      {
        creditCode: neighbour.creditCode,
        zoneId: own.zoneId,
        name: '济宁邻居有限公司',
        industry: '商贸',
        size: 'SMALL',
        employees: 12,
        youngGraduates: 1,
        contacts: [{ name: '赵联络', title: '经理' }],
      },
      ok,
      'neighbour enterprise',
    );
    neighbour.requestId = (
      await stack.callUntil(
        'POST',
        '/enterprise/service-requests',
        { creditCode: neighbour.creditCode, category: 'FINANCING', title: '邻居的诉求', description: '邻居的融资需求' },
        ok,
        'neighbour request',
      )
    ).body.requestId;
    neighbour.organizationId = (
      await stack.callUntil(
        'POST',
        '/membership/organizations',
        { name: '邻居党支部', type: 'JOINT_COMMITTEE', districtId: own.districtId, subDistrictId: own.subDistrictId, zoneId: own.zoneId },
        ok,
        'neighbour organization',
      )
    ).body.organizationId;
    for (const id of [own.requestId, own.memberId, own.organizationId, own.caseId, neighbour.requestId, neighbour.creditCode, neighbour.organizationId]) await historyKnown(id);
  }, 600_000);

  afterAll(async () => {
    await stack.stop();
  });

  describe('timeline and record histories by role', () => {
    it('shows an enterprise contact its own enterprise’s records only, and no timeline', async () => {
      const contact = users.ENTERPRISE_CONTACT;
      expect((await as(contact, `/history/${own.requestId}`)).status).toBe(200);
      expect((await as(contact, `/history/${own.creditCode}`)).status).toBe(200);
      const refused = await as(contact, `/history/${neighbour.requestId}`);
      expect({ status: refused.status, message: refused.body.message }).toEqual({ status: 403, message: expect.stringMatching(/不属于您所在的企业/) });
      expect((await as(contact, `/history/${neighbour.creditCode}`)).status).toBe(403);
      expect((await as(contact, `/history/${own.caseId}`)).status).toBe(403);
      expect((await as(contact, `/history/${own.memberId}`)).status).toBe(403);
      const timeline = await as(contact, `/timeline?scope=zone&id=${own.zoneId}`);
      expect(timeline.status).toBe(403);
      record('security-review', { checks: ['enterprise contact reads another enterprise’s request history: 403 (own: 200), zone timeline: 403'] });
    });

    it('shows a secretary its own organization’s records only, and no timeline', async () => {
      const secretary = users.ORG_SECRETARY;
      expect((await as(secretary, `/history/${own.organizationId}`)).status).toBe(200);
      expect((await as(secretary, `/history/${own.memberId}`)).status).toBe(200);
      expect((await as(secretary, `/history/${neighbour.organizationId}`)).status).toBe(403);
      expect((await as(secretary, `/history/${own.requestId}`)).status).toBe(403);
      expect((await as(secretary, `/timeline?scope=zone&id=${own.zoneId}`)).status).toBe(403);
      record('security-review', { checks: ['secretary reads another organization’s history in its zone: 403 (own organization and member: 200), timeline: 403'] });
    });

    it('shows a grid worker its zone’s governance and enterprise events, and no Party member’s file', async () => {
      const worker = users.GRID_WORKER;
      const timeline = await as(worker, `/timeline?scope=zone&id=${own.zoneId}&limit=500`);
      expect(timeline.status).toBe(200);
      const contexts = new Set((timeline.body.events as { context: string }[]).map((e) => e.context));
      expect(contexts.has('governance')).toBe(true);
      expect([...contexts].filter((c) => c !== 'governance' && c !== 'enterprise')).toEqual([]);
      expect((await as(worker, `/history/${own.caseId}`)).status).toBe(200);
      expect((await as(worker, `/history/${own.memberId}`)).status).toBe(403);
      // Administrators keep the whole timeline of their jurisdiction.
      const admin = await as(users.DISTRICT_ADMIN, `/timeline?scope=district&id=${own.districtId}&limit=500`);
      expect(new Set((admin.body.events as { context: string }[]).map((e) => e.context)).has('membership')).toBe(true);
      record('security-review', { checks: [`grid worker's zone timeline: contexts ${[...contexts].sort().join(', ')} only; a member's history: 403`] });
    });

    it('judges a record by where it is now: after a transfer the receiving district reads its history and the sending one is refused', async () => {
      const member = await stack.callUntil(
        'POST',
        '/membership/members',
        { name: '王测试', gender: 'MALE', birthDate: BIRTH_DATE, ...newPerson(), status: 'FULL', joinedOn: '2016-07-01', organizationId: own.organizationId },
        ok,
        'member to transfer',
      );
      const memberId = member.body.memberId as string;
      const requested = await stack.call('POST', `/membership/members/${memberId}/transfers`, { toOrganizationId: other.organizationId, reason: '工作调动', requestedOn: '2026-05-01' });
      expect(requested.status).toBe(201);
      const base = `/membership/members/${memberId}/transfers/${requested.body.transfer.transferId}`;
      expect((await stack.call('POST', `${base}/approval`, { on: '2026-05-02' })).status).toBe(200);
      expect((await stack.call('POST', `${base}/completion`, { on: '2026-05-03' })).status).toBe(200);
      await waitFor(
        async () => ((await stack.call('GET', `/history/${memberId}`)).body?.events ?? []).some((e: { type: string }) => e.type === 'membership.MemberTransferCompleted.v1'),
        'the gateway to record the completed transfer',
        60_000,
        300,
      );
      const password = `Pw-${uniqueName('b')}-secret`;
      const username = uniqueName('district-b');
      const created = await stack.call('POST', '/users', {
        username,
        displayName: '乙区管理员',
        password,
        role: 'DISTRICT_ADMIN',
        scope: { level: 'DISTRICT', districtId: other.districtId },
      });
      expect(created.status).toBe(201);
      const receiving = await as(await stack.signIn(username, password), `/history/${memberId}`);
      const sending = await as(users.DISTRICT_ADMIN, `/history/${memberId}`);
      expect({ receiving: receiving.status, sending: sending.status }).toEqual({ receiving: 200, sending: 403 });
      record('security-review', { checks: ['history after a transfer: receiving district 200, sending district 403'] });
    });
  });

  describe('analysts get figures only', () => {
    it('answers every GET route of the OpenAPI document outside the figures with 403, and the figures without personal data', async () => {
      const doc = await waitFor(
        async () => {
          const d = (await stack.call('GET', '/../docs-json', undefined, null)).body as Doc;
          return ['membership', 'activities', 'governance', 'enterprise'].every((s) => Object.keys(d?.paths ?? {}).some((p) => p.startsWith(`/api/${s}/`))) ? d : undefined;
        },
        'the merged OpenAPI document to list every service',
        60_000,
        1000,
      );
      const analyst = users.ANALYST;
      const wrong: string[] = [];
      let refused = 0;
      let reached = 0;
      const gets = endpointsOf(doc).filter((ep) => ep.method === 'GET' && !ep.path.startsWith('/health'));
      for (const ep of gets) {
        const isScopeQuery = ['/api/dashboard', '/api/timeline', '/api/dashboard/organizations', '/api/dashboard/flags'].includes(ep.path);
        const query = isScopeQuery ? `?scope=district&id=${own.districtId}` : queryFor(ep, own, doc);
        const res = await stack.call('GET', fillPath(ep, own).url.slice('/api'.length) + query, undefined, analyst.token);
        if (!ANALYST_ROUTES.has(ep.key)) {
          if (res.status === 403) refused += 1;
          else wrong.push(`${ep.key} → ${res.status} (expected 403)`);
          continue;
        }
        reached += 1;
        if (res.status >= 500 || res.status === 403) wrong.push(`${ep.key} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        const text = JSON.stringify(res.body);
        for (const secret of [...PERSONAL_DATA, ...NAMES]) if (text.includes(secret)) wrong.push(`${ep.key} shows ${secret.slice(0, 3)}…`);
      }
      // Writes too: an analyst changes nothing.
      const write = await stack.call('POST', '/governance/cases', { kind: 'LIVELIHOOD_SERVICE', title: 'x', description: 'x', gridId: own.gridId }, analyst.token);
      if (write.status !== 403) wrong.push(`POST /api/governance/cases → ${write.status}`);
      say(`analyst sweep: ${gets.length} GET routes, ${refused} refused, ${reached} figures reached; ${wrong.length} wrong`);
      expect(wrong).toEqual([]);
      expect(refused).toBeGreaterThan(50);
      record('security-review', { checks: [`analyst sweep of ${gets.length} GET routes: ${refused} refused with 403, ${reached} figures without personal data`] });
    }, 300_000);
  });

  describe('enterprise: filters by id and the neighbours’ data', () => {
    it('refuses a list filtered by another district’s record, instead of answering it', async () => {
      const needId = uniqueName('fn');
      await stack.callUntil('POST', '/enterprise/financing-needs', { needId, creditCode: other.creditCode, amount: 500000, purpose: '设备', termMonths: 12 }, ok, 'need in B');
      const admin = users.DISTRICT_ADMIN;
      const answers = {
        byNeed: (await as(admin, `/enterprise/financing-matches?needId=${needId}`)).status,
        byCode: (await as(admin, `/enterprise/service-requests?creditCode=${other.creditCode}`)).status,
        needsByCode: (await as(admin, `/enterprise/financing-needs?creditCode=${other.creditCode}`)).status,
        own: (await as(admin, `/enterprise/service-requests?creditCode=${own.creditCode}`)).status,
      };
      expect(answers).toEqual({ byNeed: 403, byCode: 403, needsByCode: 403, own: 200 });
      record('security-review', { checks: ['enterprise lists filtered by another district’s need or credit code: 403 (own: 200)'] });
    });

    it('shows a contact its own issues of a service day and its own mentoring pairs, not its neighbours’', async () => {
      const dayId = uniqueName('sd');
      expect(
        (await stack.call('POST', '/enterprise/service-days', { serviceDayId: dayId, department: 'TAX', kind: 'ON_SITE', title: '税务上门', date: '2026-04-08', zoneId: own.zoneId }))
          .status,
      ).toBe(201);
      for (const [issueId, creditCode] of [
        ['mine', own.creditCode],
        ['theirs', neighbour.creditCode],
      ])
        expect((await stack.call('POST', `/enterprise/service-days/${dayId}/issues`, { issueId, creditCode, category: 'TAX', description: `${issueId} 的问题` })).status).toBe(201);
      const mentorId = uniqueName('mentor');
      expect(
        (await stack.call('POST', '/enterprise/mentors', { mentorId, name: '周导师', title: '高级工程师', affiliation: '济宁软件园', expertise: ['融资路演'], zoneId: own.zoneId }))
          .status,
      ).toBe(201);
      for (const menteeId of [own.creditCode, neighbour.creditCode])
        expect((await stack.call('POST', '/enterprise/mentoring-matches', { mentorId, menteeKind: 'ENTERPRISE', menteeId, topic: '融资辅导' })).status).toBe(201);

      const contact = users.ENTERPRISE_CONTACT;
      const day = await as(contact, `/enterprise/service-days/${dayId}`);
      expect(day.status).toBe(200);
      expect((day.body.issues as { issueId: string }[]).map((i) => i.issueId)).toEqual(['mine']);
      const listed = await as(contact, `/enterprise/service-days?zoneId=${own.zoneId}`);
      const listedDay = (listed.body.items as { serviceDayId: string; issues: { creditCode: string }[] }[]).find((d) => d.serviceDayId === dayId)!;
      expect(listedDay.issues.map((i) => i.creditCode)).toEqual([own.creditCode]);
      const pairs = await as(contact, `/enterprise/mentoring-matches?mentorId=${mentorId}`);
      expect((pairs.body.items as { menteeId: string }[]).map((p) => p.menteeId)).toEqual([own.creditCode]);
      // The administrator still sees both.
      expect(((await stack.call('GET', `/enterprise/service-days/${dayId}`)).body.issues as unknown[]).length).toBe(2);
      record('security-review', { checks: ['enterprise contact reads a service day and mentoring pairs: only its own enterprise’s issues and pairs'] });
    });
  });

  describe('operational routes', () => {
    it('does not route a service’s health, metrics or API documents, however the path is spelled', async () => {
      const paths = ['/metrics', '/docs', '/docs-json', '/health/ready', '/METRICS', '/x/../metrics', '/x/%2e%2e/metrics', '/%6detrics', '//metrics', '/docs/swagger-ui-init.js'];
      const reached: string[] = [];
      for (const service of ['membership', 'activities', 'governance', 'enterprise']) {
        for (const p of paths) {
          const res = await raw(stack.gatewayUrl, `/api/${service}${p}`, stack.adminToken);
          if (res.status !== 404) reached.push(`/api/${service}${p} → ${res.status}`);
        }
      }
      expect(reached).toEqual([]);
      const doc = (await stack.call('GET', '/../docs-json', undefined, null)).body as Doc;
      expect(Object.keys(doc.paths).filter((p) => /^\/api\/\w+\/(health|metrics|docs)/.test(p))).toEqual([]);
      record('security-review', { checks: [`services' /metrics, /docs, /health through the gateway: 404 for ${paths.length} spellings × 4 services`] });
    });
  });
});

/** A GET sent with its path exactly as written (fetch would resolve dot segments before sending). */
function raw(base: string, path: string, token: string): Promise<{ status: number }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET', headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end();
  });
}
