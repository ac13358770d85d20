import type {
  EventEnvelope,
  RequestCategory,
  RequestOrigin,
  ServiceRequestClosedData,
  EscalationLevel,
  ServiceRequestEscalatedData,
  ServiceRequestEscalatedV2Data,
  ServiceRequestFirstContactedData,
  ServiceRequestInterimRepliedData,
  ServiceRequestRatedData,
  ServiceRequestSubmittedData,
  ServiceTarget,
} from '@pb/contracts';
import { Actor, EscalationDesk, escalationDeskOf } from '@pb/platform/auth/actor';
import { DomainError } from '@pb/platform/domain-error';
import type { Enterprise } from '../enterprise/enterprise';
import { RoutingRule, routeRequest } from './routing';
import { deadlinesFor, ServiceTargets, TARGET_NAMES, targetLight, TargetLight } from './service-targets';

/** 诉求状态: submitted → first contact → interim reply → closed (with result) → rated. */
export const REQUEST_STATUSES = ['SUBMITTED', 'FIRST_CONTACTED', 'INTERIM_REPLIED', 'CLOSED', 'RATED'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const OPEN_STATUSES: RequestStatus[] = ['SUBMITTED', 'FIRST_CONTACTED', 'INTERIM_REPLIED'];

export type RequestStep = 'FIRST_CONTACT' | 'INTERIM_REPLY' | 'CLOSE' | 'RATE';

const NEXT_STEPS: Record<RequestStatus, RequestStep[]> = {
  SUBMITTED: ['FIRST_CONTACT'],
  FIRST_CONTACTED: ['INTERIM_REPLY', 'CLOSE'],
  INTERIM_REPLIED: ['CLOSE'],
  CLOSED: ['RATE'],
  RATED: [],
};

export const STATUS_NAMES: Record<RequestStatus, string> = {
  SUBMITTED: '已提交',
  FIRST_CONTACTED: '已首次联系',
  INTERIM_REPLIED: '已阶段答复',
  CLOSED: '已办结',
  RATED: '已评价',
};
const STEP_NAMES: Record<RequestStep, string> = { FIRST_CONTACT: '首次联系', INTERIM_REPLY: '阶段答复', CLOSE: '办结', RATE: '满意度评价' };

/** 企业诉求 */
export interface ServiceRequest extends ServiceRequestSubmittedData {
  status: RequestStatus;
  firstContactAt: string | null;
  firstContactNote: string | null;
  interimReplyAt: string | null;
  interimReply: string | null;
  closedAt: string | null;
  closedOnTime: boolean | null;
  result: string | null;
  satisfaction: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  /** Targets already escalated; each is escalated at most once. */
  escalated: ServiceTarget[];
  /** 督办层级: where the request now stands (ZONE until a target is missed). */
  escalationLevel: EscalationLevel;
  /** The sub-district, district or city it was escalated to; null before, or for the city in events written before v2. */
  escalatedTo: string | null;
}

/** 逐级督办: each missed target takes the request one level up, as a case's missed time limits do. */
export const REQUEST_ESCALATION_ORDER: readonly EscalationLevel[] = ['ZONE', 'SUB_DISTRICT', 'DISTRICT', 'CITY'];

function levelAfter(state: Pick<ServiceRequest, 'escalated'>): EscalationLevel {
  return REQUEST_ESCALATION_ORDER[Math.min(REQUEST_ESCALATION_ORDER.length - 1, state.escalated.length + 1)];
}

function jurisdictionAt(state: Pick<ServiceRequest, 'subDistrictId' | 'districtId'>, level: EscalationLevel, cityId: string | null): string | null {
  return level === 'SUB_DISTRICT' ? state.subDistrictId : level === 'DISTRICT' ? state.districtId : level === 'CITY' ? cityId : null;
}

export function evolveServiceRequest(state: ServiceRequest | null, event: EventEnvelope): ServiceRequest {
  if (event.type === 'enterprise.ServiceRequestSubmitted.v1') {
    return {
      ...(event.data as ServiceRequestSubmittedData),
      status: 'SUBMITTED',
      firstContactAt: null,
      firstContactNote: null,
      interimReplyAt: null,
      interimReply: null,
      closedAt: null,
      closedOnTime: null,
      result: null,
      satisfaction: null,
      ratingComment: null,
      ratedAt: null,
      escalated: [],
      escalationLevel: 'ZONE',
      escalatedTo: null,
    };
  }
  if (!state) throw new Error(`${event.type} before ServiceRequestSubmitted for ${event.subject}`);
  switch (event.type) {
    case 'enterprise.ServiceRequestFirstContacted.v1': {
      const d = event.data as ServiceRequestFirstContactedData;
      return { ...state, status: 'FIRST_CONTACTED', firstContactAt: d.contactedAt, firstContactNote: d.note };
    }
    case 'enterprise.ServiceRequestInterimReplied.v1': {
      const d = event.data as ServiceRequestInterimRepliedData;
      return { ...state, status: 'INTERIM_REPLIED', interimReplyAt: d.repliedAt, interimReply: d.reply };
    }
    case 'enterprise.ServiceRequestClosed.v1': {
      const d = event.data as ServiceRequestClosedData;
      return { ...state, status: 'CLOSED', closedAt: d.closedAt, result: d.result, closedOnTime: d.onTime };
    }
    case 'enterprise.ServiceRequestRated.v1': {
      const d = event.data as ServiceRequestRatedData;
      return { ...state, status: 'RATED', satisfaction: d.satisfaction, ratingComment: d.comment, ratedAt: d.ratedAt };
    }
    case 'enterprise.ServiceRequestEscalated.v1': {
      // Written before escalations named their level: the same rule places it (the city's id unknown).
      const d = event.data as ServiceRequestEscalatedData;
      const level = levelAfter(state);
      return { ...state, escalated: [...state.escalated, d.target], escalationLevel: level, escalatedTo: jurisdictionAt(state, level, null) };
    }
    case 'enterprise.ServiceRequestEscalated.v2': {
      const d = event.data as ServiceRequestEscalatedV2Data;
      return { ...state, escalated: [...state.escalated, d.target], escalationLevel: d.toLevel, escalatedTo: d.toJurisdictionId };
    }
    default:
      throw new Error(`ServiceRequest cannot apply ${event.type}`);
  }
}

export interface SubmissionRequest {
  requestId: string;
  category: RequestCategory;
  title: string;
  description: string;
  origin: RequestOrigin | null;
}

/** A request is filed for a registered enterprise, routed by the rule in force, with its deadlines fixed now. */
export function decideSubmission(
  existing: ServiceRequest | null,
  enterprise: Enterprise | null,
  creditCode: string,
  request: SubmissionRequest,
  rule: RoutingRule | null,
  targets: ServiceTargets,
  now: Date,
): ServiceRequestSubmittedData {
  if (existing) {
    const what = request.origin ? `该问题已转为诉求 ${request.requestId}` : `诉求 ${request.requestId} 已存在`;
    throw new DomainError('conflict', 'REQUEST_EXISTS', what, { requestId: request.requestId });
  }
  if (!enterprise) {
    throw new DomainError('invalid', 'ENTERPRISE_UNKNOWN', `统一社会信用代码 ${creditCode} 的企业尚未登记`, { creditCode });
  }
  return {
    requestId: request.requestId,
    creditCode: enterprise.creditCode,
    enterpriseName: enterprise.name,
    category: request.category,
    title: request.title.trim(),
    description: request.description.trim(),
    department: routeRequest(request.category, rule),
    submittedAt: now.toISOString(),
    ...deadlinesFor(now, targets),
    origin: request.origin,
    districtId: enterprise.districtId,
    subDistrictId: enterprise.subDistrictId,
    zoneId: enterprise.zoneId,
  };
}

export function requireRequest(state: ServiceRequest | null, requestId: string): ServiceRequest {
  if (!state) throw new DomainError('not_found', 'REQUEST_NOT_FOUND', `诉求 ${requestId.slice(0, 64)} 不存在`, { requestId: requestId.slice(0, 64) });
  return state;
}

/** A step the current state does not allow is a 409 naming the state and what may come next. */
function assertStep(state: ServiceRequest, step: RequestStep): void {
  const allowed = NEXT_STEPS[state.status];
  if (allowed.includes(step)) return;
  const next = allowed.length ? `可进行的操作：${allowed.map((s) => STEP_NAMES[s]).join('、')}` : '该诉求已结束，不能再进行任何操作';
  throw new DomainError('conflict', 'TRANSITION_NOT_ALLOWED', `诉求当前状态为「${STATUS_NAMES[state.status]}」，不能进行「${STEP_NAMES[step]}」；${next}`, {
    status: state.status,
    step,
    allowed,
  });
}

export function decideFirstContact(state: ServiceRequest | null, requestId: string, note: string, now: Date): ServiceRequestFirstContactedData {
  const current = requireRequest(state, requestId);
  assertStep(current, 'FIRST_CONTACT');
  return { requestId, contactedAt: now.toISOString(), note: note.trim() };
}

export function decideInterimReply(state: ServiceRequest | null, requestId: string, reply: string, now: Date): ServiceRequestInterimRepliedData {
  const current = requireRequest(state, requestId);
  assertStep(current, 'INTERIM_REPLY');
  return { requestId, repliedAt: now.toISOString(), reply: reply.trim() };
}

export function decideClosure(state: ServiceRequest | null, requestId: string, result: string, now: Date): ServiceRequestClosedData {
  const current = requireRequest(state, requestId);
  assertStep(current, 'CLOSE');
  return { requestId, closedAt: now.toISOString(), result: result.trim(), onTime: now.getTime() <= Date.parse(current.closureDue) };
}

export function decideRating(state: ServiceRequest | null, requestId: string, satisfaction: number, comment: string | null, now: Date): ServiceRequestRatedData {
  const current = requireRequest(state, requestId);
  assertStep(current, 'RATE');
  return { requestId, satisfaction, comment: comment?.trim() || null, ratedAt: now.toISOString() };
}

/** When each target is due and when (if at all) it was met; closing also answers the interim reply. */
export function targetTimes(state: ServiceRequest): Record<ServiceTarget, { dueAt: string; metAt: string | null }> {
  return {
    FIRST_CONTACT: { dueAt: state.firstContactDue, metAt: state.firstContactAt },
    INTERIM_REPLY: { dueAt: state.interimReplyDue, metAt: state.interimReplyAt ?? state.closedAt },
    CLOSURE: { dueAt: state.closureDue, metAt: state.closedAt },
  };
}

/** A missed target, escalated once, one level up: to the sub-district, then the district, then the city (`cityId`). */
export function decideEscalation(state: ServiceRequest | null, requestId: string, target: ServiceTarget, now: Date, cityId: string): ServiceRequestEscalatedV2Data {
  const current = requireRequest(state, requestId);
  const { dueAt, metAt } = targetTimes(current)[target];
  if (current.escalated.includes(target)) {
    throw new DomainError('conflict', 'ALREADY_ESCALATED', `诉求 ${requestId} 的「${TARGET_NAMES[target]}」超时已督办`, { requestId, target });
  }
  if (metAt) throw new DomainError('conflict', 'TARGET_MET', `诉求 ${requestId} 的「${TARGET_NAMES[target]}」已完成`, { requestId, target });
  if (now.getTime() <= Date.parse(dueAt)) {
    throw new DomainError('invalid', 'TARGET_NOT_DUE', `诉求 ${requestId} 的「${TARGET_NAMES[target]}」尚未超时`, { requestId, target, dueAt });
  }
  const toLevel = levelAfter(current);
  const toJurisdictionId = jurisdictionAt(current, toLevel, cityId)!;
  return { requestId, target, department: current.department, dueAt, escalatedAt: now.toISOString(), fromLevel: current.escalationLevel, toLevel, toJurisdictionId };
}

export interface TargetStatus {
  dueAt: string;
  metAt: string | null;
  light: TargetLight;
  escalated: boolean;
}

/** 红黄绿灯 for each target and overall (the worst of the three). */
export function requestLights(state: ServiceRequest, now: Date): { targets: Record<ServiceTarget, TargetStatus>; light: TargetLight } {
  const times = targetTimes(state);
  const targets = {} as Record<ServiceTarget, TargetStatus>;
  for (const target of Object.keys(times) as ServiceTarget[]) {
    const { dueAt, metAt } = times[target];
    targets[target] = { dueAt, metAt, light: targetLight(state.submittedAt, dueAt, metAt, now), escalated: state.escalated.includes(target) };
  }
  const lights = Object.values(targets).map((t) => t.light);
  const light: TargetLight = lights.includes('RED') ? 'RED' : lights.includes('AMBER') ? 'AMBER' : 'GREEN';
  return { targets, light };
}

/** 督办到本级: the requests on the caller's desk (403 for a role that answers for no level). */
export function requireEscalationDesk(actor: Pick<Actor, 'role' | 'scope'>): EscalationDesk {
  const desk = escalationDeskOf(actor);
  if (!desk) throw new DomainError('forbidden', 'NO_ESCALATION_DESK', 'escalatedTo=me 仅供街道、区县和市级管理员查看督办到本级的诉求', { role: actor.role });
  return desk;
}
