import request from 'supertest';
import { CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { Actor } from '@pb/platform';
import { bearer, infraEnv, publishEnvelopes, waitFor, waitForGroupAtEnd } from '@pb/testing';
import { GovernanceWithGrids, startGovernanceWithGrids } from './fixtures';

/**
 * A mediation's outcome moves its case (the process manager, through the real Kafka), one open
 * mediation per case, cases escalated to the caller's desk, and the paged governance lists.
 */
describe('mediation outcomes, escalations and paged lists (real database and Kafka)', () => {
  let { t, w, a, f } = {} as GovernanceWithGrids;
  beforeAll(async () => ({ t, w, a, f } = await startGovernanceWithGrids()));
  afterAll(async () => t?.close());

  const server = () => t.app.getHttpServer();
  const as = (actor: Actor = a.worker) => ({ authorization: bearer(actor) });
  const parties = [
    { side: 'APPLICANT', name: '孙老板' },
    { side: 'RESPONDENT', name: '运河城产权方' },
  ];
  const getCase = async (caseId: string) => (await request(server()).get(`/cases/${caseId}`).set(as(a.districtAdmin)).expect(200)).body;
  const caseEvents = (caseId: string) => t.db.collection('events').find({ aggregateId: caseId }).sort({ version: 1 }).toArray();

  /** A dispute reported, accepted and dispatched to a department: the state a mediation's outcome moves. */
  async function dispatchedDispute(): Promise<string> {
    const c = await request(server()).post('/cases').set(as()).send({ kind: 'DISPUTE', title: '租金纠纷', description: '商户与业主租金纠纷', gridId: f.gridId }).expect(201);
    await request(server()).post(`/cases/${c.body.caseId}/accept`).set(as()).send({}).expect(200);
    await request(server())
      .post(`/cases/${c.body.caseId}/dispatch`)
      .set(as())
      .send({ assignee: { kind: 'DEPARTMENT', id: f.departmentId } })
      .expect(200);
    return c.body.caseId as string;
  }

  async function openWithSession(caseId: string, mediationId?: string): Promise<string> {
    const m = await request(server()).post('/mediations').set(as()).send({ mediationId, caseId, mediatorId: a.worker.userId, parties }).expect(201);
    await request(server()).post(`/mediations/${m.body.mediationId}/sessions`).set(as()).send({ summary: '双方陈述' }).expect(200);
    return m.body.mediationId as string;
  }

  it('handles the case with the agreement as feedback, and a redelivered agreement does not move it twice', async () => {
    const caseId = await dispatchedDispute();
    const mediationId = await openWithSession(caseId);
    await request(server()).post(`/mediations/${mediationId}/agreement`).set(as()).send({ terms: '免租一个月，商户按期续约' }).expect(200);

    const handled = await waitFor(async () => {
      const c = await getCase(caseId);
      return c.status === 'HANDLED' && c;
    }, 'the case handled by the mediation agreement');
    expect(handled.feedback).toBe(`调解成功，达成协议（调解 ${mediationId}）：免租一个月，商户按期续约`);
    const agreement = (await t.db.collection('events').findOne({ aggregateId: mediationId, type: 'governance.MediationAgreed.v1' }))!.envelope as EventEnvelope;
    const caseHandled = (await caseEvents(caseId)).filter((e) => e.type === 'governance.CaseHandled.v1');
    expect(caseHandled.map((e) => (e.envelope as EventEnvelope).causationid)).toEqual([agreement.id]);

    // The grid worker sends it back for rework: a new agreement could handle it again, this old one must not.
    await request(server()).post(`/cases/${caseId}/rework`).set(as()).send({ reason: '商户未按期续约' }).expect(200);
    // Redelivery as after a crash between the case's write and the inbox's: the inbox has not recorded it.
    const group = t.config.KAFKA_GROUP_ID!;
    await t.db.collection('inbox').deleteOne({ _id: `${group}:${agreement.id}` } as never);
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, [agreement]);
    await waitForGroupAtEnd(group, [t.config.KAFKA_TOPIC_PREFIX + CONTEXT_TOPICS.governance]);
    await waitFor(async () => !!(await t.db.collection('inbox').findOne({ _id: `${group}:${agreement.id}` } as never)), 'the redelivered agreement handled');
    expect((await getCase(caseId)).status).toBe('REWORK');
    expect((await caseEvents(caseId)).filter((e) => e.type === 'governance.CaseHandled.v1')).toHaveLength(1);
  });

  it('returns the case for dispatch to where a failed mediation referred it', async () => {
    const caseId = await dispatchedDispute();
    const mediationId = await openWithSession(caseId);
    await request(server()).post(`/mediations/${mediationId}/failure`).set(as()).send({ reason: '赔偿金额分歧过大', referredTo: 'COURT' }).expect(200);
    await waitFor(async () => (await getCase(caseId)).status === 'RETURNED', 'the case returned after the failed mediation');
    const returned = (await caseEvents(caseId)).find((e) => e.type === 'governance.CaseReturned.v1')!;
    expect((returned.envelope as EventEnvelope<{ reason: string }>).data.reason).toBe(`调解不成，已转交人民法院（调解 ${mediationId}）：赔偿金额分歧过大`);
    // And it can be dispatched again, to another department.
    await request(server())
      .post(`/cases/${caseId}/dispatch`)
      .set(as())
      .send({ assignee: { kind: 'DEPARTMENT', id: f.department2Id } })
      .expect(200);
  });

  it('leaves a case not yet dispatched where it is', async () => {
    const c = await request(server()).post('/cases').set(as()).send({ kind: 'DISPUTE', title: '噪音纠纷', description: '商户夜间噪音', gridId: f.gridId }).expect(201);
    const mediationId = await openWithSession(c.body.caseId);
    await request(server()).post(`/mediations/${mediationId}/agreement`).set(as()).send({ terms: '晚十点后停止营业音乐' }).expect(200);
    await waitForGroupAtEnd(t.config.KAFKA_GROUP_ID!, [t.config.KAFKA_TOPIC_PREFIX + CONTEXT_TOPICS.governance]);
    expect(await getCase(c.body.caseId)).toMatchObject({ status: 'REPORTED', version: 1 });
  });

  it('opens one mediation per case at a time: a second is a 409 naming the open one, also when two race', async () => {
    const caseId = await dispatchedDispute();
    const first = await openWithSession(caseId);
    const before = await t.db.collection('events').countDocuments();
    const second = await request(server()).post('/mediations').set(as()).send({ caseId, mediatorId: a.worker.userId, parties }).expect(409);
    expect(second.body.error).toBe('MEDIATION_ALREADY_OPEN');
    expect(second.body.message).toContain(first);
    expect(await t.db.collection('events').countDocuments()).toBe(before);

    // Once it ended, the case may be mediated again.
    await request(server()).post(`/mediations/${first}/failure`).set(as()).send({ reason: '一方缺席', referredTo: 'PEOPLES_MEDIATION_COMMITTEE' }).expect(200);
    await request(server()).post('/mediations').set(as()).send({ caseId, mediatorId: a.worker.userId, parties }).expect(201);

    // Two at once on a fresh case: one opens, the other is refused with its name.
    const other = await dispatchedDispute();
    const raced = await Promise.all(
      [0, 1, 2].map((i) =>
        request(server())
          .post('/mediations')
          .set(as())
          .send({ mediationId: `med-race-${i}-${other}`.slice(0, 64), caseId: other, mediatorId: a.worker.userId, parties }),
      ),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const winner = raced.find((r) => r.status === 201)!.body.mediationId;
    for (const lost of raced.filter((r) => r.status === 409)) expect(lost.body.message).toContain(winner);
    const listed = await request(server()).get(`/mediations?caseId=${other}`).set(as()).expect(200);
    expect(listed.body.items.map((m: { mediationId: string }) => m.mediationId)).toEqual([winner]);
  });

  it('lists the cases escalated to the caller’s level and jurisdiction, paged; others are refused', async () => {
    const subDistrictAdmin = { userId: 'sda-1', role: 'SUB_DISTRICT_ADMIN', scope: { level: 'SUB_DISTRICT', districtId: w.districtId, subDistrictId: w.subDistrictId } } as Actor;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await request(server())
        .post('/cases')
        .set(as())
        .send({ kind: 'DISPUTE', priority: 'HIGH', title: `超期纠纷${i}`, description: '久拖未决', gridId: f.gridId })
        .expect(201);
      ids.push(c.body.caseId);
    }
    const mine = async (actor: Actor, query = '') => request(server()).get(`/cases?escalatedTo=me${query}`).set(as(actor));
    expect((await mine(subDistrictAdmin)).body.items.filter((c: { caseId: string }) => ids.includes(c.caseId))).toEqual([]);

    // Past the 24 h limit: escalated to the sub-district.
    t.clock.set(new Date(t.clock.now().getTime() + 25 * 3_600_000));
    await request(server()).post('/overdue-sweeps').set(as(a.districtAdmin)).expect(200);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = await mine(subDistrictAdmin, `&limit=2${after ? `&after=${after}` : ''}`);
      expect(page.status).toBe(200);
      for (const c of page.body.items) expect(c).toMatchObject({ escalationLevel: 'SUB_DISTRICT', escalatedTo: w.subDistrictId });
      seen.push(...page.body.items.map((c: { caseId: string }) => c.caseId));
      after = page.body.nextCursor;
    } while (after);
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(new Set(seen).size).toBe(seen.length);
    // Not yet the district's desk.
    expect((await mine(a.districtAdmin)).body.items.filter((c: { caseId: string }) => ids.includes(c.caseId))).toEqual([]);
    const refused = await mine(a.worker);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('escalatedTo');
    const bad = await request(server()).get('/cases?escalatedTo=someone').set(as(a.districtAdmin)).expect(400);
    expect(JSON.stringify(bad.body)).toContain('escalatedTo');
  });

  it('pages grid workers, campaigns and mediations with a cursor instead of stopping at a cap', async () => {
    for (let i = 0; i < 3; i++) {
      await request(server())
        .post('/outreach-campaigns')
        .set(as(a.districtAdmin))
        .send({ title: `民法典进商圈${i}`, topics: ['民法典'], startsOn: '2024-03-01', endsOn: '2024-03-31', zoneId: w.zoneId })
        .expect(201);
    }
    for (const [path, idOf, atLeast] of [
      [`/grid-workers?zoneId=${w.zoneId}`, 'workerId', 2],
      [`/outreach-campaigns?zoneId=${w.zoneId}`, 'campaignId', 3],
      [`/mediations?zoneId=${w.zoneId}`, 'mediationId', 3],
    ] as const) {
      const all: string[] = [];
      let after: string | null = null;
      do {
        const res: request.Response = await request(server())
          .get(`${path}&limit=1${after ? `&after=${after}` : ''}`)
          .set(as(a.districtAdmin));
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(1);
        all.push(...res.body.items.map((x: Record<string, string>) => x[idOf]));
        after = res.body.nextCursor;
      } while (after);
      expect(all.length).toBeGreaterThanOrEqual(atLeast);
      expect(new Set(all).size).toBe(all.length);
      const whole = await request(server()).get(path).set(as(a.districtAdmin)).expect(200);
      expect(whole.body.items.map((x: Record<string, string>) => x[idOf])).toEqual(all);
      expect(JSON.stringify((await request(server()).get(`${path}&limit=0`).set(as(a.districtAdmin)).expect(400)).body)).toContain('limit');
      expect(JSON.stringify((await request(server()).get(`${path}&after=not-a-cursor`).set(as(a.districtAdmin)).expect(400)).body)).toContain('after');
    }
  });
});
