import type {
  ActivityCancelledData,
  ActivityKind,
  ActivityMinutesRecordedData,
  ActivityRescheduledData,
  ActivityScheduledData,
  CheckInCodeRotatedData,
  EventEnvelope,
  LeaveRequestedData,
  MemberCheckedInData,
  MemberCheckedOutData,
  MemberSignedUpData,
  SignUpWithdrawnData,
} from '@pb/contracts';
import { ORGANIZATION_LIFE_KINDS } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { HALF_HOUR_MS, HOUR_MS } from '../shared/time';

export type ActivityStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED';
/** 报名状态: signed up 已报名, waiting list 候补, on leave 请假, withdrawn 已取消. */
export type ParticipantStatus = 'REGISTERED' | 'WAITLISTED' | 'ON_LEAVE' | 'WITHDRAWN';

export interface Participant {
  memberId: string;
  organizationId: string;
  status: ParticipantStatus;
  walkIn: boolean;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  volunteerHours: number;
}

/** 活动: the aggregate's state as its events leave it. Participants live inside so capacity is checked against one version. */
export interface Activity extends ActivityScheduledData {
  status: ActivityStatus;
  cancelReason: string | null;
  minutes: string | null;
  minutesRecordedAt: string | null;
  checkInGeneration: number;
  /** In sign-up order; the waiting list is served first come, first served. */
  participants: Participant[];
  scheduledAt: string;
}

export const MAX_WAITING_LIST = 500;
/** Check-in opens this long before the start (members arrive early). */
export const CHECK_IN_OPENS_BEFORE_MS = 30 * 60_000;
export const MAX_ACTIVITY_LENGTH_MS = 72 * HOUR_MS;

const STATUS_ZH: Record<ActivityStatus, string> = { DRAFT: '草稿', PUBLISHED: '已发布', CANCELLED: '已取消' };
const NEXT_STEPS: Record<ActivityStatus, string> = {
  DRAFT: '可以发布或取消',
  PUBLISHED: '可以报名、签到、记录或取消',
  CANCELLED: '已取消的活动不能再操作',
};

export function evolveActivity(state: Activity | null, event: EventEnvelope): Activity {
  switch (event.type) {
    case 'activities.ActivityScheduled.v1': {
      const data = event.data as unknown as ActivityScheduledData;
      return { ...data, status: 'DRAFT', cancelReason: null, minutes: null, minutesRecordedAt: null, checkInGeneration: 1, participants: [], scheduledAt: event.time };
    }
    case 'activities.ActivityPublished.v1':
      return { ...need(state, event), status: 'PUBLISHED' };
    case 'activities.ActivityRescheduled.v1': {
      const { startsAt, endsAt, roomId, venue } = event.data as unknown as ActivityRescheduledData;
      return { ...need(state, event), startsAt, endsAt, roomId, venue };
    }
    case 'activities.ActivityCancelled.v1':
      return { ...need(state, event), status: 'CANCELLED', cancelReason: (event.data as unknown as ActivityCancelledData).reason };
    case 'activities.ActivityMinutesRecorded.v1':
      return { ...need(state, event), minutes: (event.data as unknown as ActivityMinutesRecordedData).minutes, minutesRecordedAt: event.time };
    case 'activities.CheckInCodeRotated.v1':
      return { ...need(state, event), checkInGeneration: (event.data as unknown as CheckInCodeRotatedData).generation };
    case 'activities.MemberSignedUp.v1': {
      const s = need(state, event);
      const d = event.data as unknown as MemberSignedUpData;
      const others = s.participants.filter((p) => p.memberId !== d.memberId);
      return {
        ...s,
        participants: [
          ...others,
          {
            memberId: d.memberId,
            organizationId: d.organizationId,
            status: d.waitlisted ? 'WAITLISTED' : 'REGISTERED',
            walkIn: false,
            checkedInAt: null,
            checkedOutAt: null,
            volunteerHours: 0,
          },
        ],
      };
    }
    case 'activities.SignUpWithdrawn.v1':
    case 'activities.LeaveRequested.v1': {
      const s = need(state, event);
      const d = event.data as unknown as SignUpWithdrawnData | LeaveRequestedData;
      const status: ParticipantStatus = event.type === 'activities.LeaveRequested.v1' ? 'ON_LEAVE' : 'WITHDRAWN';
      return {
        ...s,
        participants: s.participants.map((p) => (p.memberId === d.memberId ? { ...p, status } : p.memberId === d.promotedMemberId ? { ...p, status: 'REGISTERED' } : p)),
      };
    }
    case 'activities.MemberCheckedIn.v1': {
      const s = need(state, event);
      const d = event.data as unknown as MemberCheckedInData;
      const existing = s.participants.find((p) => p.memberId === d.memberId);
      const entry: Participant = {
        memberId: d.memberId,
        organizationId: existing?.organizationId ?? d.organizationId,
        status: 'REGISTERED',
        walkIn: d.walkIn,
        checkedInAt: d.checkedInAt,
        checkedOutAt: null,
        volunteerHours: 0,
      };
      return { ...s, participants: existing ? s.participants.map((p) => (p.memberId === d.memberId ? entry : p)) : [...s.participants, entry] };
    }
    case 'activities.MemberCheckedOut.v1': {
      const s = need(state, event);
      const d = event.data as unknown as MemberCheckedOutData;
      return {
        ...s,
        participants: s.participants.map((p) => (p.memberId === d.memberId ? { ...p, checkedOutAt: d.checkedOutAt, volunteerHours: d.volunteerHours } : p)),
      };
    }
    default:
      throw new Error(`Activity cannot apply ${event.type}`);
  }
}

function need(state: Activity | null, event: EventEnvelope): Activity {
  if (!state) throw new Error(`${event.type} before ActivityScheduled for ${event.subject}`);
  return state;
}

export function isOrganizationLife(kind: ActivityKind): boolean {
  return (ORGANIZATION_LIFE_KINDS as readonly string[]).includes(kind);
}

export function seatsTaken(activity: Activity): number {
  return activity.participants.filter((p) => p.status === 'REGISTERED').length;
}

function requireActivity(activity: Activity | null, activityId: string): Activity {
  if (!activity) throw new DomainError('not_found', 'ACTIVITY_NOT_FOUND', `活动 ${activityId} 不存在`, { activityId });
  return activity;
}

function requireStatus(activity: Activity, allowed: ActivityStatus[], action: string): void {
  if (!allowed.includes(activity.status)) {
    throw new DomainError('conflict', 'ACTIVITY_STATE_CONFLICT', `活动当前状态为“${STATUS_ZH[activity.status]}”，不能${action}；${NEXT_STEPS[activity.status]}`, {
      activityId: activity.activityId,
      status: activity.status,
      allowed,
    });
  }
}

/** What the application learned about the organizers from membership's events. */
export interface KnownOrganization {
  organizationId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  /** 撤销 or merged away: hosts nothing new. */
  dissolved?: boolean;
}

export interface ScheduleRequest {
  activityId: string;
  kind: ActivityKind;
  title: string;
  organizerIds: string[];
  venue: string;
  roomId: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  agenda: string[];
}

/**
 * An activity is drafted once by known organizers; an alliance activity 活动共办 has two or more.
 * It takes the host's (first organizer's) jurisdiction. Past times are allowed: records are often entered afterwards 补录.
 */
export function decideSchedule(existing: Activity | null, organizers: (KnownOrganization | null)[], request: ScheduleRequest): ActivityScheduledData {
  if (existing) throw new DomainError('conflict', 'ACTIVITY_EXISTS', `活动 ${request.activityId} 已存在`, { activityId: request.activityId });
  if (new Set(request.organizerIds).size !== request.organizerIds.length) {
    throw new DomainError('invalid', 'DUPLICATE_ORGANIZER', 'organizerIds 中有重复的组织', { organizerIds: request.organizerIds });
  }
  const unknown = request.organizerIds.filter((_, i) => !organizers[i]);
  if (unknown.length > 0) {
    throw new DomainError('invalid', 'ORGANIZER_UNKNOWN', `主办组织 ${unknown.join('、')} 不存在（或尚未同步）`, { organizerIds: unknown });
  }
  const dissolved = request.organizerIds.filter((_, i) => organizers[i]!.dissolved);
  if (dissolved.length > 0) {
    throw new DomainError('invalid', 'ORGANIZER_DISSOLVED', `organizerIds：党组织 ${dissolved.join('、')} 已撤销或已合并，不能主办新活动`, { organizerIds: dissolved });
  }
  if (request.kind === 'ALLIANCE_ACTIVITY' && request.organizerIds.length < 2) {
    throw new DomainError('invalid', 'ALLIANCE_NEEDS_CO_HOSTS', '联盟共办活动至少需要两个主办组织', { organizerIds: request.organizerIds });
  }
  const start = Date.parse(request.startsAt);
  const end = Date.parse(request.endsAt);
  if (!(end > start)) throw new DomainError('invalid', 'ENDS_BEFORE_START', 'endsAt 必须晚于 startsAt', { startsAt: request.startsAt, endsAt: request.endsAt });
  if (end - start > MAX_ACTIVITY_LENGTH_MS) throw new DomainError('invalid', 'ACTIVITY_TOO_LONG', '活动时长不能超过 72 小时', {});
  const host = organizers[0]!;
  return {
    ...request,
    title: request.title.trim(),
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(end).toISOString(),
    districtId: host.districtId,
    subDistrictId: host.subDistrictId,
    zoneId: host.zoneId,
  };
}

/** A draft is published only while every organizer stands: a dissolved or merged one hosts nothing new. */
export function decidePublish(activity: Activity | null, activityId: string, dissolvedOrganizerIds: string[] = []): { activityId: string } {
  const a = requireActivity(activity, activityId);
  requireStatus(a, ['DRAFT'], '发布');
  if (dissolvedOrganizerIds.length > 0) {
    throw new DomainError('conflict', 'ORGANIZER_DISSOLVED', `主办组织 ${dissolvedOrganizerIds.join('、')} 已撤销或已合并，活动不能发布`, { organizerIds: dissolvedOrganizerIds });
  }
  return { activityId };
}

export function decideCancel(activity: Activity | null, activityId: string, reason: string, now: Date): ActivityCancelledData {
  const a = requireActivity(activity, activityId);
  requireStatus(a, ['DRAFT', 'PUBLISHED'], '取消');
  if (a.minutes !== null) throw new DomainError('conflict', 'ACTIVITY_ALREADY_HELD', '活动已记录纪要（已开展），不能取消', { activityId });
  if (Date.parse(a.endsAt) <= now.getTime()) throw new DomainError('conflict', 'ACTIVITY_ENDED', '活动已结束，不能取消', { activityId, endsAt: a.endsAt });
  return { activityId, reason: reason.trim() };
}

export interface RescheduleRequest {
  startsAt: string;
  endsAt: string;
  roomId: string | null;
  venue: string;
}

/**
 * 活动改期: a draft or published activity that has not started (and has no minutes) moves to a
 * new time, venue or room. Whether the new room slots are free is settled by the slot claims.
 */
export function decideReschedule(activity: Activity | null, activityId: string, request: RescheduleRequest, now: Date): ActivityRescheduledData {
  const a = requireActivity(activity, activityId);
  requireStatus(a, ['DRAFT', 'PUBLISHED'], '改期');
  if (a.minutes !== null) throw new DomainError('conflict', 'ACTIVITY_ALREADY_HELD', '活动已记录纪要（已开展），不能改期', { activityId });
  if (Date.parse(a.startsAt) <= now.getTime()) throw new DomainError('conflict', 'ACTIVITY_STARTED', '活动已开始，不能改期', { activityId, startsAt: a.startsAt });
  const start = Date.parse(request.startsAt);
  const end = Date.parse(request.endsAt);
  if (!(end > start)) throw new DomainError('invalid', 'ENDS_BEFORE_START', 'endsAt 必须晚于 startsAt', { startsAt: request.startsAt, endsAt: request.endsAt });
  if (end - start > MAX_ACTIVITY_LENGTH_MS) throw new DomainError('invalid', 'ACTIVITY_TOO_LONG', '活动时长不能超过 72 小时', {});
  if (start < now.getTime()) throw new DomainError('invalid', 'RESCHEDULED_INTO_PAST', 'startsAt 不能早于当前时间', { startsAt: request.startsAt });
  const next = { startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString(), roomId: request.roomId, venue: request.venue.trim() };
  if (next.startsAt === a.startsAt && next.endsAt === a.endsAt && next.roomId === a.roomId && next.venue === a.venue) {
    throw new DomainError('conflict', 'NOTHING_TO_RESCHEDULE', '新的时间、地点和功能室与原安排相同', { activityId });
  }
  return { activityId, ...next };
}

export function decideMinutes(activity: Activity | null, activityId: string, minutes: string, now: Date): ActivityMinutesRecordedData {
  const a = requireActivity(activity, activityId);
  requireStatus(a, ['PUBLISHED'], '记录纪要');
  if (Date.parse(a.startsAt) > now.getTime()) throw new DomainError('conflict', 'ACTIVITY_NOT_STARTED', '活动尚未开始，不能记录纪要', { activityId, startsAt: a.startsAt });
  if (a.minutes !== null) throw new DomainError('conflict', 'MINUTES_ALREADY_RECORDED', '该活动已记录纪要', { activityId });
  return { activityId, minutes: minutes.trim() };
}

export function decideRotateCode(activity: Activity | null, activityId: string): CheckInCodeRotatedData {
  const a = requireActivity(activity, activityId);
  requireStatus(a, ['DRAFT', 'PUBLISHED'], '更换签到码');
  return { activityId, generation: a.checkInGeneration + 1 };
}

/** The member as the local view knows them: their organization and any organization they checked in with as a floating member. */
export interface KnownMember {
  memberId: string;
  organizationId: string;
  floatingOrganizationId: string | null;
}

/** 三会一课 are the organizers' own business: only their members (including floating members checked in with them) take part. */
function assertMayTakePart(a: Activity, member: KnownMember): void {
  if (!isOrganizationLife(a.kind)) return;
  const belongs = a.organizerIds.includes(member.organizationId) || (member.floatingOrganizationId !== null && a.organizerIds.includes(member.floatingOrganizationId));
  if (!belongs) {
    throw new DomainError('invalid', 'NOT_A_MEMBER_OF_ORGANIZER', '三会一课只能由主办党组织的党员参加', { memberId: member.memberId, organizerIds: a.organizerIds });
  }
}

function attendingOrganization(a: Activity, member: KnownMember): string {
  return member.floatingOrganizationId && a.organizerIds.includes(member.floatingOrganizationId) ? member.floatingOrganizationId : member.organizationId;
}

/** Sign-up closes when the activity starts; past the seats a member joins the waiting list 候补, which is bounded. */
export function decideSignUp(activity: Activity | null, activityId: string, member: KnownMember, now: Date): MemberSignedUpData {
  const a = requireActivity(activity, activityId);
  requireStatus(a, ['PUBLISHED'], '报名');
  if (Date.parse(a.startsAt) <= now.getTime()) throw new DomainError('conflict', 'SIGN_UP_CLOSED', '活动已开始，报名已截止', { activityId, startsAt: a.startsAt });
  assertMayTakePart(a, member);
  const current = a.participants.find((p) => p.memberId === member.memberId);
  if (current && (current.status === 'REGISTERED' || current.status === 'WAITLISTED')) {
    throw new DomainError('conflict', 'ALREADY_SIGNED_UP', current.status === 'REGISTERED' ? '该党员已报名' : '该党员已在候补名单中', {
      activityId,
      memberId: member.memberId,
      status: current.status,
    });
  }
  const waitlisted = a.capacity !== null && seatsTaken(a) >= a.capacity;
  if (waitlisted && a.participants.filter((p) => p.status === 'WAITLISTED').length >= MAX_WAITING_LIST) {
    throw new DomainError('conflict', 'WAITING_LIST_FULL', `名额已满且候补名单已达 ${MAX_WAITING_LIST} 人`, { activityId });
  }
  return { activityId, memberId: member.memberId, organizationId: attendingOrganization(a, member), waitlisted };
}

function firstWaiting(a: Activity, freesSeat: boolean): string | null {
  if (!freesSeat) return null;
  return a.participants.find((p) => p.status === 'WAITLISTED')?.memberId ?? null;
}

function requireSignedUp(a: Activity, memberId: string) {
  const p = a.participants.find((x) => x.memberId === memberId);
  if (!p || (p.status !== 'REGISTERED' && p.status !== 'WAITLISTED')) {
    throw new DomainError('conflict', 'NOT_SIGNED_UP', '该党员未报名此活动（或已取消、已请假）', { activityId: a.activityId, memberId });
  }
  if (p.checkedInAt) throw new DomainError('conflict', 'ALREADY_CHECKED_IN', '该党员已签到，不能再取消报名或请假', { activityId: a.activityId, memberId });
  return p;
}

/** Withdrawing frees a seat for the first member on the waiting list, in the same event. */
export function decideWithdraw(activity: Activity | null, activityId: string, memberId: string, now: Date): SignUpWithdrawnData {
  const a = requireActivity(activity, activityId);
  requireStatus(a, ['PUBLISHED'], '取消报名');
  if (Date.parse(a.startsAt) <= now.getTime()) throw new DomainError('conflict', 'ACTIVITY_STARTED', '活动已开始，不能取消报名，请改为请假', { activityId });
  const p = requireSignedUp(a, memberId);
  return { activityId, memberId, promotedMemberId: firstWaiting(a, p.status === 'REGISTERED') };
}

/** Leave 请假 may be asked until the activity ends; it counts as an excused absence. */
export function decideLeave(activity: Activity | null, activityId: string, memberId: string, reason: string, now: Date): LeaveRequestedData {
  const a = requireActivity(activity, activityId);
  requireStatus(a, ['PUBLISHED'], '请假');
  if (Date.parse(a.endsAt) <= now.getTime()) throw new DomainError('conflict', 'ACTIVITY_ENDED', '活动已结束，不能请假', { activityId });
  const p = requireSignedUp(a, memberId);
  const beforeStart = Date.parse(a.startsAt) > now.getTime();
  return { activityId, memberId, reason: reason.trim(), promotedMemberId: firstWaiting(a, p.status === 'REGISTERED' && beforeStart) };
}

/**
 * Check-in by the activity's current code, from 30 minutes before the start until the end.
 * A second check-in is a 409 (not a silent success) so a shared or replayed code shows up.
 * A member who did not sign up takes a free seat at the door (walk-in); a waiting member must wait.
 * `at` may lie in the past (a secretary recording attendance afterwards) but never in the future.
 */
export function decideCheckIn(activity: Activity | null, activityId: string, member: KnownMember, codeMatches: boolean, at: Date, now: Date): MemberCheckedInData {
  const a = requireActivity(activity, activityId);
  requireStatus(a, ['PUBLISHED'], '签到');
  if (!codeMatches) throw new DomainError('invalid', 'WRONG_CHECK_IN_CODE', '签到码不正确或已更换', { activityId });
  if (at.getTime() > now.getTime()) throw new DomainError('invalid', 'CHECK_IN_IN_FUTURE', '签到时间不能晚于当前时间', { activityId });
  const opens = Date.parse(a.startsAt) - CHECK_IN_OPENS_BEFORE_MS;
  if (at.getTime() < opens || at.getTime() > Date.parse(a.endsAt)) {
    throw new DomainError('conflict', 'CHECK_IN_NOT_OPEN', '不在签到时间内（活动开始前 30 分钟至活动结束）', { activityId, startsAt: a.startsAt, endsAt: a.endsAt });
  }
  assertMayTakePart(a, member);
  const p = a.participants.find((x) => x.memberId === member.memberId);
  if (p?.checkedInAt) {
    throw new DomainError('conflict', 'ALREADY_CHECKED_IN', '该党员已签到', { activityId, memberId: member.memberId, checkedInAt: p.checkedInAt });
  }
  if (p?.status === 'WAITLISTED') throw new DomainError('conflict', 'ON_WAITING_LIST', '该党员在候补名单中，尚无名额', { activityId, memberId: member.memberId });
  const walkIn = !p || p.status !== 'REGISTERED';
  if (walkIn && a.capacity !== null && seatsTaken(a) >= a.capacity) {
    throw new DomainError('conflict', 'ACTIVITY_FULL', '名额已满，不能现场签到', { activityId, capacity: a.capacity });
  }
  return { activityId, memberId: member.memberId, organizationId: p?.organizationId ?? attendingOrganization(a, member), checkedInAt: at.toISOString(), walkIn };
}

/**
 * 志愿时长折算规则 (volunteer-hour rounding): the time between check-in and check-out is
 * rounded DOWN to the nearest half hour, at least 0.5 h for anyone who checked in and out,
 * and at most the activity's scheduled length plus 1 h (itself rounded down to the half hour),
 * so a forgotten check-out cannot inflate the ledger. Other kinds of activity credit 0 h.
 */
export function volunteerHours(kind: ActivityKind, startsAt: string, endsAt: string, checkedInAt: string, checkedOutAt: string): number {
  if (kind !== 'VOLUNTEER_SERVICE') return 0;
  const served = Date.parse(checkedOutAt) - Date.parse(checkedInAt);
  const halves = Math.max(1, Math.floor(served / HALF_HOUR_MS));
  const capHalves = Math.floor((Date.parse(endsAt) - Date.parse(startsAt) + HOUR_MS) / HALF_HOUR_MS);
  return Math.min(halves, capHalves) / 2;
}

export function decideCheckOut(activity: Activity | null, activityId: string, memberId: string, at: Date, now: Date): MemberCheckedOutData {
  const a = requireActivity(activity, activityId);
  requireStatus(a, ['PUBLISHED'], '签退');
  const p = a.participants.find((x) => x.memberId === memberId);
  if (!p?.checkedInAt) throw new DomainError('conflict', 'NOT_CHECKED_IN', '该党员尚未签到，不能签退', { activityId, memberId });
  if (p.checkedOutAt) throw new DomainError('conflict', 'ALREADY_CHECKED_OUT', '该党员已签退', { activityId, memberId, checkedOutAt: p.checkedOutAt });
  if (at.getTime() > now.getTime()) throw new DomainError('invalid', 'CHECK_OUT_IN_FUTURE', '签退时间不能晚于当前时间', { activityId });
  if (at.getTime() < Date.parse(p.checkedInAt)) throw new DomainError('invalid', 'CHECK_OUT_BEFORE_CHECK_IN', '签退时间不能早于签到时间', { activityId });
  const checkedOutAt = at.toISOString();
  return { activityId, memberId, checkedOutAt, volunteerHours: volunteerHours(a.kind, a.startsAt, a.endsAt, p.checkedInAt, checkedOutAt) };
}

/** 出勤: attended / expected, where expected counts everyone holding a seat plus those on leave. */
export function attendanceOf(activity: Pick<Activity, 'participants'>): { expected: number; attended: number; onLeave: number; waitlisted: number; rate: number | null } {
  const expected = activity.participants.filter((p) => p.status === 'REGISTERED' || p.status === 'ON_LEAVE').length;
  const attended = activity.participants.filter((p) => p.checkedInAt !== null).length;
  const onLeave = activity.participants.filter((p) => p.status === 'ON_LEAVE').length;
  const waitlisted = activity.participants.filter((p) => p.status === 'WAITLISTED').length;
  return { expected, attended, onLeave, waitlisted, rate: expected === 0 ? null : Math.round((attended / expected) * 1000) / 1000 };
}
