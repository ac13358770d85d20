import { defineEvent } from '../event-definition';
import { ESCALATION_LEVELS, EscalationLevel } from '../governance/case-events';
import { Department, RequestCategory, s, SERVICE_TARGETS, ServiceTarget, ZONE_JURISDICTION_FIELDS, zoneJurisdiction } from './common';

const EXAMPLE_CODE = '91370811MA3HN0001T';

/** Where a request came from when it was raised on a department service day. */
export interface RequestOrigin {
  serviceDayId: string;
  issueId: string;
}

export interface ServiceRequestSubmittedData {
  requestId: string;
  creditCode: string;
  enterpriseName: string;
  category: RequestCategory;
  title: string;
  description: string;
  /** The responsible department, chosen by the routing rule in force at submission. */
  department: Department;
  submittedAt: string;
  /** Deadlines fixed at submission from the targets then in force (config changes do not move them). */
  firstContactDue: string;
  interimReplyDue: string;
  closureDue: string;
  origin: RequestOrigin | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 企业诉求提交 */
export const ServiceRequestSubmitted = defineEvent<ServiceRequestSubmittedData>({
  context: 'enterprise',
  name: 'ServiceRequestSubmitted',
  version: 1,
  aggregateType: 'ServiceRequest',
  description: {
    zh: '企业诉求已提交，按分派规则交由责任部门，并确定首次联系、阶段答复和办结时限。',
    en: 'An enterprise request was submitted, routed to the responsible department, with its first-contact, interim-reply and closure deadlines.',
  },
  schema: {
    type: 'object',
    required: [
      'requestId',
      'creditCode',
      'enterpriseName',
      'category',
      'title',
      'description',
      'department',
      'submittedAt',
      'firstContactDue',
      'interimReplyDue',
      'closureDue',
      'origin',
      ...ZONE_JURISDICTION_FIELDS,
    ],
    additionalProperties: false,
    properties: {
      requestId: s.id,
      creditCode: s.creditCode,
      enterpriseName: s.text(100),
      category: s.category,
      title: s.text(100),
      description: s.text(2000),
      department: s.department,
      submittedAt: s.dateTime,
      firstContactDue: s.dateTime,
      interimReplyDue: s.dateTime,
      closureDue: s.dateTime,
      origin: {
        oneOf: [{ type: 'null' }, { type: 'object', required: ['serviceDayId', 'issueId'], additionalProperties: false, properties: { serviceDayId: s.id, issueId: s.id } }],
      },
      ...zoneJurisdiction,
    },
  },
  personalFields: [],
  example: {
    requestId: 'req-0001',
    creditCode: EXAMPLE_CODE,
    enterpriseName: '济宁海能电子商务有限公司',
    category: 'FINANCING',
    title: '申请 300 万元流动资金贷款',
    description: '旺季备货资金不足，希望对接银行信用贷款产品。',
    department: 'FINANCE',
    submittedAt: '2026-03-02T01:00:00.000Z',
    firstContactDue: '2026-03-02T02:00:00.000Z',
    interimReplyDue: '2026-03-05T01:00:00.000Z',
    closureDue: '2026-03-09T01:00:00.000Z',
    origin: null,
    districtId: 'rencheng',
    subDistrictId: 'xianying',
    zoneId: 'zone-haineng',
  },
});

export interface ServiceRequestFirstContactedData {
  requestId: string;
  contactedAt: string;
  note: string;
}

/** 首次联系企业 */
export const ServiceRequestFirstContacted = defineEvent<ServiceRequestFirstContactedData>({
  context: 'enterprise',
  name: 'ServiceRequestFirstContacted',
  version: 1,
  aggregateType: 'ServiceRequest',
  description: { zh: '责任部门已首次联系提出诉求的企业。', en: 'The responsible department made first contact with the enterprise.' },
  schema: {
    type: 'object',
    required: ['requestId', 'contactedAt', 'note'],
    additionalProperties: false,
    properties: { requestId: s.id, contactedAt: s.dateTime, note: s.text(1000) },
  },
  personalFields: [],
  example: { requestId: 'req-0001', contactedAt: '2026-03-02T01:40:00.000Z', note: '已电话联系企业负责人，了解资金需求。' },
});

export interface ServiceRequestInterimRepliedData {
  requestId: string;
  repliedAt: string;
  reply: string;
}

/** 阶段性答复 */
export const ServiceRequestInterimReplied = defineEvent<ServiceRequestInterimRepliedData>({
  context: 'enterprise',
  name: 'ServiceRequestInterimReplied',
  version: 1,
  aggregateType: 'ServiceRequest',
  description: { zh: '责任部门已就诉求办理进展给企业阶段性答复。', en: 'The department gave the enterprise an interim reply on progress.' },
  schema: {
    type: 'object',
    required: ['requestId', 'repliedAt', 'reply'],
    additionalProperties: false,
    properties: { requestId: s.id, repliedAt: s.dateTime, reply: s.text(2000) },
  },
  personalFields: [],
  example: { requestId: 'req-0001', repliedAt: '2026-03-04T06:00:00.000Z', reply: '已推荐两家银行的信用贷产品，银行将上门调查。' },
});

export interface ServiceRequestClosedData {
  requestId: string;
  closedAt: string;
  result: string;
  /** Whether closure met the closure deadline, decided at closure. */
  onTime: boolean;
}

/** 诉求办结 */
export const ServiceRequestClosed = defineEvent<ServiceRequestClosedData>({
  context: 'enterprise',
  name: 'ServiceRequestClosed',
  version: 1,
  aggregateType: 'ServiceRequest',
  description: { zh: '企业诉求已办结，附办理结果及是否按期。', en: 'The request was closed with its result and whether it met the closure deadline.' },
  schema: {
    type: 'object',
    required: ['requestId', 'closedAt', 'result', 'onTime'],
    additionalProperties: false,
    properties: { requestId: s.id, closedAt: s.dateTime, result: s.text(2000), onTime: { type: 'boolean' } },
  },
  personalFields: [],
  example: { requestId: 'req-0001', closedAt: '2026-03-06T08:00:00.000Z', result: '农商银行已放款 200 万元。', onTime: true },
});

export interface ServiceRequestRatedData {
  requestId: string;
  satisfaction: number;
  comment: string | null;
  ratedAt: string;
}

/** 企业满意度评价 */
export const ServiceRequestRated = defineEvent<ServiceRequestRatedData>({
  context: 'enterprise',
  name: 'ServiceRequestRated',
  version: 1,
  aggregateType: 'ServiceRequest',
  description: { zh: '企业已对办结的诉求作出满意度评价（1–5 分）。', en: 'The enterprise rated the closed request (satisfaction 1–5).' },
  schema: {
    type: 'object',
    required: ['requestId', 'satisfaction', 'comment', 'ratedAt'],
    additionalProperties: false,
    properties: { requestId: s.id, satisfaction: { type: 'integer', minimum: 1, maximum: 5 }, comment: s.optionalText(500), ratedAt: s.dateTime },
  },
  personalFields: [],
  example: { requestId: 'req-0001', satisfaction: 5, comment: '响应快，办理到位。', ratedAt: '2026-03-07T02:00:00.000Z' },
});

export interface ServiceRequestEscalatedData {
  requestId: string;
  target: ServiceTarget;
  department: Department;
  dueAt: string;
  escalatedAt: string;
}

/** 超时督办: a missed target, raised once per target. Written before v2; still read (topics keep every event). */
export const ServiceRequestEscalated = defineEvent<ServiceRequestEscalatedData>({
  context: 'enterprise',
  name: 'ServiceRequestEscalated',
  version: 1,
  aggregateType: 'ServiceRequest',
  description: {
    zh: '诉求的某项时限（首次联系、阶段答复或办结）已超期，提请督办；每项时限只督办一次。',
    en: 'A request missed one of its targets (first contact, interim reply or closure) and was escalated; once per target.',
  },
  schema: {
    type: 'object',
    required: ['requestId', 'target', 'department', 'dueAt', 'escalatedAt'],
    additionalProperties: false,
    properties: { requestId: s.id, target: { enum: [...SERVICE_TARGETS] }, department: s.department, dueAt: s.dateTime, escalatedAt: s.dateTime },
  },
  personalFields: [],
  example: { requestId: 'req-0001', target: 'FIRST_CONTACT', department: 'FINANCE', dueAt: '2026-03-02T02:00:00.000Z', escalatedAt: '2026-03-02T02:01:00.000Z' },
});

export interface ServiceRequestEscalatedV2Data extends ServiceRequestEscalatedData {
  fromLevel: EscalationLevel;
  /** 督办层级: one level up per missed target (sub-district, then district, then city). */
  toLevel: EscalationLevel;
  /** The sub-district, district or city whose administrators now answer for the request. */
  toJurisdictionId: string;
}

/** 超时督办（逐级）: v2 names the level and jurisdiction the request was escalated to. */
export const ServiceRequestEscalatedV2 = defineEvent<ServiceRequestEscalatedV2Data>({
  context: 'enterprise',
  name: 'ServiceRequestEscalated',
  version: 2,
  aggregateType: 'ServiceRequest',
  description: {
    zh: '诉求的某项时限（首次联系、阶段答复或办结）已超期，提请上一级辖区督办（街道 → 区县 → 市，每超一项时限上升一级）；每项时限只督办一次。',
    en: 'A request missed one of its targets and was escalated to the next level of the jurisdiction (sub-district → district → city, one level per missed target); once per target.',
  },
  schema: {
    type: 'object',
    required: ['requestId', 'target', 'department', 'dueAt', 'escalatedAt', 'fromLevel', 'toLevel', 'toJurisdictionId'],
    additionalProperties: false,
    properties: {
      requestId: s.id,
      target: { enum: [...SERVICE_TARGETS] },
      department: s.department,
      dueAt: s.dateTime,
      escalatedAt: s.dateTime,
      fromLevel: { enum: [...ESCALATION_LEVELS] },
      toLevel: { enum: [...ESCALATION_LEVELS] },
      toJurisdictionId: s.id,
    },
  },
  personalFields: [],
  example: {
    requestId: 'req-0001',
    target: 'FIRST_CONTACT',
    department: 'FINANCE',
    dueAt: '2026-03-02T02:00:00.000Z',
    escalatedAt: '2026-03-02T02:01:00.000Z',
    fromLevel: 'ZONE',
    toLevel: 'SUB_DISTRICT',
    toJurisdictionId: 'fuqiao',
  },
});

export interface RoutingRuleSetData {
  category: RequestCategory;
  department: Department;
}

/** 诉求分派规则调整 */
export const RoutingRuleSet = defineEvent<RoutingRuleSetData>({
  context: 'enterprise',
  name: 'RoutingRuleSet',
  version: 1,
  aggregateType: 'RoutingRule',
  description: { zh: '某类企业诉求的责任部门分派规则已调整。', en: 'The department a request category is routed to was changed.' },
  schema: {
    type: 'object',
    required: ['category', 'department'],
    additionalProperties: false,
    properties: { category: s.category, department: s.department },
  },
  personalFields: [],
  example: { category: 'FINANCIAL_TRAINING', department: 'TAX' },
});

export interface ServiceTargetsSetData {
  firstContactMinutes: number;
  interimReplyWorkingDays: number;
  closureWorkingDays: number;
  /** Public holidays (YYYY-MM-DD, China time) that do not count as working days. */
  holidays: string[];
}

/** 办理时限与节假日设置 */
export const ServiceTargetsSet = defineEvent<ServiceTargetsSetData>({
  context: 'enterprise',
  name: 'ServiceTargetsSet',
  version: 1,
  aggregateType: 'ServiceTargets',
  description: {
    zh: '企业诉求的首次联系、阶段答复、办结时限及节假日表已调整（只影响此后提交的诉求）。',
    en: 'The first-contact, interim-reply and closure targets and the holiday list changed (applies to later requests).',
  },
  schema: {
    type: 'object',
    required: ['firstContactMinutes', 'interimReplyWorkingDays', 'closureWorkingDays', 'holidays'],
    additionalProperties: false,
    properties: {
      firstContactMinutes: { type: 'integer', minimum: 1, maximum: 10080 },
      interimReplyWorkingDays: { type: 'integer', minimum: 1, maximum: 60 },
      closureWorkingDays: { type: 'integer', minimum: 1, maximum: 120 },
      holidays: { type: 'array', maxItems: 100, uniqueItems: true, items: s.date },
    },
  },
  personalFields: [],
  example: { firstContactMinutes: 60, interimReplyWorkingDays: 3, closureWorkingDays: 5, holidays: ['2026-05-01', '2026-10-01'] },
});
