import { ActivityScheduledData } from '@pb/contracts';
import { Activity, decideCheckIn, decideLeave, decidePublish, decideReschedule, decideSchedule, decideSignUp, evolveActivity, volunteerHours } from '../src/domain/activity/activity';
import { complianceOf, lastEndedUnit, parsePeriod, unitsWithin } from '../src/domain/compliance/organization-life';
import { decideBooking, decideRoomReservation, Room, slotsOf } from '../src/domain/room/room';
import { branchFlagOf, DEFAULT_POINTS_RULES, pointsOf } from '../src/domain/recognition/recognition';
import { DomainError } from '@pb/platform/domain-error';
import { EVENT_CATALOGUE, assertValidPayload } from '@pb/contracts';

const scheduled: ActivityScheduledData = {
  activityId: 'a1',
  kind: 'VOLUNTEER_SERVICE',
  title: 't',
  organizerIds: ['org-a'],
  venue: 'v',
  roomId: null,
  startsAt: '2030-03-12T01:00:00.000Z',
  endsAt: '2030-03-12T03:00:00.000Z',
  capacity: 1,
  agenda: [],
  districtId: 'd',
  subDistrictId: 's',
  zoneId: 'z',
};
const env = (type: string, data: object, time = '2030-03-01T00:00:00.000Z') => ({ type, data, time, subject: 'a1' }) as never;
function published(overrides: Partial<ActivityScheduledData> = {}): Activity {
  const a = evolveActivity(null, env('activities.ActivityScheduled.v1', { ...scheduled, ...overrides }));
  return evolveActivity(a, env('activities.ActivityPublished.v1', { activityId: 'a1' }));
}
const member = (memberId: string, organizationId = 'org-a') => ({ memberId, organizationId, floatingOrganizationId: null });
const now = new Date('2030-03-11T01:00:00.000Z');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'NO_ERROR';
}

describe('activities domain rules', () => {
  it('lets no dissolved or merged organization host a new activity or publish a draft (#18 item 2)', () => {
    const place = { districtId: 'd', subDistrictId: 's', zoneId: 'z' };
    const { districtId: _d, subDistrictId: _s, zoneId: _z, ...request } = { ...scheduled, kind: 'ALLIANCE_ACTIVITY' as const, organizerIds: ['org-a', 'org-b'] };
    const organizers = (bDissolved: boolean) => [
      { organizationId: 'org-a', ...place, dissolved: false },
      { organizationId: 'org-b', ...place, dissolved: bDissolved },
    ];
    expect(decideSchedule(null, organizers(false), request)).toMatchObject({ organizerIds: ['org-a', 'org-b'] });
    expect(() => decideSchedule(null, organizers(true), request)).toThrow(/organizerIds：党组织 org-b 已撤销或已合并/);
    const draft = evolveActivity(null, env('activities.ActivityScheduled.v1', scheduled));
    expect(decidePublish(draft, 'a1', [])).toEqual({ activityId: 'a1' });
    expect(codeOf(() => decidePublish(draft, 'a1', ['org-a']))).toBe('ORGANIZER_DISSOLVED');
  });

  it('rounds volunteer hours down to the half hour, at least 0.5 h, at most the scheduled length plus 1 h', () => {
    const h = (inAt: string, outAt: string) => volunteerHours('VOLUNTEER_SERVICE', scheduled.startsAt, scheduled.endsAt, inAt, outAt);
    expect(h('2030-03-12T01:00:00Z', '2030-03-12T03:40:00Z')).toBe(2.5);
    expect(h('2030-03-12T01:00:00Z', '2030-03-12T01:29:59Z')).toBe(0.5);
    expect(h('2030-03-12T01:00:00Z', '2030-03-12T01:05:00Z')).toBe(0.5);
    expect(h('2030-03-12T01:00:00Z', '2030-03-12T09:00:00Z')).toBe(3);
    expect(volunteerHours('TRAINING', scheduled.startsAt, scheduled.endsAt, '2030-03-12T01:00:00Z', '2030-03-12T03:00:00Z')).toBe(0);
  });

  it('puts sign-ups past capacity on the waiting list and promotes the first waiting member when a seat frees', () => {
    let a = published();
    const first = decideSignUp(a, 'a1', member('m1'), now);
    expect(first.waitlisted).toBe(false);
    a = evolveActivity(a, env('activities.MemberSignedUp.v1', first));
    const second = decideSignUp(a, 'a1', member('m2'), now);
    expect(second.waitlisted).toBe(true);
    a = evolveActivity(a, env('activities.MemberSignedUp.v1', second));
    expect(codeOf(() => decideSignUp(a, 'a1', member('m1'), now))).toBe('ALREADY_SIGNED_UP');
    const leave = decideLeave(a, 'a1', 'm1', '出差', now);
    expect(leave.promotedMemberId).toBe('m2');
    a = evolveActivity(a, env('activities.LeaveRequested.v1', leave));
    expect(a.participants.map((p) => [p.memberId, p.status])).toEqual([
      ['m1', 'ON_LEAVE'],
      ['m2', 'REGISTERED'],
    ]);
  });

  it('checks in only with the right code, inside the window, once', () => {
    const a = published();
    const at = new Date('2030-03-12T01:10:00Z');
    expect(codeOf(() => decideCheckIn(a, 'a1', member('m1'), false, at, at))).toBe('WRONG_CHECK_IN_CODE');
    expect(codeOf(() => decideCheckIn(a, 'a1', member('m1'), true, new Date('2030-03-12T00:00:00Z'), at))).toBe('CHECK_IN_NOT_OPEN');
    const ok = decideCheckIn(a, 'a1', member('m1'), true, at, at);
    expect(ok.walkIn).toBe(true);
    const after = evolveActivity(a, env('activities.MemberCheckedIn.v1', ok));
    expect(codeOf(() => decideCheckIn(after, 'a1', member('m1'), true, at, at))).toBe('ALREADY_CHECKED_IN');
    expect(codeOf(() => decideCheckIn(after, 'a1', member('m2'), true, at, at))).toBe('ACTIVITY_FULL');
  });

  it("keeps 三会一课 to the organizers' own members", () => {
    const a = published({ kind: 'COMMITTEE_MEETING', capacity: null });
    expect(codeOf(() => decideSignUp(a, 'a1', member('m9', 'org-b'), now))).toBe('NOT_A_MEMBER_OF_ORGANIZER');
    expect(decideSignUp(a, 'a1', { memberId: 'm9', organizationId: 'org-b', floatingOrganizationId: 'org-a' }, now).organizationId).toBe('org-a');
  });

  it('splits periods into the months and quarters each kind requires, in local time', () => {
    const q1 = parsePeriod('2030-Q1');
    expect(q1.start.toISOString()).toBe('2029-12-31T16:00:00.000Z');
    expect(unitsWithin('COMMITTEE_MEETING', q1).map((u) => u.key)).toEqual(['2030-01', '2030-02', '2030-03']);
    expect(unitsWithin('PARTY_LECTURE', parsePeriod('2030')).map((u) => u.key)).toEqual(['2030-Q1', '2030-Q2', '2030-Q3', '2030-Q4']);
    expect(unitsWithin('PARTY_LECTURE', parsePeriod('2030-02'))).toEqual([]);
    expect(lastEndedUnit('COMMITTEE_MEETING', now).key).toBe('2030-02');
    expect(lastEndedUnit('BRANCH_ASSEMBLY', now).key).toBe('2029-Q4');
    // Local midnight of 1 April is still 31 March in UTC.
    expect(lastEndedUnit('GROUP_MEETING', new Date('2030-03-31T16:30:00Z')).key).toBe('2030-03');
  });

  it('reports ended months without a session as overdue and the running one as due', () => {
    const report = complianceOf(
      parsePeriod('2030-Q1'),
      { COMMITTEE_MEETING: [new Date('2030-02-10T01:00:00Z')], GROUP_MEETING: [], BRANCH_ASSEMBLY: [], PARTY_LECTURE: [] },
      now,
      new Date('2029-12-01T00:00:00Z'),
    );
    const committee = report.kinds.find((k) => k.kind === 'COMMITTEE_MEETING')!;
    expect(committee.units.map((u) => u.status)).toEqual(['OVERDUE', 'MET', 'DUE']);
    expect(report.compliant).toBe(false);
  });

  it('books rooms only in whole half-hour slots inside opening hours', () => {
    const room: Room = {
      roomId: 'r1',
      centreId: 'c1',
      name: '党员活动室',
      kind: 'ACTIVITY_ROOM',
      capacity: 30,
      opensAt: '08:30',
      closesAt: '21:00',
      openDays: [1, 2, 3, 4, 5],
      districtId: 'd',
      subDistrictId: 's',
      zoneId: 'z',
      registeredAt: '2030-01-01T00:00:00Z',
    };
    const req = (startsAt: string, endsAt: string) => ({ bookingId: 'b1', startsAt, endsAt, purpose: 'p', organizationId: null, activityId: null });
    expect(decideBooking(null, room, 'r1', req('2030-03-12T01:00:00Z', '2030-03-12T02:00:00Z'), now).roomId).toBe('r1');
    expect(codeOf(() => decideBooking(null, room, 'r1', req('2030-03-12T01:10:00Z', '2030-03-12T02:00:00Z'), now))).toBe('NOT_ON_SLOT_BOUNDARY');
    expect(codeOf(() => decideBooking(null, room, 'r1', req('2030-03-12T00:00:00Z', '2030-03-12T01:00:00Z'), now))).toBe('OUTSIDE_OPENING_HOURS'); // 08:00 local
    expect(codeOf(() => decideBooking(null, room, 'r1', req('2030-03-16T01:00:00Z', '2030-03-16T02:00:00Z'), now))).toBe('OUTSIDE_OPENING_HOURS'); // Saturday
    expect(codeOf(() => decideBooking(null, room, 'r1', req('2030-03-10T01:00:00Z', '2030-03-10T02:00:00Z'), now))).toBe('BOOKING_IN_PAST');
    expect(slotsOf('2030-03-12T01:00:00.000Z', '2030-03-12T02:00:00.000Z')).toEqual(['2030-03-12T01:00:00.000Z', '2030-03-12T01:30:00.000Z']);
    // An activity held in the room takes every slot it touches, under the same opening hours; past times stay allowed (补录).
    expect(decideRoomReservation(room, 'r1', '2030-03-12T01:15:00Z', '2030-03-12T02:10:00Z').slots).toEqual([
      '2030-03-12T01:00:00.000Z',
      '2030-03-12T01:30:00.000Z',
      '2030-03-12T02:00:00.000Z',
    ]);
    expect(decideRoomReservation(room, 'r1', '2030-03-05T01:00:00Z', '2030-03-05T02:00:00Z').slots).toHaveLength(2);
    expect(codeOf(() => decideRoomReservation(room, 'r1', '2030-03-12T13:00:00Z', '2030-03-12T13:40:00Z'))).toBe('OUTSIDE_OPENING_HOURS'); // 21:00–21:40 local
    expect(codeOf(() => decideRoomReservation(null, 'r9', '2030-03-12T01:00:00Z', '2030-03-12T02:00:00Z'))).toBe('ROOM_NOT_FOUND');
  });

  it('reschedules an activity only before it starts, to a future time, and only when something changes', () => {
    const a = published();
    const move = { startsAt: '2030-03-13T01:00:00Z', endsAt: '2030-03-13T02:00:00Z', roomId: 'r1', venue: 'v' };
    const data = decideReschedule(a, 'a1', move, now);
    expect(data).toEqual({ activityId: 'a1', startsAt: '2030-03-13T01:00:00.000Z', endsAt: '2030-03-13T02:00:00.000Z', roomId: 'r1', venue: 'v' });
    expect(evolveActivity(a, env('activities.ActivityRescheduled.v1', data))).toMatchObject({ startsAt: data.startsAt, roomId: 'r1', status: 'PUBLISHED' });
    expect(codeOf(() => decideReschedule(a, 'a1', move, new Date('2030-03-12T01:00:00Z')))).toBe('ACTIVITY_STARTED');
    expect(codeOf(() => decideReschedule(a, 'a1', { ...move, startsAt: '2030-03-10T01:00:00Z', endsAt: '2030-03-10T02:00:00Z' }, now))).toBe('RESCHEDULED_INTO_PAST');
    expect(codeOf(() => decideReschedule(a, 'a1', { ...move, endsAt: move.startsAt }, now))).toBe('ENDS_BEFORE_START');
    expect(codeOf(() => decideReschedule(a, 'a1', { startsAt: a.startsAt, endsAt: a.endsAt, roomId: null, venue: 'v' }, now))).toBe('NOTHING_TO_RESCHEDULE');
    expect(codeOf(() => decideReschedule({ ...a, status: 'CANCELLED' }, 'a1', move, now))).toBe('ACTIVITY_STATE_CONFLICT');
  });

  it('turns points into stars and flags by the rules', () => {
    expect(pointsOf(DEFAULT_POINTS_RULES, { attended: 5, volunteerHours: 10.5, pledgesKept: 1 })).toEqual({ points: 25.5, stars: 2 });
    // Two members with 30 and 20 points: 15 attendances + 20 volunteer hours in the branch's counters.
    const branch = { attended: 15, volunteerHours: 20, pledgesKept: 0 };
    expect(branchFlagOf(DEFAULT_POINTS_RULES, branch, 2, 0)).toEqual({ averagePoints: 25, flag: true });
    expect(branchFlagOf(DEFAULT_POINTS_RULES, branch, 2, 1).flag).toBe(false);
    expect(branchFlagOf(DEFAULT_POINTS_RULES, branch, 3, 0)).toEqual({ averagePoints: 16.7, flag: false });
  });

  it('has an example valid against its schema for every activities event', () => {
    const mine = EVENT_CATALOGUE.filter((d) => d.context === 'activities');
    expect(mine.length).toBeGreaterThanOrEqual(25);
    for (const d of mine) expect(() => assertValidPayload(d.type, d.example)).not.toThrow();
  });
});
