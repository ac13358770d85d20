import request from 'supertest';
import { CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { ManualClock } from '@pb/platform';
import { announceZone, bearer, infraEnv, newCreditCode, newZone, readTopic, startServiceApp, SYSTEM, TestApp } from '@pb/testing';
import { ENTERPRISE } from './enterprise-app';
import { contactOf, counts, districtAdmin, enterpriseBody, zoneAdmin } from './fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('enterprise service requests 企业诉求 (real database and Kafka, manual clock)', () => {
  // Monday 2026-03-02, 09:00 China time.
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z'));
  let t: TestApp;
  const zone = newZone();
  const other = newZone();
  const code = newCreditCode();
  const neighbour = newCreditCode();
  const server = () => t.app.getHttpServer();

  beforeAll(async () => {
    t = await startServiceApp(ENTERPRISE, { clock, fromEnd: true });
    await announceZone(t.db, zone);
    await announceZone(t.db, other);
    await request(server()).post('/enterprises').set('authorization', bearer()).send(enterpriseBody(code, zone)).expect(201);
    await request(server())
      .post('/enterprises')
      .set('authorization', bearer())
      .send(enterpriseBody(neighbour, zone, { name: '邻居公司' }))
      .expect(201);
  });

  afterAll(async () => t.close());

  const submit = (body: Record<string, unknown> = {}, actor = contactOf(zone, code)) =>
    request(server())
      .post('/service-requests')
      .set('authorization', bearer(actor))
      .send({ creditCode: code, category: 'FINANCING', title: '申请流动资金贷款', description: '旺季备货资金缺口 300 万元', ...body });
  const step = (id: string, path: string, body: Record<string, unknown>, actor = districtAdmin(zone)) =>
    request(server()).post(`/service-requests/${id}/${path}`).set('authorization', bearer(actor)).send(body);
  const get = (id: string) => request(server()).get(`/service-requests/${id}`).set('authorization', bearer());
  const sweep = () => request(server()).post('/service-requests/sweep').set('authorization', bearer(SYSTEM)).expect(200);

  it('lets an enterprise contact file a request, routed by the default rule with deadlines from the clock, and publishes it', async () => {
    const res = await submit().expect(201);
    expect(res.body).toMatchObject({
      creditCode: code,
      department: 'FINANCE',
      status: 'SUBMITTED',
      submittedAt: '2026-03-02T01:00:00.000Z',
      firstContactDue: '2026-03-02T02:00:00.000Z',
      interimReplyDue: '2026-03-05T01:00:00.000Z',
      closureDue: '2026-03-09T01:00:00.000Z',
      districtId: zone.districtId,
      zoneId: zone.zoneId,
    });
    const id = res.body.requestId as string;
    const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.enterprise, (m) => m.some((x) => x.key === id));
    const event = JSON.parse(messages.find((m) => m.key === id)!.value!) as EventEnvelope;
    expect(event).toMatchObject({ type: 'enterprise.ServiceRequestSubmitted.v1', subject: id, zoneid: zone.zoneId, data: { department: 'FINANCE' } });
  });

  it('refuses bad input (400), another enterprise (403) and an unregistered one (422), storing nothing', async () => {
    const before = await counts(t.db, 'service_requests');
    expect((await submit({ category: 'GOSSIP' }).expect(400)).body.message.join()).toMatch(/category 必须是以下之一/);
    expect((await submit({ title: '' }).expect(400)).body.message.join()).toMatch(/title 长度/);
    expect((await submit({ creditCode: code.slice(0, 17) + (code[17] === '0' ? '1' : '0') }).expect(400)).body.message.join()).toMatch(/校验位/);
    expect((await submit({ creditCode: neighbour }).expect(403)).body.message).toMatch(/不属于您所在的企业/);
    await submit({}, districtAdmin(other)).expect(403);
    expect((await submit({ creditCode: newCreditCode() }, districtAdmin(zone)).expect(422)).body.error).toBe('ENTERPRISE_UNKNOWN');
    expect(await counts(t.db, 'service_requests')).toEqual(before);
  });

  it('walks every transition with times from the clock and refuses forbidden ones with 409 naming the state and next steps', async () => {
    clock.set('2026-03-02T01:00:00.000Z');
    const id = (await submit().expect(201)).body.requestId as string;
    const before = await counts(t.db, 'service_requests');
    const early = await step(id, 'closure', { result: '已办结' }).expect(409);
    expect(early.body).toMatchObject({ error: 'TRANSITION_NOT_ALLOWED', details: { status: 'SUBMITTED', allowed: ['FIRST_CONTACT'] } });
    expect(early.body.message).toMatch(/当前状态为「已提交」.*可进行的操作：首次联系/);
    await step(id, 'interim-reply', { reply: 'x' }).expect(409);
    await step(id, 'rating', { satisfaction: 5 }, contactOf(zone, code)).expect(409);
    expect(await counts(t.db, 'service_requests')).toEqual(before);

    clock.advance(20 * MINUTE);
    expect((await step(id, 'first-contact', { note: '已电话联系企业负责人' }).expect(200)).body).toMatchObject({
      status: 'FIRST_CONTACTED',
      firstContactAt: '2026-03-02T01:20:00.000Z',
    });
    expect((await step(id, 'first-contact', { note: '再次联系' }).expect(409)).body.message).toMatch(/「已首次联系」.*阶段答复、办结/);
    clock.advance(DAY);
    expect((await step(id, 'interim-reply', { reply: '已推荐两家银行产品' }).expect(200)).body.status).toBe('INTERIM_REPLIED');
    clock.advance(DAY);
    const closed = await step(id, 'closure', { result: '农商银行放款 200 万元' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', closedOnTime: true, result: '农商银行放款 200 万元' });
    await step(id, 'rating', { satisfaction: 6 }, contactOf(zone, code)).expect(400);
    await step(id, 'rating', { satisfaction: 4 }, contactOf(zone, neighbour)).expect(403);
    const rated = await step(id, 'rating', { satisfaction: 5, comment: '响应很快' }, contactOf(zone, code)).expect(200);
    expect(rated.body).toMatchObject({ status: 'RATED', satisfaction: 5 });
    expect((await step(id, 'rating', { satisfaction: 3 }, contactOf(zone, code)).expect(409)).body.message).toMatch(/「已评价」/);
    // Contacts do not run the department's steps.
    await step(id, 'closure', { result: 'x' }, contactOf(zone, code)).expect(403);
    const view = await get(id).expect(200);
    expect(view.body).toMatchObject({ version: 5, light: 'GREEN' });
  });

  it('turns a target amber at 80 %, red when missed, and escalates each missed target exactly once', async () => {
    clock.set('2026-03-02T01:00:00.000Z');
    const id = (await submit({ category: 'LEGAL_AID', title: '劳动合同纠纷咨询' }).expect(201)).body.requestId as string;
    expect((await get(id)).body).toMatchObject({ department: 'JUSTICE', light: 'GREEN' });
    clock.advance(48 * MINUTE);
    expect((await get(id)).body.targets.FIRST_CONTACT.light).toBe('AMBER');
    expect((await sweep()).body.escalated.filter((e: { requestId: string }) => e.requestId === id)).toEqual([]);
    clock.advance(13 * MINUTE);
    expect((await get(id)).body).toMatchObject({ light: 'RED', targets: { FIRST_CONTACT: { light: 'RED', escalated: false } } });
    expect((await sweep()).body.escalated.filter((e: { requestId: string }) => e.requestId === id)).toEqual([{ requestId: id, target: 'FIRST_CONTACT' }]);
    expect((await sweep()).body.escalated.filter((e: { requestId: string }) => e.requestId === id)).toEqual([]);
    expect((await get(id)).body.targets.FIRST_CONTACT.escalated).toBe(true);
    // The overdue query finds it.
    const overdue = await request(server()).get('/service-requests?overdue=true&limit=100').set('authorization', bearer()).expect(200);
    expect(overdue.body.items.map((r: { requestId: string }) => r.requestId)).toContain(id);

    // Contact made late: first contact stays red, and after 3 working days the interim reply is missed too.
    await step(id, 'first-contact', { note: '已联系' }).expect(200);
    clock.set('2026-03-05T01:00:01.000Z');
    expect((await sweep()).body.escalated.filter((e: { requestId: string }) => e.requestId === id)).toEqual([{ requestId: id, target: 'INTERIM_REPLY' }]);
    clock.set('2026-03-09T01:00:01.000Z');
    expect((await sweep()).body.escalated.filter((e: { requestId: string }) => e.requestId === id)).toEqual([{ requestId: id, target: 'CLOSURE' }]);
    expect((await sweep()).body.escalated.filter((e: { requestId: string }) => e.requestId === id)).toEqual([]);
    const closed = await step(id, 'closure', { result: '已提供法律援助' }).expect(200);
    expect(closed.body.closedOnTime).toBe(false);

    const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.enterprise, (m) => m.filter((x) => x.key === id).length >= 6);
    const escalations = messages
      .filter((m) => m.key === id)
      .map((m) => JSON.parse(m.value!) as EventEnvelope<{ target: string }>)
      .filter((e) => e.type === 'enterprise.ServiceRequestEscalated.v2');
    expect(escalations.map((e) => e.data.target)).toEqual(['FIRST_CONTACT', 'INTERIM_REPLY', 'CLOSURE']);
  });

  it('routes by an admin-edited rule from then on; only a city admin may edit, and bad input changes nothing', async () => {
    clock.set('2026-03-10T01:00:00.000Z');
    const before = await counts(t.db, 'routing_rules');
    await request(server())
      .put('/routing-rules/FINANCIAL_TRAINING')
      .set('authorization', bearer(districtAdmin(zone)))
      .send({ department: 'TAX' })
      .expect(403);
    await request(server()).put('/routing-rules/GOSSIP').set('authorization', bearer()).send({ department: 'TAX' }).expect(400);
    await request(server()).put('/routing-rules/FINANCIAL_TRAINING').set('authorization', bearer()).send({ department: 'POLICE' }).expect(400);
    expect(await counts(t.db, 'routing_rules')).toEqual(before);

    const earlier = (await submit({ category: 'FINANCIAL_TRAINING', title: '财务培训' }).expect(201)).body;
    expect(earlier.department).toBe('FINANCE');
    await request(server()).put('/routing-rules/FINANCIAL_TRAINING').set('authorization', bearer()).send({ department: 'TAX' }).expect(200);
    expect((await request(server()).put('/routing-rules/FINANCIAL_TRAINING').set('authorization', bearer()).send({ department: 'TAX' }).expect(409)).body.error).toBe(
      'ROUTING_UNCHANGED',
    );
    const later = (await submit({ category: 'FINANCIAL_TRAINING', title: '财务培训 2' }).expect(201)).body;
    expect(later.department).toBe('TAX');
    expect((await get(earlier.requestId)).body.department).toBe('FINANCE');
    const table = await request(server())
      .get('/routing-rules')
      .set('authorization', bearer(contactOf(zone, code)))
      .expect(200);
    expect(table.body.find((r: { category: string }) => r.category === 'FINANCIAL_TRAINING')).toMatchObject({ department: 'TAX', isDefault: false });
    expect(table.body).toHaveLength(8);
  });

  it('applies changed targets and holidays to requests submitted afterwards', async () => {
    await request(server()).put('/service-targets').set('authorization', bearer()).send({ firstContactMinutes: 30, interimReplyWorkingDays: 6, closureWorkingDays: 5 }).expect(422);
    await request(server())
      .put('/service-targets')
      .set('authorization', bearer())
      .send({ firstContactMinutes: 30, interimReplyWorkingDays: 2, closureWorkingDays: 4, holidays: ['2026-03-12'] })
      .expect(200);
    clock.set('2026-03-11T01:00:00.000Z'); // Wednesday
    const res = await submit({ category: 'TAX', title: '发票问题' }).expect(201);
    // Thursday 12 March is a holiday and the weekend does not count: 2 working days → Monday 16, 4 → Wednesday 18.
    expect(res.body).toMatchObject({ firstContactDue: '2026-03-11T01:30:00.000Z', interimReplyDue: '2026-03-16T01:00:00.000Z', closureDue: '2026-03-18T01:00:00.000Z' });
    expect((await request(server()).get('/service-targets').set('authorization', bearer()).expect(200)).body).toMatchObject({ firstContactMinutes: 30, isDefault: false });
  });

  it('lists by status, category, department and overdue with a cursor, limited to the caller', async () => {
    clock.set('2026-03-20T01:00:00.000Z');
    for (let i = 0; i < 3; i++) await submit({ category: 'TALENT', title: `人才引进 ${i}` }).expect(201);
    const first = await request(server()).get('/service-requests?category=TALENT&limit=2').set('authorization', bearer()).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await request(server()).get(`/service-requests?category=TALENT&limit=2&after=${first.body.next}`).set('authorization', bearer()).expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.next).toBeNull();
    expect(new Set([...first.body.items, ...second.body.items].map((r: { requestId: string }) => r.requestId)).size).toBe(3);
    // A malformed cursor is a 400 naming it, not the first page again (a client would loop for ever; #18, item 4).
    const malformed = await request(server()).get('/service-requests?category=TALENT&limit=2&after=not-a-cursor').set('authorization', bearer()).expect(400);
    expect(JSON.stringify(malformed.body.message)).toContain('after 无效');

    const byDepartment = await request(server()).get('/service-requests?department=HUMAN_RESOURCES&status=SUBMITTED').set('authorization', bearer()).expect(200);
    expect(byDepartment.body.items.length).toBe(3);
    const rated = await request(server()).get('/service-requests?status=RATED').set('authorization', bearer()).expect(200);
    expect(rated.body.items.every((r: { status: string }) => r.status === 'RATED')).toBe(true);
    expect(rated.body.items.length).toBe(1);
    await request(server()).get('/service-requests?status=LOST').set('authorization', bearer()).expect(400);
    await request(server()).get('/service-requests?overdue=maybe').set('authorization', bearer()).expect(400);

    // An enterprise contact sees its own enterprise's requests only; another district sees none.
    await submit({ creditCode: neighbour }, districtAdmin(zone)).expect(201);
    const mine = await request(server())
      .get('/service-requests?limit=100')
      .set('authorization', bearer(contactOf(zone, code)))
      .expect(200);
    expect(mine.body.items.every((r: { creditCode: string }) => r.creditCode === code)).toBe(true);
    const theirs = await request(server())
      .get(`/service-requests?creditCode=${neighbour}`)
      .set('authorization', bearer(contactOf(zone, code)))
      .expect(403);
    expect(theirs.body.message).toMatch(/本企业/);
    const neighbourRequest = (await request(server()).get(`/service-requests?creditCode=${neighbour}`).set('authorization', bearer()).expect(200)).body.items[0];
    await request(server())
      .get(`/service-requests/${neighbourRequest.requestId}`)
      .set('authorization', bearer(contactOf(zone, code)))
      .expect(403);
    expect(
      (
        await request(server())
          .get('/service-requests')
          .set('authorization', bearer(districtAdmin(other)))
          .expect(200)
      ).body.items,
    ).toEqual([]);
    await request(server())
      .get(`/service-requests/${neighbourRequest.requestId}`)
      .set('authorization', bearer(districtAdmin(other)))
      .expect(403);
  });

  it('computes the zone figures from the snapshots', async () => {
    const figures = await request(server()).get(`/zones/${zone.zoneId}/figures`).set('authorization', bearer()).expect(200);
    const all = await t.db.collection('service_requests').find({ zoneId: zone.zoneId }).toArray();
    const open = all.filter((r) => ['SUBMITTED', 'FIRST_CONTACTED', 'INTERIM_REPLIED'].includes(r.status)).length;
    expect(figures.body).toMatchObject({
      enterprises: 2,
      graduatesEmployed: 24,
      requestsOpen: open,
      requestsClosed: 2,
      onTimeRate: 0.5,
      ratings: 1,
      averageSatisfaction: 5,
      financingGranted: 0,
    });
    await request(server())
      .get(`/zones/${zone.zoneId}/figures`)
      .set('authorization', bearer(districtAdmin(other)))
      .expect(403);
    await request(server()).get('/zones/zone-nowhere/figures').set('authorization', bearer()).expect(404);
  });
  it('escalates a missed target one level up and lists it for the administrators there (督办到本级)', async () => {
    clock.set('2026-04-06T01:00:00.000Z');
    const id = (await submit({ category: 'LEGAL_AID', title: '商标侵权咨询' }).expect(201)).body.requestId as string;
    const mine = async (actor: Parameters<typeof bearer>[0]) => {
      const res = await request(server()).get('/service-requests?escalatedTo=me&limit=100').set('authorization', bearer(actor)).expect(200);
      return (res.body.items as { requestId: string }[]).map((r) => r.requestId);
    };
    const city = { userId: 'city-admin', role: 'CITY_ADMIN' as const, scope: { level: 'CITY' as const } };
    expect(await mine(zoneAdmin(zone))).not.toContain(id);

    // First contact missed: to the sub-district.
    clock.advance(61 * MINUTE);
    await sweep();
    expect((await get(id)).body).toMatchObject({ escalationLevel: 'SUB_DISTRICT', escalatedTo: zone.subDistrictId });
    expect(await mine(zoneAdmin(zone))).toContain(id);
    expect(await mine(districtAdmin(zone))).not.toContain(id);
    // Interim reply missed too: to the district; the sub-district's list no longer has it.
    clock.set(new Date(Date.parse((await get(id)).body.interimReplyDue as string) + 1000).toISOString());
    await sweep();
    expect((await get(id)).body).toMatchObject({ escalationLevel: 'DISTRICT', escalatedTo: zone.districtId });
    expect(await mine(districtAdmin(zone))).toContain(id);
    expect(await mine(zoneAdmin(zone))).not.toContain(id);
    expect(await mine(districtAdmin(other))).not.toContain(id);
    expect(await mine(city)).not.toContain(id);

    // Only administrators have a desk; the parameter takes one value.
    const refused = await request(server())
      .get('/service-requests?escalatedTo=me')
      .set('authorization', bearer(contactOf(zone, code)))
      .expect(403);
    expect(refused.body.message).toMatch(/仅供街道、区县和市级管理员/);
    await request(server())
      .get('/service-requests?escalatedTo=you')
      .set('authorization', bearer(districtAdmin(zone)))
      .expect(400);
  });
});
