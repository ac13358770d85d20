import request from 'supertest';
import { CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { announceZone, bearer, infraEnv, newCreditCode, newZone, readTopic, startServiceApp, TestApp } from '@pb/testing';
import { ENTERPRISE } from './enterprise-app';
import { contactOf, counts, districtAdmin, enterpriseBody } from './fixtures';

describe('service days, bank-enterprise matching, policies, mentors and maker spaces (real database and Kafka)', () => {
  let t: TestApp;
  const zone = newZone();
  const park = newZone();
  const other = newZone();
  const a = newCreditCode();
  const b = newCreditCode();
  const c = newCreditCode();
  const server = () => t.app.getHttpServer();
  const post = (path: string, body: Record<string, unknown>, actor = undefined as Parameters<typeof bearer>[0]) =>
    request(server()).post(path).set('authorization', bearer(actor)).send(body);
  const get = (path: string, actor = undefined as Parameters<typeof bearer>[0]) => request(server()).get(path).set('authorization', bearer(actor));

  beforeAll(async () => {
    t = await startServiceApp(ENTERPRISE, { fromEnd: true });
    await announceZone(t.db, zone, '海能电商园');
    await announceZone(t.db, park, '济宁软件园');
    await announceZone(t.db, other);
    await post('/enterprises', enterpriseBody(a, zone, { tags: ['电商', '小微企业', '高校毕业生就业'] })).expect(201);
    await post('/enterprises', enterpriseBody(b, zone, { name: '乙公司', tags: ['小微企业', '高校毕业生就业'] })).expect(201);
    await post('/enterprises', enterpriseBody(c, zone, { name: '丙公司', tags: ['小微企业'] })).expect(201);
  });

  afterAll(async () => t.close());

  describe('department service days 上门服务', () => {
    const dayId = `sd-${zone.zoneId}-tax`;

    it('schedules a day, records issues, turns one into a routed request once, and concludes with the enterprises served', async () => {
      await post('/service-days', { serviceDayId: dayId, department: 'TAX', kind: 'ON_SITE', title: '税务局走进海能电商园', date: '2026-04-08', zoneId: zone.zoneId }).expect(201);
      await post(`/service-days/${dayId}/issues`, { issueId: 'i1', creditCode: a, category: 'TAX', description: '小规模纳税人减免如何申报' }).expect(201);
      await post(`/service-days/${dayId}/issues`, { issueId: 'i2', creditCode: b, category: 'LEGAL_AID', description: '合同纠纷' }).expect(201);
      const before = await counts(t.db, 'service_days');
      expect((await post(`/service-days/${dayId}/issues`, { issueId: 'i1', creditCode: a, category: 'TAX', description: '重复' }).expect(409)).body.error).toBe('ISSUE_EXISTS');
      expect((await post(`/service-days/${dayId}/issues`, { issueId: 'i3', creditCode: newCreditCode(), category: 'TAX', description: 'x' }).expect(422)).body.error).toBe(
        'ENTERPRISE_UNKNOWN',
      );
      await post(`/service-days/${dayId}/issues`, { issueId: 'i4', creditCode: a, category: 'NOPE', description: 'x' }).expect(400);
      expect(await counts(t.db, 'service_days')).toEqual(before);

      const converted = await post(`/service-days/${dayId}/issues/i2/request`, { title: '合同纠纷法律援助' }).expect(201);
      expect(converted.body).toMatchObject({ creditCode: b, category: 'LEGAL_AID', department: 'JUSTICE', origin: { serviceDayId: dayId, issueId: 'i2' }, status: 'SUBMITTED' });
      expect((await post(`/service-days/${dayId}/issues/i2/request`, { title: '再转一次' }).expect(409)).body.error).toBe('REQUEST_EXISTS');
      await post(`/service-days/${dayId}/issues/i9/request`, { title: 'x' }).expect(404);

      const concluded = await post(`/service-days/${dayId}/conclusion`, { enterprisesServed: [c], outcome: '解答涉税问题 12 个' }).expect(200);
      expect(concluded.body).toMatchObject({ status: 'CONCLUDED' });
      expect([...concluded.body.enterprisesServed].sort()).toEqual([a, b, c].sort());
      expect((await post(`/service-days/${dayId}/issues`, { issueId: 'i5', creditCode: a, category: 'TAX', description: 'x' }).expect(409)).body.message).toMatch(/已结束/);
      await post(`/service-days/${dayId}/conclusion`, { enterprisesServed: [], outcome: 'again' }).expect(409);

      const day = await get(`/service-days/${dayId}`).expect(200);
      expect(day.body.issues.find((i: { issueId: string }) => i.issueId === 'i2').request).toMatchObject({ requestId: converted.body.requestId });
      expect(day.body.issues.find((i: { issueId: string }) => i.issueId === 'i1').request).toBeNull();
      await get(`/service-days/${dayId}`, districtAdmin(other)).expect(403);
      expect((await get(`/service-days?department=TAX`, districtAdmin(other)).expect(200)).body.items).toEqual([]);
    });

    it("refuses a day in an unknown zone (422) or outside the caller's district (403)", async () => {
      const before = await counts(t.db, 'service_days');
      await post('/service-days', { serviceDayId: 'sd-x', department: 'TAX', kind: 'ON_SITE', title: 'x', date: '2026-04-08', zoneId: 'zone-nowhere' }).expect(422);
      await post('/service-days', { serviceDayId: 'sd-y', department: 'TAX', kind: 'ON_SITE', title: 'x', date: '2026-04-08', zoneId: zone.zoneId }, districtAdmin(other)).expect(403);
      await post('/service-days', { serviceDayId: 'sd-z', department: 'TAX', kind: 'PARTY', title: 'x', date: '08/04/2026', zoneId: zone.zoneId }).expect(400);
      expect(await counts(t.db, 'service_days')).toEqual(before);
    });
  });

  describe('bank-enterprise matching 银企对接', () => {
    it('matches a need with a product at a matchmaking session, records granted and declined outcomes, and sums them per zone', async () => {
      const session = `sd-${zone.zoneId}-bank`;
      await post('/service-days', { serviceDayId: session, department: 'FINANCE', kind: 'MATCHMAKING', title: '银企对接会', date: '2026-04-15', zoneId: zone.zoneId }).expect(201);
      await post('/loan-products', {
        productId: `lp-${zone.districtId}`,
        bank: '济宁农商银行',
        name: '科技贷',
        minAmount: 100000,
        maxAmount: 3000000,
        annualRatePercent: 3.85,
        termMonths: 12,
        districtId: zone.districtId,
      }).expect(201);
      await post(
        '/loan-products',
        { productId: 'lp-bad', bank: 'x', name: 'x', minAmount: 100000, maxAmount: 3000000, annualRatePercent: 3.85, termMonths: 12, districtId: zone.districtId },
        districtAdmin(other),
      ).expect(403);
      expect(
        (
          await post('/loan-products', {
            productId: 'lp-bad2',
            bank: 'x',
            name: 'x',
            minAmount: 5000000,
            maxAmount: 3000000,
            annualRatePercent: 3.85,
            termMonths: 12,
            districtId: zone.districtId,
          }).expect(422)
        ).body.error,
      ).toBe('AMOUNT_RANGE_INVALID');
      await post('/financing-needs', { needId: `fn-a-${zone.zoneId}`, creditCode: a, amount: 2000000, purpose: '备货', termMonths: 12 }, contactOf(zone, a)).expect(201);
      await post('/financing-needs', { needId: `fn-b-${zone.zoneId}`, creditCode: b, amount: 500000, purpose: '设备', termMonths: 12 }, contactOf(zone, a)).expect(403);
      await post('/financing-needs', { needId: `fn-b-${zone.zoneId}`, creditCode: b, amount: 500000, purpose: '设备', termMonths: 12 }).expect(201);

      const before = await counts(t.db, 'financing_matches');
      expect(
        (
          await post('/financing-matches', {
            matchId: 'fm-too-much',
            needId: `fn-a-${zone.zoneId}`,
            productId: `lp-${zone.districtId}`,
            sessionId: session,
            intendedAmount: 2500000,
          }).expect(422)
        ).body.error,
      ).toBe('AMOUNT_EXCEEDS_NEED');
      await post('/financing-matches', { matchId: 'fm-neg', needId: `fn-a-${zone.zoneId}`, productId: `lp-${zone.districtId}`, intendedAmount: -5 }).expect(400);
      expect(await counts(t.db, 'financing_matches')).toEqual(before);
      await post('/financing-matches', {
        matchId: `fm-a-${zone.zoneId}`,
        needId: `fn-a-${zone.zoneId}`,
        productId: `lp-${zone.districtId}`,
        sessionId: session,
        intendedAmount: 1500000,
      }).expect(201);
      await post('/financing-matches', {
        matchId: `fm-b-${zone.zoneId}`,
        needId: `fn-b-${zone.zoneId}`,
        productId: `lp-${zone.districtId}`,
        sessionId: session,
        intendedAmount: 500000,
      }).expect(201);

      const granted = await post(`/financing-matches/fm-a-${zone.zoneId}/outcome`, { outcome: 'GRANTED', grantedAmount: 1200000, concludedOn: '2026-04-20' }).expect(200);
      expect(granted.body).toMatchObject({ status: 'GRANTED', grantedAmount: 1200000 });
      expect((await post(`/financing-matches/fm-b-${zone.zoneId}/outcome`, { outcome: 'DECLINED', concludedOn: '2026-04-20' }).expect(422)).body.error).toBe('DECLINE_REASON_REQUIRED');
      await post(`/financing-matches/fm-b-${zone.zoneId}/outcome`, { outcome: 'DECLINED', declineReason: '抵押物不足', concludedOn: '2026-04-21' }).expect(200);
      const twice = await post(`/financing-matches/fm-a-${zone.zoneId}/outcome`, { outcome: 'DECLINED', declineReason: 'x', concludedOn: '2026-04-22' }).expect(409);
      expect(twice.body.message).toMatch(/当前状态为「已放款」/);

      const day = await get(`/service-days/${session}`).expect(200);
      expect(day.body.matches.map((m: { status: string }) => m.status).sort()).toEqual(['DECLINED', 'GRANTED']);
      const mine = await get('/financing-matches', contactOf(zone, a)).expect(200);
      expect(mine.body.items.map((m: { creditCode: string }) => m.creditCode)).toEqual([a]);
      await get(`/financing-matches/fm-b-${zone.zoneId}`, contactOf(zone, a)).expect(403);
      const figures = await get(`/zones/${zone.zoneId}/figures`).expect(200);
      expect(figures.body).toMatchObject({ financingGranted: 1200000, financingMatches: 2, enterprises: 3 });
    });
  });

  describe('policies 惠企政策', () => {
    it('pushes a policy to each eligible enterprise once as PolicyMatched; re-matching adds only newly eligible ones', async () => {
      const policyId = `policy-${zone.zoneId}`;
      await post('/policies', {
        policyId,
        title: '小微企业吸纳高校毕业生社保补贴',
        department: 'HUMAN_RESOURCES',
        summary: '给予一年社保补贴',
        eligibilityTags: ['小微企业', '高校毕业生就业'],
        districtId: zone.districtId,
        zoneId: zone.zoneId,
      }).expect(201);
      await post('/policies', { policyId: 'p-empty', title: 'x', department: 'TAX', summary: 'x', eligibilityTags: [], districtId: zone.districtId }).expect(400);
      expect(
        (await post('/policies', { policyId: 'p-nowhere', title: 'x', department: 'TAX', summary: 'x', eligibilityTags: ['a'], districtId: 'nowhere' }).expect(422)).body.error,
      ).toBe('JURISDICTION_UNKNOWN');

      const first = await post(`/policies/${policyId}/matching`, {}).expect(200);
      expect(first.body).toMatchObject({ eligible: 2, alreadyMatched: 0 });
      expect([...first.body.newlyMatched].sort()).toEqual([a, b].sort());
      const again = await post(`/policies/${policyId}/matching`, {}).expect(200);
      expect(again.body).toMatchObject({ eligible: 2, alreadyMatched: 2, newlyMatched: [] });

      // 丙 gains the missing tag and is matched on the next run, alone.
      const { creditCode: _c, zoneId: _z, ...profile } = enterpriseBody(c, zone, { name: '丙公司', tags: ['小微企业', '高校毕业生就业'] });
      await request(server()).put(`/enterprises/${c}/profile`).set('authorization', bearer()).send(profile).expect(200);
      const third = await post(`/policies/${policyId}/matching`, {}).expect(200);
      expect(third.body).toMatchObject({ eligible: 3, alreadyMatched: 2, newlyMatched: [c] });
      expect(await t.db.collection('policy_matches').countDocuments({ policyId })).toBe(3);

      const messages = await readTopic(
        infraEnv().KAFKA_BROKERS,
        CONTEXT_TOPICS.enterprise,
        (m) => m.filter((x) => x.value?.includes('PolicyMatched') && x.value.includes(policyId)).length >= 3,
      );
      const pushed = messages
        .map((m) => JSON.parse(m.value!) as EventEnvelope<{ policyId: string; creditCode: string }>)
        .filter((e) => e.type === 'enterprise.PolicyMatched.v1' && e.data.policyId === policyId)
        .map((e) => e.data.creditCode);
      expect(pushed.sort()).toEqual([a, b, c].sort());

      const forContact = await get('/policy-matches', contactOf(zone, b)).expect(200);
      expect(forContact.body.items).toHaveLength(1);
      expect(forContact.body.items[0]).toMatchObject({ creditCode: b, policyTitle: '小微企业吸纳高校毕业生社保补贴' });
      await post(`/policies/${policyId}/matching`, {}, districtAdmin(other)).expect(403);
    });
  });

  describe('mentor pool 导师库 and maker spaces 众创空间', () => {
    it('registers mentors and maker spaces, admits start-ups, pairs mentors, and tracks start-up status', async () => {
      const space = `ms-up-${park.zoneId}`;
      await post('/maker-spaces', { makerSpaceId: space, name: 'UP咖啡', operator: '济宁软件园', description: '创业咖啡', zoneId: park.zoneId }).expect(201);
      await post('/maker-spaces', { makerSpaceId: `ms-lab-${park.zoneId}`, name: '止一创新实验室', operator: '济宁软件园', description: '创新实验室', zoneId: park.zoneId }).expect(201);
      expect((await post('/maker-spaces', { makerSpaceId: space, name: 'UP咖啡', operator: 'x', description: 'x', zoneId: park.zoneId }).expect(409)).body.error).toBe(
        'MAKER_SPACE_EXISTS',
      );
      await post(`/maker-spaces/${space}/startups`, { startupId: `su-1-${park.zoneId}`, name: '极客云工作室', field: '云计算', teamSize: 6, admittedOn: '2026-03-01' }).expect(201);
      await post(`/maker-spaces/${space}/startups`, { startupId: `su-2-${park.zoneId}`, name: '小鹿文创', field: '文创', teamSize: 0, admittedOn: '2026-03-01' }).expect(400);
      await post('/maker-spaces/ms-nowhere/startups', { startupId: 'su-3', name: 'x', field: 'x', teamSize: 2, admittedOn: '2026-03-01' }).expect(404);

      const mentor = `mentor-${park.zoneId}`;
      await post('/mentors', { mentorId: mentor, name: '周立新', title: '高级工程师', affiliation: '济宁软件园', expertise: ['软件开发', '融资路演'], zoneId: park.zoneId }).expect(201);
      await post('/mentors', { mentorId: 'mentor-x', name: '周', title: 'x', affiliation: 'x', expertise: ['x'], zoneId: park.zoneId }, districtAdmin(other)).expect(403);
      const pair = await post('/mentoring-matches', { mentorId: mentor, menteeKind: 'STARTUP', menteeId: `su-1-${park.zoneId}`, topic: '融资路演辅导' }).expect(201);
      expect(pair.body).toMatchObject({ menteeName: '极客云工作室', zoneId: park.zoneId });
      expect((await post('/mentoring-matches', { mentorId: mentor, menteeKind: 'STARTUP', menteeId: `su-1-${park.zoneId}`, topic: '再结一次' }).expect(409)).body.error).toBe(
        'MENTORING_MATCH_EXISTS',
      );
      await post('/mentoring-matches', { mentorId: mentor, menteeKind: 'ENTERPRISE', menteeId: a, topic: '电商运营' }).expect(201);
      expect((await post('/mentoring-matches', { mentorId: 'mentor-none', menteeKind: 'ENTERPRISE', menteeId: b, topic: 'x' }).expect(422)).body.error).toBe('MENTOR_UNKNOWN');

      const graduated = await post(`/startups/su-1-${park.zoneId}/status`, { status: 'GRADUATED', changedOn: '2026-12-01', note: '注册公司' }).expect(200);
      expect(graduated.body).toMatchObject({ status: 'GRADUATED' });
      expect((await post(`/startups/su-1-${park.zoneId}/status`, { status: 'CLOSED', changedOn: '2026-12-02' }).expect(409)).body.message).toMatch(/当前状态为「已毕业」/);
      expect((await post('/mentoring-matches', { mentorId: mentor, menteeKind: 'STARTUP', menteeId: `su-1-${park.zoneId}`, topic: 'x' }).expect(409)).body.error).toBe(
        'MENTORING_MATCH_EXISTS',
      );

      const startups = await get(`/startups?makerSpaceId=${space}`).expect(200);
      expect(startups.body.items).toEqual([expect.objectContaining({ name: '极客云工作室', status: 'GRADUATED' })]);
      expect((await get(`/maker-spaces?zoneId=${park.zoneId}`).expect(200)).body.items.map((s: { name: string }) => s.name).sort()).toEqual(['UP咖啡', '止一创新实验室'].sort());
      expect((await get(`/mentors?zoneId=${park.zoneId}`).expect(200)).body.items).toHaveLength(1);
      expect((await get('/mentors', districtAdmin(other)).expect(200)).body.items).toEqual([]);
    });
  });
});
