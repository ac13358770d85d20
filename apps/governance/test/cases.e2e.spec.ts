import request from 'supertest';
import { CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { Actor } from '@pb/platform';
import { bearer, infraEnv, readTopic } from '@pb/testing';
import { eventCount, GovernanceWithGrids, startGovernanceWithGrids } from './fixtures';

/**
 * The case loop through HTTP against the real database and broker: every
 * transition allowed and forbidden, bad input, concurrency, jurisdiction.
 */
describe('governance case loop (real database and Kafka)', () => {
  let { t, w, a, f } = {} as GovernanceWithGrids;
  beforeAll(async () => ({ t, w, a, f } = await startGovernanceWithGrids()));
  afterAll(async () => t?.close());

  const report = async (overrides: Record<string, unknown> = {}, actor: Actor = a.worker) => {
    const res = await request(t.app.getHttpServer())
      .post('/cases')
      .set('authorization', bearer(actor))
      .send({
        kind: 'DISPUTE',
        priority: 'HIGH',
        title: '退货纠纷',
        description: '顾客与服装店就退货发生争执',
        source: 'MERCHANT',
        requesterName: '张先生',
        gridId: f.gridId,
        ...overrides,
      });
    expect(res.status).toBe(201);
    return res.body as { caseId: string; status: string; version: number; dueAt: string };
  };

  /** The body each step needs; valid for whichever state it is tried in. */
  const bodies = (): Record<string, [string, Record<string, unknown>]> => ({
    accept: ['accept', {}],
    reject: ['reject', { reason: '不属于本片区事务' }],
    markDuplicate: ['mark-duplicate', { duplicateOf: original }],
    dispatch: ['dispatch', { assignee: { kind: 'DEPARTMENT', id: f.departmentId }, instructions: '请尽快处理' }],
    return: ['return', { reason: '不属于本单位职责' }],
    handle: ['handle', { feedback: '已上门调解，双方同意退货' }],
    verify: ['verify', { note: '回访属实' }],
    requestRework: ['rework', { reason: '商户仍未退款' }],
    close: ['close', {}],
    rate: ['rate', { satisfaction: 5, comment: '很满意' }],
    hold: ['hold', { reason: '需等待商场整改' }],
    resume: ['resume', {}],
  });
  let original = '';

  /** The grid worker reports and follows up; handling is the assignee's (an admin for a department), and the reporter never verifies or rates. */
  const actorFor = (action: string): Actor => (['handle', 'return', 'verify', 'rate'].includes(action) ? a.districtAdmin : a.worker);

  const step = (caseId: string, action: string, actor: Actor = actorFor(action)) => {
    const [path, body] = bodies()[action];
    return request(t.app.getHttpServer()).post(`/cases/${caseId}/${path}`).set('authorization', bearer(actor)).send(body);
  };

  /** Allowed steps and where they lead, written independently of the domain table. */
  const ALLOWED: Record<string, Record<string, string>> = {
    REPORTED: { accept: 'ACCEPTED', reject: 'REJECTED', markDuplicate: 'DUPLICATE', hold: 'ON_HOLD' },
    ACCEPTED: { dispatch: 'DISPATCHED', hold: 'ON_HOLD' },
    DISPATCHED: { handle: 'HANDLED', return: 'RETURNED', hold: 'ON_HOLD' },
    RETURNED: { dispatch: 'DISPATCHED', hold: 'ON_HOLD' },
    HANDLED: { verify: 'VERIFIED', requestRework: 'REWORK', hold: 'ON_HOLD' },
    REWORK: { handle: 'HANDLED', hold: 'ON_HOLD' },
    VERIFIED: { close: 'CLOSED', hold: 'ON_HOLD' },
    CLOSED: { rate: 'RATED' },
    RATED: {},
    REJECTED: {},
    DUPLICATE: {},
    ON_HOLD: { resume: '<where it was held>' },
  };
  const ACTIONS = ['accept', 'reject', 'markDuplicate', 'dispatch', 'return', 'handle', 'verify', 'requestRework', 'close', 'rate', 'hold', 'resume'];

  it('reports a case with its deadline and publishes CaseReported on the governance topic', async () => {
    const c = await report();
    expect(c).toMatchObject({ status: 'REPORTED', version: 1, dueAt: '2024-03-02T08:00:00.000Z' });
    const got = await request(t.app.getHttpServer()).get(`/cases/${c.caseId}`).set('authorization', bearer(a.worker)).expect(200);
    expect(got.body).toMatchObject({ caseId: c.caseId, workerId: a.worker.userId, zoneId: w.zoneId, districtId: w.districtId, subDistrictId: w.subDistrictId, timeLimitHours: 24 });
    const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, (m) => m.some((x) => x.key === c.caseId));
    const event = JSON.parse(messages.find((m) => m.key === c.caseId)!.value!) as EventEnvelope<Record<string, unknown>>;
    expect(event).toMatchObject({ type: 'governance.CaseReported.v1', subject: c.caseId, districtid: w.districtId, zoneid: w.zoneId, actorid: a.worker.userId });
    expect(event.data).toMatchObject({ kind: 'DISPUTE', priority: 'HIGH', workerId: a.worker.userId });
  });

  describe('every transition over HTTP', () => {
    /** Which (state, action) pairs the walk below has tried, with the outcome. */
    const tried = new Map<string, string>();

    const expectForbidden = async (caseId: string, state: string) => {
      const streamLength = () => t.db.collection('events').countDocuments({ aggregateId: caseId });
      const before = await streamLength();
      for (const action of ACTIONS.filter((x) => !ALLOWED[state][x])) {
        const res = await step(caseId, action);
        expect({ state, action, status: res.status }).toEqual({ state, action, status: 409 });
        expect(res.body.error).toBe('CASE_TRANSITION_NOT_ALLOWED');
        expect(res.body.details.currentState).toBe(state);
        expect([...res.body.details.allowedActions].sort()).toEqual(Object.keys(ALLOWED[state]).sort());
        expect(res.body.message).toMatch(/^案件当前状态为「.+」，不能执行「.+」；当前可执行的操作：/);
        tried.set(`${state}×${action}`, 'forbidden');
      }
      // Refused steps store nothing.
      expect(await streamLength()).toBe(before);
    };

    const expectAllowed = async (caseId: string, state: string, action: string, body?: Record<string, unknown>) => {
      const target = ALLOWED[state][action];
      const res = body
        ? await request(t.app.getHttpServer())
            .post(`/cases/${caseId}/${bodies()[action][0]}`)
            .set('authorization', bearer(actorFor(action)))
            .send(body)
        : await step(caseId, action);
      expect({ state, action, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({ state, action, status: 200, body: undefined });
      expect(res.body.status).toBe(target === '<where it was held>' ? res.body.status : target);
      tried.set(`${state}×${action}`, 'allowed');
      return res.body.status as string;
    };

    /** At an open state: every forbidden step is refused, hold parks it, every forbidden step on hold is refused, resume brings it back. */
    const visit = async (caseId: string, state: string) => {
      await expectForbidden(caseId, state);
      if (!ALLOWED[state].hold) return;
      await expectAllowed(caseId, state, 'hold');
      await expectForbidden(caseId, 'ON_HOLD');
      expect(await expectAllowed(caseId, 'ON_HOLD', 'resume')).toBe(state);
    };

    it('walks the loop, trying at each state every step (allowed and forbidden)', async () => {
      original = (await report({ title: '被重复的原案件' })).caseId;
      const c = (await report()).caseId;
      const chain: [string, string, Record<string, unknown>?][] = [
        ['REPORTED', 'accept'],
        ['ACCEPTED', 'dispatch'],
        ['DISPATCHED', 'return'],
        // Re-dispatched to someone else than who returned it.
        ['RETURNED', 'dispatch', { assignee: { kind: 'DEPARTMENT', id: f.department2Id } }],
        ['DISPATCHED', 'handle'],
        ['HANDLED', 'requestRework'],
        ['REWORK', 'handle'],
        ['HANDLED', 'verify'],
        ['VERIFIED', 'close'],
        ['CLOSED', 'rate'],
      ];
      for (const [state, action, body] of chain) {
        await visit(c, state);
        expect(await expectAllowed(c, state, action, body)).toBe(ALLOWED[state][action]);
      }
      await expectForbidden(c, 'RATED');

      const rejected = (await report()).caseId;
      expect(await expectAllowed(rejected, 'REPORTED', 'reject')).toBe('REJECTED');
      await expectForbidden(rejected, 'REJECTED');

      const duplicate = (await report()).caseId;
      expect(await expectAllowed(duplicate, 'REPORTED', 'markDuplicate')).toBe('DUPLICATE');
      await expectForbidden(duplicate, 'DUPLICATE');

      // Every cell of the state × action matrix was tried, and it agrees with the hand-written table.
      const states = Object.keys(ALLOWED);
      expect(tried.size).toBe(states.length * ACTIONS.length);
      for (const state of states)
        for (const action of ACTIONS) expect([state, action, tried.get(`${state}×${action}`)]).toEqual([state, action, ALLOWED[state][action] ? 'allowed' : 'forbidden']);

      const now = await request(t.app.getHttpServer()).get(`/cases/${c}`).set('authorization', bearer()).expect(200);
      expect(now.body).toMatchObject({ status: 'RATED', returnCount: 1, reworkCount: 1, satisfaction: 5 });
    }, 300_000);
  });

  it('runs the whole loop with a return, a re-dispatch and a rework, and shows it as a timeline', async () => {
    const c = await report({ source: 'RESIDENT', requesterName: '王阿姨', kind: 'LIVELIHOOD_SERVICE', priority: 'NORMAL' });
    const s = t.app.getHttpServer();
    await request(s).post(`/cases/${c.caseId}/accept`).set('authorization', bearer(a.districtAdmin)).send({}).expect(200);
    await request(s)
      .post(`/cases/${c.caseId}/dispatch`)
      .set('authorization', bearer(a.districtAdmin))
      .send({ assignee: { kind: 'DEPARTMENT', id: f.department2Id } })
      .expect(200);
    await request(s).post(`/cases/${c.caseId}/return`).set('authorization', bearer(a.districtAdmin)).send({ reason: '属市场监管职责' }).expect(200);
    // The department that just returned it cannot get it straight back.
    const back = await request(s)
      .post(`/cases/${c.caseId}/dispatch`)
      .set('authorization', bearer(a.districtAdmin))
      .send({ assignee: { kind: 'DEPARTMENT', id: f.department2Id } })
      .expect(422);
    expect(back.body.error).toBe('ASSIGNEE_RETURNED_CASE');
    await request(s)
      .post(`/cases/${c.caseId}/dispatch`)
      .set('authorization', bearer(a.districtAdmin))
      .send({ assignee: { kind: 'DEPARTMENT', id: f.departmentId } })
      .expect(200);
    await request(s).post(`/cases/${c.caseId}/handle`).set('authorization', bearer(a.districtAdmin)).send({ feedback: '已协调' }).expect(200);
    const rework = await request(s).post(`/cases/${c.caseId}/rework`).set('authorization', bearer(a.worker)).send({ reason: '未解决' }).expect(200);
    expect(rework.body).toMatchObject({ status: 'REWORK', reworkCount: 1 });
    await request(s).post(`/cases/${c.caseId}/handle`).set('authorization', bearer(a.districtAdmin)).send({ feedback: '已彻底解决' }).expect(200);
    // Among grid workers only the case's own verifies, and not when they reported it themselves: an admin does.
    const notMine = await request(s).post(`/cases/${c.caseId}/verify`).set('authorization', bearer(a.worker2)).send({}).expect(403);
    expect(notMine.body.error).toBe('NOT_CASE_WORKER');
    const ownReport = await request(s).post(`/cases/${c.caseId}/verify`).set('authorization', bearer(a.worker)).send({}).expect(403);
    expect(ownReport.body.error).toBe('REPORTER_CANNOT_VERIFY');
    await request(s).post(`/cases/${c.caseId}/verify`).set('authorization', bearer(a.districtAdmin)).send({}).expect(200);
    const closed = await request(s).post(`/cases/${c.caseId}/close`).set('authorization', bearer(a.worker)).send({}).expect(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', onTime: true, handledBy: { kind: 'DEPARTMENT', id: f.departmentId }, returnCount: 1, reworkCount: 1 });
    const ownRating = await request(s).post(`/cases/${c.caseId}/rate`).set('authorization', bearer(a.worker)).send({ satisfaction: 5 }).expect(403);
    expect(ownRating.body.error).toBe('REPORTER_CANNOT_RATE');
    await request(s).post(`/cases/${c.caseId}/rate`).set('authorization', bearer(a.districtAdmin)).send({ satisfaction: 4 }).expect(200);
    const again = await request(s).post(`/cases/${c.caseId}/rate`).set('authorization', bearer(a.districtAdmin)).send({ satisfaction: 5 }).expect(409);
    expect(again.body.details).toEqual({ currentState: 'RATED', action: 'rate', allowedActions: [] });

    const timeline = await request(s).get(`/cases/${c.caseId}/timeline`).set('authorization', bearer(a.worker)).expect(200);
    expect(timeline.body.map((e: { step: string }) => e.step)).toEqual([
      'CaseReported',
      'CaseAccepted',
      'CaseDispatched',
      'CaseReturned',
      'CaseDispatched',
      'CaseHandled',
      'CaseReworkRequested',
      'CaseHandled',
      'CaseVerified',
      'CaseClosed',
      'CaseRated',
    ]);
    expect(timeline.body[0]).toMatchObject({ version: 1, actorId: a.worker.userId, at: '2024-03-01T08:00:00.000Z' });
    expect(timeline.body[0].details.requesterName).toBeUndefined();
    expect(timeline.body[1]).toMatchObject({ actorId: 'da-1' });
    expect(timeline.body[3].details).toMatchObject({ reason: '属市场监管职责', assignee: { id: f.department2Id } });
    expect(timeline.body[10].details).toMatchObject({ satisfaction: 4 });
  });

  it('dispatches to a Party organization known from membership, and refuses unknown assignees (422, nothing stored)', async () => {
    const c = await report();
    await step(c.caseId, 'accept').expect(200);
    const before = await eventCount(t);
    const s = t.app.getHttpServer();
    const dept = await request(s)
      .post(`/cases/${c.caseId}/dispatch`)
      .set('authorization', bearer(a.worker))
      .send({ assignee: { kind: 'DEPARTMENT', id: 'dept-nowhere' } })
      .expect(422);
    expect(dept.body.message).toMatch(/职能部门 dept-nowhere 不存在/);
    const org = await request(s)
      .post(`/cases/${c.caseId}/dispatch`)
      .set('authorization', bearer(a.worker))
      .send({ assignee: { kind: 'ORGANIZATION', id: 'org-nowhere' } })
      .expect(422);
    expect(org.body.message).toMatch(/党组织 org-nowhere 不存在/);
    expect(await eventCount(t)).toBe(before);
    const ok = await request(s)
      .post(`/cases/${c.caseId}/dispatch`)
      .set('authorization', bearer(a.worker))
      .send({ assignee: { kind: 'ORGANIZATION', id: w.organizationId } })
      .expect(200);
    expect(ok.body.assignee).toEqual({ kind: 'ORGANIZATION', id: w.organizationId });
    // Handling belongs to the assignee: the organization's secretary (or an admin), not a grid worker or another organization's secretary.
    const handle = (actor: Actor) => request(s).post(`/cases/${c.caseId}/handle`).set('authorization', bearer(actor)).send({ feedback: '支部党员志愿者已上门' });
    const byWorker = await handle(a.worker).expect(403);
    expect(byWorker.body.message).toMatch(/GRID_WORKER 无权/);
    const notAssignee = await handle({ ...a.secretary, userId: 'sec-other', organizationId: `${w.organizationId}-other` }).expect(403);
    expect(notAssignee.body.error).toBe('NOT_CASE_ASSIGNEE');
    const handled = await handle(a.secretary).expect(200);
    expect(handled.body).toMatchObject({ status: 'HANDLED', handledBy: { kind: 'ORGANIZATION', id: w.organizationId } });
  });

  it('refuses a duplicate of an unknown case or of itself (422) and links a real duplicate', async () => {
    const first = await report();
    const second = await report();
    const before = await eventCount(t);
    await request(t.app.getHttpServer()).post(`/cases/${second.caseId}/mark-duplicate`).set('authorization', bearer(a.worker)).send({ duplicateOf: 'case-nowhere' }).expect(422);
    await request(t.app.getHttpServer()).post(`/cases/${second.caseId}/mark-duplicate`).set('authorization', bearer(a.worker)).send({ duplicateOf: second.caseId }).expect(422);
    expect(await eventCount(t)).toBe(before);
    const res = await request(t.app.getHttpServer())
      .post(`/cases/${second.caseId}/mark-duplicate`)
      .set('authorization', bearer(a.worker))
      .send({ duplicateOf: first.caseId })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'DUPLICATE', duplicateOf: first.caseId });
  });

  it.each([
    ['a missing title', { title: undefined }, /title/],
    ['an unknown kind', { kind: 'COMPLAINT' }, /kind 必须是以下之一/],
    ['an unknown priority', { priority: 'ASAP' }, /priority 必须是以下之一/],
    ['an injection object as gridId', { gridId: { $gt: '' } }, /gridId/],
    ['a phone number field', { phone: '13800000000' }, /phone should not exist/],
    ['a 3000-character description', { description: '长'.repeat(3000) }, /description 长度/],
  ])('rejects a report with %s (400, nothing stored)', async (_, overrides, message) => {
    const before = { events: await eventCount(t), cases: await t.db.collection('cases').countDocuments() };
    const res = await request(t.app.getHttpServer())
      .post('/cases')
      .set('authorization', bearer(a.worker))
      .send({ kind: 'DISPUTE', title: '纠纷', description: '描述', gridId: f.gridId, ...overrides })
      .expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
    expect({ events: await eventCount(t), cases: await t.db.collection('cases').countDocuments() }).toEqual(before);
  });

  it.each([
    ['rate', { satisfaction: 6 }, /satisfaction 须为 1 到 5 的整数/],
    ['rate', { satisfaction: 'five' }, /satisfaction/],
    ['reject', {}, /reason/],
    ['dispatch', { assignee: { kind: 'PERSON', id: 'x' } }, /assignee.kind 必须是以下之一/],
    ['accept', { expectedVersion: 0 }, /expectedVersion/],
  ])('rejects %s with a bad body %j (400, nothing stored)', async (path, body, message) => {
    const c = await report();
    const before = await eventCount(t);
    const res = await request(t.app.getHttpServer()).post(`/cases/${c.caseId}/${path}`).set('authorization', bearer(a.worker)).send(body).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
    expect(await eventCount(t)).toBe(before);
  });

  it('refuses a report in an unknown grid (422) or naming a worker of another grid (422), storing nothing', async () => {
    const before = await eventCount(t);
    const grid = await request(t.app.getHttpServer())
      .post('/cases')
      .set('authorization', bearer())
      .send({ kind: 'DISPUTE', title: '纠纷', description: '描述', gridId: 'grid-nowhere' })
      .expect(422);
    expect(grid.body.error).toBe('GRID_NOT_FOUND');
    const worker = await request(t.app.getHttpServer())
      .post('/cases')
      .set('authorization', bearer())
      .send({ kind: 'DISPUTE', title: '纠纷', description: '描述', gridId: f.gridId, workerId: a.otherZoneWorker.userId })
      .expect(422);
    expect(worker.body.error).toBe('WORKER_NOT_IN_GRID');
    expect(await eventCount(t)).toBe(before);
  });

  it('answers an unknown case with 404', async () => {
    await request(t.app.getHttpServer()).get('/cases/case-nowhere').set('authorization', bearer()).expect(404);
    await request(t.app.getHttpServer()).post('/cases/case-nowhere/accept').set('authorization', bearer()).send({}).expect(404);
  });

  it('lets one of two workers acting on the same case at once win; the other gets 409', async () => {
    for (let i = 0; i < 3; i++) {
      const c = await report();
      const before = await eventCount(t);
      const [x, y] = await Promise.all([
        request(t.app.getHttpServer()).post(`/cases/${c.caseId}/accept`).set('authorization', bearer(a.worker)).send({}),
        request(t.app.getHttpServer()).post(`/cases/${c.caseId}/reject`).set('authorization', bearer(a.worker2)).send({ reason: '重复反映' }),
      ]);
      expect([x.status, y.status].sort()).toEqual([200, 409]);
      const loser = x.status === 409 ? x : y;
      expect(['CONCURRENT_MODIFICATION', 'CASE_TRANSITION_NOT_ALLOWED']).toContain(loser.body.error);
      expect(await eventCount(t)).toBe(before + 1);
      const winner = x.status === 200 ? x : y;
      const now = await request(t.app.getHttpServer()).get(`/cases/${c.caseId}`).set('authorization', bearer()).expect(200);
      expect(now.body).toMatchObject({ status: winner.body.status, version: 2 });
    }
  });

  it('answers a step based on a stale version with 409', async () => {
    const c = await report();
    await request(t.app.getHttpServer()).post(`/cases/${c.caseId}/accept`).set('authorization', bearer(a.worker)).send({ expectedVersion: 1 }).expect(200);
    const stale = await request(t.app.getHttpServer()).post(`/cases/${c.caseId}/hold`).set('authorization', bearer(a.worker2)).send({ reason: '等待', expectedVersion: 1 }).expect(409);
    expect(stale.body.error).toBe('CONCURRENT_MODIFICATION');
  });

  describe('jurisdiction', () => {
    it('keeps a grid worker to their own zone for reads and writes (403)', async () => {
      const mine = await report();
      const theirs = await report({ gridId: f.otherZoneGridId }, a.otherZoneWorker);
      const s = t.app.getHttpServer();
      await request(s).get(`/cases/${theirs.caseId}`).set('authorization', bearer(a.worker)).expect(403);
      await request(s).get(`/cases/${theirs.caseId}/timeline`).set('authorization', bearer(a.worker)).expect(403);
      const before = await eventCount(t);
      const write = await request(s).post(`/cases/${theirs.caseId}/accept`).set('authorization', bearer(a.worker)).send({}).expect(403);
      expect(write.body.message).toMatch(/不在您的管辖范围内/);
      // Reporting into another zone's grid is a write there too.
      await request(s).post('/cases').set('authorization', bearer(a.worker)).send({ kind: 'DISPUTE', title: '纠纷', description: '描述', gridId: f.otherZoneGridId }).expect(403);
      expect(await eventCount(t)).toBe(before);
      const list = await request(s).get('/cases?limit=200').set('authorization', bearer(a.worker)).expect(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(list.body.items.every((c: { zoneId: string }) => c.zoneId === w.zoneId)).toBe(true);
      expect(list.body.items.some((c: { caseId: string }) => c.caseId === mine.caseId)).toBe(true);
      await request(s).get(`/cases?zoneId=${w.otherZoneId}`).set('authorization', bearer(a.worker)).expect(403);
    });

    it('lets a district admin see and act in the district, not in another one', async () => {
      const c = await report();
      const s = t.app.getHttpServer();
      await request(s).get(`/cases/${c.caseId}`).set('authorization', bearer(a.districtAdmin)).expect(200);
      await request(s).get(`/cases/${c.caseId}`).set('authorization', bearer(a.otherDistrictAdmin)).expect(403);
      await request(s).post(`/cases/${c.caseId}/accept`).set('authorization', bearer(a.otherDistrictAdmin)).send({}).expect(403);
      const theirs = await request(s).get('/cases').set('authorization', bearer(a.otherDistrictAdmin)).expect(200);
      expect(theirs.body.items).toEqual([]);
    });

    it('forbids roles outside the case loop from acting (403) but lets an analyst read', async () => {
      const c = await report();
      const res = await request(t.app.getHttpServer()).post(`/cases/${c.caseId}/accept`).set('authorization', bearer(a.analyst)).send({}).expect(403);
      expect(res.body.message).toMatch(/ANALYST 无权/);
      await request(t.app.getHttpServer()).get(`/cases/${c.caseId}`).set('authorization', bearer(a.analyst)).expect(200);
      expect((await request(t.app.getHttpServer()).get('/cases')).status).toBe(401);
    });
  });

  it('lists cases by status, kind, grid and worker, page by page with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(60_000);
      ids.push((await report({ kind: 'PUBLIC_OPINION', priority: 'LOW', source: 'GRID_WORKER', requesterName: null }, a.worker2)).caseId);
    }
    const s = t.app.getHttpServer();
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query: string = `/cases?kind=PUBLIC_OPINION&workerId=${a.worker2.userId}&status=REPORTED&gridId=${f.gridId}&limit=2${after ? `&after=${after}` : ''}`;
      const res = await request(s).get(query).set('authorization', bearer(a.districtAdmin)).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((c: { caseId: string }) => c.caseId));
      after = res.body.nextCursor;
      if (!after) break;
    }
    expect(seen).toEqual([...ids].reverse());
    await request(s).get('/cases?limit=500').set('authorization', bearer()).expect(400);
    await request(s).get('/cases?status=OPEN').set('authorization', bearer()).expect(400);
  });

  it('pages cases reported at one instant each exactly once, and refuses a malformed cursor (#18, item 4)', async () => {
    // The clock stands still: every case below has the same reportedAt, so only the id orders them.
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push((await report({ kind: 'LIVELIHOOD_SERVICE', priority: 'LOW', source: 'GRID_WORKER', requesterName: null }, a.worker2)).caseId);
    const s = t.app.getHttpServer();
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const query: string = `/cases?kind=LIVELIHOOD_SERVICE&workerId=${a.worker2.userId}&limit=2${after ? `&after=${after}` : ''}`;
      const res = await request(s).get(query).set('authorization', bearer(a.districtAdmin)).expect(200);
      seen.push(...res.body.items.map((c: { caseId: string }) => c.caseId));
      after = res.body.nextCursor;
      if (!after) break;
    }
    // Every one of them, none twice (the worker's earlier cases of the kind may come along).
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
    // Answering the first page again would have a client loop for ever: a 400 that names the parameter.
    for (const bad of ['not-a-cursor', Buffer.from('{"a":1}').toString('base64url')]) {
      const res = await request(s).get(`/cases?limit=2&after=${bad}`).set('authorization', bearer(a.districtAdmin));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain('after 无效');
    }
  });

  it("shows each grid worker's workload from the open cases", async () => {
    const before = (await request(t.app.getHttpServer()).get(`/grid-workers/${a.worker2.userId}`).set('authorization', bearer(a.worker)).expect(200)).body;
    const c = await report({}, a.worker2);
    const after = (await request(t.app.getHttpServer()).get(`/grid-workers/${a.worker2.userId}`).set('authorization', bearer(a.worker)).expect(200)).body;
    expect(after.workload.open).toBe(before.workload.open + 1);
    expect(after.gridIds).toEqual([f.gridId]);
    await request(t.app.getHttpServer()).post(`/cases/${c.caseId}/reject`).set('authorization', bearer(a.worker2)).send({ reason: '无效' }).expect(200);
    const done = (await request(t.app.getHttpServer()).get(`/grid-workers/${a.worker2.userId}`).set('authorization', bearer(a.worker)).expect(200)).body;
    expect(done.workload.open).toBe(before.workload.open);
    const list = await request(t.app.getHttpServer()).get(`/grid-workers?gridId=${f.gridId}`).set('authorization', bearer(a.worker)).expect(200);
    expect(list.body.items.map((x: { workerId: string }) => x.workerId).sort()).toEqual([a.worker.userId, a.worker2.userId].sort());
  });
});
