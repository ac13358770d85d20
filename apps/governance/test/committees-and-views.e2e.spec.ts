import request from 'supertest';
import { CONTEXT_TOPICS, EventEnvelope, JurisdictionRegistered, OrganizationRegistered, OrganizationRenamed, ZoneDesignated } from '@pb/contracts';
import { bearer, envelopeOf, infraEnv, publishEnvelopes, readTopic, uniqueName, waitFor } from '@pb/testing';
import { eventCount, GovernanceWithGrids, startGovernanceWithGrids } from './fixtures';

/** Committees, grids, mediation and outreach, and what governance learns from membership's events. */
describe('governance committees, grids, mediation, outreach and membership views (real database and Kafka)', () => {
  let { t, w, a, f } = {} as GovernanceWithGrids;
  beforeAll(async () => ({ t, w, a, f } = await startGovernanceWithGrids()));
  afterAll(async () => t?.close());

  describe('membership events → local views', () => {
    it('applies organization events once each, ignores redelivered duplicates and an older version arriving after a newer one', async () => {
      const id = uniqueName('org');
      const registered = envelopeOf(
        OrganizationRegistered,
        { organizationId: id, name: '运河城联合党支部', type: 'JOINT_BRANCH', parentId: null, districtId: w.districtId, subDistrictId: w.subDistrictId, zoneId: w.zoneId, host: null },
        { aggregateId: id, version: 1, districtId: w.districtId, zoneId: w.zoneId },
      );
      const renamed = envelopeOf(OrganizationRenamed, { organizationId: id, name: '运河城联合党委' }, { aggregateId: id, version: 2, districtId: w.districtId, zoneId: w.zoneId });
      // The same v1 again under a new envelope id (a replay from another source): the inbox cannot catch it, the version guard must.
      const staleCopy = { ...registered, id: uniqueName('replay'), data: { ...registered.data, name: '旧名称' } };
      await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, [registered, renamed, renamed, registered, staleCopy as EventEnvelope]);
      const marker = uniqueName('org');
      await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, [
        envelopeOf(
          OrganizationRegistered,
          { organizationId: marker, name: '标记', type: 'BRANCH', parentId: null, districtId: w.districtId, subDistrictId: w.subDistrictId, zoneId: null, host: null },
          { aggregateId: marker, version: 1 },
        ),
      ]);
      // Same key → same partition → the marker arrives after everything above.
      await waitFor(async () => (await t.db.collection('membership_organizations').countDocuments({ _id: marker } as never)) === 1, 'the marker event', 60000);
      await waitFor(async () => (await t.db.collection('membership_organizations').findOne({ _id: id } as never))?.version === 2, 'the organization view', 60000);
      const view = await t.db.collection('membership_organizations').findOne({ _id: id } as never);
      expect(view).toMatchObject({ name: '运河城联合党委', type: 'JOINT_BRANCH', districtId: w.districtId, zoneId: w.zoneId, version: 2 });
    });

    it('builds the zone view from registration and designation, and only then lets a grid be drawn in it', async () => {
      const zoneId = uniqueName('zone');
      const before = await eventCount(t);
      const early = await request(t.app.getHttpServer()).post('/grids').set('authorization', bearer()).send({ name: '新网格', zoneId }).expect(422);
      expect(early.body).toMatchObject({ error: 'ZONE_NOT_FOUND' });
      expect(early.body.message).toMatch(new RegExp(`片区 ${zoneId} 不存在`));
      expect(await eventCount(t)).toBe(before);

      const registered = envelopeOf(
        JurisdictionRegistered,
        {
          jurisdictionId: zoneId,
          level: 'ZONE',
          name: '济宁软件园',
          parentId: w.subDistrictId,
          districtId: w.districtId,
          subDistrictId: w.subDistrictId,
          zoneId,
          zoneKind: 'INDUSTRIAL_PARK',
        },
        { aggregateId: zoneId, version: 1, districtId: w.districtId, zoneId },
      );
      const designated = envelopeOf(
        ZoneDesignated,
        { zoneId, surveyed: true, pilot: true, demonstration: false },
        { aggregateId: zoneId, version: 2, districtId: w.districtId, zoneId },
      );
      await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, [registered, designated, registered, designated]);
      await waitFor(async () => (await t.db.collection('membership_jurisdictions').findOne({ _id: zoneId } as never))?.version === 2, 'the zone view', 60000);
      expect(await t.db.collection('membership_jurisdictions').findOne({ _id: zoneId } as never)).toMatchObject({
        level: 'ZONE',
        name: '济宁软件园',
        subDistrictId: w.subDistrictId,
        surveyed: true,
        pilot: true,
        demonstration: false,
      });

      const grid = await request(t.app.getHttpServer()).post('/grids').set('authorization', bearer()).send({ name: '软件园网格', zoneId }).expect(201);
      expect(grid.body).toMatchObject({ zoneId, districtId: w.districtId, subDistrictId: w.subDistrictId });
    });
  });

  describe('grids and grid workers', () => {
    it('keeps a worker to grids of their own zone and publishes worker ids only after registration', async () => {
      const s = t.app.getHttpServer();
      const before = await eventCount(t);
      const res = await request(s).post(`/grid-workers/${a.worker.userId}/grids`).set('authorization', bearer()).send({ gridId: f.otherZoneGridId }).expect(422);
      expect(res.body.error).toBe('GRID_IN_OTHER_ZONE');
      await request(s).post(`/grid-workers/${a.worker.userId}/grids`).set('authorization', bearer()).send({ gridId: f.gridId }).expect(409);
      await request(s).post('/grid-workers').set('authorization', bearer()).send({ workerId: a.worker.userId, name: '重名', zoneId: w.zoneId }).expect(409);
      await request(s).post('/grid-workers').set('authorization', bearer()).send({ workerId: 'gw-x', name: '', zoneId: w.zoneId }).expect(400);
      expect(await eventCount(t)).toBe(before);

      const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, (m) => m.filter((x) => x.key === a.worker.userId).length >= 2);
      const events = messages.filter((m) => m.key === a.worker.userId).map((m) => JSON.parse(m.value!) as EventEnvelope<Record<string, unknown>>);
      expect(events[0]).toMatchObject({ type: 'governance.GridWorkerRegistered.v1', data: { workerId: a.worker.userId, name: '李晓梅', zoneId: w.zoneId } });
      expect(events[1]).toMatchObject({ type: 'governance.GridWorkerAssigned.v1', data: { workerId: a.worker.userId, gridId: f.gridId } });
      expect(Object.keys(events[1].data).sort()).toEqual(['gridId', 'workerId']);
    });

    it('lets a worker serve several grids and give one up', async () => {
      const s = t.app.getHttpServer();
      const second = await request(s).post('/grids').set('authorization', bearer(a.districtAdmin)).send({ name: '苏宁网格', zoneId: w.zoneId }).expect(201);
      await request(s).post(`/grid-workers/${a.worker2.userId}/grids`).set('authorization', bearer(a.districtAdmin)).send({ gridId: second.body.gridId }).expect(200);
      const two = await request(s).get(`/grid-workers/${a.worker2.userId}`).set('authorization', bearer(a.worker)).expect(200);
      expect(two.body.gridIds).toEqual([f.gridId, second.body.gridId]);
      await request(s).delete(`/grid-workers/${a.worker2.userId}/grids/${second.body.gridId}`).set('authorization', bearer(a.districtAdmin)).expect(200);
      const one = await request(s).get(`/grid-workers/${a.worker2.userId}`).set('authorization', bearer(a.worker)).expect(200);
      expect(one.body.gridIds).toEqual([f.gridId]);
    });

    it('limits grid reads and writes to the jurisdiction', async () => {
      const s = t.app.getHttpServer();
      await request(s).post('/grids').set('authorization', bearer(a.worker)).send({ name: 'x', zoneId: w.zoneId }).expect(403);
      await request(s).post('/grids').set('authorization', bearer(a.otherDistrictAdmin)).send({ name: 'x', zoneId: w.zoneId }).expect(403);
      const grids = await request(s).get('/grids').set('authorization', bearer(a.worker)).expect(200);
      expect(grids.body.every((g: { zoneId: string }) => g.zoneId === w.zoneId)).toBe(true);
      await request(s).get(`/grids/${f.otherZoneGridId}`).set('authorization', bearer(a.worker)).expect(403);
      await request(s).get(`/grid-workers/${a.otherZoneWorker.userId}`).set('authorization', bearer(a.worker)).expect(403);
      const departments = await request(s).get('/departments').set('authorization', bearer(a.worker)).expect(200);
      expect(departments.body.map((d: { departmentId: string }) => d.departmentId).sort()).toEqual([f.departmentId, f.department2Id].sort());
    });
  });

  describe('co-governance committee 共治委员会', () => {
    it('runs a committee: members from every party, a meeting with attendance, a resolution with votes and follow-ups to done', async () => {
      const s = t.app.getHttpServer();
      const committeeId = uniqueName('committee');
      const c = await request(s).post('/committees').set('authorization', bearer(a.districtAdmin)).send({ committeeId, name: '运河城共治委员会', zoneId: w.zoneId }).expect(201);
      expect(c.body).toMatchObject({ committeeId, districtId: w.districtId, subDistrictId: w.subDistrictId, zoneId: w.zoneId, members: [] });
      const members = [
        ['cm-property', '王建国', 'PROPERTY', '运河城物业服务中心'],
        ['cm-merchant', '陈丽', 'MERCHANT', '运河城商户代表'],
        ['cm-resident', '赵大爷', 'RESIDENT', '古槐路社区居民'],
        ['cm-dept', '刘强', 'DEPARTMENT', '任城区城市管理局'],
      ];
      for (const [memberId, name, party, affiliation] of members) {
        await request(s).post(`/committees/${committeeId}/members`).set('authorization', bearer(a.districtAdmin)).send({ memberId, name, party, affiliation }).expect(201);
      }
      await request(s)
        .post(`/committees/${committeeId}/members`)
        .set('authorization', bearer(a.districtAdmin))
        .send({ memberId: 'cm-property', name: '王建国', party: 'PROPERTY', affiliation: 'x' })
        .expect(409);
      await request(s).post(`/committees/${committeeId}/members`).set('authorization', bearer(a.districtAdmin)).send({ name: '某人', party: 'LANDLORD', affiliation: 'x' }).expect(400);

      const meeting = await request(s)
        .post(`/committees/${committeeId}/meetings`)
        .set('authorization', bearer(a.worker))
        .send({ title: '三月共治议事会', agenda: '停车秩序', scheduledAt: '2024-03-15T09:00:00.000Z' })
        .expect(201);
      const meetingId = meeting.body.meetingId as string;
      // No vote before the meeting is held.
      await request(s)
        .post(`/meetings/${meetingId}/resolutions`)
        .set('authorization', bearer(a.worker))
        .send({ title: '增设车位', votesFor: 1, votesAgainst: 0, abstentions: 0 })
        .expect(409);
      const stranger = await request(s)
        .post(`/meetings/${meetingId}/attendance`)
        .set('authorization', bearer(a.worker))
        .send({ presentMemberIds: ['cm-property', 'nobody'] })
        .expect(422);
      expect(stranger.body.message).toMatch(/nobody/);
      const held = await request(s)
        .post(`/meetings/${meetingId}/attendance`)
        .set('authorization', bearer(a.worker))
        .send({ presentMemberIds: ['cm-property', 'cm-merchant', 'cm-dept'], minutes: '议定增设临时车位' })
        .expect(200);
      expect(held.body).toMatchObject({ status: 'HELD', presentMemberIds: ['cm-property', 'cm-merchant', 'cm-dept'], absentMemberIds: ['cm-resident'] });

      const tooMany = await request(s)
        .post(`/meetings/${meetingId}/resolutions`)
        .set('authorization', bearer(a.worker))
        .send({ title: '增设车位', votesFor: 3, votesAgainst: 1, abstentions: 0 })
        .expect(422);
      expect(tooMany.body.error).toBe('TOO_MANY_VOTES');
      const resolution = await request(s)
        .post(`/meetings/${meetingId}/resolutions`)
        .set('authorization', bearer(a.worker))
        .send({
          title: '增设运河城临时停车位',
          votesFor: 2,
          votesAgainst: 1,
          abstentions: 0,
          actions: [
            { actionId: 'act-1', description: '城管划定临时停车区域', ownerId: f.department2Id, dueOn: '2024-04-01' },
            { actionId: 'act-2', description: '物业安排引导员', ownerId: 'cm-property', dueOn: '2024-04-01' },
          ],
        })
        .expect(201);
      expect(resolution.body).toMatchObject({ passed: true, actionsOpen: 2 });
      const resolutionId = resolution.body.resolutionId as string;
      const done = await request(s).post(`/resolutions/${resolutionId}/actions/act-1/complete`).set('authorization', bearer(a.worker)).send({ outcome: '已划定 40 个车位' }).expect(200);
      expect(done.body.actionsOpen).toBe(1);
      await request(s).post(`/resolutions/${resolutionId}/actions/act-1/complete`).set('authorization', bearer(a.worker)).send({ outcome: '再次' }).expect(409);
      await request(s).post(`/resolutions/${resolutionId}/actions/act-2/complete`).set('authorization', bearer(a.worker)).send({ outcome: '已安排 2 名引导员' }).expect(200);

      const list = await request(s).get(`/committees/${committeeId}/resolutions`).set('authorization', bearer(a.worker)).expect(200);
      expect(list.body[0]).toMatchObject({
        resolutionId,
        actionsOpen: 0,
        actions: [
          { actionId: 'act-1', done: true },
          { actionId: 'act-2', done: true },
        ],
      });
      const meetings = await request(s).get(`/committees/${committeeId}/meetings`).set('authorization', bearer(a.worker)).expect(200);
      expect(meetings.body).toHaveLength(1);
      await request(s).get(`/committees/${committeeId}`).set('authorization', bearer(a.otherZoneWorker)).expect(403);
      await request(s)
        .post(`/committees/${committeeId}/meetings`)
        .set('authorization', bearer(a.otherZoneWorker))
        .send({ title: 'x', scheduledAt: '2024-03-15T09:00:00.000Z' })
        .expect(403);

      const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, (m) => m.filter((x) => x.key === resolutionId).length >= 3);
      expect(messages.filter((m) => m.key === resolutionId).map((m) => (JSON.parse(m.value!) as EventEnvelope).type)).toEqual([
        'governance.ResolutionVoted.v1',
        'governance.ResolutionActionCompleted.v1',
        'governance.ResolutionActionCompleted.v1',
      ]);
    });

    it('refuses a committee in a zone governance has not learned of (422, nothing stored)', async () => {
      const before = await eventCount(t);
      await request(t.app.getHttpServer()).post('/committees').set('authorization', bearer()).send({ name: '共治委员会', zoneId: 'zone-unknown' }).expect(422);
      expect(await eventCount(t)).toBe(before);
    });
  });

  describe('dispute mediation 矛盾纠纷调解', () => {
    const dispute = async () =>
      (
        await request(t.app.getHttpServer())
          .post('/cases')
          .set('authorization', bearer(a.worker))
          .send({ kind: 'DISPUTE', title: '租金纠纷', description: '商户与业主租金纠纷', gridId: f.gridId })
          .expect(201)
      ).body.caseId as string;
    const parties = [
      { side: 'APPLICANT', name: '孙老板' },
      { side: 'RESPONDENT', name: '运河城产权方' },
    ];

    it('ends in an agreement with its terms after a session', async () => {
      const s = t.app.getHttpServer();
      const caseId = await dispute();
      const m = await request(s).post('/mediations').set('authorization', bearer(a.worker)).send({ caseId, mediatorId: a.worker.userId, parties }).expect(201);
      const id = m.body.mediationId as string;
      await request(s).post(`/mediations/${id}/agreement`).set('authorization', bearer(a.worker)).send({ terms: '免租一个月' }).expect(422);
      await request(s).post(`/mediations/${id}/sessions`).set('authorization', bearer(a.worker)).send({ summary: '双方陈述' }).expect(200);
      const agreed = await request(s).post(`/mediations/${id}/agreement`).set('authorization', bearer(a.worker)).send({ terms: '免租一个月，商户按期续约' }).expect(200);
      expect(agreed.body).toMatchObject({ status: 'AGREED', terms: '免租一个月，商户按期续约', sessions: [{ sessionNo: 1 }] });
      await request(s).post(`/mediations/${id}/failure`).set('authorization', bearer(a.worker)).send({ reason: 'x', referredTo: 'COURT' }).expect(409);
      const list = await request(s).get(`/mediations?caseId=${caseId}`).set('authorization', bearer(a.worker)).expect(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.nextCursor).toBeNull();
    });

    it('ends in failure and referral, and only for an open dispute', async () => {
      const s = t.app.getHttpServer();
      const caseId = await dispute();
      const m = await request(s).post('/mediations').set('authorization', bearer(a.worker)).send({ caseId, mediatorId: a.worker.userId, parties }).expect(201);
      await request(s).post(`/mediations/${m.body.mediationId}/sessions`).set('authorization', bearer(a.worker)).send({ summary: '分歧较大' }).expect(200);
      const failed = await request(s)
        .post(`/mediations/${m.body.mediationId}/failure`)
        .set('authorization', bearer(a.worker))
        .send({ reason: '赔偿金额分歧过大', referredTo: 'COURT' })
        .expect(200);
      expect(failed.body).toMatchObject({ status: 'FAILED', referredTo: 'COURT' });

      const opinion = (
        await request(s).post('/cases').set('authorization', bearer(a.worker)).send({ kind: 'PUBLIC_OPINION', title: '建议', description: '增设座椅', gridId: f.gridId }).expect(201)
      ).body.caseId;
      const before = await eventCount(t);
      const notDispute = await request(s).post('/mediations').set('authorization', bearer(a.worker)).send({ caseId: opinion, mediatorId: a.worker.userId, parties }).expect(422);
      expect(notDispute.body.error).toBe('NOT_A_DISPUTE');
      await request(s)
        .post('/mediations')
        .set('authorization', bearer(a.worker))
        .send({ caseId, mediatorId: a.worker.userId, parties: [parties[0]] })
        .expect(400);
      await request(s)
        .post('/mediations')
        .set('authorization', bearer(a.worker))
        .send({ caseId, mediatorId: a.worker.userId, parties: [parties[0], parties[0]] })
        .expect(422);
      expect(await eventCount(t)).toBe(before);
    });
  });

  describe('policy outreach 宣传政策法规', () => {
    it('records visits to enterprises and residents and sums the reach', async () => {
      const s = t.app.getHttpServer();
      const campaign = await request(s)
        .post('/outreach-campaigns')
        .set('authorization', bearer(a.districtAdmin))
        .send({ title: '民法典进商圈', topics: ['民法典', '优化营商环境条例'], startsOn: '2024-03-01', endsOn: '2024-03-31', zoneId: w.zoneId })
        .expect(201);
      const id = campaign.body.campaignId as string;
      await request(s)
        .post(`/outreach-campaigns/${id}/visits`)
        .set('authorization', bearer(a.worker))
        .send({ targetKind: 'ENTERPRISE', targetName: '运河城购物中心', reach: 35, visitedOn: '2024-03-05' })
        .expect(201);
      const after = await request(s)
        .post(`/outreach-campaigns/${id}/visits`)
        .set('authorization', bearer(a.worker2))
        .send({ targetKind: 'RESIDENT', targetName: '古槐路社区居民', reach: 20, visitedOn: '2024-03-06' })
        .expect(201);
      expect(after.body).toMatchObject({ visits: 2, reach: 55, reachByTarget: { ENTERPRISE: 35, RESIDENT: 20, MERCHANT: 0 } });
      const before = await eventCount(t);
      await request(s)
        .post(`/outreach-campaigns/${id}/visits`)
        .set('authorization', bearer(a.worker))
        .send({ targetKind: 'MERCHANT', targetName: '某店', reach: 5, visitedOn: '2024-04-06' })
        .expect(422);
      await request(s)
        .post(`/outreach-campaigns/${id}/visits`)
        .set('authorization', bearer(a.worker))
        .send({ targetKind: 'MERCHANT', targetName: '某店', reach: 0, visitedOn: '2024-03-06' })
        .expect(400);
      await request(s)
        .post(`/outreach-campaigns/${id}/visits`)
        .set('authorization', bearer(a.otherZoneWorker))
        .send({ targetKind: 'MERCHANT', targetName: '某店', reach: 5, visitedOn: '2024-03-06' })
        .expect(403);
      expect(await eventCount(t)).toBe(before);
      const list = await request(s).get('/outreach-campaigns').set('authorization', bearer(a.worker)).expect(200);
      expect(list.body.items.find((c: { campaignId: string }) => c.campaignId === id)).toMatchObject({ reach: 55, visits: 2 });
    });
  });
});
