import {
  ActivityCancelled,
  ActivityPublished,
  ActivityRescheduled,
  ActivityScheduled,
  CaseAccepted,
  CaseClosed,
  CaseDispatched,
  CaseEscalated,
  CaseHandled,
  CaseHeld,
  CaseMarkedDuplicate,
  CaseRejected,
  CaseReported,
  CaseResumed,
  CaseReturned,
  CaseReworkRequested,
  IdentityDeclarationConcluded,
  IdentityDeclarationRejected,
  IdentityDeclarationVerified,
  IdentityDeclared,
  LeaveRequested,
  MemberSignedUp,
  MembershipEnded,
  MemberTransferApproved,
  MemberTransferCancelled,
  MemberTransferCompleted,
  MemberTransferRequested,
  MemberTransferResubmitted,
  MemberTransferReturned,
  OrganizationDissolved,
  OrganizationMerged,
  OrganizationRegistered,
  OrganizationTermEnding,
  OrganizationTermStarted,
  ServiceRequestClosed,
  ServiceRequestEscalated,
  ServiceRequestEscalatedV2,
  ServiceRequestFirstContacted,
  ServiceRequestInterimReplied,
  scrubText,
  ServiceRequestSubmitted,
  SignUpWithdrawn,
  VolunteerHoursApproved,
  VolunteerHoursRejected,
  VolunteerHoursReported,
  type ActivityKind,
  type ActivityRescheduledData,
  type ActivityScheduledData,
  type CaseAssignee,
  type CaseDispatchedData,
  type CaseEscalatedData,
  type CaseReportedData,
  type CaseResumedData,
  type Department,
  type EventEnvelope,
  type IdentityDeclaredData,
  type LeaveRequestedData,
  type MemberSignedUpData,
  type MemberTransferRequestedData,
  type OrganizationRegisteredData,
  type OrganizationTermEndingData,
  type OrganizationTermStartedData,
  type ServiceRequestEscalatedV2Data,
  type ServiceRequestSubmittedData,
  type SignUpWithdrawnData,
  type VolunteerHoursReportedData,
} from '@pb/contracts';
import { nextReminderOf } from './deadlines';
import type { Audience } from './notification';

/*
 * 记录上下文: what the rules remember about one aggregate (keyed by the event's subject) so that a
 * later event, which carries only its own change, can still be addressed: who reported a case, whom
 * it was dispatched to, the enterprise of a request, who signed up for an activity... Only ids,
 * times and states: never a name, phone or ID number (the store keeps contexts for a long time).
 */

interface ContextBase {
  /** The last aggregate version applied: a redelivered or replayed event at or below it changes nothing. */
  version: number;
  /** When `dueReminders` next has something to do for this record (ISO time), or null. */
  nextReminderAt: string | null;
  districtId: string;
  subDistrictId: string | null;
  zoneId: string | null;
  /** Reminder stages already sent (each stage once); bounded, see `rememberStage`. */
  remindedStages: string[];
}

/** 案件: the closed loop, from report to closure. */
export interface CaseContext extends ContextBase {
  type: 'Case';
  caseId: string;
  /** The user who reported it (the CaseReported envelope's actorid). */
  reporterUserId: string;
  /** The grid worker responsible (verifies the handling), when the report named one. */
  workerId: string | null;
  /** Who brought it: GRID_WORKER when the worker reported what they found themself (so cannot verify it). */
  source: CaseReportedData['source'];
  /** The user who last dispatched it: a returned case goes back to them. */
  dispatcherUserId: string | null;
  assignee: CaseAssignee | null;
  /** The assignee has handled it and the grid worker's verification is awaited. */
  handled: boolean;
  /** The escalation desk audience the case last went to (督办到本级). */
  escalatedTo: Audience | null;
  reportedAt: string;
  acceptedAt: string | null;
  dueAt: string;
  state: 'OPEN' | 'ON_HOLD' | 'ENDED';
}

/** 企业诉求. */
export interface ServiceRequestContext extends ContextBase {
  type: 'ServiceRequest';
  requestId: string;
  creditCode: string;
  department: Department;
  submittedAt: string;
  firstContactDue: string;
  interimReplyDue: string;
  closureDue: string;
  firstContacted: boolean;
  interimReplied: boolean;
  closed: boolean;
  escalatedTo: Audience | null;
}

/** 活动, with who is signed up (bounded: see MAX_PARTICIPANTS). */
export interface ActivityContext extends ContextBase {
  type: 'Activity';
  activityId: string;
  kind: ActivityKind;
  /** The title the organizers gave it; members who signed up see it. */
  title: string;
  organizerIds: string[];
  startsAt: string;
  status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED';
  /** Members holding a seat (报名成功). */
  signedUp: string[];
  /** Members on the waiting list (候补), in order. */
  waitlist: string[];
}

/** 组织关系转接, in the member's stream: at most one open transfer. */
export interface MemberContext extends ContextBase {
  type: 'Member';
  memberId: string;
  /** The open transfer; null once it completed or was withdrawn (the context stays, for its version). */
  transfer: {
    transferId: string;
    fromOrganizationId: string;
    toOrganizationId: string;
    /** The receiving side's jurisdiction: its to-dos belong there. */
    toDistrictId: string;
    toZoneId: string | null;
    status: 'REQUESTED' | 'RETURNED' | 'APPROVED';
  } | null;
}

/** 亮身份登记: the organization that verifies it. */
export interface IdentityDeclarationContext extends ContextBase {
  type: 'IdentityDeclaration';
  declarationId: string;
  organizationId: string;
  status: 'DECLARED' | 'VERIFIED' | 'ENDED';
}

/** 志愿时长申报: the organization that approves it and the member who claimed it. */
export interface VolunteerClaimContext extends ContextBase {
  type: 'VolunteerHoursClaim';
  claimId: string;
  memberId: string;
  organizationId: string;
  decided: boolean;
}

/** 党组织: its term (换届). */
export interface OrganizationContext extends ContextBase {
  type: 'Organization';
  organizationId: string;
  termNumber: number | null;
  termEnd: string | null;
  ended: boolean;
}

export type RecordContext = CaseContext | ServiceRequestContext | ActivityContext | MemberContext | IdentityDeclarationContext | VolunteerClaimContext | OrganizationContext;

/** Seats and waiting list kept per activity: beyond it, later sign-ups get no reminder (an activity of thousands is a broadcast, not a meeting). */
export const MAX_PARTICIPANTS = 2000;
/** Organizers kept per activity (alliance activities have a handful). */
export const MAX_ORGANIZERS = 20;
/** Reminder stages remembered per record: the oldest drop out first (stages are keyed by deadline, so an old one never comes back). */
export const MAX_STAGES = 20;

type Data = Record<string, unknown>;
const is = (event: EventEnvelope, ...definitions: { type: string }[]) => definitions.some((d) => d.type === event.type);

/** The desk audience of an escalation level (no desk below the sub-district). */
export function deskOf(level: string, jurisdictionId: string): Audience | null {
  if (level === 'SUB_DISTRICT') return `desk:SUB_DISTRICT:${jurisdictionId}`;
  if (level === 'DISTRICT') return `desk:DISTRICT:${jurisdictionId}`;
  if (level === 'CITY') return 'desk:CITY';
  return null;
}

function base(event: EventEnvelope, data: { districtId?: string; subDistrictId?: string | null; zoneId?: string | null }) {
  return {
    version: event.aggregateversion,
    nextReminderAt: null,
    districtId: data.districtId ?? event.districtid,
    subDistrictId: data.subDistrictId ?? null,
    zoneId: data.zoneId ?? (event.zoneid || null),
    remindedStages: [] as string[],
  };
}

const without = (list: string[], id: string | null | undefined) => (id ? list.filter((x) => x !== id) : list);
const withBounded = (list: string[], id: string, max: number) => (list.includes(id) || list.length >= max ? list : [...list, id]);

/**
 * The context after one event. Pure; null when the record holds nothing the rules need (or the
 * first event seen is not one that opens a context). Events at or below `version` are ignored, so
 * a redelivery or a replay does not apply twice.
 */
export function evolveContext(context: RecordContext | null, event: EventEnvelope): RecordContext | null {
  if (context && event.aggregateversion <= context.version) return context;
  const next = evolve(context, event);
  if (!next) return null;
  const evolved = { ...next, version: Math.max(event.aggregateversion, context?.version ?? 0) } as RecordContext;
  return { ...evolved, nextReminderAt: nextReminderOf(evolved) };
}

function evolve(context: RecordContext | null, event: EventEnvelope): RecordContext | null {
  const data = event.data as Data;
  switch (event.aggregatetype) {
    case 'Case':
      return evolveCase(context?.type === 'Case' ? context : null, event);
    case 'ServiceRequest':
      return evolveRequest(context?.type === 'ServiceRequest' ? context : null, event);
    case 'Activity':
      return evolveActivity(context?.type === 'Activity' ? context : null, event);
    case 'Member':
      return evolveMember(context?.type === 'Member' ? context : null, event);
    case 'IdentityDeclaration':
      return evolveDeclaration(context?.type === 'IdentityDeclaration' ? context : null, event);
    case 'VolunteerHoursClaim':
      if (is(event, VolunteerHoursReported)) {
        const d = data as unknown as VolunteerHoursReportedData;
        return { type: 'VolunteerHoursClaim', ...base(event, d), claimId: d.claimId, memberId: d.memberId, organizationId: d.organizationId, decided: false };
      }
      // Approved or rejected: kept (small) so that a redelivered report does not reopen it.
      return context?.type === 'VolunteerHoursClaim' && is(event, VolunteerHoursApproved, VolunteerHoursRejected) ? { ...context, decided: true } : context;
    case 'Organization':
      return evolveOrganization(context?.type === 'Organization' ? context : null, event);
    default:
      return context;
  }
}

function evolveCase(context: CaseContext | null, event: EventEnvelope): CaseContext | null {
  if (is(event, CaseReported)) {
    const d = event.data as CaseReportedData;
    return {
      type: 'Case',
      ...base(event, d),
      caseId: d.caseId,
      reporterUserId: event.actorid,
      workerId: d.workerId,
      source: d.source,
      dispatcherUserId: null,
      assignee: null,
      handled: false,
      escalatedTo: null,
      reportedAt: d.at,
      acceptedAt: null,
      dueAt: d.dueAt,
      state: 'OPEN',
    };
  }
  if (!context) return null;
  if (is(event, CaseAccepted)) return { ...context, acceptedAt: (event.data as { at: string }).at };
  if (is(event, CaseDispatched)) return { ...context, assignee: (event.data as CaseDispatchedData).assignee, dispatcherUserId: event.actorid, handled: false };
  if (is(event, CaseReturned)) return { ...context, assignee: null, handled: false };
  if (is(event, CaseReworkRequested)) return { ...context, handled: false };
  if (is(event, CaseHandled)) return { ...context, handled: true };
  if (is(event, CaseEscalated)) {
    const d = event.data as CaseEscalatedData;
    return { ...context, escalatedTo: deskOf(d.toLevel, d.toJurisdictionId) ?? context.escalatedTo };
  }
  if (is(event, CaseHeld)) return { ...context, state: 'ON_HOLD' };
  if (is(event, CaseResumed)) return { ...context, state: 'OPEN', dueAt: (event.data as CaseResumedData).dueAt };
  // The loop has ended: keep the context (a rating or a late event may still name the case) but remind no more.
  if (is(event, CaseClosed, CaseRejected, CaseMarkedDuplicate)) return { ...context, state: 'ENDED' };
  return context;
}

function evolveRequest(context: ServiceRequestContext | null, event: EventEnvelope): ServiceRequestContext | null {
  if (is(event, ServiceRequestSubmitted)) {
    const d = event.data as ServiceRequestSubmittedData;
    return {
      type: 'ServiceRequest',
      ...base(event, d),
      requestId: d.requestId,
      creditCode: d.creditCode,
      department: d.department,
      submittedAt: d.submittedAt,
      firstContactDue: d.firstContactDue,
      interimReplyDue: d.interimReplyDue,
      closureDue: d.closureDue,
      firstContacted: false,
      interimReplied: false,
      closed: false,
      escalatedTo: null,
    };
  }
  if (!context) return null;
  if (is(event, ServiceRequestFirstContacted)) return { ...context, firstContacted: true };
  if (is(event, ServiceRequestInterimReplied)) return { ...context, interimReplied: true };
  if (is(event, ServiceRequestClosed)) return { ...context, closed: true };
  if (is(event, ServiceRequestEscalatedV2)) {
    const d = event.data as ServiceRequestEscalatedV2Data;
    return { ...context, escalatedTo: deskOf(d.toLevel, d.toJurisdictionId) ?? context.escalatedTo };
  }
  if (is(event, ServiceRequestEscalated)) return { ...context, escalatedTo: deskOf('DISTRICT', context.districtId) };
  return context;
}

function evolveActivity(context: ActivityContext | null, event: EventEnvelope): ActivityContext | null {
  if (is(event, ActivityScheduled)) {
    const d = event.data as ActivityScheduledData;
    return {
      type: 'Activity',
      ...base(event, d),
      activityId: d.activityId,
      kind: d.kind,
      // Scrubbed: a contact number typed into a title is not worth keeping.
      title: scrubText(d.title).slice(0, 100),
      organizerIds: d.organizerIds.slice(0, MAX_ORGANIZERS),
      startsAt: d.startsAt,
      status: 'DRAFT',
      signedUp: [],
      waitlist: [],
    };
  }
  if (!context) return null;
  if (is(event, ActivityPublished)) return { ...context, status: 'PUBLISHED' };
  if (is(event, ActivityCancelled)) return { ...context, status: 'CANCELLED' };
  if (is(event, ActivityRescheduled)) return { ...context, startsAt: (event.data as ActivityRescheduledData).startsAt };
  if (is(event, MemberSignedUp)) {
    const d = event.data as MemberSignedUpData;
    return d.waitlisted
      ? { ...context, waitlist: withBounded(context.waitlist, d.memberId, MAX_PARTICIPANTS) }
      : { ...context, signedUp: withBounded(context.signedUp, d.memberId, MAX_PARTICIPANTS) };
  }
  if (is(event, SignUpWithdrawn, LeaveRequested)) {
    const d = event.data as SignUpWithdrawnData | LeaveRequestedData;
    const signedUp = without(context.signedUp, d.memberId);
    const waitlist = without(without(context.waitlist, d.memberId), d.promotedMemberId);
    return { ...context, signedUp: d.promotedMemberId ? withBounded(signedUp, d.promotedMemberId, MAX_PARTICIPANTS) : signedUp, waitlist };
  }
  return context;
}

function evolveMember(context: MemberContext | null, event: EventEnvelope): MemberContext | null {
  if (is(event, MemberTransferRequested)) {
    const d = event.data as MemberTransferRequestedData;
    return {
      type: 'Member',
      ...base(event, { districtId: event.districtid, zoneId: event.zoneid || null }),
      ...(context ? { remindedStages: context.remindedStages } : {}),
      memberId: d.memberId,
      transfer: {
        transferId: d.transferId,
        fromOrganizationId: d.fromOrganizationId,
        toOrganizationId: d.toOrganizationId,
        toDistrictId: d.toDistrictId,
        toZoneId: d.toZoneId,
        status: 'REQUESTED',
      },
    };
  }
  // Only a transfer is worth remembering about a member.
  if (!context?.transfer) return context;
  const transfer = context.transfer;
  if (is(event, MemberTransferReturned)) return { ...context, transfer: { ...transfer, status: 'RETURNED' } };
  if (is(event, MemberTransferResubmitted)) return { ...context, transfer: { ...transfer, status: 'REQUESTED' } };
  if (is(event, MemberTransferApproved)) return { ...context, transfer: { ...transfer, status: 'APPROVED' } };
  if (is(event, MemberTransferCompleted, MemberTransferCancelled, MembershipEnded)) return { ...context, transfer: null };
  return context;
}

function evolveDeclaration(context: IdentityDeclarationContext | null, event: EventEnvelope): IdentityDeclarationContext | null {
  if (is(event, IdentityDeclared)) {
    const d = event.data as IdentityDeclaredData;
    return { type: 'IdentityDeclaration', ...base(event, d), declarationId: d.declarationId, organizationId: d.organizationId, status: 'DECLARED' };
  }
  if (!context) return null;
  if (is(event, IdentityDeclarationVerified)) return { ...context, status: 'VERIFIED' };
  if (is(event, IdentityDeclarationRejected, IdentityDeclarationConcluded)) return { ...context, status: 'ENDED' };
  return context;
}

function evolveOrganization(context: OrganizationContext | null, event: EventEnvelope): OrganizationContext | null {
  if (is(event, OrganizationRegistered)) {
    const d = event.data as OrganizationRegisteredData;
    return { type: 'Organization', ...base(event, d), organizationId: d.organizationId, termNumber: null, termEnd: null, ended: false };
  }
  // An organization first seen mid-stream (its registration older than what this service read) still gets a context from its term.
  const current: OrganizationContext = context ?? { type: 'Organization', ...base(event, {}), organizationId: event.subject, termNumber: null, termEnd: null, ended: false };
  if (is(event, OrganizationTermStarted)) {
    const d = event.data as OrganizationTermStartedData;
    return { ...current, termNumber: d.termNumber, termEnd: d.termEnd };
  }
  if (is(event, OrganizationTermEnding)) {
    const d = event.data as OrganizationTermEndingData;
    return { ...current, termNumber: d.termNumber, termEnd: d.termEnd };
  }
  if (is(event, OrganizationDissolved, OrganizationMerged)) return { ...current, ended: true, termEnd: null };
  return context;
}
