import { defineEvent, EventDefinition } from '../event-definition';
import { dateTime, id, jurisdictionProperties, optionalId, optionalText, text } from './schema-parts';

/** 案件类别: 社情民意 public-opinion report, 民生服务 livelihood service request, 矛盾纠纷 dispute. */
export const CASE_KINDS = ['PUBLIC_OPINION', 'LIVELIHOOD_SERVICE', 'DISPUTE'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_PRIORITIES = ['LOW', 'NORMAL', 'HIGH'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/** Who brought the case: the grid worker themself, or a resident or merchant the worker reports for. */
export const CASE_SOURCES = ['GRID_WORKER', 'RESIDENT', 'MERCHANT'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** 案件状态 (the closed loop 闭环). */
export const CASE_STATES = ['REPORTED', 'ACCEPTED', 'REJECTED', 'DUPLICATE', 'DISPATCHED', 'RETURNED', 'HANDLED', 'REWORK', 'VERIFIED', 'CLOSED', 'RATED', 'ON_HOLD'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const ASSIGNEE_KINDS = ['DEPARTMENT', 'ORGANIZATION'] as const;
export type AssigneeKind = (typeof ASSIGNEE_KINDS)[number];

/** 逐级上报: zone → sub-district → district → city. */
export const ESCALATION_LEVELS = ['ZONE', 'SUB_DISTRICT', 'DISTRICT', 'CITY'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

const caseId = id;
const at = dateTime;
const assignee = {
  type: 'object',
  required: ['kind', 'id'],
  additionalProperties: false,
  properties: { kind: { enum: [...ASSIGNEE_KINDS] }, id },
} as const;

export interface CaseAssignee {
  kind: AssigneeKind;
  id: string;
}

function caseEvent<T>(
  name: string,
  zh: string,
  en: string,
  required: string[],
  properties: Record<string, unknown>,
  example: T,
  personalFields: string[] = [],
  personIds: string[] = [],
) {
  return defineEvent<T>({
    context: 'governance',
    name,
    version: 1,
    aggregateType: 'Case',
    description: { zh, en },
    schema: { type: 'object', required: ['caseId', ...required, 'at'], additionalProperties: false, properties: { caseId, ...properties, at } },
    personalFields,
    personIds,
    example,
  } as EventDefinition<T>);
}

export interface CaseReportedData {
  caseId: string;
  kind: CaseKind;
  priority: CasePriority;
  title: string;
  description: string;
  source: CaseSource;
  /** Personal data: the resident or merchant the case is reported for; never their phone. */
  requesterName: string | null;
  gridId: string;
  /** The grid worker responsible for the case; verifies the handling. */
  workerId: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  timeLimitHours: number;
  dueAt: string;
  at: string;
}

/** 案件上报 */
export const CaseReported = caseEvent<CaseReportedData>(
  'CaseReported',
  '网格内上报了一件案件（社情民意、民生服务或矛盾纠纷），并按类别和紧急程度定下办理时限。',
  'A case (public-opinion report, service request or dispute) was reported in a grid, with its deadline.',
  ['kind', 'priority', 'title', 'description', 'source', 'requesterName', 'gridId', 'workerId', 'districtId', 'subDistrictId', 'zoneId', 'timeLimitHours', 'dueAt'],
  {
    kind: { enum: [...CASE_KINDS] },
    priority: { enum: [...CASE_PRIORITIES] },
    title: text(100),
    description: text(2000),
    source: { enum: [...CASE_SOURCES] },
    requesterName: optionalText(50),
    gridId: id,
    workerId: optionalId,
    ...jurisdictionProperties,
    timeLimitHours: { type: 'integer', minimum: 1, maximum: 8760 },
    dueAt: dateTime,
  },
  {
    caseId: 'case-0001',
    kind: 'DISPUTE',
    priority: 'HIGH',
    title: '商户与顾客退换货纠纷',
    description: '运河城一楼服装店与顾客就退货发生争执',
    source: 'MERCHANT',
    requesterName: '张先生',
    gridId: 'grid-taibailou-1',
    workerId: 'gw-taibailou-01',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
    timeLimitHours: 24,
    dueAt: '2024-03-02T09:00:00.000Z',
    at: '2024-03-01T09:00:00.000Z',
  },
  ['requesterName'],
  ['workerId'],
);

export interface CaseAcceptedData {
  caseId: string;
  at: string;
}
/** 案件受理 */
export const CaseAccepted = caseEvent<CaseAcceptedData>('CaseAccepted', '案件已受理。', 'The case was accepted.', [], {}, { caseId: 'case-0001', at: '2024-03-01T09:30:00.000Z' });

export interface CaseRejectedData {
  caseId: string;
  reason: string;
  at: string;
}
/** 不予受理 */
export const CaseRejected = caseEvent<CaseRejectedData>(
  'CaseRejected',
  '案件不予受理（附理由）。',
  'The case was rejected, with the reason.',
  ['reason'],
  { reason: text(500) },
  { caseId: 'case-0001', reason: '不属于本片区事务', at: '2024-03-01T09:30:00.000Z' },
);

export interface CaseMarkedDuplicateData {
  caseId: string;
  duplicateOf: string;
  at: string;
}
/** 重复件 */
export const CaseMarkedDuplicate = caseEvent<CaseMarkedDuplicateData>(
  'CaseMarkedDuplicate',
  '案件被标记为另一案件的重复件。',
  'The case was marked as a duplicate of another case.',
  ['duplicateOf'],
  { duplicateOf: id },
  { caseId: 'case-0002', duplicateOf: 'case-0001', at: '2024-03-01T09:30:00.000Z' },
);

export interface CaseDispatchedData {
  caseId: string;
  assignee: CaseAssignee;
  instructions: string | null;
  at: string;
}
/** 案件派遣 */
export const CaseDispatched = caseEvent<CaseDispatchedData>(
  'CaseDispatched',
  '案件已派遣给职能部门或党组织办理（含退回后重新派遣）。',
  'The case was dispatched to a department or organization (also after being returned).',
  ['assignee', 'instructions'],
  { assignee, instructions: optionalText(500) },
  { caseId: 'case-0001', assignee: { kind: 'DEPARTMENT', id: 'dept-rencheng-scjg' }, instructions: '请于今日内上门调解', at: '2024-03-01T10:00:00.000Z' },
);

export interface CaseReturnedData {
  caseId: string;
  assignee: CaseAssignee;
  reason: string;
  at: string;
}
/** 承办单位退回（非本单位职责） */
export const CaseReturned = caseEvent<CaseReturnedData>(
  'CaseReturned',
  '承办单位以"非本单位职责"为由退回案件，等待重新派遣。',
  'The assignee returned the case as not theirs; it waits to be dispatched again.',
  ['assignee', 'reason'],
  { assignee, reason: text(500) },
  { caseId: 'case-0001', assignee: { kind: 'DEPARTMENT', id: 'dept-rencheng-cg' }, reason: '属市场监管职责', at: '2024-03-01T11:00:00.000Z' },
);

export interface CaseHandledData {
  caseId: string;
  assignee: CaseAssignee;
  feedback: string;
  at: string;
}
/** 处置反馈 */
export const CaseHandled = caseEvent<CaseHandledData>(
  'CaseHandled',
  '承办单位已处置案件并反馈结果。',
  'The assignee handled the case and gave feedback.',
  ['assignee', 'feedback'],
  { assignee, feedback: text(2000) },
  { caseId: 'case-0001', assignee: { kind: 'DEPARTMENT', id: 'dept-rencheng-scjg' }, feedback: '双方达成退货协议', at: '2024-03-01T15:00:00.000Z' },
);

export interface CaseVerifiedData {
  caseId: string;
  note: string | null;
  at: string;
}
/** 网格员核查通过 */
export const CaseVerified = caseEvent<CaseVerifiedData>(
  'CaseVerified',
  '网格员现场核查，确认处置到位。',
  'The grid worker verified the handling on site.',
  ['note'],
  { note: optionalText(1000) },
  { caseId: 'case-0001', note: '回访确认', at: '2024-03-01T16:00:00.000Z' },
);

export interface CaseReworkRequestedData {
  caseId: string;
  assignee: CaseAssignee;
  reason: string;
  reworkCount: number;
  at: string;
}
/** 核查不通过，退回返工 */
export const CaseReworkRequested = caseEvent<CaseReworkRequestedData>(
  'CaseReworkRequested',
  '核查未通过，案件退回承办单位返工。',
  'Verification failed; the case went back to the assignee for rework.',
  ['assignee', 'reason', 'reworkCount'],
  { assignee, reason: text(1000), reworkCount: { type: 'integer', minimum: 1 } },
  { caseId: 'case-0001', assignee: { kind: 'DEPARTMENT', id: 'dept-rencheng-scjg' }, reason: '商户仍未退款', reworkCount: 1, at: '2024-03-01T16:00:00.000Z' },
);

export interface CaseClosedData {
  caseId: string;
  /** Closed no later than its deadline and never overdue. */
  onTime: boolean;
  at: string;
}
/** 结案 */
export const CaseClosed = caseEvent<CaseClosedData>(
  'CaseClosed',
  '案件已结案（注明是否按期办结）。',
  'The case was closed, on time or not.',
  ['onTime'],
  { onTime: { type: 'boolean' } },
  { caseId: 'case-0001', onTime: true, at: '2024-03-01T17:00:00.000Z' },
);

export interface CaseRatedData {
  caseId: string;
  satisfaction: number;
  comment: string | null;
  at: string;
}
/** 满意度评价 */
export const CaseRated = caseEvent<CaseRatedData>(
  'CaseRated',
  '群众对已结案件做出满意度评价（1–5 分，仅一次）。',
  'The requester rated a closed case for satisfaction (1–5, once).',
  ['satisfaction', 'comment'],
  { satisfaction: { type: 'integer', minimum: 1, maximum: 5 }, comment: optionalText(500) },
  { caseId: 'case-0001', satisfaction: 5, comment: '处理及时', at: '2024-03-02T09:00:00.000Z' },
);

export interface CaseHeldData {
  caseId: string;
  fromState: CaseState;
  reason: string;
  at: string;
}
/** 挂账 */
export const CaseHeld = caseEvent<CaseHeldData>(
  'CaseHeld',
  '案件挂账（暂时无法解决，注明原因），期间不计超期。',
  'The case was put on hold with a reason; its deadline does not run meanwhile.',
  ['fromState', 'reason'],
  { fromState: { enum: [...CASE_STATES] }, reason: text(500) },
  { caseId: 'case-0001', fromState: 'DISPATCHED', reason: '需待道路改造工程完成', at: '2024-03-01T12:00:00.000Z' },
);

export interface CaseResumedData {
  caseId: string;
  toState: CaseState;
  /** The deadline moved on by the time spent on hold. */
  dueAt: string;
  at: string;
}
/** 恢复办理 */
export const CaseResumed = caseEvent<CaseResumedData>(
  'CaseResumed',
  '挂账案件恢复办理，办理时限顺延挂账时长。',
  'A held case was resumed; its deadline moved on by the time on hold.',
  ['toState', 'dueAt'],
  { toState: { enum: [...CASE_STATES] }, dueAt: dateTime },
  { caseId: 'case-0001', toState: 'DISPATCHED', dueAt: '2024-03-05T09:00:00.000Z', at: '2024-03-04T12:00:00.000Z' },
);

export interface CaseOverdueData {
  caseId: string;
  dueAt: string;
  at: string;
}
/** 案件超期 */
export const CaseOverdue = caseEvent<CaseOverdueData>(
  'CaseOverdue',
  '案件超过办理时限仍未结案（每件只发生一次）。',
  'The case passed its deadline without being closed (raised once per case).',
  ['dueAt'],
  { dueAt: dateTime },
  { caseId: 'case-0001', dueAt: '2024-03-02T09:00:00.000Z', at: '2024-03-02T09:01:00.000Z' },
);

export interface CaseEscalatedData {
  caseId: string;
  fromLevel: EscalationLevel;
  toLevel: EscalationLevel;
  /** The jurisdiction now answerable for the case (sub-district, district or city id). */
  toJurisdictionId: string;
  at: string;
}
/** 超期案件逐级上报 */
export const CaseEscalated = caseEvent<CaseEscalatedData>(
  'CaseEscalated',
  '超期案件上报到上一级辖区督办（片区 → 街道 → 区县 → 市）。',
  'An overdue case was escalated to the next level of the jurisdiction (zone → sub-district → district → city).',
  ['fromLevel', 'toLevel', 'toJurisdictionId'],
  { fromLevel: { enum: [...ESCALATION_LEVELS] }, toLevel: { enum: [...ESCALATION_LEVELS] }, toJurisdictionId: id },
  { caseId: 'case-0001', fromLevel: 'ZONE', toLevel: 'SUB_DISTRICT', toJurisdictionId: 'fuqiao', at: '2024-03-02T09:01:00.000Z' },
);

export interface CaseTimeLimitSetData {
  policyId: string;
  districtId: string;
  kind: CaseKind;
  priority: CasePriority;
  hours: number;
}

/** 办理时限设置 */
export const CaseTimeLimitSet = defineEvent<CaseTimeLimitSetData>({
  context: 'governance',
  name: 'CaseTimeLimitSet',
  version: 1,
  aggregateType: 'DeadlinePolicy',
  description: {
    zh: '区县为某类别、某紧急程度的案件设置了办理时限（小时），对之后上报的案件生效。',
    en: 'A district set the time limit (hours) for one case kind and priority; applies to cases reported afterwards.',
  },
  schema: {
    type: 'object',
    required: ['policyId', 'districtId', 'kind', 'priority', 'hours'],
    additionalProperties: false,
    properties: { policyId: id, districtId: id, kind: { enum: [...CASE_KINDS] }, priority: { enum: [...CASE_PRIORITIES] }, hours: { type: 'integer', minimum: 1, maximum: 8760 } },
  },
  personalFields: [],
  example: { policyId: 'deadline-policy-rencheng', districtId: 'rencheng', kind: 'DISPUTE', priority: 'HIGH', hours: 12 },
});
