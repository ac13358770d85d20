import request from 'supertest';
import { CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { Actor } from '@pb/platform';
import { announceWorld, bearer, infraEnv, newWorld, readTopic } from '@pb/testing';
import { actors, eventCount, GovernanceWithGrids, setUpGrids, startGovernanceWithGrids } from './fixtures';

const HOUR = 3_600_000;

/** Deadlines move with a ManualClock, never by sleeping; the sweep is run by hand (its timer is off). */
describe('governance deadlines, overdue sweep and statistics (real database and Kafka)', () => {
  let { t, w, a, f } = {} as GovernanceWithGrids;
  beforeAll(async () => ({ t, w, a, f } = await startGovernanceWithGrids()));
  afterAll(async () => t?.close());

  const report = async (overrides: Record<string, unknown> = {}, actor: Actor = a.worker) => {
    const res = await request(t.app.getHttpServer())
      .post('/cases')
      .set('authorization', bearer(actor))
      .send({ kind: 'DISPUTE', priority: 'HIGH', title: '纠纷', description: '商户纠纷', gridId: f.gridId, ...overrides });
    expect(res.status).toBe(201);
    return res.body as { caseId: string; dueAt: string };
  };
  const sweep = async (actor?: Actor) =>
    (await request(t.app.getHttpServer()).post('/overdue-sweeps').set('authorization', bearer(actor)).send({}).expect(200)).body as {
      overdue: string[];
      escalated: { caseId: string; toLevel: string }[];
    };
  const get = async (caseId: string) => (await request(t.app.getHttpServer()).get(`/cases/${caseId}`).set('authorization', bearer()).expect(200)).body;
  const post = (caseId: string, path: string, body: Record<string, unknown> = {}) =>
    request(t.app.getHttpServer()).post(`/cases/${caseId}/${path}`).set('authorization', bearer(a.worker)).send(body).expect(200);

  it('raises CaseOverdue once past the limit and escalates zone → sub-district → district → city, each once', async () => {
    const c = await report();
    expect(c.dueAt).toBe(new Date(t.clock.now().getTime() + 24 * HOUR).toISOString());
    t.clock.advance(23 * HOUR);
    expect((await sweep()).overdue).not.toContain(c.caseId);
    expect(await get(c.caseId)).toMatchObject({ overdue: false, escalationLevel: 'ZONE' });

    t.clock.advance(2 * HOUR);
    const first = await sweep();
    expect(first.overdue).toContain(c.caseId);
    expect(first.escalated).toContainEqual({ caseId: c.caseId, toLevel: 'SUB_DISTRICT' });
    expect(await get(c.caseId)).toMatchObject({ overdue: true, escalationLevel: 'SUB_DISTRICT', escalatedTo: w.subDistrictId, status: 'REPORTED' });

    // Idempotent: the same moment swept again raises nothing.
    const before = await eventCount(t);
    const again = await sweep();
    expect(again.overdue).not.toContain(c.caseId);
    expect(again.escalated.filter((e) => e.caseId === c.caseId)).toEqual([]);
    expect(await eventCount(t)).toBe(before);

    t.clock.advance(24 * HOUR);
    expect((await sweep()).escalated).toContainEqual({ caseId: c.caseId, toLevel: 'DISTRICT' });
    t.clock.advance(24 * HOUR);
    expect((await sweep()).escalated).toContainEqual({ caseId: c.caseId, toLevel: 'CITY' });
    expect(await get(c.caseId)).toMatchObject({ escalationLevel: 'CITY', escalatedTo: w.cityId });
    t.clock.advance(240 * HOUR);
    const late = await sweep();
    expect([...late.overdue, ...late.escalated.map((e) => e.caseId)]).not.toContain(c.caseId);

    const timeline = await request(t.app.getHttpServer()).get(`/cases/${c.caseId}/timeline`).set('authorization', bearer()).expect(200);
    expect(timeline.body.map((e: { step: string }) => e.step)).toEqual(['CaseReported', 'CaseOverdue', 'CaseEscalated', 'CaseEscalated', 'CaseEscalated']);

    const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, (m) => m.filter((x) => x.key === c.caseId).length >= 5);
    const types = messages.filter((m) => m.key === c.caseId).map((m) => (JSON.parse(m.value!) as EventEnvelope).type);
    expect(types.filter((x) => x === 'governance.CaseOverdue.v1')).toHaveLength(1);
    expect(types.filter((x) => x === 'governance.CaseEscalated.v1')).toHaveLength(3);
  });

  it('does not count time on hold: a held case is never swept, and resuming moves the deadline on', async () => {
    const c = await report();
    t.clock.advance(HOUR);
    await post(c.caseId, 'hold', { reason: '需等待商场整改' });
    t.clock.advance(100 * HOUR);
    expect((await sweep()).overdue).not.toContain(c.caseId);
    const resumed = (await post(c.caseId, 'resume')).body;
    expect(resumed.status).toBe('REPORTED');
    expect(Date.parse(resumed.dueAt) - Date.parse(c.dueAt)).toBe(100 * HOUR);
    t.clock.advance(22 * HOUR);
    expect((await sweep()).overdue).not.toContain(c.caseId);
    t.clock.advance(2 * HOUR);
    expect((await sweep()).overdue).toContain(c.caseId);
  });

  it('never sweeps a closed, rejected or duplicate case', async () => {
    const rejected = await report();
    await post(rejected.caseId, 'reject', { reason: '无效' });
    t.clock.advance(100 * HOUR);
    const result = await sweep();
    expect(result.overdue).not.toContain(rejected.caseId);
  });

  it('uses the configured time limit per kind and priority for new cases', async () => {
    const res = await request(t.app.getHttpServer())
      .put('/time-limits')
      .set('authorization', bearer(a.districtAdmin))
      .send({ districtId: w.districtId, kind: 'LIVELIHOOD_SERVICE', priority: 'HIGH', hours: 6 })
      .expect(200);
    expect(res.body.limits).toContainEqual({ kind: 'LIVELIHOOD_SERVICE', priority: 'HIGH', hours: 6, isDefault: false });
    expect(res.body.limits).toContainEqual({ kind: 'DISPUTE', priority: 'HIGH', hours: 24, isDefault: true });
    const c = await report({ kind: 'LIVELIHOOD_SERVICE', priority: 'HIGH' });
    expect(Date.parse(c.dueAt) - t.clock.now().getTime()).toBe(6 * HOUR);
    const limits = await request(t.app.getHttpServer()).get(`/time-limits/${w.districtId}`).set('authorization', bearer(a.worker)).expect(200);
    expect(limits.body.limits).toContainEqual({ kind: 'LIVELIHOOD_SERVICE', priority: 'HIGH', hours: 6, isDefault: false });
  });

  it.each([
    [{ hours: 0 }, /hours 须为 1 到 8760 的整数/],
    [{ hours: 2.5 }, /hours/],
    [{ kind: 'OTHER' }, /kind 必须是以下之一/],
  ])('rejects a bad time limit %j (400, nothing stored)', async (overrides, message) => {
    const before = await eventCount(t);
    const res = await request(t.app.getHttpServer())
      .put('/time-limits')
      .set('authorization', bearer())
      .send({ districtId: w.districtId, kind: 'DISPUTE', priority: 'LOW', hours: 10, ...overrides })
      .expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
    expect(await eventCount(t)).toBe(before);
  });

  it('lets only admins of the district set limits or run the sweep (403 otherwise)', async () => {
    const before = await eventCount(t);
    await request(t.app.getHttpServer())
      .put('/time-limits')
      .set('authorization', bearer(a.worker))
      .send({ districtId: w.districtId, kind: 'DISPUTE', priority: 'LOW', hours: 10 })
      .expect(403);
    await request(t.app.getHttpServer())
      .put('/time-limits')
      .set('authorization', bearer(a.otherDistrictAdmin))
      .send({ districtId: w.districtId, kind: 'DISPUTE', priority: 'LOW', hours: 10 })
      .expect(403);
    await request(t.app.getHttpServer()).post('/overdue-sweeps').set('authorization', bearer(a.worker)).send({}).expect(403);
    // Another district's admin sweeps only their own district.
    const c = await report();
    t.clock.advance(30 * HOUR);
    expect((await sweep(a.otherDistrictAdmin)).overdue).not.toContain(c.caseId);
    expect(await eventCount(t)).toBe(before + 1);
    expect((await sweep(a.districtAdmin)).overdue).toContain(c.caseId);
  });

  it('lists overdue cases and computes zone and department statistics from the case snapshots', async () => {
    // A zone of its own for exact numbers.
    const z = newWorld();
    await announceWorld(t.db, z);
    const zf = await setUpGrids(t, z);
    const za = actors(z);
    const s = t.app.getHttpServer();
    const make = async () =>
      (
        await request(s)
          .post('/cases')
          .set('authorization', bearer(za.worker))
          .send({ kind: 'LIVELIHOOD_SERVICE', priority: 'NORMAL', title: '路灯不亮', description: '运河城北门路灯', gridId: zf.gridId })
          .expect(201)
      ).body.caseId as string;
    // The reporting grid worker follows the case up; an admin handles it for the department, checks it and records the rating.
    const act = (id: string, path: string, body: Record<string, unknown> = {}) =>
      request(s)
        .post(`/cases/${id}/${path}`)
        .set('authorization', bearer(['handle', 'verify', 'rate'].includes(path) ? za.districtAdmin : za.worker))
        .send(body)
        .expect(200);
    const finish = async (id: string, department: string, rating: number | null, reworks = 0) => {
      await act(id, 'accept');
      await act(id, 'dispatch', { assignee: { kind: 'DEPARTMENT', id: department } });
      await act(id, 'handle', { feedback: '已修复' });
      for (let i = 0; i < reworks; i++) {
        await act(id, 'rework', { reason: '仍不亮' });
        await act(id, 'handle', { feedback: '再次修复' });
      }
      await act(id, 'verify');
      await act(id, 'close');
      if (rating !== null) await act(id, 'rate', { satisfaction: rating });
    };

    const onTime1 = await make();
    const onTime2 = await make();
    const late = await make();
    const open = await make();
    const held = await make();
    await finish(onTime1, zf.departmentId, 5, 1);
    await finish(onTime2, zf.department2Id, 2);
    await act(held, 'hold', { reason: '资金未到位' });
    t.clock.advance(73 * HOUR);
    await sweep();
    await finish(late, zf.departmentId, null, 2);

    const overdue = await request(s).get(`/cases?overdue=true&zoneId=${z.zoneId}`).set('authorization', bearer(za.worker)).expect(200);
    expect(overdue.body.items.map((c: { caseId: string }) => c.caseId)).toEqual([open]);

    const stats = await request(s).get(`/statistics/zones/${z.zoneId}`).set('authorization', bearer(za.worker)).expect(200);
    expect(stats.body).toMatchObject({
      zoneId: z.zoneId,
      total: 5,
      open: 2,
      onHold: 1,
      overdue: 1,
      closed: 3,
      closedOnTime: 2,
      onTimeRate: 0.667,
      rated: 2,
      averageSatisfaction: 3.5,
      reworkCount: 3,
    });
    expect(stats.body.byDepartment).toEqual(
      expect.arrayContaining([
        { assignee: { kind: 'DEPARTMENT', id: zf.departmentId }, closed: 2, closedOnTime: 1, onTimeRate: 0.5, reworkCount: 3 },
        { assignee: { kind: 'DEPARTMENT', id: zf.department2Id }, closed: 1, closedOnTime: 1, onTimeRate: 1, reworkCount: 0 },
      ]),
    );
    const dept = await request(s).get(`/statistics/departments/${zf.departmentId}`).set('authorization', bearer(za.districtAdmin)).expect(200);
    expect(dept.body).toMatchObject({ departmentId: zf.departmentId, closed: 2, closedOnTime: 1, onTimeRate: 0.5, reworkCount: 3 });

    await request(s).get(`/statistics/zones/${z.zoneId}`).set('authorization', bearer(a.worker)).expect(403);
    await request(s).get('/statistics/zones/zone-nowhere').set('authorization', bearer()).expect(404);
  });
});
