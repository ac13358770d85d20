import {
  CATEGORY_NAMES,
  DEPARTMENT_NAMES,
  ActivityCancelled,
  ActivityMinutesRecorded,
  ActivityRescheduled,
  CaseAccepted,
  CaseClosed,
  CaseDispatched,
  CaseEscalated,
  CaseHandled,
  CaseHeld,
  CaseMarkedDuplicate,
  CaseOverdue,
  CaseRejected,
  CaseResumed,
  CaseReturned,
  CaseReworkRequested,
  CaseVerified,
  IdentityDeclarationConcluded,
  IdentityDeclarationRejected,
  IdentityDeclarationVerified,
  IdentityDeclared,
  LeaveRequested,
  MembershipEnded,
  MemberTransferApproved,
  MemberTransferCancelled,
  MemberTransferCompleted,
  MemberTransferRequested,
  MemberTransferResubmitted,
  MemberTransferReturned,
  ORGANIZATION_LIFE_KINDS,
  OrganizationDissolved,
  OrganizationLifeOverdue,
  OrganizationMerged,
  OrganizationTermEnding,
  OrganizationTermStarted,
  PolicyMatched,
  scrubText,
  ServiceRequestClosed,
  ServiceRequestEscalated,
  ServiceRequestEscalatedV2,
  ServiceRequestFirstContacted,
  ServiceRequestInterimReplied,
  ServiceRequestSubmitted,
  SignUpWithdrawn,
  VolunteerHoursApproved,
  VolunteerHoursRejected,
  VolunteerHoursReported,
  type ActivityRescheduledData,
  type CaseAssignee,
  type CaseDispatchedData,
  type CaseEscalatedData,
  type CaseReworkRequestedData,
  type Department,
  type EventEnvelope,
  type IdentityDeclaredData,
  type LeaveRequestedData,
  type MemberTransferRequestedData,
  type OrganizationLifeKind,
  type OrganizationLifeOverdueData,
  type OrganizationTermEndingData,
  type PolicyMatchedData,
  type ServiceRequestEscalatedV2Data,
  type ServiceRequestSubmittedData,
  type ServiceTarget,
  type SignUpWithdrawnData,
  type VolunteerHoursReportedData,
} from '@pb/contracts';
import { deskOf, type ActivityContext, type CaseContext, type MemberContext, type RecordContext, type ServiceRequestContext } from './context';
import type { ReminderRuleId } from './deadlines';
import { audience, type Audience, type DecideNotifications, type Decision, type NotificationDraft, type NotificationKind, type TodoClosure } from './notification';

/*
 * 通知规则表: who is told what about which fact. One row per rule; the texts (zh-CN) name a record by
 * what its audience may see (案件编号, 诉求编号, the activity's title, a policy's title), never a
 * person's name, phone or ID number: the events' free text (descriptions, reasons, feedback) is
 * left out, since whoever wrote it may have put anything in it.
 *
 * `decideNotifications(event, context)` takes the record's context BEFORE the event (what earlier
 * facts taught), like a decide function takes the state before the command; the service then
 * folds the event into the context with `evolveContext`. An event at or below the context's
 * version has been decided already (its notifications were stored before the context was saved),
 * so it decides nothing again.
 */

// The service's entry points, for those who import the rules alone (reminders.ts reads this
// table's texts lazily, so the cycle is harmless).
export { evolveContext, type RecordContext } from './context';
export { dueReminders } from './reminders';

/** The kinds of record notifications are about, with the console page that opens each. */
export const RECORD_TYPES = {
  case: 'governance.Case',
  request: 'enterprise.ServiceRequest',
  policyMatch: 'enterprise.PolicyMatch',
  activity: 'activities.Activity',
  organizationLife: 'activities.OrganizationLife',
  volunteerClaim: 'activities.VolunteerHoursClaim',
  transfer: 'membership.Transfer',
  declaration: 'membership.IdentityDeclaration',
  organization: 'membership.Organization',
} as const;
type RecordType = (typeof RECORD_TYPES)[keyof typeof RECORD_TYPES];

/** A record an event is about, with the console path that opens it. */
export interface RecordRef {
  type: RecordType;
  id: string;
  link: string;
}

type Ctx = RecordContext | null;
type Text = { title: string; body: string };

/** One row of the table. */
export interface Rule {
  id: string;
  kind: NotificationKind;
  /** What the preferences screen calls it. */
  label: string;
  /** The event types that raise it. */
  on: readonly string[];
  /** The record it is about (one of the event's records, see `recordsOf`). */
  record: RecordType;
  audience: (event: EventEnvelope, context: Ctx) => Audience[];
  text: (event: EventEnvelope, context: Ctx) => Text;
  /** TO-DO only: the facts that answer it and close it, for every audience. */
  closedBy?: readonly string[];
  /** Closures that go with raising it (a request escalated again leaves the previous desk). */
  supersedes?: (event: EventEnvelope, context: Ctx) => TodoClosure[];
  /** The record's jurisdiction when it is not the event's (a transfer's to-do belongs to the receiving side). */
  jurisdiction?: (event: EventEnvelope, context: Ctx) => { districtId: string; zoneId: string | null } | null;
}

// ---------------------------------------------------------------------------------------------
// Labels and formatting

const LEVEL_NAMES: Record<string, string> = { ZONE: '片区', SUB_DISTRICT: '街道', DISTRICT: '区县', CITY: '市级' };
const TARGET_NAMES: Record<ServiceTarget, string> = { FIRST_CONTACT: '首次联系', INTERIM_REPLY: '阶段答复', CLOSURE: '办结' };
/** 金融部门, 工商/市场监管部门: the department as a sentence names it. */
const departmentName = (department: Department) => (DEPARTMENT_NAMES[department] ? `${DEPARTMENT_NAMES[department]}部门` : department);

const ORGANIZATION_LIFE_NAMES: Record<OrganizationLifeKind, string> = {
  BRANCH_ASSEMBLY: '支部党员大会',
  COMMITTEE_MEETING: '支部委员会',
  GROUP_MEETING: '党小组会',
  PARTY_LECTURE: '党课',
};

/** An instant as China time, `2026-03-02 09:00`: what a reader in Jining expects. */
export function chinaTime(instant: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return instant;
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Free text written by organizers (an activity's title or venue, a policy's title), cut to fit a
 * notification, with any phone or ID number taken out (someone may have typed a contact number).
 */
function short(text: string, max = 40): string {
  const clean = scrubText(text).replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

// ---------------------------------------------------------------------------------------------
// Reading events and contexts

const is = (event: EventEnvelope, ...definitions: { type: string }[]) => definitions.some((d) => d.type === event.type);
const types = (...definitions: { type: string }[]) => definitions.map((d) => d.type);
const data = <T>(event: EventEnvelope) => event.data as T;
const asCase = (c: Ctx): CaseContext | null => (c?.type === 'Case' ? c : null);
const asRequest = (c: Ctx): ServiceRequestContext | null => (c?.type === 'ServiceRequest' ? c : null);
const asActivity = (c: Ctx): ActivityContext | null => (c?.type === 'Activity' ? c : null);
const asMember = (c: Ctx): MemberContext | null => (c?.type === 'Member' ? c : null);

const assigneeAudience = (a: CaseAssignee): Audience => (a.kind === 'DEPARTMENT' ? audience.department(a.id) : audience.organization(a.id));
const subDistrictDesk = (c: { subDistrictId: string | null; districtId: string } | null): Audience[] =>
  c?.subDistrictId ? [audience.desk('SUB_DISTRICT', c.subDistrictId)] : c?.districtId ? [audience.desk('DISTRICT', c.districtId)] : [];
/**
 * Who verifies a handled case: its grid worker, unless the worker reported it themself (a
 * reporter never verifies their own report), or it has none: then the sub-district desk.
 */
export function caseVerifier(k: CaseContext | null): Audience[] {
  if (!k) return [];
  return k.workerId && k.source !== 'GRID_WORKER' ? [audience.gridWorker(k.workerId)] : subDistrictDesk(k);
}

/** Who has a case in hand: its assignee until handled, then whoever verifies it. */
export function caseHolder(k: CaseContext | null): Audience[] {
  if (!k) return [];
  return k.assignee && !k.handled ? [assigneeAudience(k.assignee)] : caseVerifier(k);
}
const orgOf = (c: Ctx): Audience[] => (c && 'organizationId' in c ? [audience.organization(c.organizationId)] : []);
const activityTitle = (c: Ctx, fallback: string) => {
  const a = asActivity(c);
  return a ? `「${short(a.title)}」` : fallback;
};

/** The records an event is about: a to-do is raised on one of them and closed by facts about it. */
export function recordsOf(event: EventEnvelope, context: Ctx): RecordRef[] {
  const d = event.data as Record<string, unknown>;
  const str = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : null);
  switch (event.aggregatetype) {
    case 'Case':
      return [{ type: RECORD_TYPES.case, id: str('caseId') ?? event.subject, link: `/cases/${str('caseId') ?? event.subject}` }];
    case 'ServiceRequest':
      return [{ type: RECORD_TYPES.request, id: str('requestId') ?? event.subject, link: `/requests/${str('requestId') ?? event.subject}` }];
    case 'PolicyMatch':
      return [{ type: RECORD_TYPES.policyMatch, id: str('matchId') ?? event.subject, link: `/policies/${str('policyId') ?? ''}` }];
    case 'Activity': {
      const id = str('activityId') ?? event.subject;
      const refs: RecordRef[] = [{ type: RECORD_TYPES.activity, id, link: `/activities/${id}` }];
      // 三会一课 held (its minutes recorded) answers its organizers' overdue findings of that kind.
      const a = asActivity(context);
      if (is(event, ActivityMinutesRecorded) && a && (ORGANIZATION_LIFE_KINDS as readonly string[]).includes(a.kind)) {
        for (const org of a.organizerIds) refs.push(organizationLifeRef(org, a.kind as OrganizationLifeKind));
      }
      return refs;
    }
    case 'OrganizationLifeFinding': {
      const f = data<OrganizationLifeOverdueData>(event);
      return [organizationLifeRef(f.organizationId, f.kind)];
    }
    case 'VolunteerHoursClaim': {
      const id = str('claimId') ?? event.subject;
      return [{ type: RECORD_TYPES.volunteerClaim, id, link: `/volunteer-hours/${id}` }];
    }
    case 'Member': {
      const transferId = str('transferId') ?? asMember(context)?.transfer?.transferId;
      return transferId ? [{ type: RECORD_TYPES.transfer, id: transferId, link: `/transfers/${event.subject}` }] : [];
    }
    case 'IdentityDeclaration': {
      const id = str('declarationId') ?? event.subject;
      return [{ type: RECORD_TYPES.declaration, id, link: `/identity-declarations/${id}` }];
    }
    case 'Organization': {
      const id = str('organizationId') ?? event.subject;
      return [{ type: RECORD_TYPES.organization, id, link: `/organizations/${id}` }];
    }
    default:
      return [];
  }
}

function organizationLifeRef(organizationId: string, kind: OrganizationLifeKind): RecordRef {
  return { type: RECORD_TYPES.organizationLife, id: `${organizationId}:${kind}`, link: `/organizations/${organizationId}` };
}

// ---------------------------------------------------------------------------------------------
// The table

const CASE_ENDED = types(CaseClosed, CaseRejected, CaseMarkedDuplicate);

/** What a case's reporter is told at each step (the loop's milestones, not every internal move). */
const CASE_MOVES: Record<string, (id: string) => Text> = {
  [CaseAccepted.type]: (id) => ({ title: `案件 ${id} 已受理`, body: '你上报的案件已受理，将派遣相关单位办理。' }),
  [CaseRejected.type]: (id) => ({ title: `案件 ${id} 不予受理`, body: '你上报的案件不予受理，可在案件详情中查看理由。' }),
  [CaseMarkedDuplicate.type]: (id) => ({ title: `案件 ${id} 为重复件`, body: '你上报的案件与已有案件重复，将随原案件一并办理。' }),
  [CaseDispatched.type]: (id) => ({ title: `案件 ${id} 已派遣`, body: '你上报的案件已派遣承办单位办理。' }),
  [CaseHandled.type]: (id) => ({ title: `案件 ${id} 已处置`, body: '承办单位已处置你上报的案件并反馈结果，待网格员核查。' }),
  [CaseClosed.type]: (id) => ({ title: `案件 ${id} 已结案`, body: '你上报的案件已结案。' }),
  [CaseHeld.type]: (id) => ({ title: `案件 ${id} 已挂账`, body: '你上报的案件暂时无法解决，已挂账，期间不计超期。' }),
  [CaseResumed.type]: (id) => ({ title: `案件 ${id} 恢复办理`, body: '你上报的挂账案件已恢复办理。' }),
};

const REQUEST_MOVES: Record<string, (id: string) => Text> = {
  [ServiceRequestFirstContacted.type]: (id) => ({ title: `诉求 ${id} 已受理联系`, body: '责任部门已就你企业的诉求首次联系。' }),
  [ServiceRequestInterimReplied.type]: (id) => ({ title: `诉求 ${id} 有阶段答复`, body: '责任部门已就你企业诉求的办理进展作出阶段答复，请查看。' }),
  [ServiceRequestClosed.type]: (id) => ({ title: `诉求 ${id} 已办结`, body: '你企业的诉求已办结，欢迎对办理情况作出评价。' }),
};

const caseId = (event: EventEnvelope) => data<{ caseId: string }>(event).caseId;
const requestId = (event: EventEnvelope) => data<{ requestId: string }>(event).requestId;

function escalationDesk(event: EventEnvelope, context: Ctx): Audience | null {
  if (is(event, CaseEscalated)) {
    const d = data<CaseEscalatedData>(event);
    return deskOf(d.toLevel, d.toJurisdictionId);
  }
  if (is(event, ServiceRequestEscalatedV2)) {
    const d = data<ServiceRequestEscalatedV2Data>(event);
    return deskOf(d.toLevel, d.toJurisdictionId);
  }
  // v1 named no level: 督办 went to the district, which set the targets.
  const district = asRequest(context)?.districtId || event.districtid;
  return district ? deskOf('DISTRICT', district) : null;
}

/** The previous desk's escalation to-do closes when the record moves one level up. */
function leavePreviousDesk(rule: string) {
  return (event: EventEnvelope, context: Ctx): TodoClosure[] => {
    const previous = (asCase(context) ?? asRequest(context))?.escalatedTo;
    const next = escalationDesk(event, context);
    const [record] = recordsOf(event, context);
    return previous && record && previous !== next ? [{ rules: [rule], record: { type: record.type, id: record.id }, audience: previous }] : [];
  };
}

const transferTo = (event: EventEnvelope, context: Ctx) => {
  const t = asMember(context)?.transfer;
  if (is(event, MemberTransferRequested)) {
    const d = data<MemberTransferRequestedData>(event);
    return { organizationId: d.toOrganizationId, districtId: d.toDistrictId, zoneId: d.toZoneId };
  }
  return t ? { organizationId: t.toOrganizationId, districtId: t.toDistrictId, zoneId: t.toZoneId } : null;
};
const transferNo = (event: EventEnvelope) => data<{ transferId: string }>(event).transferId;

export const RULES: readonly Rule[] = [
  // -- 组织关系转接 -------------------------------------------------------------------------
  {
    id: 'transfer.approve',
    kind: 'TODO',
    label: '组织关系转入待审批',
    on: types(MemberTransferRequested, MemberTransferResubmitted),
    record: RECORD_TYPES.transfer,
    audience: (e, c) => {
      const to = transferTo(e, c);
      return to ? [audience.organization(to.organizationId)] : [];
    },
    text: (e) => ({
      title: '组织关系转接待审批',
      body: is(e, MemberTransferResubmitted)
        ? `转接申请 ${transferNo(e)} 已补正后重新提交，请审批是否同意转入本组织。`
        : `有一名党员申请将组织关系转入本组织（转接申请 ${transferNo(e)}），请审批。`,
    }),
    closedBy: types(MemberTransferReturned, MemberTransferApproved, MemberTransferCancelled, MembershipEnded),
    jurisdiction: (e, c) => transferTo(e, c),
  },
  {
    id: 'transfer.correct',
    kind: 'TODO',
    label: '组织关系转出被退回待补正',
    on: types(MemberTransferReturned),
    record: RECORD_TYPES.transfer,
    audience: (_, c) => {
      const t = asMember(c)?.transfer;
      return t ? [audience.organization(t.fromOrganizationId)] : [];
    },
    text: (e) => ({ title: '组织关系转接被退回', body: `转接申请 ${transferNo(e)} 被接收党组织退回，请按要求补正后重新提交，或撤回申请。` }),
    closedBy: types(MemberTransferResubmitted, MemberTransferCancelled, MembershipEnded),
  },
  {
    id: 'transfer.receive',
    kind: 'TODO',
    label: '组织关系转入待接收',
    on: types(MemberTransferApproved),
    record: RECORD_TYPES.transfer,
    audience: (e, c) => {
      const to = transferTo(e, c);
      return to ? [audience.organization(to.organizationId)] : [];
    },
    text: (e) => ({ title: '组织关系转接待接收', body: `已同意转入的党员（转接申请 ${transferNo(e)}）报到后，请办理接收，完成转接。` }),
    closedBy: types(MemberTransferCompleted, MemberTransferCancelled, MembershipEnded),
    jurisdiction: (e, c) => transferTo(e, c),
  },
  {
    id: 'transfer.progress',
    kind: 'NOTICE',
    label: '我的组织关系转接有进展',
    on: types(MemberTransferReturned, MemberTransferApproved, MemberTransferCompleted),
    record: RECORD_TYPES.transfer,
    audience: (e) => [audience.member(e.subject)],
    text: (e) =>
      is(e, MemberTransferReturned)
        ? { title: '组织关系转接被退回', body: '你的组织关系转接申请被接收党组织退回补正，原党组织将补正后重新提交。' }
        : is(e, MemberTransferApproved)
          ? { title: '组织关系转接已同意', body: '接收党组织已同意你转入，请按要求到接收党组织报到。' }
          : { title: '组织关系转接已完成', body: '你的组织关系已转入接收党组织。' },
  },

  // -- 亮身份 --------------------------------------------------------------------------------
  {
    id: 'identity.verify',
    kind: 'TODO',
    label: '亮身份党员待核实',
    on: types(IdentityDeclared),
    record: RECORD_TYPES.declaration,
    audience: (e) => [audience.organization(data<IdentityDeclaredData>(e).organizationId)],
    text: (e) => ({ title: '亮身份党员待核实', body: `有一名党员向本组织亮明党员身份（登记 ${data<IdentityDeclaredData>(e).declarationId}），请核实其党员身份。` }),
    closedBy: types(IdentityDeclarationVerified, IdentityDeclarationRejected),
  },
  {
    id: 'identity.conclude',
    kind: 'TODO',
    label: '已核实的亮身份登记待办结',
    on: types(IdentityDeclarationVerified),
    record: RECORD_TYPES.declaration,
    audience: (_, c) => orgOf(c),
    text: (e) => ({ title: '亮身份登记待办结', body: `亮身份登记 ${data<{ declarationId: string }>(e).declarationId} 已核实，请登记为本组织党员或流动党员。` }),
    closedBy: types(IdentityDeclarationConcluded),
  },

  // -- 志愿时长 ------------------------------------------------------------------------------
  {
    id: 'volunteer.approve',
    kind: 'TODO',
    label: '志愿时长申报待审核',
    on: types(VolunteerHoursReported),
    record: RECORD_TYPES.volunteerClaim,
    audience: (e) => [audience.organization(data<VolunteerHoursReportedData>(e).organizationId)],
    text: (e) => {
      const d = data<VolunteerHoursReportedData>(e);
      return { title: '志愿时长申报待审核', body: `有一条志愿服务时长申报（${d.hours} 小时，服务日期 ${d.servedOn}）待审核。` };
    },
    closedBy: types(VolunteerHoursApproved, VolunteerHoursRejected),
  },
  {
    id: 'volunteer.decided',
    kind: 'NOTICE',
    label: '我的志愿时长申报已审核',
    on: types(VolunteerHoursApproved, VolunteerHoursRejected),
    record: RECORD_TYPES.volunteerClaim,
    audience: (e) => [audience.member(data<{ memberId: string }>(e).memberId)],
    text: (e) =>
      is(e, VolunteerHoursApproved)
        ? { title: '志愿时长审核通过', body: `你申报的 ${data<{ hours: number }>(e).hours} 小时志愿服务时长已审核通过，计入时长台账。` }
        : { title: '志愿时长未通过审核', body: '你申报的志愿服务时长未通过审核，可在申报记录中查看原因。' },
  },

  // -- 案件 ----------------------------------------------------------------------------------
  {
    id: 'case.assigned',
    kind: 'TODO',
    label: '派遣给本单位的案件',
    on: types(CaseDispatched),
    record: RECORD_TYPES.case,
    audience: (e) => [assigneeAudience(data<CaseDispatchedData>(e).assignee)],
    text: (e) => ({ title: `案件 ${caseId(e)} 待办理`, body: '有一件案件派遣给本单位办理，请及时处置并反馈结果；非本单位职责的可退回。' }),
    closedBy: [...types(CaseHandled, CaseReturned), ...CASE_ENDED],
  },
  {
    id: 'case.rework',
    kind: 'TODO',
    label: '退回本单位返工的案件',
    on: types(CaseReworkRequested),
    record: RECORD_TYPES.case,
    audience: (e) => [assigneeAudience(data<CaseReworkRequestedData>(e).assignee)],
    text: (e) => ({ title: `案件 ${caseId(e)} 需返工`, body: '网格员核查未通过，案件退回本单位返工，请重新处置并反馈。' }),
    closedBy: [...types(CaseHandled, CaseReturned), ...CASE_ENDED],
  },
  {
    id: 'case.returned',
    kind: 'TODO',
    label: '被退回待重新派遣的案件',
    on: types(CaseReturned),
    record: RECORD_TYPES.case,
    // Back to whoever dispatched it; the sub-district desk when that was the platform itself.
    audience: (_, c) => {
      const k = asCase(c);
      if (!k) return [];
      return k.dispatcherUserId && k.dispatcherUserId !== 'system' ? [audience.user(k.dispatcherUserId)] : subDistrictDesk(k);
    },
    text: (e) => ({ title: `案件 ${caseId(e)} 被退回`, body: '承办单位以“非本单位职责”退回了案件，请重新派遣。' }),
    closedBy: [...types(CaseDispatched), ...CASE_ENDED],
  },
  {
    id: 'case.verify',
    kind: 'TODO',
    label: '已处置待核查的案件',
    on: types(CaseHandled),
    record: RECORD_TYPES.case,
    audience: (_, c) => caseVerifier(asCase(c)),
    text: (e) => ({ title: `案件 ${caseId(e)} 待核查`, body: '承办单位已处置并反馈结果，请到现场核查处置是否到位。' }),
    closedBy: [...types(CaseVerified, CaseReworkRequested), ...CASE_ENDED],
  },
  {
    id: 'case.escalated',
    kind: 'TODO',
    label: '上报到本级督办的超期案件',
    on: types(CaseEscalated),
    record: RECORD_TYPES.case,
    audience: (e, c) => {
      const desk = escalationDesk(e, c);
      return desk ? [desk] : [];
    },
    text: (e) => {
      const d = data<CaseEscalatedData>(e);
      return { title: `案件 ${d.caseId} 超期督办`, body: `案件已超过办理时限，由${LEVEL_NAMES[d.fromLevel] ?? d.fromLevel}上报到本级督办。` };
    },
    closedBy: CASE_ENDED,
    supersedes: leavePreviousDesk('case.escalated'),
  },
  {
    id: 'case.overdue',
    kind: 'NOTICE',
    label: '本单位办理的案件已超期',
    on: types(CaseOverdue),
    record: RECORD_TYPES.case,
    // Whoever has it in hand when the deadline passes (the desks hear of it by escalation).
    audience: (_, c) => caseHolder(asCase(c)),
    text: (e) => ({ title: `案件 ${caseId(e)} 已超期`, body: `案件已超过办理时限（${chinaTime(data<{ dueAt: string }>(e).dueAt)}），请尽快办结。` }),
  },
  {
    id: 'case.moved',
    kind: 'NOTICE',
    label: '我上报的案件有进展',
    on: Object.keys(CASE_MOVES),
    record: RECORD_TYPES.case,
    // Not the reporter's own step (they know), nor the platform's seed or sweeps as "reporter".
    audience: (e, c) => {
      const k = asCase(c);
      return k && k.reporterUserId !== 'system' && k.reporterUserId !== e.actorid ? [audience.user(k.reporterUserId)] : [];
    },
    text: (e) => CASE_MOVES[e.type](caseId(e)),
  },

  // -- 企业诉求 ------------------------------------------------------------------------------
  {
    id: 'request.routed',
    kind: 'TODO',
    label: '分派办理的企业诉求',
    on: types(ServiceRequestSubmitted),
    record: RECORD_TYPES.request,
    // Requests are advanced in the enterprise service by the administrators of their jurisdiction;
    // the routed department is an enterprise category (FINANCE…), not a governance department a
    // user is linked to, so the to-do goes to the sub-district desk and names the department.
    audience: (e) => subDistrictDesk(data<ServiceRequestSubmittedData>(e)),
    text: (e) => {
      const d = data<ServiceRequestSubmittedData>(e);
      return {
        title: `企业诉求 ${d.requestId} 待办理`,
        body: `一件${CATEGORY_NAMES[d.category] ?? d.category}类企业诉求已分派${departmentName(d.department)}办理，请于 ${chinaTime(d.firstContactDue)} 前首次联系企业，${chinaTime(d.closureDue)} 前办结。`,
      };
    },
    closedBy: types(ServiceRequestClosed),
  },
  {
    id: 'request.escalated',
    kind: 'TODO',
    label: '督办到本级的企业诉求',
    on: types(ServiceRequestEscalated, ServiceRequestEscalatedV2),
    record: RECORD_TYPES.request,
    audience: (e, c) => {
      const desk = escalationDesk(e, c);
      return desk ? [desk] : [];
    },
    text: (e) => {
      const d = data<{ requestId: string; target: ServiceTarget; department: Department; dueAt: string }>(e);
      return {
        title: `企业诉求 ${d.requestId} 超时督办`,
        body: `${departmentName(d.department)}办理的企业诉求${TARGET_NAMES[d.target]}时限（${chinaTime(d.dueAt)}）已超期，提请本级督办。`,
      };
    },
    closedBy: types(ServiceRequestClosed),
    supersedes: leavePreviousDesk('request.escalated'),
  },
  {
    id: 'request.moved',
    kind: 'NOTICE',
    label: '我企业的诉求有进展',
    on: Object.keys(REQUEST_MOVES),
    record: RECORD_TYPES.request,
    audience: (_, c) => {
      const r = asRequest(c);
      return r ? [audience.enterprise(r.creditCode)] : [];
    },
    text: (e) => REQUEST_MOVES[e.type](requestId(e)),
  },
  {
    id: 'request.overdue',
    kind: 'NOTICE',
    label: '我企业的诉求超时（红灯）',
    on: types(ServiceRequestEscalated, ServiceRequestEscalatedV2),
    record: RECORD_TYPES.request,
    audience: (_, c) => {
      const r = asRequest(c);
      return r ? [audience.enterprise(r.creditCode)] : [];
    },
    text: (e) => {
      const d = data<{ requestId: string; target: ServiceTarget }>(e);
      return { title: `诉求 ${d.requestId} ${TARGET_NAMES[d.target]}超时`, body: `你企业的诉求${TARGET_NAMES[d.target]}已超过时限，已提请上级督办。` };
    },
  },
  {
    id: 'policy.matched',
    kind: 'NOTICE',
    label: '惠企政策精准推送',
    on: types(PolicyMatched),
    record: RECORD_TYPES.policyMatch,
    audience: (e) => [audience.enterprise(data<PolicyMatchedData>(e).creditCode)],
    text: (e) => ({ title: `惠企政策：${short(data<PolicyMatchedData>(e).policyTitle)}`, body: '你企业符合这项惠企政策的条件，请查看政策详情并及时申报。' }),
  },

  // -- 党组织 --------------------------------------------------------------------------------
  {
    id: 'term.due',
    kind: 'TODO',
    label: '换届到期',
    on: types(OrganizationTermEnding),
    record: RECORD_TYPES.organization,
    audience: (e) => [audience.organization(data<OrganizationTermEndingData>(e).organizationId)],
    text: (e) => {
      const d = data<OrganizationTermEndingData>(e);
      return d.daysLeft >= 0
        ? { title: '换届到期提醒', body: `本组织第 ${d.termNumber} 届任期将于 ${d.termEnd} 届满（还有 ${d.daysLeft} 天），请按期做好换届工作。` }
        : { title: '换届已逾期', body: `本组织第 ${d.termNumber} 届任期已于 ${d.termEnd} 届满，请尽快完成换届。` };
    },
    closedBy: types(OrganizationTermStarted, OrganizationDissolved, OrganizationMerged),
  },
  {
    id: 'orglife.overdue',
    kind: 'TODO',
    label: '三会一课未按期开展',
    on: types(OrganizationLifeOverdue),
    record: RECORD_TYPES.organizationLife,
    audience: (e) => [audience.organization(data<OrganizationLifeOverdueData>(e).organizationId)],
    text: (e) => {
      const d = data<OrganizationLifeOverdueData>(e);
      const name = ORGANIZATION_LIFE_NAMES[d.kind] ?? d.kind;
      return { title: `${name}未按期开展`, body: `本支部 ${d.period} 应开展${name} ${d.required} 次，实际 ${d.held} 次，请尽快补开并登记活动记录。` };
    },
    // Answered by the next session of that kind whose minutes are recorded (what counts it as held).
    closedBy: types(ActivityMinutesRecorded),
  },

  // -- 活动 ----------------------------------------------------------------------------------
  {
    id: 'activity.cancelled',
    kind: 'NOTICE',
    label: '我报名的活动已取消',
    on: types(ActivityCancelled),
    record: RECORD_TYPES.activity,
    audience: (_, c) => participants(c),
    text: (_, c) => ({
      title: `活动已取消：${activityTitle(c, '')}`.replace(/：$/, ''),
      body: `你报名的活动${activityTitle(c, '')}${asActivity(c) ? `（原定 ${chinaTime(asActivity(c)!.startsAt)}）` : ''}已取消。`,
    }),
  },
  {
    id: 'activity.rescheduled',
    kind: 'NOTICE',
    label: '我报名的活动已改期',
    on: types(ActivityRescheduled),
    record: RECORD_TYPES.activity,
    audience: (_, c) => participants(c),
    text: (e, c) => {
      const d = data<ActivityRescheduledData>(e);
      return { title: `活动已改期：${activityTitle(c, '')}`.replace(/：$/, ''), body: `你报名的活动改到 ${chinaTime(d.startsAt)} 开始，地点：${short(d.venue, 60)}。` };
    },
  },
  {
    id: 'activity.promoted',
    kind: 'NOTICE',
    label: '候补递补成功',
    on: types(SignUpWithdrawn, LeaveRequested),
    record: RECORD_TYPES.activity,
    audience: (e) => {
      const promoted = data<SignUpWithdrawnData | LeaveRequestedData>(e).promotedMemberId;
      return promoted ? [audience.member(promoted)] : [];
    },
    text: (_, c) => {
      const a = asActivity(c);
      return { title: `候补成功：${activityTitle(c, '')}`.replace(/：$/, ''), body: `你已从候补名单递补为正式报名${a ? `，活动于 ${chinaTime(a.startsAt)} 开始` : ''}。` };
    },
  },
];

/** Who signed up for an activity, on a seat or the waiting list. */
function participants(context: Ctx): Audience[] {
  const a = asActivity(context);
  return a ? [...a.signedUp, ...a.waitlist].map(audience.member) : [];
}

// ---------------------------------------------------------------------------------------------
// Reminders (rows of the table too: their texts live here, their timing in deadlines.ts)

export interface ReminderRule {
  id: ReminderRuleId | 'request.amber';
  kind: NotificationKind;
  label: string;
}

export const REMINDER_RULES: readonly ReminderRule[] = [
  { id: 'case.deadline', kind: 'NOTICE', label: '案件办理时限将到（时限已过 80%）' },
  { id: 'request.deadline', kind: 'NOTICE', label: '企业诉求时限将到（时限已过 80%）' },
  { id: 'request.amber', kind: 'NOTICE', label: '我企业的诉求临近办结时限（黄灯）' },
  { id: 'activity.starting', kind: 'NOTICE', label: '我报名的活动明天开始' },
  { id: 'term.reminder', kind: 'NOTICE', label: '换届日期前 30 天提醒' },
];

export const REMINDER_TEXTS = {
  caseDeadline: (caseNo: string, dueAt: string): Text => ({ title: `案件 ${caseNo} 即将超时`, body: `案件办理时限为 ${chinaTime(dueAt)}，时间已过 80%，请抓紧办理。` }),
  requestDeadline: (requestNo: string, target: ServiceTarget, dueAt: string): Text => ({
    title: `企业诉求 ${requestNo} ${TARGET_NAMES[target]}即将超时`,
    body: `诉求的${TARGET_NAMES[target]}时限为 ${chinaTime(dueAt)}，时间已过 80%，请抓紧办理。`,
  }),
  requestAmber: (requestNo: string, dueAt: string): Text => ({ title: `诉求 ${requestNo} 临近办结时限`, body: `你企业诉求的办结时限为 ${chinaTime(dueAt)}，我们正在加紧办理。` }),
  activityStarting: (title: string, startsAt: string): Text => ({
    title: `活动即将开始：「${short(title)}」`,
    body: `你报名的活动将于 ${chinaTime(startsAt)} 开始，请准时参加；不能参加的请提前请假。`,
  }),
  termReminder: (termEnd: string): Text => ({ title: '换届日期将到', body: `本组织本届任期将于 ${termEnd} 届满，距今约 30 天，请做好换届准备。` }),
};

/** For the preferences screen: every rule, in table order. */
export const RULE_CATALOGUE: ReadonlyArray<{ id: string; kind: NotificationKind; label: string }> = [
  ...RULES.map(({ id, kind, label }) => ({ id, kind, label })),
  ...REMINDER_RULES.map(({ id, kind, label }) => ({ id, kind, label })),
];

// ---------------------------------------------------------------------------------------------
// The decision

/**
 * What one event means for whom: the drafts of every row it raises, and the to-dos it answers.
 * `context` is the record's context before this event (null when none was kept).
 */
export const decideNotifications: DecideNotifications<RecordContext> = (event, context) => {
  const decision: Decision = { notify: [], close: [] };
  // Already decided when first applied (redelivery or replay over a kept context).
  if (context && event.aggregateversion <= context.version) return decision;
  const records = recordsOf(event, context);

  for (const rule of RULES) {
    if (!rule.closedBy?.includes(event.type)) continue;
    for (const record of records.filter((r) => r.type === rule.record)) addClosure(decision.close, { rules: [rule.id], record: { type: record.type, id: record.id } });
  }

  for (const rule of RULES) {
    if (!rule.on.includes(event.type)) continue;
    const record = records.find((r) => r.type === rule.record);
    if (!record) continue;
    for (const closure of rule.supersedes?.(event, context) ?? []) addClosure(decision.close, closure);
    const audiences = [...new Set(rule.audience(event, context))];
    if (audiences.length === 0) continue;
    const { title, body } = rule.text(event, context);
    const where = rule.jurisdiction?.(event, context) ?? null;
    const districtId = where?.districtId || event.districtid || context?.districtId || '';
    const zoneId = (where ? where.zoneId : event.zoneid || context?.zoneId) || undefined;
    for (const to of audiences) {
      const draft: NotificationDraft = {
        rule: rule.id,
        kind: rule.kind,
        audience: to,
        record: { type: record.type, id: record.id },
        title,
        body,
        link: record.link,
        at: event.time,
        districtId,
      };
      if (zoneId) draft.zoneId = zoneId;
      decision.notify.push(draft);
    }
  }
  return decision;
};

/** Closures of one record merge into one (one update per record and audience). */
function addClosure(list: TodoClosure[], closure: TodoClosure): void {
  const same = list.find((c) => c.record.type === closure.record.type && c.record.id === closure.record.id && c.audience === closure.audience);
  if (same) {
    for (const rule of closure.rules) if (!same.rules.includes(rule)) same.rules.push(rule);
  } else {
    list.push({ ...closure, rules: [...closure.rules] });
  }
}
