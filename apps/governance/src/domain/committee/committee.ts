import type {
  CommitteeEstablishedData,
  CommitteeMeetingHeldData,
  CommitteeMeetingScheduledData,
  CommitteeMemberJoinedData,
  CommitteeMemberLeftData,
  CommitteeParty,
  EventEnvelope,
  ResolutionActionCompletedData,
  ResolutionActionPlan,
  ResolutionVotedData,
} from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { KnownZone, requireZone } from '../grid/grid';

export interface CommitteeMember {
  memberId: string;
  name: string;
  party: CommitteeParty;
  affiliation: string;
  title: string | null;
}

/** 共治委员会 */
export interface Committee {
  committeeId: string;
  name: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  members: CommitteeMember[];
  establishedAt: string;
}

export const MAX_COMMITTEE_MEMBERS = 200;

export function evolveCommittee(state: Committee | null, event: EventEnvelope): Committee {
  switch (event.type) {
    case 'governance.CommitteeEstablished.v1':
      return { ...(event.data as CommitteeEstablishedData), members: [], establishedAt: event.time };
    case 'governance.CommitteeMemberJoined.v1': {
      const s = requireState(state, event);
      const { committeeId: _, ...member } = event.data as CommitteeMemberJoinedData;
      return { ...s, members: [...s.members, member] };
    }
    case 'governance.CommitteeMemberLeft.v1': {
      const s = requireState(state, event);
      const { memberId } = event.data as CommitteeMemberLeftData;
      return { ...s, members: s.members.filter((m) => m.memberId !== memberId) };
    }
    default:
      throw new Error(`Committee cannot apply ${event.type}`);
  }
}

function requireState<S>(state: S | null, event: EventEnvelope): S {
  if (!state) throw new Error(`${event.type} before the aggregate's first event for ${event.subject}`);
  return state;
}

export function requireCommittee(committee: Committee | null, committeeId: string): Committee {
  if (!committee) throw new DomainError('not_found', 'COMMITTEE_NOT_FOUND', `共治委员会 ${committeeId} 不存在`, { committeeId });
  return committee;
}

export function decideCommittee(existing: Committee | null, zone: KnownZone | null, request: { committeeId: string; name: string; zoneId: string }): CommitteeEstablishedData {
  if (existing) throw new DomainError('conflict', 'COMMITTEE_EXISTS', `共治委员会 ${request.committeeId} 已存在`, { committeeId: request.committeeId });
  const z = requireZone(zone, request.zoneId);
  return { committeeId: request.committeeId, name: request.name.trim(), districtId: z.districtId, subDistrictId: z.subDistrictId, zoneId: z.zoneId };
}

export function decideMemberJoin(committee: Committee | null, request: CommitteeMemberJoinedData): CommitteeMemberJoinedData {
  const c = requireCommittee(committee, request.committeeId);
  if (c.members.some((m) => m.memberId === request.memberId)) {
    throw new DomainError('conflict', 'COMMITTEE_MEMBER_EXISTS', `成员 ${request.memberId} 已在共治委员会中`, { memberId: request.memberId });
  }
  if (c.members.length >= MAX_COMMITTEE_MEMBERS) throw new DomainError('invalid', 'COMMITTEE_FULL', `共治委员会最多 ${MAX_COMMITTEE_MEMBERS} 名成员`, {});
  return { ...request, name: request.name.trim(), affiliation: request.affiliation.trim(), title: request.title?.trim() || null };
}

export function decideMemberLeave(committee: Committee | null, committeeId: string, memberId: string): CommitteeMemberLeftData {
  const c = requireCommittee(committee, committeeId);
  if (!c.members.some((m) => m.memberId === memberId)) {
    throw new DomainError('not_found', 'COMMITTEE_MEMBER_NOT_FOUND', `成员 ${memberId} 不在共治委员会中`, { memberId });
  }
  return { committeeId, memberId };
}

/** 共治委员会会议 */
export interface CommitteeMeeting {
  meetingId: string;
  committeeId: string;
  title: string;
  agenda: string | null;
  scheduledAt: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  status: 'SCHEDULED' | 'HELD';
  heldAt: string | null;
  presentMemberIds: string[];
  absentMemberIds: string[];
  minutes: string | null;
}

export function evolveMeeting(state: CommitteeMeeting | null, event: EventEnvelope): CommitteeMeeting {
  switch (event.type) {
    case 'governance.CommitteeMeetingScheduled.v1':
      return { ...(event.data as CommitteeMeetingScheduledData), status: 'SCHEDULED', heldAt: null, presentMemberIds: [], absentMemberIds: [], minutes: null };
    case 'governance.CommitteeMeetingHeld.v1': {
      const { meetingId: _, ...held } = event.data as CommitteeMeetingHeldData;
      return { ...requireState(state, event), ...held, status: 'HELD' };
    }
    default:
      throw new Error(`CommitteeMeeting cannot apply ${event.type}`);
  }
}

export function decideMeeting(
  existing: CommitteeMeeting | null,
  committee: Committee | null,
  request: { meetingId: string; committeeId: string; title: string; agenda: string | null; scheduledAt: string },
): CommitteeMeetingScheduledData {
  if (existing) throw new DomainError('conflict', 'MEETING_EXISTS', `会议 ${request.meetingId} 已存在`, { meetingId: request.meetingId });
  const c = requireCommittee(committee, request.committeeId);
  return {
    meetingId: request.meetingId,
    committeeId: c.committeeId,
    title: request.title.trim(),
    agenda: request.agenda?.trim() || null,
    scheduledAt: new Date(request.scheduledAt).toISOString(),
    districtId: c.districtId,
    subDistrictId: c.subDistrictId,
    zoneId: c.zoneId,
  };
}

/** Attendance: who came; everyone else on the committee is recorded absent. */
export function decideMeetingHeld(
  meeting: CommitteeMeeting | null,
  committee: Committee | null,
  request: { meetingId: string; presentMemberIds: string[]; minutes: string | null },
  now: Date,
): CommitteeMeetingHeldData {
  if (!meeting) throw new DomainError('not_found', 'MEETING_NOT_FOUND', `会议 ${request.meetingId} 不存在`, { meetingId: request.meetingId });
  if (meeting.status === 'HELD') throw new DomainError('conflict', 'MEETING_ALREADY_HELD', `会议 ${request.meetingId} 已召开并记录了出席情况`, { meetingId: request.meetingId });
  const c = requireCommittee(committee, meeting.committeeId);
  const memberIds = new Set(c.members.map((m) => m.memberId));
  const strangers = request.presentMemberIds.filter((m) => !memberIds.has(m));
  if (strangers.length > 0) throw new DomainError('invalid', 'NOT_COMMITTEE_MEMBERS', `以下出席人员不是委员会成员：${strangers.join('、')}`, { memberIds: strangers });
  const present = [...new Set(request.presentMemberIds)];
  return {
    meetingId: meeting.meetingId,
    heldAt: now.toISOString(),
    presentMemberIds: present,
    absentMemberIds: [...memberIds].filter((m) => !present.includes(m)),
    minutes: request.minutes?.trim() || null,
  };
}

export interface ResolutionAction extends ResolutionActionPlan {
  done: boolean;
  outcome: string | null;
  completedAt: string | null;
}

/** 共治决议 with its follow-up actions 跟进事项. */
export interface Resolution {
  resolutionId: string;
  meetingId: string;
  committeeId: string;
  title: string;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  passed: boolean;
  actions: ResolutionAction[];
  actionsOpen: number;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

export function evolveResolution(state: Resolution | null, event: EventEnvelope): Resolution {
  switch (event.type) {
    case 'governance.ResolutionVoted.v1': {
      const d = event.data as ResolutionVotedData;
      return { ...d, actions: d.actions.map((a) => ({ ...a, done: false, outcome: null, completedAt: null })), actionsOpen: d.actions.length };
    }
    case 'governance.ResolutionActionCompleted.v1': {
      const s = requireState(state, event);
      const d = event.data as ResolutionActionCompletedData;
      const actions = s.actions.map((a) => (a.actionId === d.actionId ? { ...a, done: true, outcome: d.outcome, completedAt: d.completedAt } : a));
      return { ...s, actions, actionsOpen: actions.filter((a) => !a.done).length };
    }
    default:
      throw new Error(`Resolution cannot apply ${event.type}`);
  }
}

/** Votes are cast by the members present; a majority of the votes cast passes it. Only a passed resolution has follow-ups. */
export function decideResolution(
  existing: Resolution | null,
  meeting: CommitteeMeeting | null,
  request: { resolutionId: string; meetingId: string; title: string; votesFor: number; votesAgainst: number; abstentions: number; actions: ResolutionActionPlan[] },
): ResolutionVotedData {
  if (existing) throw new DomainError('conflict', 'RESOLUTION_EXISTS', `决议 ${request.resolutionId} 已存在`, { resolutionId: request.resolutionId });
  if (!meeting) throw new DomainError('not_found', 'MEETING_NOT_FOUND', `会议 ${request.meetingId} 不存在`, { meetingId: request.meetingId });
  if (meeting.status !== 'HELD') throw new DomainError('conflict', 'MEETING_NOT_HELD', '会议尚未召开（未记录出席情况），不能表决', { meetingId: request.meetingId });
  const cast = request.votesFor + request.votesAgainst + request.abstentions;
  if (cast > meeting.presentMemberIds.length) {
    throw new DomainError('invalid', 'TOO_MANY_VOTES', `票数合计 ${cast} 超过出席人数 ${meeting.presentMemberIds.length}`, { cast, present: meeting.presentMemberIds.length });
  }
  if (cast === 0) throw new DomainError('invalid', 'NO_VOTES', '至少需要一票', {});
  const passed = request.votesFor * 2 > cast;
  if (!passed && request.actions.length > 0) throw new DomainError('invalid', 'ACTIONS_FOR_FAILED_RESOLUTION', '未通过的决议不能安排跟进事项', {});
  const ids = request.actions.map((a) => a.actionId);
  if (new Set(ids).size !== ids.length) throw new DomainError('invalid', 'DUPLICATE_ACTION_ID', '跟进事项编号重复', {});
  return {
    resolutionId: request.resolutionId,
    meetingId: meeting.meetingId,
    committeeId: meeting.committeeId,
    title: request.title.trim(),
    votesFor: request.votesFor,
    votesAgainst: request.votesAgainst,
    abstentions: request.abstentions,
    passed,
    actions: request.actions.map((a) => ({ ...a, description: a.description.trim() })),
    districtId: meeting.districtId,
    subDistrictId: meeting.subDistrictId,
    zoneId: meeting.zoneId,
  };
}

export function decideActionCompleted(resolution: Resolution | null, request: { resolutionId: string; actionId: string; outcome: string }, now: Date): ResolutionActionCompletedData {
  if (!resolution) throw new DomainError('not_found', 'RESOLUTION_NOT_FOUND', `决议 ${request.resolutionId} 不存在`, { resolutionId: request.resolutionId });
  const action = resolution.actions.find((a) => a.actionId === request.actionId);
  if (!action) throw new DomainError('not_found', 'ACTION_NOT_FOUND', `跟进事项 ${request.actionId} 不存在`, { actionId: request.actionId });
  if (action.done) throw new DomainError('conflict', 'ACTION_ALREADY_DONE', `跟进事项 ${request.actionId} 已办结`, { actionId: request.actionId });
  return { resolutionId: resolution.resolutionId, actionId: request.actionId, outcome: request.outcome.trim(), completedAt: now.toISOString() };
}
