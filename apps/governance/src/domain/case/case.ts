import type {
  CaseAcceptedData,
  CaseAssignee,
  CaseClosedData,
  CaseDispatchedData,
  CaseEscalatedData,
  CaseHandledData,
  CaseHeldData,
  CaseKind,
  CaseMarkedDuplicateData,
  CaseOverdueData,
  CasePriority,
  CaseRatedData,
  CaseRejectedData,
  CaseReportedData,
  CaseResumedData,
  CaseReturnedData,
  CaseReworkRequestedData,
  CaseSource,
  CaseState,
  CaseVerifiedData,
  EscalationLevel,
  EventEnvelope,
} from '@pb/contracts';
import { Actor, EscalationDesk, escalationDeskOf, Role } from '@pb/platform/auth/actor';
import { DomainError } from '@pb/platform/domain-error';
import { ACTION_LABELS, CaseAction, nextState, RUNNING_STATES } from './case-state-machine';
import { actingWorkerId } from '../grid/grid';

/** 案件: the aggregate's state as its events leave it. */
export interface Case {
  caseId: string;
  kind: CaseKind;
  priority: CasePriority;
  title: string;
  description: string;
  source: CaseSource;
  requesterName: string | null;
  /** The user who reported it (the CaseReported event's actor): they may not verify or rate it. */
  reportedBy: string;
  gridId: string;
  workerId: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  status: CaseState;
  reportedAt: string;
  timeLimitHours: number;
  dueAt: string;
  /** Where the case currently lies (dispatched to, handling, or returned by). */
  assignee: CaseAssignee | null;
  /** Who handled it last: on-time rate and rework count are kept per this department or organization. */
  handledBy: CaseAssignee | null;
  heldFrom: CaseState | null;
  heldAt: string | null;
  holdReason: string | null;
  rejectionReason: string | null;
  duplicateOf: string | null;
  feedback: string | null;
  returnCount: number;
  reworkCount: number;
  overdue: boolean;
  overdueAt: string | null;
  escalationLevel: EscalationLevel;
  escalatedTo: string | null;
  closedAt: string | null;
  onTime: boolean | null;
  satisfaction: number | null;
  ratingComment: string | null;
  updatedAt: string;
}

export function evolveCase(state: Case | null, event: EventEnvelope): Case {
  const data = event.data as Record<string, unknown> & { at: string };
  if (event.type === 'governance.CaseReported.v1') {
    const d = data as unknown as CaseReportedData;
    return {
      caseId: d.caseId,
      kind: d.kind,
      priority: d.priority,
      title: d.title,
      description: d.description,
      source: d.source,
      requesterName: d.requesterName,
      reportedBy: event.actorid,
      gridId: d.gridId,
      workerId: d.workerId,
      districtId: d.districtId,
      subDistrictId: d.subDistrictId,
      zoneId: d.zoneId,
      status: 'REPORTED',
      reportedAt: d.at,
      timeLimitHours: d.timeLimitHours,
      dueAt: d.dueAt,
      assignee: null,
      handledBy: null,
      heldFrom: null,
      heldAt: null,
      holdReason: null,
      rejectionReason: null,
      duplicateOf: null,
      feedback: null,
      returnCount: 0,
      reworkCount: 0,
      overdue: false,
      overdueAt: null,
      escalationLevel: 'ZONE',
      escalatedTo: null,
      closedAt: null,
      onTime: null,
      satisfaction: null,
      ratingComment: null,
      updatedAt: d.at,
    };
  }
  if (!state) throw new Error(`${event.type} before CaseReported for ${event.subject}`);
  const s: Case = { ...state, updatedAt: data.at };
  switch (event.type) {
    case 'governance.CaseAccepted.v1':
      return { ...s, status: 'ACCEPTED' };
    case 'governance.CaseRejected.v1':
      return { ...s, status: 'REJECTED', rejectionReason: (data as unknown as CaseRejectedData).reason };
    case 'governance.CaseMarkedDuplicate.v1':
      return { ...s, status: 'DUPLICATE', duplicateOf: (data as unknown as CaseMarkedDuplicateData).duplicateOf };
    case 'governance.CaseDispatched.v1':
      return { ...s, status: 'DISPATCHED', assignee: (data as unknown as CaseDispatchedData).assignee };
    case 'governance.CaseReturned.v1':
      return { ...s, status: 'RETURNED', returnCount: s.returnCount + 1 };
    case 'governance.CaseHandled.v1': {
      const d = data as unknown as CaseHandledData;
      return { ...s, status: 'HANDLED', feedback: d.feedback, handledBy: d.assignee };
    }
    case 'governance.CaseVerified.v1':
      return { ...s, status: 'VERIFIED' };
    case 'governance.CaseReworkRequested.v1':
      return { ...s, status: 'REWORK', reworkCount: (data as unknown as CaseReworkRequestedData).reworkCount };
    case 'governance.CaseClosed.v1':
      return { ...s, status: 'CLOSED', closedAt: data.at, onTime: (data as unknown as CaseClosedData).onTime };
    case 'governance.CaseRated.v1': {
      const d = data as unknown as CaseRatedData;
      return { ...s, status: 'RATED', satisfaction: d.satisfaction, ratingComment: d.comment };
    }
    case 'governance.CaseHeld.v1': {
      const d = data as unknown as CaseHeldData;
      return { ...s, status: 'ON_HOLD', heldFrom: d.fromState, heldAt: d.at, holdReason: d.reason };
    }
    case 'governance.CaseResumed.v1': {
      const d = data as unknown as CaseResumedData;
      return { ...s, status: d.toState, dueAt: d.dueAt, heldFrom: null, heldAt: null, holdReason: null };
    }
    case 'governance.CaseOverdue.v1':
      return { ...s, overdue: true, overdueAt: data.at };
    case 'governance.CaseEscalated.v1': {
      const d = data as unknown as CaseEscalatedData;
      return { ...s, escalationLevel: d.toLevel, escalatedTo: d.toJurisdictionId };
    }
    default:
      throw new Error(`Case cannot apply ${event.type}`);
  }
}

export function requireCase(state: Case | null, caseId: string): Case {
  if (!state) throw new DomainError('not_found', 'CASE_NOT_FOUND', `案件 ${caseId} 不存在`, { caseId });
  return state;
}

/** What the references of a report resolve to (read from governance's own records). */
export interface ReportContext {
  grid: { gridId: string; districtId: string; subDistrictId: string; zoneId: string } | null;
  /** The responsible worker, when one is named: their zone and grids. */
  worker: { workerId: string; zoneId: string; gridIds: string[] } | null;
  timeLimitHours: number;
  now: Date;
}

export interface ReportRequest {
  caseId: string;
  kind: CaseKind;
  priority: CasePriority;
  title: string;
  description: string;
  source: CaseSource;
  requesterName: string | null;
  gridId: string;
  workerId: string | null;
}

const HOUR = 3_600_000;

/** A case is reported in a known grid; its deadline is fixed now from the district's time limits. */
export function decideReport(existing: Case | null, request: ReportRequest, ctx: ReportContext): CaseReportedData {
  if (existing) throw new DomainError('conflict', 'CASE_EXISTS', `案件 ${request.caseId} 已存在`, { caseId: request.caseId });
  if (!ctx.grid) throw new DomainError('invalid', 'GRID_NOT_FOUND', `网格 ${request.gridId} 不存在`, { gridId: request.gridId });
  if (request.workerId) {
    if (!ctx.worker) throw new DomainError('invalid', 'WORKER_NOT_FOUND', `网格员 ${request.workerId} 未登记`, { workerId: request.workerId });
    if (!ctx.worker.gridIds.includes(request.gridId)) {
      throw new DomainError('invalid', 'WORKER_NOT_IN_GRID', `网格员 ${request.workerId} 不负责网格 ${request.gridId}`, { workerId: request.workerId, gridId: request.gridId });
    }
  }
  if (request.source === 'GRID_WORKER' && request.requesterName) {
    throw new DomainError('invalid', 'REQUESTER_NOT_EXPECTED', '网格员自行上报的案件不填写 requesterName', {});
  }
  return {
    caseId: request.caseId,
    kind: request.kind,
    priority: request.priority,
    title: request.title.trim(),
    description: request.description.trim(),
    source: request.source,
    requesterName: request.requesterName?.trim() || null,
    gridId: request.gridId,
    workerId: request.workerId,
    districtId: ctx.grid.districtId,
    subDistrictId: ctx.grid.subDistrictId,
    zoneId: ctx.grid.zoneId,
    timeLimitHours: ctx.timeLimitHours,
    dueAt: new Date(ctx.now.getTime() + ctx.timeLimitHours * HOUR).toISOString(),
    at: ctx.now.toISOString(),
  };
}

/** One step of the loop, as a user asks for it. */
export type CaseRequest =
  | { action: 'accept' }
  | { action: 'reject'; reason: string }
  | { action: 'markDuplicate'; duplicateOf: string }
  | { action: 'dispatch'; assignee: CaseAssignee; instructions: string | null }
  | { action: 'return'; reason: string }
  | { action: 'handle'; feedback: string }
  | { action: 'verify'; note: string | null }
  | { action: 'requestRework'; reason: string }
  | { action: 'close' }
  | { action: 'rate'; satisfaction: number; comment: string | null }
  | { action: 'hold'; reason: string }
  | { action: 'resume' };

/** References some steps need, resolved by the application layer before deciding. */
export interface StepContext {
  now: Date;
  /** For markDuplicate: the case it duplicates. */
  original?: Case | null;
  /** For dispatch: the department or organization, if known. */
  assignee?: { districtId: string } | null;
  /** Who takes the step: separation of duties depends on it. */
  actor: CaseActor;
}

/** What the case loop needs to know of the user taking a step. */
export type CaseActor = Pick<Actor, 'userId' | 'role' | 'organizationId' | 'gridWorkerId' | 'departmentId'>;

/**
 * Admins of a jurisdiction and the platform itself (demo data, sweeps): they may act for a
 * department 职能部门 whose staff have no account; staff who do (DEPARTMENT_STAFF) act for their own.
 */
export const CASE_ADMIN_ROLES: readonly Role[] = ['SUB_DISTRICT_ADMIN', 'DISTRICT_ADMIN', 'CITY_ADMIN', 'SYSTEM'];

/**
 * 分工: who may take which step at all, known before the case is read.
 * Handling and returning are the assignee's (承办单位): the department's own staff or an
 * admin on its behalf, or the secretary of the Party organization the case was dispatched to;
 * grid workers report, check and follow up, they never handle.
 */
export const STEP_ROLES: Readonly<Record<CaseAction, readonly Role[]>> = {
  accept: ['GRID_WORKER', ...CASE_ADMIN_ROLES],
  reject: ['GRID_WORKER', ...CASE_ADMIN_ROLES],
  markDuplicate: ['GRID_WORKER', ...CASE_ADMIN_ROLES],
  dispatch: ['GRID_WORKER', ...CASE_ADMIN_ROLES],
  return: ['ORG_SECRETARY', 'DEPARTMENT_STAFF', ...CASE_ADMIN_ROLES],
  handle: ['ORG_SECRETARY', 'DEPARTMENT_STAFF', ...CASE_ADMIN_ROLES],
  verify: ['GRID_WORKER', ...CASE_ADMIN_ROLES],
  requestRework: ['GRID_WORKER', ...CASE_ADMIN_ROLES],
  close: ['GRID_WORKER', ...CASE_ADMIN_ROLES],
  rate: ['GRID_WORKER', ...CASE_ADMIN_ROLES],
  hold: ['GRID_WORKER', ...CASE_ADMIN_ROLES],
  resume: ['GRID_WORKER', ...CASE_ADMIN_ROLES],
};

/** The role check of a step (403), made before the case is loaded. */
export function authorizeStep(actor: CaseActor, action: CaseAction): void {
  if (!STEP_ROLES[action].includes(actor.role)) {
    throw new DomainError('forbidden', 'STEP_NOT_FOR_ROLE', `角色 ${actor.role} 不能执行「${ACTION_LABELS[action]}」`, { action, role: actor.role });
  }
}

/**
 * 职责分离 on the case itself: the reporter never checks or rates their own report,
 * and only the assignee (or an admin for it) handles or returns it. The platform
 * itself (SYSTEM: demo data) is no person and is exempt from the reporter rule.
 */
function assertDuty(state: Case, action: CaseAction, actor: CaseActor): void {
  if ((action === 'verify' || action === 'rate') && actor.role !== 'SYSTEM' && state.reportedBy === actor.userId) {
    const [code, what] = action === 'verify' ? ['REPORTER_CANNOT_VERIFY', '核查'] : ['REPORTER_CANNOT_RATE', '评价'];
    throw new DomainError('forbidden', code, `上报人不能${what}自己上报的案件，请由其他人员${what}`, { caseId: state.caseId, action });
  }
  if ((action === 'handle' || action === 'return') && !CASE_ADMIN_ROLES.includes(actor.role)) {
    const assignee = state.assignee;
    if (!isCaseAssignee(actor, assignee)) {
      throw new DomainError('forbidden', 'NOT_CASE_ASSIGNEE', `只有承办单位${assignee ? ` ${assignee.id} ` : ''}或管理员可以${ACTION_LABELS[action]}`, {
        caseId: state.caseId,
        action,
        assignee,
      });
    }
  }
  if ((action === 'verify' || action === 'requestRework') && actor.role === 'GRID_WORKER' && state.workerId && actingWorkerId(actor) !== state.workerId) {
    const what = action === 'verify' ? '核查' : '退回返工';
    throw new DomainError('forbidden', 'NOT_CASE_WORKER', `只有负责此案件的网格员 ${state.workerId} 可以${what}`, { workerId: state.workerId });
  }
}

/** Whether the user acts for the case's assignee: the secretary of the organization, the staff of the department. */
function isCaseAssignee(actor: CaseActor, assignee: CaseAssignee | null): boolean {
  if (!assignee) return false;
  if (actor.role === 'ORG_SECRETARY') return assignee.kind === 'ORGANIZATION' && !!actor.organizationId && assignee.id === actor.organizationId;
  if (actor.role === 'DEPARTMENT_STAFF') return assignee.kind === 'DEPARTMENT' && !!actor.departmentId && assignee.id === actor.departmentId;
  return false;
}

/**
 * 职能部门工作人员 see only the cases dispatched to their department (403 for any other, whatever
 * its jurisdiction); every other role reads by jurisdiction alone.
 */
export function assertMayReadCase(actor: CaseActor, state: Pick<Case, 'caseId' | 'assignee'>): void {
  if (actor.role !== 'DEPARTMENT_STAFF') return;
  if (!isCaseAssignee(actor, state.assignee)) {
    throw new DomainError('forbidden', 'NOT_DEPARTMENT_CASE', '职能部门工作人员只能查看派遣给本部门的案件', { caseId: state.caseId });
  }
}

/**
 * 派遣给我: the assignee a caller works for, to list its cases (`assignedTo=me`): their department
 * for department staff, their organization for a secretary; 403 for the roles that are no assignee.
 */
export function assigneeOf(actor: CaseActor): CaseAssignee {
  if (actor.role === 'DEPARTMENT_STAFF' && actor.departmentId) return { kind: 'DEPARTMENT', id: actor.departmentId };
  if (actor.role === 'ORG_SECRETARY' && actor.organizationId) return { kind: 'ORGANIZATION', id: actor.organizationId };
  throw new DomainError('forbidden', 'NO_ASSIGNEE', 'assignedTo=me 仅供职能部门工作人员和党组织书记查看派遣给本单位的案件', { role: actor.role });
}

export type CaseDecision =
  | { event: 'CaseAccepted'; data: CaseAcceptedData }
  | { event: 'CaseRejected'; data: CaseRejectedData }
  | { event: 'CaseMarkedDuplicate'; data: CaseMarkedDuplicateData }
  | { event: 'CaseDispatched'; data: CaseDispatchedData }
  | { event: 'CaseReturned'; data: CaseReturnedData }
  | { event: 'CaseHandled'; data: CaseHandledData }
  | { event: 'CaseVerified'; data: CaseVerifiedData }
  | { event: 'CaseReworkRequested'; data: CaseReworkRequestedData }
  | { event: 'CaseClosed'; data: CaseClosedData }
  | { event: 'CaseRated'; data: CaseRatedData }
  | { event: 'CaseHeld'; data: CaseHeldData }
  | { event: 'CaseResumed'; data: CaseResumedData };

/** The state machine says whether the step may happen now; the rest checks what the step carries. */
export function decideStep(state: Case, request: CaseRequest, ctx: StepContext): CaseDecision {
  const action: CaseAction = request.action;
  const next = nextState(state.status, action, state.heldFrom);
  authorizeStep(ctx.actor, action);
  assertDuty(state, action, ctx.actor);
  const caseId = state.caseId;
  const at = ctx.now.toISOString();
  switch (request.action) {
    case 'accept':
      return { event: 'CaseAccepted', data: { caseId, at } };
    case 'reject':
      return { event: 'CaseRejected', data: { caseId, reason: request.reason.trim(), at } };
    case 'markDuplicate': {
      const original = ctx.original;
      if (request.duplicateOf === caseId) throw new DomainError('invalid', 'DUPLICATE_OF_ITSELF', '案件不能标记为自身的重复件', { caseId });
      if (!original) throw new DomainError('invalid', 'ORIGINAL_CASE_NOT_FOUND', `被重复的案件 ${request.duplicateOf} 不存在`, { duplicateOf: request.duplicateOf });
      if (original.zoneId !== state.zoneId) {
        throw new DomainError('invalid', 'ORIGINAL_CASE_IN_OTHER_ZONE', `被重复的案件 ${request.duplicateOf} 不在同一片区`, { duplicateOf: request.duplicateOf });
      }
      if (original.status === 'DUPLICATE' || original.status === 'REJECTED') {
        throw new DomainError('invalid', 'ORIGINAL_CASE_NOT_VALID', `被重复的案件 ${request.duplicateOf} 本身已不予受理或是重复件`, { duplicateOf: request.duplicateOf });
      }
      return { event: 'CaseMarkedDuplicate', data: { caseId, duplicateOf: request.duplicateOf, at } };
    }
    case 'dispatch': {
      const who = request.assignee.kind === 'DEPARTMENT' ? '职能部门' : '党组织';
      if (!ctx.assignee) throw new DomainError('invalid', 'ASSIGNEE_NOT_FOUND', `${who} ${request.assignee.id} 不存在`, { assignee: request.assignee });
      if (ctx.assignee.districtId !== state.districtId) {
        throw new DomainError('invalid', 'ASSIGNEE_IN_OTHER_DISTRICT', `${who} ${request.assignee.id} 不在案件所在区县`, { assignee: request.assignee });
      }
      if (state.status === 'RETURNED' && sameAssignee(state.assignee, request.assignee)) {
        throw new DomainError('invalid', 'ASSIGNEE_RETURNED_CASE', `${who} ${request.assignee.id} 刚以非本单位职责退回此案件，请派遣给其他单位`, { assignee: request.assignee });
      }
      return { event: 'CaseDispatched', data: { caseId, assignee: request.assignee, instructions: request.instructions?.trim() || null, at } };
    }
    case 'return':
      return { event: 'CaseReturned', data: { caseId, assignee: state.assignee!, reason: request.reason.trim(), at } };
    case 'handle':
      return { event: 'CaseHandled', data: { caseId, assignee: state.assignee!, feedback: request.feedback.trim(), at } };
    case 'verify':
      return { event: 'CaseVerified', data: { caseId, note: request.note?.trim() || null, at } };
    case 'requestRework':
      return { event: 'CaseReworkRequested', data: { caseId, assignee: state.handledBy ?? state.assignee!, reason: request.reason.trim(), reworkCount: state.reworkCount + 1, at } };
    case 'close':
      return { event: 'CaseClosed', data: { caseId, onTime: !state.overdue && ctx.now.getTime() <= Date.parse(state.dueAt), at } };
    case 'rate':
      return { event: 'CaseRated', data: { caseId, satisfaction: request.satisfaction, comment: request.comment?.trim() || null, at } };
    case 'hold':
      return { event: 'CaseHeld', data: { caseId, fromState: state.status, reason: request.reason.trim(), at } };
    case 'resume': {
      // The deadline does not run while the case is on hold.
      const held = ctx.now.getTime() - Date.parse(state.heldAt ?? at);
      const dueAt = new Date(Date.parse(state.dueAt) + Math.max(0, held)).toISOString();
      return { event: 'CaseResumed', data: { caseId, toState: next, dueAt, at } };
    }
  }
}

function sameAssignee(a: CaseAssignee | null, b: CaseAssignee): boolean {
  return !!a && a.kind === b.kind && a.id === b.id;
}

/** Past its deadline, still running, not yet flagged: the sweep raises CaseOverdue once. */
export function decideOverdue(state: Case, now: Date): CaseOverdueData | null {
  if (state.overdue || !RUNNING_STATES.includes(state.status)) return null;
  if (now.getTime() <= Date.parse(state.dueAt)) return null;
  return { caseId: state.caseId, dueAt: state.dueAt, at: now.toISOString() };
}

export const ESCALATION_ORDER: readonly EscalationLevel[] = ['ZONE', 'SUB_DISTRICT', 'DISTRICT', 'CITY'];

/**
 * An overdue case goes one level up at once, and one more level for each
 * further time limit that passes without it being closed, up to the city.
 */
export function decideEscalation(state: Case, now: Date, jurisdiction: { cityId: string }): CaseEscalatedData | null {
  if (!state.overdue || !RUNNING_STATES.includes(state.status)) return null;
  const late = now.getTime() - Date.parse(state.dueAt);
  if (late <= 0) return null;
  const due = Math.min(ESCALATION_ORDER.length - 1, 1 + Math.floor(late / (state.timeLimitHours * HOUR)));
  const current = ESCALATION_ORDER.indexOf(state.escalationLevel);
  if (current >= due) return null;
  const toLevel = ESCALATION_ORDER[current + 1];
  const toJurisdictionId = toLevel === 'SUB_DISTRICT' ? state.subDistrictId : toLevel === 'DISTRICT' ? state.districtId : jurisdiction.cityId;
  return { caseId: state.caseId, fromLevel: state.escalationLevel, toLevel, toJurisdictionId, at: now.toISOString() };
}

/**
 * 上报到本级: the cases on the caller's desk, the administrators of the level and jurisdiction a case
 * was escalated to (403 for a role that answers for no level). No user id is copied into a case.
 */
export function requireEscalationDesk(actor: Pick<Actor, 'role' | 'scope'>): EscalationDesk {
  const desk = escalationDeskOf(actor);
  if (!desk) throw new DomainError('forbidden', 'NO_ESCALATION_DESK', 'escalatedTo=me 仅供街道、区县和市级管理员查看上报到本级的案件', { role: actor.role });
  return desk;
}
