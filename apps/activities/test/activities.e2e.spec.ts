import { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import request from 'supertest';
import {
  CONTEXT_TOPICS,
  EventEnvelope,
  JurisdictionRegistered,
  MembershipEnded,
  MemberAdmittedAsFull,
  MemberRegistered,
  MemberRegisteredData,
  MemberTransferCompleted,
  OrganizationRegistered,
  OrganizationRenamed,
} from '@pb/contracts';
import { creditPoints, MEMBER_POINTS_COUNTER, MemberPointsCounter, ORGANIZATION_POINTS_COUNTER, OrganizationPointsCounter } from '@pb/messaging';
import { Actor, encodePageCursor, ManualClock } from '@pb/platform';
import { bearer, envelopeOf, infraEnv, publishEnvelopes, readTopic, startServiceApp, uniqueName, waitFor } from '@pb/testing';
import { ACTIVITIES } from './activities-app';

describe('activities service (real database and Kafka)', () => {
  let app: INestApplication;
  let db: Connection;
  const clock = new ManualClock(new Date('2030-03-11T01:00:00.000Z')); // Monday 09:00 in Jining
  const district = uniqueName('d');
  const zone = uniqueName('zone');
  const tag = uniqueName('t');
  const orgA = `org-a-${tag}`;
  const orgB = `org-b-${tag}`;
  const orgC = `org-c-${tag}`;
  const member = (n: number) => `mem-${tag}-${n}`;
  const brokers = () => infraEnv().KAFKA_BROKERS;
  const server = () => app.getHttpServer();

  const secretaryA: Actor = { userId: 'sec-a', role: 'ORG_SECRETARY', organizationId: orgA, scope: { level: 'ZONE', districtId: district, zoneId: zone } };
  const secretaryB: Actor = { userId: 'sec-b', role: 'ORG_SECRETARY', organizationId: orgB, scope: { level: 'ZONE', districtId: district, zoneId: zone } };
  const otherDistrictAdmin: Actor = { userId: 'da-x', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: 'elsewhere' } };
  const gridWorker: Actor = { userId: 'gw', role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: district, zoneId: zone } };

  const memberData = (n: number, organizationId: string): MemberRegisteredData => ({
    memberId: member(n),
    name: `测试党员${n}`,
    gender: n % 2 ? 'MALE' : 'FEMALE',
    birthYear: 1990,
    status: 'FULL',
    joinedOn: '2015-07-01',
    organizationId,
    employerName: null,
    employerCreditCode: null,
    districtId: district,
    subDistrictId: 'fuqiao',
    zoneId: zone,
  });
  const orgEnvelope = (organizationId: string, name: string) =>
    envelopeOf(
      OrganizationRegistered,
      { organizationId, name, type: 'BRANCH', parentId: null, districtId: district, subDistrictId: 'fuqiao', zoneId: zone, host: null },
      { aggregateId: organizationId, version: 1, districtId: district, zoneId: zone, time: '2029-12-01T00:00:00.000Z' },
    );

  beforeAll(async () => {
    // As a deployment that has caught up: the test's own events are all it handles.
    ({ app, db } = await startServiceApp(ACTIVITIES, { clock, fromEnd: true }));

    await publishEnvelopes(brokers(), CONTEXT_TOPICS.membership, [
      orgEnvelope(orgA, '测试一支部'),
      orgEnvelope(orgB, '测试二支部'),
      ...[1, 2, 3, 4, 5].map((n) => envelopeOf(MemberRegistered, memberData(n, orgA), { aggregateId: member(n), version: 1, districtId: district, zoneId: zone })),
      envelopeOf(MemberRegistered, memberData(6, orgB), { aggregateId: member(6), version: 1, districtId: district, zoneId: zone }),
    ]);
    await waitFor(async () => (await db.collection('membership_members').countDocuments({ _id: { $in: [1, 2, 3, 4, 5, 6].map(member) } } as never)) === 6, 'members to arrive', 60000);
    await waitFor(async () => (await db.collection('membership_organizations').countDocuments({ _id: { $in: [orgA, orgB] } } as never)) === 2, 'organizations to arrive', 30000);
  }, 120000);

  afterAll(async () => {
    await app?.close();
  });

  const counts = async () => ({
    events: await db.collection('events').countDocuments(),
    activities: await db.collection('activities').countDocuments(),
    bookings: await db.collection('room_bookings').countDocuments(),
    claims: await db.collection('room_slot_claims').countDocuments(),
  });

  const activity = (overrides: Record<string, unknown> = {}) => ({
    kind: 'THEME_PARTY_DAY',
    title: '“亮身份、作承诺”主题党日',
    organizerIds: [orgA],
    venue: '商圈党群服务站',
    startsAt: '2030-03-12T01:00:00.000Z',
    endsAt: '2030-03-12T03:00:00.000Z',
    capacity: 2,
    agenda: ['重温入党誓词'],
    ...overrides,
  });

  async function publishedActivity(overrides: Record<string, unknown> = {}, actor?: Actor): Promise<string> {
    const created = await request(server()).post('/activities').set('authorization', bearer(actor)).send(activity(overrides)).expect(201);
    await request(server()).post(`/activities/${created.body.activityId}/publish`).set('authorization', bearer(actor)).send({}).expect(200);
    return created.body.activityId as string;
  }

  describe('local views from membership events', () => {
    it('keeps the newest placement and status when events are redelivered or arrive out of order, and names only locally', async () => {
      const m = member(50);
      const registered = envelopeOf(MemberRegistered, { ...memberData(50, orgA), status: 'PROBATIONARY' }, { aggregateId: m, version: 1 });
      const transferred = envelopeOf(
        MemberTransferCompleted,
        { memberId: m, transferId: 'tr-1', fromOrganizationId: orgA, toOrganizationId: orgB, districtId: district, subDistrictId: 'fuqiao', zoneId: zone, completedOn: '2030-03-01' },
        { aggregateId: m, version: 3 },
      );
      const admitted = envelopeOf(MemberAdmittedAsFull, { memberId: m, admittedOn: '2030-02-01' }, { aggregateId: m, version: 2 });
      // Transfer (v3) first, then the registration (v1), the admission (v2), the transfer again (same envelope) and the registration once more under a new id.
      const again = { ...registered, id: 'redelivered-' + tag };
      const renamedFirst = envelopeOf(OrganizationRenamed, { organizationId: orgC, name: '测试三支部（更名）' }, { aggregateId: orgC, version: 2 });
      await publishEnvelopes(brokers(), CONTEXT_TOPICS.membership, [
        transferred,
        registered,
        admitted,
        transferred,
        again,
        renamedFirst,
        orgEnvelope(orgC, '测试三支部'),
        orgEnvelope(orgC, '测试三支部'),
      ]);

      const view = await waitFor(
        async () => {
          const res = await request(server()).get(`/members/${m}`).set('authorization', bearer());
          return res.status === 200 && res.body.status === 'FULL' && res.body.name ? res.body : undefined;
        },
        'member view',
        30000,
      );
      expect(view).toMatchObject({ memberId: m, organizationId: orgB, name: '测试党员50', status: 'FULL' });
      const org = await waitFor(
        async () => {
          const o = await db.collection('membership_organizations').findOne({ _id: orgC } as never);
          return o?.type ? o : undefined;
        },
        'organization view',
        30000,
      );
      expect(org).toMatchObject({ name: '测试三支部（更名）', type: 'BRANCH', districtId: district, version: 2 });
      const stored = await db.collection('membership_members').findOne({ _id: m } as never);
      expect(stored).toMatchObject({ organizationId: orgB, version: 3 });
    });
  });

  describe('activities, registration and attendance', () => {
    it('drafts, publishes, fills seats then the waiting list, promotes on leave, and publishes the events without names', async () => {
      const created = await request(server()).post('/activities').set('authorization', bearer(secretaryA)).send(activity()).expect(201);
      expect(created.body).toMatchObject({ status: 'DRAFT', districtId: district, zoneId: zone, organizerIds: [orgA] });
      const id = created.body.activityId as string;
      const early = await request(server())
        .post(`/activities/${id}/sign-ups`)
        .set('authorization', bearer(secretaryA))
        .send({ memberId: member(1) })
        .expect(409);
      expect(early.body.message).toMatch(/当前状态为“草稿”.*可以发布或取消/);
      await request(server()).post(`/activities/${id}/publish`).set('authorization', bearer(secretaryA)).send({ expectedVersion: 1 }).expect(200);

      const statuses = [];
      for (const n of [1, 2, 3, 4]) {
        const res = await request(server())
          .post(`/activities/${id}/sign-ups`)
          .set('authorization', bearer(secretaryA))
          .send({ memberId: member(n) })
          .expect(201);
        statuses.push(res.body.status);
      }
      expect(statuses).toEqual(['REGISTERED', 'REGISTERED', 'WAITLISTED', 'WAITLISTED']);
      const dup = await request(server())
        .post(`/activities/${id}/sign-ups`)
        .set('authorization', bearer(secretaryA))
        .send({ memberId: member(3) })
        .expect(409);
      expect(dup.body.error).toBe('ALREADY_SIGNED_UP');

      await request(server())
        .post(`/activities/${id}/leave-requests`)
        .set('authorization', bearer(secretaryA))
        .send({ memberId: member(1), reason: '出差' })
        .expect(201);
      await request(server())
        .post(`/activities/${id}/sign-ups/withdraw`)
        .set('authorization', bearer(secretaryA))
        .send({ memberId: member(2) })
        .expect(200);
      const att = await request(server()).get(`/activities/${id}/attendance`).set('authorization', bearer()).expect(200);
      const byMember = Object.fromEntries(att.body.participants.map((p: { memberId: string; status: string }) => [p.memberId, p.status]));
      expect(byMember).toEqual({ [member(1)]: 'ON_LEAVE', [member(2)]: 'WITHDRAWN', [member(3)]: 'REGISTERED', [member(4)]: 'REGISTERED' });

      const messages = await readTopic(brokers(), CONTEXT_TOPICS.activities, (ms) => ms.filter((x) => x.key === id).length >= 8, 30000);
      const events = messages.filter((x) => x.key === id).map((x) => JSON.parse(x.value!) as EventEnvelope);
      expect(events.map((e) => e.type)).toEqual([
        'activities.ActivityScheduled.v1',
        'activities.ActivityPublished.v1',
        'activities.MemberSignedUp.v1',
        'activities.MemberSignedUp.v1',
        'activities.MemberSignedUp.v1',
        'activities.MemberSignedUp.v1',
        'activities.LeaveRequested.v1',
        'activities.SignUpWithdrawn.v1',
      ]);
      expect(events[6].data).toMatchObject({ memberId: member(1), promotedMemberId: member(3) });
      expect(events[7].data).toMatchObject({ memberId: member(2), promotedMemberId: member(4) });
      expect(events.map((e) => e.aggregateversion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(JSON.stringify(events)).not.toMatch(/测试党员/);
    });

    it('lets exactly as many concurrent sign-ups as there are seats take one', async () => {
      const id = await publishedActivity({ capacity: 2, organizerIds: [orgA] });
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((n) =>
          request(server())
            .post(`/activities/${id}/sign-ups`)
            .set('authorization', bearer())
            .send({ memberId: member(n) }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(results.filter((r) => r.body.status === 'REGISTERED')).toHaveLength(2);
      expect(results.filter((r) => r.body.status === 'WAITLISTED')).toHaveLength(3);
    });

    it('checks in by the activity code: wrong code 422, second time 409, a rotated code voids the old one', async () => {
      const id = await publishedActivity({ capacity: 10 });
      await request(server())
        .post(`/activities/${id}/sign-ups`)
        .set('authorization', bearer(secretaryA))
        .send({ memberId: member(1) })
        .expect(201);
      const { body: code } = await request(server()).get(`/activities/${id}/check-in-code`).set('authorization', bearer(secretaryA)).expect(200);
      expect(code.code).toMatch(/^[2-9A-Z]{8}$/);
      clock.set('2030-03-12T00:45:00.000Z');
      try {
        const before = await counts();
        const wrong = await request(server())
          .post(`/activities/${id}/check-ins`)
          .set('authorization', bearer(secretaryA))
          .send({ memberId: member(1), code: 'WRONG123' })
          .expect(422);
        expect(wrong.body.error).toBe('WRONG_CHECK_IN_CODE');
        expect(await counts()).toEqual(before);
        const ok = await request(server())
          .post(`/activities/${id}/check-ins`)
          .set('authorization', bearer(secretaryA))
          .send({ memberId: member(1), code: code.code.toLowerCase() })
          .expect(201);
        expect(ok.body).toMatchObject({ checkedInAt: '2030-03-12T00:45:00.000Z', walkIn: false });
        const twice = await request(server())
          .post(`/activities/${id}/check-ins`)
          .set('authorization', bearer(secretaryA))
          .send({ memberId: member(1), code: code.code })
          .expect(409);
        expect(twice.body.error).toBe('ALREADY_CHECKED_IN');

        const rotated = await request(server()).post(`/activities/${id}/check-in-code/rotate`).set('authorization', bearer(secretaryA)).send({}).expect(200);
        expect(rotated.body.code).not.toBe(code.code);
        await request(server())
          .post(`/activities/${id}/check-ins`)
          .set('authorization', bearer(secretaryA))
          .send({ memberId: member(2), code: code.code })
          .expect(422);
        const walkIn = await request(server())
          .post(`/activities/${id}/check-ins`)
          .set('authorization', bearer(secretaryA))
          .send({ memberId: member(2), code: rotated.body.code })
          .expect(201);
        expect(walkIn.body.walkIn).toBe(true);

        const att = await request(server()).get(`/activities/${id}/attendance`).set('authorization', bearer()).expect(200);
        expect(att.body).toMatchObject({ expected: 2, attended: 2, rate: 1 });
        const perOrg = await request(server()).get(`/attendance/organizations?period=2030-03&zoneId=${zone}`).set('authorization', bearer()).expect(200);
        expect(perOrg.body.find((r: { organizationId: string }) => r.organizationId === orgA).attended).toBeGreaterThanOrEqual(2);
      } finally {
        clock.set('2030-03-11T01:00:00.000Z');
      }
    });

    it('records minutes only after the start and refuses to cancel a held activity; answers 404 for an unknown one', async () => {
      const id = await publishedActivity({ capacity: null });
      const early = await request(server()).post(`/activities/${id}/minutes`).set('authorization', bearer()).send({ minutes: '学习党章' }).expect(409);
      expect(early.body.error).toBe('ACTIVITY_NOT_STARTED');
      clock.set('2030-03-12T02:00:00.000Z');
      try {
        await request(server()).post(`/activities/${id}/minutes`).set('authorization', bearer()).send({ minutes: '学习党章' }).expect(200);
        const cancel = await request(server()).post(`/activities/${id}/cancel`).set('authorization', bearer()).send({ reason: '改期' }).expect(409);
        expect(cancel.body.error).toBe('ACTIVITY_ALREADY_HELD');
      } finally {
        clock.set('2030-03-11T01:00:00.000Z');
      }
      await request(server()).get('/activities/act-nowhere').set('authorization', bearer()).expect(404);
    });

    it('requires two organizers for an alliance activity and known ones for any activity (422, nothing stored)', async () => {
      const before = await counts();
      const single = await request(server())
        .post('/activities')
        .set('authorization', bearer())
        .send(activity({ kind: 'ALLIANCE_ACTIVITY' }))
        .expect(422);
      expect(single.body.error).toBe('ALLIANCE_NEEDS_CO_HOSTS');
      const unknown = await request(server())
        .post('/activities')
        .set('authorization', bearer())
        .send(activity({ organizerIds: [orgA, 'org-nowhere'] }))
        .expect(422);
      expect(unknown.body.message).toMatch(/org-nowhere/);
      expect(await counts()).toEqual(before);
      const alliance = await request(server())
        .post('/activities')
        .set('authorization', bearer())
        .send(activity({ kind: 'ALLIANCE_ACTIVITY', organizerIds: [orgA, orgB] }))
        .expect(201);
      expect(alliance.body.organizerIds).toEqual([orgA, orgB]);
    });

    it.each([
      ['an unknown kind', { kind: 'PARTY' }, /kind 必须是以下之一/],
      ['a missing title', { title: undefined }, /title/],
      ['a bad time', { startsAt: 'tomorrow' }, /startsAt 须为 ISO 8601/],
      ['a negative capacity', { capacity: -1 }, /capacity 最小为 1/],
      ['an injection object', { venue: { $gt: '' } }, /venue/],
      ['an extra field', { memberName: '张三' }, /memberName should not exist/],
      ['an empty organizer list', { organizerIds: [] }, /organizerIds 至少一个/],
    ])('rejects %s with 400 and stores nothing', async (_, overrides, message) => {
      const before = await counts();
      const res = await request(server()).post('/activities').set('authorization', bearer()).send(activity(overrides)).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
      expect(await counts()).toEqual(before);
    });

    it('lets only the organizing secretary manage an activity and limits reads to the jurisdiction', async () => {
      const created = await request(server()).post('/activities').set('authorization', bearer(secretaryA)).send(activity()).expect(201);
      const id = created.body.activityId as string;
      const before = await counts();
      const other = await request(server()).post(`/activities/${id}/publish`).set('authorization', bearer(secretaryB)).send({}).expect(403);
      expect(other.body.message).toMatch(/只有主办组织的书记/);
      await request(server()).post('/activities').set('authorization', bearer(secretaryB)).send(activity()).expect(403);
      await request(server()).post(`/activities/${id}/publish`).set('authorization', bearer(gridWorker)).send({}).expect(403);
      await request(server())
        .post(`/activities/${id}/sign-ups`)
        .set('authorization', bearer(secretaryB))
        .send({ memberId: member(1) })
        .expect(403);
      expect(await counts()).toEqual(before);
      await request(server()).get(`/activities/${id}`).set('authorization', bearer(otherDistrictAdmin)).expect(403);
      const none = await request(server()).get('/activities').set('authorization', bearer(otherDistrictAdmin)).expect(200);
      expect(none.body.items).toEqual([]);
      expect((await request(server()).get('/activities')).status).toBe(401);
    });

    it('pages the calendar of a zone by start time', async () => {
      const first = await request(server()).get(`/activities?zoneId=${zone}&limit=2`).set('authorization', bearer()).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.next).toBeTruthy();
      const second = await request(server())
        .get(`/activities?zoneId=${zone}&limit=2&after=${encodeURIComponent(first.body.next)}`)
        .set('authorization', bearer())
        .expect(200);
      const ids = [...first.body.items, ...second.body.items].map((a: { activityId: string }) => a.activityId);
      expect(new Set(ids).size).toBe(ids.length);
      // The `startsAt|activityId` form handed out before the opaque cursor still pages the same (#18, item 4).
      const last = first.body.items[first.body.items.length - 1] as { activityId: string; startsAt: string };
      const legacy = await request(server())
        .get(`/activities?zoneId=${zone}&limit=2&after=${encodeURIComponent(`${last.startsAt}|${last.activityId}`)}`)
        .set('authorization', bearer())
        .expect(200);
      expect(legacy.body.items).toEqual(second.body.items);
      await request(server()).get(`/activities?zoneId=${zone}&after=not-a-cursor`).set('authorization', bearer()).expect(400);
    });
  });

  describe('volunteer hours', () => {
    it('credits check-out hours by the rounding rule, adds approved self-reports, and ranks members', async () => {
      const id = await publishedActivity({ kind: 'VOLUNTEER_SERVICE', title: '商圈文明引导', capacity: 20 });
      const { body: code } = await request(server()).get(`/activities/${id}/check-in-code`).set('authorization', bearer()).expect(200);
      clock.set('2030-03-12T05:00:00.000Z');
      try {
        await request(server())
          .post(`/activities/${id}/check-ins`)
          .set('authorization', bearer(secretaryA))
          .send({ memberId: member(5), code: code.code, at: '2030-03-12T01:00:00.000Z' })
          .expect(201);
        const out = await request(server())
          .post(`/activities/${id}/check-outs`)
          .set('authorization', bearer(secretaryA))
          .send({ memberId: member(5), at: '2030-03-12T03:40:00.000Z' })
          .expect(201);
        expect(out.body.volunteerHours).toBe(2.5);
        await request(server())
          .post(`/activities/${id}/check-outs`)
          .set('authorization', bearer(secretaryA))
          .send({ memberId: member(5) })
          .expect(409);
      } finally {
        clock.set('2030-03-11T01:00:00.000Z');
      }
      const claim = await request(server())
        .post('/volunteer-hours/claims')
        .set('authorization', bearer(secretaryA))
        .send({ memberId: member(5), servedOn: '2030-03-05', hours: 3, description: '学雷锋日义诊引导' })
        .expect(201);
      expect(claim.body.status).toBe('PENDING');
      const future = await request(server())
        .post('/volunteer-hours/claims')
        .set('authorization', bearer(secretaryA))
        .send({ memberId: member(5), servedOn: '2030-04-05', hours: 3, description: 'x' })
        .expect(422);
      expect(future.body.error).toBe('SERVED_IN_FUTURE');
      await request(server())
        .post('/volunteer-hours/claims')
        .set('authorization', bearer(secretaryA))
        .send({ memberId: member(5), servedOn: '2030-03-05', hours: 0.2, description: 'x' })
        .expect(400);
      await request(server()).post(`/volunteer-hours/claims/${claim.body.claimId}/approve`).set('authorization', bearer(secretaryB)).send({}).expect(403);
      await request(server()).post(`/volunteer-hours/claims/${claim.body.claimId}/approve`).set('authorization', bearer(secretaryA)).send({}).expect(200);
      const again = await request(server()).post(`/volunteer-hours/claims/${claim.body.claimId}/approve`).set('authorization', bearer(secretaryA)).send({}).expect(409);
      expect(again.body.message).toMatch(/已通过/);

      const ledger = await request(server())
        .get(`/members/${member(5)}/volunteer-hours`)
        .set('authorization', bearer(secretaryA))
        .expect(200);
      expect(ledger.body.totals).toMatchObject({ fromActivities: 2.5, selfReportedApproved: 3, total: 5.5 });
      // The ranking reads the counters its consumer keeps from the service's own topic: a moment behind.
      const ranking = await waitFor(async () => {
        const res = await request(server()).get(`/volunteer-hours/ranking?period=2030&zoneId=${zone}`).set('authorization', bearer()).expect(200);
        return res.body.items[0]?.hours === 5.5 ? res : undefined;
      }, 'the volunteer ranking to count the approved hours');
      expect(ranking.body.items[0]).toMatchObject({ rank: 1, memberId: member(5), hours: 5.5 });
      expect(ranking.body.next).toBeNull();
    });
  });

  describe('service-centre rooms', () => {
    const centreId = `centre-${tag}`;
    const roomId = `room-${tag}`;

    beforeAll(async () => {
      await request(server())
        .post('/service-centres')
        .set('authorization', bearer())
        .send({ centreId, name: '测试党群服务中心', areaM2: 1500, address: '软件园', districtId: district, subDistrictId: 'fuqiao', zoneId: zone })
        .expect(201);
      await request(server())
        .post('/rooms')
        .set('authorization', bearer())
        .send({ roomId, centreId, name: '党员活动室', kind: 'ACTIVITY_ROOM', capacity: 40, opensAt: '08:30', closesAt: '21:00', openDays: [1, 2, 3, 4, 5] })
        .expect(201);
    });

    const slot = (startsAt: string, endsAt: string, extra: Record<string, unknown> = {}) => ({ startsAt, endsAt, purpose: '读书会', ...extra });

    it('lets exactly one of several concurrent bookings of the same time win; the others get 409 naming the clashing slot', async () => {
      const attempts = await Promise.all(
        [0, 1, 2, 3, 4].map((i) =>
          request(server())
            .post(`/rooms/${roomId}/bookings`)
            .set('authorization', bearer())
            .send(i % 2 ? slot('2030-03-13T06:00:00.000Z', '2030-03-13T07:30:00.000Z') : slot('2030-03-13T06:30:00.000Z', '2030-03-13T08:00:00.000Z')),
        ),
      );
      const statuses = attempts.map((a) => a.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409]);
      const loser = attempts.find((a) => a.status === 409)!;
      expect(loser.body.error).toBe('ROOM_SLOT_TAKEN');
      expect(loser.body.details.clashingSlot.startsAt).toMatch(/^2030-03-13T0[67]:[03]0:00.000Z$/);
      expect(loser.body.message).toMatch(/党员活动室 在 2030-03-13 1[45]:[03]0–/);
      const winner = attempts.find((a) => a.status === 201)!;
      const slots = (Date.parse(winner.body.endsAt) - Date.parse(winner.body.startsAt)) / 1800000;
      expect(await db.collection('room_slot_claims').countDocuments({ roomId })).toBe(slots);
      const timetable = await request(server()).get(`/rooms/${roomId}/bookings`).set('authorization', bearer()).expect(200);
      expect(timetable.body.items).toHaveLength(1);
    });

    it('frees the slots on cancellation and refuses bookings outside opening hours or off the half hour (nothing stored)', async () => {
      const first = await request(server())
        .post(`/rooms/${roomId}/bookings`)
        .set('authorization', bearer())
        .send(slot('2030-03-14T02:00:00.000Z', '2030-03-14T03:00:00.000Z', { bookingId: `bk-${tag}` }))
        .expect(201);
      const clash = await request(server())
        .post(`/rooms/${roomId}/bookings`)
        .set('authorization', bearer())
        .send(slot('2030-03-14T02:30:00.000Z', '2030-03-14T03:30:00.000Z'))
        .expect(409);
      expect(clash.body.details).toMatchObject({
        clashingSlot: { startsAt: '2030-03-14T02:30:00.000Z', endsAt: '2030-03-14T03:00:00.000Z' },
        clashingBooking: { bookingId: first.body.bookingId },
      });
      await request(server()).post(`/bookings/${first.body.bookingId}/cancel`).set('authorization', bearer()).send({ reason: '改期' }).expect(200);
      await request(server()).post(`/bookings/${first.body.bookingId}/cancel`).set('authorization', bearer()).send({ reason: '改期' }).expect(409);
      await request(server()).post(`/rooms/${roomId}/bookings`).set('authorization', bearer()).send(slot('2030-03-14T02:30:00.000Z', '2030-03-14T03:30:00.000Z')).expect(201);

      const before = await counts();
      const closed = await request(server())
        .post(`/rooms/${roomId}/bookings`)
        .set('authorization', bearer())
        .send(slot('2030-03-14T13:00:00.000Z', '2030-03-14T14:00:00.000Z'))
        .expect(422);
      expect(closed.body.error).toBe('OUTSIDE_OPENING_HOURS');
      await request(server()).post(`/rooms/${roomId}/bookings`).set('authorization', bearer()).send(slot('2030-03-14T05:10:00.000Z', '2030-03-14T06:00:00.000Z')).expect(422);
      await request(server()).post(`/rooms/${roomId}/bookings`).set('authorization', bearer()).send(slot('2030-03-14T05:00:00.000Z', 'soon')).expect(400);
      await request(server()).post(`/rooms/room-nowhere/bookings`).set('authorization', bearer()).send(slot('2030-03-14T05:00:00.000Z', '2030-03-14T06:00:00.000Z')).expect(404);
      expect(await counts()).toEqual(before);
    });
  });

  describe('activities held in a room (#18 item 4)', () => {
    const centreId = `centre-act-${tag}`;
    const roomId = `room-act-${tag}`;
    const claimsOf = async (holder: string) =>
      (await db.collection('room_slot_claims').find({ bookingId: holder }).sort({ slot: 1 }).toArray()).map((c) => (c as unknown as { slot: string }).slot);
    const inRoom = (overrides: Record<string, unknown>) => activity({ roomId, venue: '党员活动室', ...overrides });

    beforeAll(async () => {
      await request(server())
        .post('/service-centres')
        .set('authorization', bearer())
        .send({ centreId, name: '活动测试党群服务中心', areaM2: 800, address: '软件园', districtId: district, subDistrictId: 'fuqiao', zoneId: zone })
        .expect(201);
      await request(server())
        .post('/rooms')
        .set('authorization', bearer())
        .send({ roomId, centreId, name: '多功能厅', kind: 'ACTIVITY_ROOM', capacity: 80, opensAt: '08:30', closesAt: '21:00', openDays: [1, 2, 3, 4, 5] })
        .expect(201);
    });

    it('reserves the slots an activity touches; a clash either way is a 409 naming the holder and stores nothing; moving and cancelling move and free them', async () => {
      // Friday 10:15–11:00 in Jining: the 10:00 and 10:30 slots.
      const held = await request(server())
        .post('/activities')
        .set('authorization', bearer())
        .send(inRoom({ activityId: `act-room-${tag}`, title: '周五党课', startsAt: '2030-03-15T02:15:00.000Z', endsAt: '2030-03-15T03:00:00.000Z' }))
        .expect(201);
      const id = held.body.activityId as string;
      expect(await claimsOf(`activity:${id}`)).toEqual(['2030-03-15T02:00:00.000Z', '2030-03-15T02:30:00.000Z']);

      const before = await counts();
      const booking = await request(server())
        .post(`/rooms/${roomId}/bookings`)
        .set('authorization', bearer())
        .send({ startsAt: '2030-03-15T02:30:00.000Z', endsAt: '2030-03-15T03:30:00.000Z', purpose: '读书会' })
        .expect(409);
      expect(booking.body.error).toBe('ROOM_SLOT_TAKEN');
      expect(booking.body.details.clashingActivity).toMatchObject({ activityId: id, title: '周五党课' });
      expect(booking.body.message).toContain('周五党课');
      const other = await request(server())
        .post('/activities')
        .set('authorization', bearer())
        .send(inRoom({ title: '另一场活动', startsAt: '2030-03-15T01:30:00.000Z', endsAt: '2030-03-15T02:30:00.000Z' }))
        .expect(409);
      expect(other.body.details).toMatchObject({ clashingSlot: { startsAt: '2030-03-15T02:00:00.000Z' }, clashingActivity: { activityId: id } });
      const closed = await request(server())
        .post('/activities')
        .set('authorization', bearer())
        .send(inRoom({ startsAt: '2030-03-16T02:00:00.000Z', endsAt: '2030-03-16T03:00:00.000Z' }))
        .expect(422); // Saturday: the room is closed
      expect(closed.body.error).toBe('OUTSIDE_OPENING_HOURS');
      expect(await counts()).toEqual(before);

      // Moved to 11:00–12:00: the old slots are free for a booking, the new ones are the activity's.
      const moved = await request(server())
        .post(`/activities/${id}/reschedule`)
        .set('authorization', bearer())
        .send({ startsAt: '2030-03-15T03:00:00.000Z', endsAt: '2030-03-15T04:00:00.000Z', expectedVersion: 1 })
        .expect(200);
      expect(moved.body).toMatchObject({ startsAt: '2030-03-15T03:00:00.000Z', roomId });
      expect(await claimsOf(`activity:${id}`)).toEqual(['2030-03-15T03:00:00.000Z', '2030-03-15T03:30:00.000Z']);
      const early = await request(server())
        .post(`/rooms/${roomId}/bookings`)
        .set('authorization', bearer())
        .send({ startsAt: '2030-03-15T02:00:00.000Z', endsAt: '2030-03-15T03:00:00.000Z', purpose: '读书会' })
        .expect(201);
      // Moving into the booking is refused and changes nothing; a stale expectedVersion is a 409 too.
      const into = await request(server())
        .post(`/activities/${id}/reschedule`)
        .set('authorization', bearer())
        .send({ startsAt: '2030-03-15T02:30:00.000Z', endsAt: '2030-03-15T03:30:00.000Z' })
        .expect(409);
      expect(into.body.details.clashingBooking).toMatchObject({ bookingId: early.body.bookingId });
      await request(server())
        .post(`/activities/${id}/reschedule`)
        .set('authorization', bearer())
        .send({ startsAt: '2030-03-15T05:00:00.000Z', endsAt: '2030-03-15T06:00:00.000Z', expectedVersion: 1 })
        .expect(409);
      await request(server()).post(`/activities/${id}/reschedule`).set('authorization', bearer()).send({ startsAt: 'soon', endsAt: '2030-03-15T06:00:00.000Z' }).expect(400);
      expect((await request(server()).get(`/activities/${id}`).set('authorization', bearer()).expect(200)).body.startsAt).toBe('2030-03-15T03:00:00.000Z');
      expect(await claimsOf(`activity:${id}`)).toEqual(['2030-03-15T03:00:00.000Z', '2030-03-15T03:30:00.000Z']);

      // Cancelled: its slots are free again.
      await request(server()).post(`/activities/${id}/cancel`).set('authorization', bearer()).send({ reason: '场地调整' }).expect(200);
      expect(await claimsOf(`activity:${id}`)).toEqual([]);
      await request(server())
        .post(`/rooms/${roomId}/bookings`)
        .set('authorization', bearer())
        .send({ startsAt: '2030-03-15T03:00:00.000Z', endsAt: '2030-03-15T04:00:00.000Z', purpose: '读书会' })
        .expect(201);
    });

    it('lets exactly one of activities and bookings racing for the same slots win', async () => {
      const span = { startsAt: '2030-03-18T06:00:00.000Z', endsAt: '2030-03-18T07:00:00.000Z' };
      const attempts = await Promise.all([
        request(server())
          .post('/activities')
          .set('authorization', bearer())
          .send(inRoom({ title: '抢占一', ...span })),
        request(server())
          .post(`/rooms/${roomId}/bookings`)
          .set('authorization', bearer())
          .send({ ...span, purpose: '抢占二' }),
        request(server())
          .post('/activities')
          .set('authorization', bearer())
          .send(inRoom({ title: '抢占三', ...span })),
        request(server())
          .post(`/rooms/${roomId}/bookings`)
          .set('authorization', bearer())
          .send({ ...span, purpose: '抢占四' }),
      ]);
      expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
      const claims = await db
        .collection('room_slot_claims')
        .find({ roomId, slot: { $in: ['2030-03-18T06:00:00.000Z', '2030-03-18T06:30:00.000Z'] } })
        .toArray();
      expect(new Set(claims.map((c) => (c as unknown as { bookingId: string }).bookingId)).size).toBe(1);
      expect(claims).toHaveLength(2);
    });

    it('pages the room timetable (bookings and activities) with the shared cursor, without repeats or gaps', async () => {
      const lecture = await request(server())
        .post('/activities')
        .set('authorization', bearer())
        .send(inRoom({ title: '周二党课', startsAt: '2030-03-19T02:00:00.000Z', endsAt: '2030-03-19T03:00:00.000Z' }))
        .expect(201);
      const seen: string[] = [];
      let next: string | null = null;
      do {
        const res: request.Response = await request(server())
          .get(`/rooms/${roomId}/bookings`)
          .query(next ? { limit: 2, after: next } : { limit: 2 })
          .set('authorization', bearer())
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        for (const e of res.body.items) seen.push(e.holder === 'ACTIVITY' ? `a:${e.activityId}` : `b:${e.bookingId}`);
        next = res.body.next;
      } while (next);
      // Two bookings on the 15th (the cancelled activity is gone), the racing winner on the 18th, the lecture on the 19th.
      expect(seen).toHaveLength(4);
      expect(new Set(seen).size).toBe(4);
      expect(seen[3]).toBe(`a:${lecture.body.activityId}`);
      const all = await request(server()).get(`/rooms/${roomId}/bookings`).set('authorization', bearer()).expect(200);
      expect(all.body.items.map((e: { holder: string; activityId?: string; bookingId?: string }) => (e.holder === 'ACTIVITY' ? `a:${e.activityId}` : `b:${e.bookingId}`))).toEqual(seen);
      expect(all.body.next).toBeNull();
      const bad = await request(server()).get(`/rooms/${roomId}/bookings`).query({ after: 'not-a-cursor' }).set('authorization', bearer()).expect(400);
      expect(JSON.stringify(bad.body)).toContain('after');
    });
  });

  describe('organization-life compliance', () => {
    it('reports each branch per period and raises one overdue event per branch, kind and ended month, however often the sweep runs', async () => {
      const committee = await publishedActivity({
        kind: 'COMMITTEE_MEETING',
        title: '2 月支委会',
        startsAt: '2030-02-10T01:00:00.000Z',
        endsAt: '2030-02-10T02:00:00.000Z',
        capacity: null,
      });
      await request(server()).post(`/activities/${committee}/minutes`).set('authorization', bearer(secretaryA)).send({ minutes: '研究 3 月主题党日安排' }).expect(200);

      const report = await request(server()).get(`/compliance?period=2030-Q1&zoneId=${zone}`).set('authorization', bearer()).expect(200);
      const a = report.body.branches.find((b: { organizationId: string }) => b.organizationId === orgA);
      const units = a.kinds.find((k: { kind: string }) => k.kind === 'COMMITTEE_MEETING').units;
      expect(units.map((u: { status: string }) => u.status)).toEqual(['OVERDUE', 'MET', 'DUE']);
      expect(a.compliant).toBe(false);

      const sweep = await request(server()).post('/compliance/sweeps').set('authorization', bearer()).send({ zoneId: zone }).expect(200);
      expect(sweep.body.raised).toEqual(expect.arrayContaining([`olf-${orgA}-GROUP_MEETING-2030-02`, `olf-${orgB}-COMMITTEE_MEETING-2030-02`, `olf-${orgB}-GROUP_MEETING-2030-02`]));
      expect(sweep.body.raised).not.toContain(`olf-${orgA}-COMMITTEE_MEETING-2030-02`);
      const again = await request(server()).post('/compliance/sweeps').set('authorization', bearer()).send({ zoneId: zone }).expect(200);
      expect(again.body.raised).toEqual([]);
      expect(again.body.alreadyRaised).toBe(sweep.body.raised.length);

      const id = `olf-${orgB}-COMMITTEE_MEETING-2030-02`;
      const messages = await readTopic(brokers(), CONTEXT_TOPICS.activities, (ms) => ms.some((m) => m.key === id), 30000);
      const event = JSON.parse(messages.find((m) => m.key === id)!.value!) as EventEnvelope;
      expect(event).toMatchObject({
        type: 'activities.OrganizationLifeOverdue.v1',
        districtid: district,
        data: { organizationId: orgB, kind: 'COMMITTEE_MEETING', period: '2030-02', required: 1, held: 0 },
      });
      expect(messages.filter((m) => m.key === id)).toHaveLength(1);

      await request(server()).get('/compliance?period=2030-13').set('authorization', bearer()).expect(400);
      await request(server()).post('/compliance/sweeps').set('authorization', bearer(secretaryA)).send({}).expect(403);
    });
  });

  describe('pledges, posts and recognition', () => {
    it('ranks every member the counters hold, a page at a time (no cap on the members read)', async () => {
      // Counters written directly (as the consumer writes them): 300 members in a zone of their own.
      const far = uniqueName('zone-far');
      const counters = [
        app.get<Model<MemberPointsCounter>>(getModelToken(MEMBER_POINTS_COUNTER)),
        app.get<Model<OrganizationPointsCounter>>(getModelToken(ORGANIZATION_POINTS_COUNTER)),
      ] as const;
      const ids = Array.from({ length: 300 }, (_, i) => `far-${tag}-${String(i).padStart(3, '0')}`);
      for (let i = 0; i < ids.length; i += 30) {
        await Promise.all(
          ids.slice(i, i + 30).map((memberId, j) =>
            creditPoints(...counters, `seed-${memberId}`, [
              {
                memberId,
                organizationId: orgC,
                districtId: district,
                subDistrictId: 'fuqiao',
                zoneId: far,
                month: `2030-0${1 + ((i + j) % 3)}`,
                delta: { attended: (i + j) % 7, volunteerHours: 1 },
              },
            ]),
          ),
        );
      }
      const seen: { memberId: string; points: number }[] = [];
      let after: string | null = null;
      do {
        const res: request.Response = await request(server())
          .get(`/ratings/members?period=2030-Q1&zoneId=${far}&limit=120${after ? `&after=${after}` : ''}`)
          .set('authorization', bearer())
          .expect(200);
        seen.push(...res.body.members);
        after = res.body.next;
      } while (after);
      expect(seen).toHaveLength(300);
      expect(new Set(seen.map((m) => m.memberId)).size).toBe(300);
      for (let i = 1; i < seen.length; i++) expect(seen[i - 1].points).toBeGreaterThanOrEqual(seen[i].points);
      expect(seen[0].points).toBe(6 * 2 + 1);
      await request(server()).get(`/ratings/members?period=2030&zoneId=${far}&after=not-a-cursor`).set('authorization', bearer()).expect(400);
    });

    it('pages the branch flags by organization id with the shared cursor: every branch once, the first page as the whole list was', async () => {
      // Seven branches in a zone of their own, registered as membership registers them.
      const flagZone = uniqueName('zone-flags');
      const branches = Array.from({ length: 7 }, (_, i) => `flag-${tag}-${i}`);
      await publishEnvelopes(
        brokers(),
        CONTEXT_TOPICS.membership,
        [...branches].reverse().map((organizationId) =>
          envelopeOf(
            OrganizationRegistered,
            {
              organizationId,
              name: `旗帜${organizationId.slice(-1)}支部`,
              type: 'BRANCH',
              parentId: null,
              districtId: district,
              subDistrictId: 'fuqiao',
              zoneId: flagZone,
              host: null,
            },
            { aggregateId: organizationId, version: 1, districtId: district, zoneId: flagZone, time: '2029-12-01T00:00:00.000Z' },
          ),
        ),
      );
      await waitFor(async () => (await db.collection('membership_organizations').countDocuments({ zoneId: flagZone })) === 7, 'the branches to arrive', 30000);
      const flagsOf = (query: string) => request(server()).get(`/ratings/branches?period=2030&zoneId=${flagZone}${query}`).set('authorization', bearer()).expect(200);

      const whole = (await flagsOf('')).body;
      expect(whole).toMatchObject({ period: '2030', next: null });
      expect(whole.items.map((b: { organizationId: string }) => b.organizationId)).toEqual(branches);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const res: request.Response = await flagsOf(`&limit=3${after ? `&after=${after}` : ''}`);
        if (pages === 0) expect(res.body.items).toEqual(whole.items.slice(0, 3));
        seen.push(...res.body.items.map((b: { organizationId: string }) => b.organizationId));
        after = res.body.next;
        pages += 1;
      } while (after);
      expect({ pages, seen }).toEqual({ pages: 3, seen: branches });

      // Another list's cursor, or none at all, is a 400 naming `after`.
      // (A member ranking's cursor: points and member id.)
      for (const bad of ['not-a-cursor', encodePageCursor('12.5', member(1))]) {
        const res = await request(server()).get(`/ratings/branches?period=2030&zoneId=${flagZone}&after=${bad}`).set('authorization', bearer()).expect(400);
        expect(JSON.stringify(res.body)).toContain('after');
      }
    });

    it('keeps a pledge, counts it in points and stars, assigns a responsibility zone and emits a 三优三推 recommendation', async () => {
      const pledge = await request(server())
        .post('/pledges')
        .set('authorization', bearer(secretaryA))
        .send({ memberId: member(5), content: '每月参加一次志愿服务', dueOn: '2030-12-31' })
        .expect(201);
      const early = await request(server()).post(`/pledges/${pledge.body.pledgeId}/lapse`).set('authorization', bearer(secretaryA)).send({ note: '未兑现' }).expect(409);
      expect(early.body.error).toBe('PLEDGE_NOT_DUE');
      clock.set('2030-03-20T01:00:00.000Z');
      try {
        await request(server()).post(`/pledges/${pledge.body.pledgeId}/fulfil`).set('authorization', bearer(secretaryA)).send({ note: '已参加 3 次' }).expect(200);
      } finally {
        clock.set('2030-03-11T01:00:00.000Z');
      }
      const fiveOf = (body: { members: { memberId: string; pledgesKept: number }[] }) => body.members.find((m) => m.memberId === member(5));
      const ratings = await waitFor(async () => {
        const res = await request(server()).get(`/ratings/members?period=2030&zoneId=${zone}`).set('authorization', bearer()).expect(200);
        return fiveOf(res.body)?.pledgesKept === 1 ? res : undefined;
      }, 'the ratings to count the kept pledge');
      const five = fiveOf(ratings.body);
      // 1 attended × 2 + 5.5 h × 1 + 1 pledge × 5
      expect(five).toMatchObject({ attended: 1, volunteerHours: 5.5, pledgesKept: 1, points: 12.5, stars: 1 });
      const flags = await request(server()).get(`/ratings/branches?period=2030&zoneId=${zone}`).set('authorization', bearer()).expect(200);
      expect(flags.body.items.find((b: { organizationId: string }) => b.organizationId === orgA)).toMatchObject({ flag: false });

      // 积分计数 counts an event once: the kept pledge delivered again (its inbox record gone, as after a
      // stop between the counter's write and the inbox's) leaves the points as they were.
      const stored = await db.collection('events').findOne({ aggregateId: pledge.body.pledgeId, type: 'activities.PledgeFulfilled.v1' });
      const fulfilled = stored!.envelope as EventEnvelope;
      const inbox = db.collection<{ _id: string }>('inbox');
      await inbox.deleteMany({ _id: { $regex: `:${fulfilled.id}$` } });
      await publishEnvelopes(brokers(), CONTEXT_TOPICS.activities, [fulfilled]);
      await waitFor(async () => (await inbox.countDocuments({ _id: { $regex: `:${fulfilled.id}$` } })) === 1, 'the redelivered pledge to be handled', 30000);
      const again = await request(server()).get(`/ratings/members?period=2030&zoneId=${zone}`).set('authorization', bearer()).expect(200);
      expect(fiveOf(again.body)).toMatchObject({ attended: 1, volunteerHours: 5.5, pledgesKept: 1, points: 12.5, stars: 1 });

      const zoneBody = { kind: 'RESPONSIBILITY_ZONE', title: '三楼商户责任区', memberId: member(4), enterpriseName: '测试商场' };
      await request(server()).post('/posts').set('authorization', bearer(secretaryA)).send(zoneBody).expect(422);
      const post = await request(server())
        .post('/posts')
        .set('authorization', bearer(secretaryA))
        .send({ ...zoneBody, area: '三楼东区 20 家商户' })
        .expect(201);
      expect(post.body).toMatchObject({ status: 'ACTIVE', organizationId: orgA, zoneId: zone });

      await request(server())
        .put(`/organizations/${orgA}/assessments/2030`)
        .set('authorization', bearer())
        .send({ items: [{ item: 'STANDARD_LIFE', score: 9 }] })
        .expect(422);
      // 三优三推 has one home, membership: a recommendation sent here is refused and says where to go, storing nothing.
      const before = await counts();
      const moved = await request(server())
        .post('/recommendations')
        .set('authorization', bearer(secretaryA))
        .send({ track: 'VANGUARD_TO_CADRE', memberId: member(5), organizationId: orgA, reason: '志愿服务表现突出' })
        .expect(410);
      expect(moved.body.message).toMatch(/\/api\/membership\/recommendations/);
      expect(await counts()).toEqual(before);
      await request(server()).get('/recommendations').set('authorization', bearer()).expect(200);
    });
  });

  describe('honours 党建品牌、示范点', () => {
    it('registers an honour only in a registered sub-district and zone, with its organization there', async () => {
      const subDistrict = `sd-${tag}`;
      const honourZone = `hz-${tag}`;
      const jurisdiction = (jurisdictionId: string, level: 'SUB_DISTRICT' | 'ZONE', parentId: string) =>
        envelopeOf(
          JurisdictionRegistered,
          {
            jurisdictionId,
            level,
            name: level === 'ZONE' ? '荣誉片区' : '荣誉街道',
            parentId,
            districtId: district,
            subDistrictId: subDistrict,
            zoneId: level === 'ZONE' ? jurisdictionId : null,
            zoneKind: level === 'ZONE' ? 'BUILDING' : null,
          },
          { aggregateId: jurisdictionId, version: 1, districtId: district },
        );
      await publishEnvelopes(brokers(), CONTEXT_TOPICS.membership, [jurisdiction(subDistrict, 'SUB_DISTRICT', district), jurisdiction(honourZone, 'ZONE', subDistrict)]);
      await waitFor(
        async () => (await db.collection('membership_jurisdictions').countDocuments({ _id: { $in: [subDistrict, honourZone] } } as never)) === 2,
        'jurisdictions to arrive',
        30000,
      );

      const honour = (overrides: Record<string, unknown>) => ({
        honourId: uniqueName('honour'),
        kind: 'PARTY_BUILDING_BRAND',
        name: '“红色楼宇”党建品牌',
        organizationId: null,
        description: '楼宇党建示范',
        awardedOn: '2030-01-15',
        districtId: district,
        subDistrictId: subDistrict,
        zoneId: honourZone,
        ...overrides,
      });
      const before = await db.collection('honours').countDocuments();
      for (const [overrides, message] of [
        [{ subDistrictId: 'sd-nowhere', zoneId: null }, /没有已登记的街道 sd-nowhere/],
        [{ zoneId: 'zone-nowhere' }, /没有已登记的片区 zone-nowhere/],
        [{ districtId: 'elsewhere' }, /没有已登记的街道/],
        [{ organizationId: 'org-nowhere' }, /党组织 org-nowhere 未登记/],
        [{ organizationId: orgA }, /不在所填辖区/],
      ] as const) {
        const res = await request(server()).post('/honours').set('authorization', bearer()).send(honour(overrides)).expect(422);
        expect(res.body.message).toMatch(message);
      }
      expect(await db.collection('honours').countDocuments()).toBe(before);

      const ok = await request(server()).post('/honours').set('authorization', bearer()).send(honour({})).expect(201);
      expect(ok.body).toMatchObject({ subDistrictId: subDistrict, zoneId: honourZone });
      // An organization's honour: the organization lies in the named sub-district and zone.
      const orgH = `org-h-${tag}`;
      await publishEnvelopes(brokers(), CONTEXT_TOPICS.membership, [
        envelopeOf(
          OrganizationRegistered,
          { organizationId: orgH, name: '荣誉楼宇党支部', type: 'BRANCH', parentId: null, districtId: district, subDistrictId: subDistrict, zoneId: honourZone, host: null },
          { aggregateId: orgH, version: 1, districtId: district, zoneId: honourZone },
        ),
      ]);
      await waitFor(async () => (await db.collection('membership_organizations').countDocuments({ _id: orgH } as never)) === 1, 'the organization to arrive', 30000);
      const ofOrganization = await request(server())
        .post('/honours')
        .set('authorization', bearer())
        .send(honour({ organizationId: orgH }))
        .expect(201);
      expect(ofOrganization.body.organizationId).toBe(orgH);
    });
  });

  describe('ended memberships 党籍终止', () => {
    it('refuses an ended member a sign-up, and leaves them out of their branch', async () => {
      const gone = member(70);
      await publishEnvelopes(brokers(), CONTEXT_TOPICS.membership, [
        envelopeOf(MemberRegistered, memberData(70, orgA), { aggregateId: gone, version: 1, districtId: district, zoneId: zone }),
        envelopeOf(
          MembershipEnded,
          { memberId: gone, kind: 'WITHDRAWN', endedOn: '2030-02-01', approvingOrganizationId: orgA, letterNumber: null, organizationId: orgA },
          { aggregateId: gone, version: 2, districtId: district, zoneId: zone },
        ),
      ]);
      await waitFor(async () => (await db.collection('membership_members').countDocuments({ _id: gone, ended: true } as never)) === 1, 'the ending to arrive', 30000);
      const id = await publishedActivity({ startsAt: '2030-03-20T01:00:00.000Z', endsAt: '2030-03-20T03:00:00.000Z', capacity: 10 }, secretaryA);
      const refused = await request(server()).post(`/activities/${id}/sign-ups`).set('authorization', bearer(secretaryA)).send({ memberId: gone }).expect(409);
      expect(refused.body).toMatchObject({ error: 'MEMBERSHIP_ENDED' });
      expect(refused.body.message).toMatch(/党籍已终止/);
      await request(server())
        .post(`/activities/${id}/sign-ups`)
        .set('authorization', bearer(secretaryA))
        .send({ memberId: member(1) })
        .expect(201);
    });
  });
});
