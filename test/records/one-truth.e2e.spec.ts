import path from 'path';
import { infraEnv, uniqueName, waitFor } from '@pb/testing';
import { Answer, Stack } from '../support/stack';
import { Area, BIRTH_DATE, buildArea, createUsers, newPerson, TestRole, TestUser } from '../support/world';

const HOUR = 3600_000;
/** China time (UTC+8): the points counters' months, the rooms' opening hours. */
const CHINA = 8 * HOUR;
const monthOf = (instant: number) => new Date(instant + CHINA).toISOString().slice(0, 7);

/** What one service's answer and the dashboard must agree on. */
interface Stars {
  memberId: string;
  points: number;
  stars: number;
}
interface Flag {
  organizationId: string;
  members: number;
  averagePoints: number;
  flag: boolean;
}
const starsOf = (rows: Stars[]): Stars[] => rows.map(({ memberId, points, stars }) => ({ memberId, points, stars })).sort((a, b) => a.memberId.localeCompare(b.memberId));
const flagsOf = (rows: Flag[], ids: string[]): Flag[] =>
  rows
    .filter((r) => ids.includes(r.organizationId))
    .map(({ organizationId, members, averagePoints, flag }) => ({ organizationId, members, averagePoints, flag }))
    .sort((a, b) => a.organizationId.localeCompare(b.organizationId));

/**
 * One truth for every figure (#18, item 4), through the gateway: activities, governance,
 * enterprise, membership and the gateway as the processes production runs, one start for the
 * whole file. Each figure is read twice, from the service that owns it (through the gateway's
 * proxy) and from the gateway's own dashboards, and must be the same.
 */
describe('one truth through the gateway: stars and flags, rooms, mediations, escalations', () => {
  const stack = new Stack('truth', infraEnv(), { gateway: { ACCESS_TOKEN_TTL_SECONDS: '3600' } });
  let area: Area;
  let users: Record<TestRole, TestUser>;

  const ok = async (method: string, route: string, body?: unknown, token?: string): Promise<Answer['body']> => {
    const res = await stack.call(method, route, body, token ?? stack.adminToken);
    if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    return res.body;
  };
  /** Other services learn of membership's records a moment later: retried while they say "not yet". */
  const okOnceKnown = async (method: string, route: string, body: unknown) =>
    (await stack.callUntil(method, route, body, (s) => s >= 200 && s < 300, `${method} ${route}`, 60_000)).body;

  beforeAll(async () => {
    await stack.start();
    area = await buildArea(stack, 'T');
    users = await createUsers(stack, area);
  }, 900_000);

  afterAll(async () => {
    await stack.stop();
  });

  describe('stars and flags: one history, the same verdict in activities and on the dashboard', () => {
    // Read when the test starts (the processes take a while to start): the activities' times are relative to it.
    let now = 0;
    let month = '';
    const organizations: string[] = [];
    const members: string[] = [];

    const branch = async (name: string) =>
      (
        await ok('POST', '/membership/organizations', {
          name,
          type: 'BRANCH',
          parentId: area.organizationId,
          districtId: area.districtId,
          subDistrictId: area.subDistrictId,
          zoneId: area.zoneId,
        })
      ).organizationId as string;
    const register = async (organizationId: string) =>
      (await ok('POST', '/membership/members', { name: '王测试', gender: 'FEMALE', birthDate: BIRTH_DATE, ...newPerson(), status: 'FULL', joinedOn: '2015-07-01', organizationId }))
        .memberId as string;
    const schedule = async (body: Record<string, unknown>) => {
      const { activityId } = await okOnceKnown('POST', '/activities/activities', { title: '测试活动', venue: '党群服务站', ...body });
      await ok('POST', `/activities/activities/${activityId}/publish`, {});
      return activityId as string;
    };
    const codeOf = async (activityId: string) => (await ok('GET', `/activities/activities/${activityId}/check-in-code`)).code as string;
    const keepPledges = async (memberId: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const { pledgeId } = await okOnceKnown('POST', '/activities/pledges', { memberId, content: '每月参加一次志愿服务', dueOn: `${Number(month.slice(0, 4)) + 1}-12-31` });
        await ok('POST', `/activities/pledges/${pledgeId}/fulfil`, { note: '已兑现' });
      }
    };

    /** Activities' own answer (through the gateway's proxy) and the dashboard's, for one period. */
    const readBoth = async (period: string) => {
      const [ratings, flags, dashboard] = await Promise.all([
        ok('GET', `/activities/ratings/members?period=${period}&zoneId=${area.zoneId}&limit=500`),
        ok('GET', `/activities/ratings/branches?period=${period}&zoneId=${area.zoneId}&limit=500`),
        ok('GET', `/dashboard?scope=zone&id=${area.zoneId}&period=${period}`),
      ]);
      return {
        activities: { stars: starsOf(ratings.members), flags: flagsOf(flags.items, organizations) },
        dashboard: { stars: starsOf(dashboard.rankings.stars.top), flags: flagsOf(dashboard.rankings.flags.top, organizations) },
      };
    };
    /** Both answers once both show `expected` (each follows the events a moment behind); as they stand if they never do. */
    const bothShow = async (period: string, expected: { stars: Stars[]; flags: Flag[] }) => {
      const want = JSON.stringify({ activities: expected, dashboard: expected });
      return waitFor(
        async () => {
          const both = await readBoth(period);
          return JSON.stringify(both) === want ? both : undefined;
        },
        `activities and the dashboard to show the ${period} history`,
        60_000,
        500,
      ).catch(() => readBoth(period));
    };

    it('gives each member the same stars and each branch the same flag in both, with a cancelled and a rescheduled activity taken out of the month after check-in', async () => {
      now = Date.now();
      month = monthOf(now);
      const [b1, b2] = [await branch('测试一支部'), await branch('测试二支部')];
      organizations.push(b1, b2);
      const [m1, m2, m3] = [await register(b1), await register(b1), await register(b1)];
      const m4 = await register(b2);
      members.push(m1, m2, m3, m4);

      // Volunteer service held earlier today (补录 by the secretary): m1 served 2 h, m2 1 h.
      const startedAt = now - 3 * HOUR;
      const served = await schedule({ kind: 'VOLUNTEER_SERVICE', organizerIds: [b1], startsAt: new Date(startedAt).toISOString(), endsAt: new Date(now - HOUR / 2).toISOString() });
      const servedCode = await codeOf(served);
      for (const [memberId, hours] of [
        [m1, 2],
        [m2, 1],
      ] as const) {
        await okOnceKnown('POST', `/activities/activities/${served}/check-ins`, { memberId, code: servedCode, at: new Date(startedAt).toISOString() });
        const out = await ok('POST', `/activities/activities/${served}/check-outs`, { memberId, at: new Date(startedAt + hours * HOUR).toISOString() });
        expect(out.volunteerHours).toBe(hours);
      }

      // Two theme days starting in 20 minutes (check-in opens 30 minutes before): everyone of b1 checks in to the first,
      // which is then cancelled; m3 checks in to the second, which then moves to a later month.
      const soon = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
      const cancelled = await schedule({ kind: 'THEME_PARTY_DAY', organizerIds: [b1], startsAt: soon(20), endsAt: soon(140) });
      const moved = await schedule({ kind: 'THEME_PARTY_DAY', organizerIds: [b1], startsAt: soon(20), endsAt: soon(140) });
      const [cancelledCode, movedCode] = [await codeOf(cancelled), await codeOf(moved)];
      for (const memberId of [m1, m2, m3]) await okOnceKnown('POST', `/activities/activities/${cancelled}/check-ins`, { memberId, code: cancelledCode });
      await ok('POST', `/activities/activities/${moved}/check-ins`, { memberId: m3, code: movedCode });

      // Kept pledges (by the day kept): m1 3, m2 4, m3 6, m4 1.
      await keepPledges(m1, 3);
      await keepPledges(m2, 4);
      await keepPledges(m3, 6);
      await keepPledges(m4, 1);

      // Before the cancellation and the move, the month holds every check-in (m3: both theme days).
      const points = (attended: number, hours: number, pledges: number) => attended * 2 + hours * 1 + pledges * 5;
      const starsFor = (p: number) => [5, 15, 30, 50, 80].filter((t) => p >= t).length;
      const row = (memberId: string, p: number): Stars => ({ memberId, points: p, stars: starsFor(p) });
      const flag = (organizationId: string, n: number, total: number): Flag => ({
        organizationId,
        members: n,
        averagePoints: Math.round((total / n) * 10) / 10,
        flag: total / n >= 20,
      });
      const before = {
        stars: starsOf([row(m1, points(2, 2, 3)), row(m2, points(2, 1, 4)), row(m3, points(2, 0, 6)), row(m4, points(0, 0, 1))]),
        flags: flagsOf([flag(b1, 3, points(2, 2, 3) + points(2, 1, 4) + points(2, 0, 6)), flag(b2, 1, points(0, 0, 1))], organizations),
      };
      const seenBefore = await bothShow(month, before);
      expect(seenBefore).toEqual({ activities: before, dashboard: before });

      // 活动取消 after check-in takes its attendances back; 活动改期 to next month moves m3's to that month.
      await ok('POST', `/activities/activities/${cancelled}/cancel`, { reason: '场地临时检修' });
      const nextMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 10, 2));
      const nextMonthKey = monthOf(nextMonth.getTime());
      await ok('POST', `/activities/activities/${moved}/reschedule`, { startsAt: nextMonth.toISOString(), endsAt: new Date(nextMonth.getTime() + 2 * HOUR).toISOString() });

      const after = {
        // m1 19 (2 stars), m2 23 (2), m3 30 (3), m4 5 (1): b1's average 24, a flag; b2's 5, none.
        stars: starsOf([row(m1, points(1, 2, 3)), row(m2, points(1, 1, 4)), row(m3, points(0, 0, 6)), row(m4, points(0, 0, 1))]),
        flags: flagsOf([flag(b1, 3, points(1, 2, 3) + points(1, 1, 4) + points(0, 0, 6)), flag(b2, 1, points(0, 0, 1))], organizations),
      };
      expect(after.flags.map((f) => f.flag)).toEqual([b1, b2].sort().map((id) => id === b1));
      expect(await bothShow(month, after)).toEqual({ activities: after, dashboard: after });

      // The moved attendance counts in its new month, the same in both.
      const later = { stars: [row(m3, points(1, 0, 0))], flags: flagsOf([flag(b1, 3, points(1, 0, 0)), flag(b2, 1, 0)], organizations) };
      expect(await bothShow(nextMonthKey, later)).toEqual({ activities: later, dashboard: later });

      // And the dashboard's paged flags say what its top says.
      const paged = await ok('GET', `/dashboard/flags?scope=zone&id=${area.zoneId}&period=${month}`);
      expect(flagsOf(paged.items, organizations)).toEqual(after.flags);
    }, 600_000);
  });

  it('makes an activity held in a service-centre room and a booking of that room exclude each other (409 either way)', async () => {
    const centreId = uniqueName('centre');
    const roomId = uniqueName('room');
    await ok('POST', '/activities/service-centres', {
      centreId,
      name: '测试党群服务中心',
      areaM2: 800,
      address: '测试路 1 号',
      districtId: area.districtId,
      subDistrictId: area.subDistrictId,
      zoneId: area.zoneId,
    });
    await ok('POST', '/activities/rooms', {
      roomId,
      centreId,
      name: '多功能厅',
      kind: 'ACTIVITY_ROOM',
      capacity: 80,
      opensAt: '08:30',
      closesAt: '21:00',
      openDays: [1, 2, 3, 4, 5, 6, 7],
    });
    // Ten days ahead, 10:00–11:00 and 14:00–15:00 in Jining.
    const day = new Date(Date.now() + CHINA + 10 * 24 * HOUR).toISOString().slice(0, 10);
    const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
    const held = await okOnceKnown('POST', '/activities/activities', {
      kind: 'THEME_PARTY_DAY',
      title: '周末党课',
      organizerIds: [area.organizationId],
      venue: '多功能厅',
      roomId,
      startsAt: at('10:00'),
      endsAt: at('11:00'),
    });
    const booking = await stack.call('POST', `/activities/rooms/${roomId}/bookings`, { startsAt: at('10:30'), endsAt: at('11:30'), purpose: '读书会' });
    expect({ status: booking.status, error: booking.body.error }).toEqual({ status: 409, error: 'ROOM_SLOT_TAKEN' });
    expect(booking.body.details.clashingActivity).toMatchObject({ activityId: held.activityId, title: '周末党课' });

    const booked = await ok('POST', `/activities/rooms/${roomId}/bookings`, { startsAt: at('14:00'), endsAt: at('15:00'), purpose: '读书会' });
    const clash = await stack.call('POST', '/activities/activities', {
      kind: 'THEME_PARTY_DAY',
      title: '另一场党课',
      organizerIds: [area.organizationId],
      venue: '多功能厅',
      roomId,
      startsAt: at('13:30'),
      endsAt: at('14:30'),
    });
    expect({ status: clash.status, error: clash.body.error }).toEqual({ status: 409, error: 'ROOM_SLOT_TAKEN' });
    expect(clash.body.details.clashingBooking).toMatchObject({ bookingId: booked.bookingId });
    // The timetable holds the two that won, and nothing of the two refused.
    const timetable = await ok('GET', `/activities/rooms/${roomId}/bookings?from=${at('08:30')}&to=${at('21:00')}`);
    expect(timetable.items.map((i: { holder: string }) => i.holder)).toEqual(['ACTIVITY', 'BOOKING']);
  });

  it('lets a mediation’s agreement handle its case, and opens at most one mediation per case', async () => {
    const departmentId = uniqueName('dept');
    await ok('POST', '/governance/departments', { departmentId, name: '测试区市场监督管理局', kind: 'MARKET_REGULATION', districtId: area.districtId });
    const { caseId } = await ok('POST', '/governance/cases', { kind: 'DISPUTE', title: '租金纠纷', description: '商户与业主租金纠纷', gridId: area.gridId });
    await ok('POST', `/governance/cases/${caseId}/accept`, {});
    await ok('POST', `/governance/cases/${caseId}/dispatch`, { assignee: { kind: 'DEPARTMENT', id: departmentId } });
    const parties = [
      { side: 'APPLICANT', name: '孙老板' },
      { side: 'RESPONDENT', name: '运河城产权方' },
    ];
    const { mediationId } = await ok('POST', '/governance/mediations', { caseId, mediatorId: 'mediator-1', parties });
    const second = await stack.call('POST', '/governance/mediations', { caseId, mediatorId: 'mediator-2', parties });
    expect({ status: second.status, error: second.body.error }).toEqual({ status: 409, error: 'MEDIATION_ALREADY_OPEN' });
    expect(second.body.message).toContain(mediationId);

    await ok('POST', `/governance/mediations/${mediationId}/sessions`, { summary: '双方陈述' });
    await ok('POST', `/governance/mediations/${mediationId}/agreement`, { terms: '免租一个月，商户按期续约' });
    const handled = await waitFor(
      async () => {
        const c = await ok('GET', `/governance/cases/${caseId}`);
        return c.status === 'HANDLED' ? c : undefined;
      },
      'the agreement to handle the case',
      60_000,
      500,
    );
    expect(handled.feedback).toContain(mediationId);
  });

  it('names where a case and an enterprise request were escalated, and lists them for the administrators there only', async () => {
    // A request's first contact is due a minute after submission: the sweep escalates it to the sub-district.
    await ok('PUT', '/enterprise/service-targets', { firstContactMinutes: 1, interimReplyWorkingDays: 3, closureWorkingDays: 5 });
    const { requestId } = await ok('POST', '/enterprise/service-requests', { creditCode: area.creditCode, category: 'FINANCING', title: '设备贷款', description: '需要 50 万设备贷款' });
    // A case's time limit in this district is an hour: governance sweeps it with its clock an hour and a half on
    // (past one limit, not two: one level up).
    await ok('PUT', '/governance/time-limits', { districtId: area.districtId, kind: 'LIVELIHOOD_SERVICE', priority: 'NORMAL', hours: 1 });
    const { caseId } = await ok('POST', '/governance/cases', {
      kind: 'LIVELIHOOD_SERVICE',
      priority: 'NORMAL',
      title: '井盖缺失',
      description: '商圈南口井盖缺失',
      gridId: area.gridId,
    });
    await stack.kill('governance');
    await stack.startApp('governance', {
      NODE_OPTIONS: `--require ${path.join(__dirname, '../support/shifted-clock.js')}`,
      TEST_CLOCK_SHIFT_MS: String(1.5 * HOUR),
      SCHEDULE_OVERDUE_CASES: '*/2 * * * * *',
    });
    // The gateway's case view follows CaseOverdue: the sweep has run once the dashboard counts it.
    await waitFor(async () => (await ok('GET', `/dashboard?scope=zone&id=${area.zoneId}`)).cases.overdue >= 1, 'the shifted sweep to escalate the case', 90_000, 1000);
    await stack.kill('governance');
    await stack.startApp('governance');

    await waitFor(
      async () => {
        await ok('POST', '/enterprise/service-requests/sweep', {});
        return (await ok('GET', `/enterprise/service-requests/${requestId}`)).escalationLevel === 'SUB_DISTRICT';
      },
      'the request to miss its first-contact target and be escalated',
      120_000,
      2000,
    );

    const kase = await okOnceKnown('GET', `/governance/cases/${caseId}`, undefined);
    expect(kase).toMatchObject({ overdue: true, escalationLevel: 'SUB_DISTRICT', escalatedTo: area.subDistrictId });
    expect(await ok('GET', `/enterprise/service-requests/${requestId}`)).toMatchObject({ escalationLevel: 'SUB_DISTRICT', escalatedTo: area.subDistrictId });

    const listedFor = async (user: TestUser) => {
      const [cases, requests] = await Promise.all([
        stack.call('GET', '/governance/cases?escalatedTo=me&limit=200', undefined, user.token),
        stack.call('GET', '/enterprise/service-requests?escalatedTo=me&limit=100', undefined, user.token),
      ]);
      expect({ user: user.role, cases: cases.status, requests: requests.status }).toEqual({ user: user.role, cases: 200, requests: 200 });
      return {
        cases: (cases.body.items as { caseId: string }[]).map((c) => c.caseId).filter((id) => id === caseId),
        requests: (requests.body.items as { requestId: string }[]).map((r) => r.requestId).filter((id) => id === requestId),
      };
    };
    // The sub-district's administrator sees both on their desk; the district's does not (not escalated that far).
    expect(await listedFor(users.SUB_DISTRICT_ADMIN)).toEqual({ cases: [caseId], requests: [requestId] });
    expect(await listedFor(users.DISTRICT_ADMIN)).toEqual({ cases: [], requests: [] });
  }, 600_000);
});
