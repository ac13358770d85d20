import { defineEvent } from '../event-definition';

/**
 * The development pipeline's steps between the stages (发展党员的程序): what the Party's rules
 * require before a stage advance, and the ways out of the pipeline. Each is an event on the
 * person's Member stream; the stage events (DevelopmentStageAdvanced, MemberRegistered,
 * MemberAdmittedAsFull) are unchanged, so histories stored before these steps still replay.
 */

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const date = { type: 'string', format: 'date' } as const;
const reason = { type: 'string', minLength: 1, maxLength: 500 } as const;
const pipelineStage = { enum: ['APPLICANT', 'ACTIVIST', 'DEVELOPMENT_TARGET'] } as const;

export interface DevelopmentTrainingCompletedData {
  memberId: string;
  completedOn: string;
  /** 学时 (at least 24 when no certificate is given), or null. */
  hours: number | null;
  /** 结业证书编号, or null. */
  certificateId: string | null;
}

/** 集中培训: a development target completed the short concentrated training. */
export const DevelopmentTrainingCompleted = defineEvent<DevelopmentTrainingCompletedData>({
  context: 'membership',
  name: 'DevelopmentTrainingCompleted',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '发展对象已完成短期集中培训（学时或结业证书编号）。',
    en: 'A development target completed the concentrated training (hours or certificate number).',
  },
  schema: {
    type: 'object',
    required: ['memberId', 'completedOn', 'hours', 'certificateId'],
    additionalProperties: false,
    properties: {
      memberId: id,
      completedOn: date,
      hours: { type: ['integer', 'null'], minimum: 1, maximum: 1000 },
      certificateId: { type: ['string', 'null'], minLength: 1, maxLength: 64 },
    },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0100', completedOn: '2026-05-10', hours: 24, certificateId: null },
});

export interface PoliticalReviewPassedData {
  memberId: string;
  passedOn: string;
  /** The organization that conducted and concluded the review. */
  reviewingOrganizationId: string;
}

/** 政治审查合格 */
export const PoliticalReviewPassed = defineEvent<PoliticalReviewPassedData>({
  context: 'membership',
  name: 'PoliticalReviewPassed',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '发展对象的政治审查已完成，结论为合格。', en: "A development target's political review concluded as passed." },
  schema: {
    type: 'object',
    required: ['memberId', 'passedOn', 'reviewingOrganizationId'],
    additionalProperties: false,
    properties: { memberId: id, passedOn: date, reviewingOrganizationId: id },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0100', passedOn: '2026-05-03', reviewingOrganizationId: 'org-wanda-branch' },
});

export interface AdmissionNoticePublishedData {
  memberId: string;
  startsOn: string;
  endsOn: string;
  /** Working days (Monday to Friday) the notice runs, at least 5. */
  workingDays: number;
  organizationId: string;
}

/** 公示: the intended admission is made public before the branch decides. */
export const AdmissionNoticePublished = defineEvent<AdmissionNoticePublishedData>({
  context: 'membership',
  name: 'AdmissionNoticePublished',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '拟接收预备党员的发展对象已公示（不少于 5 个工作日）。',
    en: 'The intended admission of a development target was publicly posted (at least 5 working days).',
  },
  schema: {
    type: 'object',
    required: ['memberId', 'startsOn', 'endsOn', 'workingDays', 'organizationId'],
    additionalProperties: false,
    properties: { memberId: id, startsOn: date, endsOn: date, workingDays: { type: 'integer', minimum: 5, maximum: 100 }, organizationId: id },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0100', startsOn: '2026-05-11', endsOn: '2026-05-15', workingDays: 5, organizationId: 'org-wanda-branch' },
});

export interface AdmissionApprovedData {
  memberId: string;
  approvedOn: string;
  /** The Party committee above the member's branch that approved. */
  approvingOrganizationId: string;
}

/** 上级党委审批: the committee above approves the admission as probationary member. */
export const AdmissionApproved = defineEvent<AdmissionApprovedData>({
  context: 'membership',
  name: 'AdmissionApproved',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '上级党委已审批同意接收该发展对象为预备党员。', en: 'The committee above approved admitting the development target as a probationary member.' },
  schema: {
    type: 'object',
    required: ['memberId', 'approvedOn', 'approvingOrganizationId'],
    additionalProperties: false,
    properties: { memberId: id, approvedOn: date, approvingOrganizationId: id },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0100', approvedOn: '2026-05-20', approvingOrganizationId: 'org-taibailou-committee' },
});

export interface OathTakenData {
  memberId: string;
  takenOn: string;
  organizationId: string;
}

/** 入党宣誓 */
export const OathTaken = defineEvent<OathTakenData>({
  context: 'membership',
  name: 'OathTaken',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '预备党员已进行入党宣誓。', en: 'A probationary member took the oath.' },
  schema: {
    type: 'object',
    required: ['memberId', 'takenOn', 'organizationId'],
    additionalProperties: false,
    properties: { memberId: id, takenOn: date, organizationId: id },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0100', takenOn: '2026-07-01', organizationId: 'org-wanda-branch' },
});

export interface MembershipApplicationWithdrawnData {
  memberId: string;
  withdrawnOn: string;
  /** The stage the person had reached. */
  stage: 'APPLICANT' | 'ACTIVIST' | 'DEVELOPMENT_TARGET';
  organizationId: string;
}

/** 本人撤回入党申请: the person leaves the pipeline of their own will. */
export const MembershipApplicationWithdrawn = defineEvent<MembershipApplicationWithdrawnData>({
  context: 'membership',
  name: 'MembershipApplicationWithdrawn',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '入党申请人（积极分子、发展对象）本人撤回了入党申请，退出发展流程。', en: 'The person withdrew their application and left the development pipeline.' },
  schema: {
    type: 'object',
    required: ['memberId', 'withdrawnOn', 'stage', 'organizationId'],
    additionalProperties: false,
    properties: { memberId: id, withdrawnOn: date, stage: pipelineStage, organizationId: id },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0100', withdrawnOn: '2026-03-01', stage: 'ACTIVIST', organizationId: 'org-wanda-branch' },
});

export interface MembershipApplicationResubmittedData {
  memberId: string;
  appliedOn: string;
  /** How the earlier attempt ended. */
  previousExit: 'WITHDRAWN' | 'REJECTED';
  /** The organization the person applies to now (the record's, or another standing one), and its place. */
  organizationId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}

/**
 * 重新递交入党申请: a person who withdrew or was not admitted applies again on the same record (one
 * person, one record: the ID number stays claimed by it), starting the pipeline afresh.
 */
export const MembershipApplicationResubmitted = defineEvent<MembershipApplicationResubmittedData>({
  context: 'membership',
  name: 'MembershipApplicationResubmitted',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '曾撤回入党申请或未被接收的人重新递交入党申请，发展流程从入党申请人重新开始（同一份档案）。',
    en: 'A person who withdrew or was not admitted applied again; the pipeline starts afresh on the same record.',
  },
  schema: {
    type: 'object',
    required: ['memberId', 'appliedOn', 'previousExit', 'organizationId', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: {
      memberId: id,
      appliedOn: date,
      previousExit: { enum: ['WITHDRAWN', 'REJECTED'] },
      organizationId: id,
      districtId: id,
      subDistrictId: id,
      zoneId: { type: ['string', 'null'], minLength: 1, maxLength: 64 },
    },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: {
    memberId: 'mem-0100',
    appliedOn: '2027-03-01',
    previousExit: 'WITHDRAWN',
    organizationId: 'org-wanda-branch',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface AdmissionRejectedData {
  memberId: string;
  rejectedOn: string;
  stage: 'APPLICANT' | 'ACTIVIST' | 'DEVELOPMENT_TARGET';
  reason: string;
  /** The branch that decided (the person's organization). */
  organizationId: string;
}

/** 不予接收: the branch decides not to admit the person, with the reason. */
export const AdmissionRejected = defineEvent<AdmissionRejectedData>({
  context: 'membership',
  name: 'AdmissionRejected',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '党组织决定不予接收，发展流程终止（附原因）。', en: 'The organization decided not to admit the person; the pipeline ends (with the reason).' },
  schema: {
    type: 'object',
    required: ['memberId', 'rejectedOn', 'stage', 'reason', 'organizationId'],
    additionalProperties: false,
    properties: { memberId: id, rejectedOn: date, stage: pipelineStage, reason, organizationId: id },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0100', rejectedOn: '2026-05-20', stage: 'DEVELOPMENT_TARGET', reason: '支部大会表决未获通过', organizationId: 'org-wanda-branch' },
});

export interface ProbationExtendedData {
  memberId: string;
  extendedOn: string;
  /** At most 12 months, once. */
  months: number;
  /** The earliest day the member may now be admitted as full. */
  probationEndsOn: string;
  reason: string;
  approvingOrganizationId: string;
}

/** 延长预备期 */
export const ProbationExtended = defineEvent<ProbationExtendedData>({
  context: 'membership',
  name: 'ProbationExtended',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '预备党员的预备期已延长（最长一年，仅一次）。', en: "A probationary member's probation was extended (at most a year, once)." },
  schema: {
    type: 'object',
    required: ['memberId', 'extendedOn', 'months', 'probationEndsOn', 'reason', 'approvingOrganizationId'],
    additionalProperties: false,
    properties: { memberId: id, extendedOn: date, months: { type: 'integer', minimum: 1, maximum: 12 }, probationEndsOn: date, reason, approvingOrganizationId: id },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: {
    memberId: 'mem-0100',
    extendedOn: '2027-07-01',
    months: 6,
    probationEndsOn: '2028-01-01',
    reason: '预备期间表现未达到转正条件',
    approvingOrganizationId: 'org-taibailou-committee',
  },
});

export interface ProbationaryMembershipCancelledData {
  memberId: string;
  cancelledOn: string;
  reason: string;
  approvingOrganizationId: string;
  /** The member's organization: the record stays readable there. */
  organizationId: string;
}

/** 取消预备党员资格: the person is no longer a member and counts nowhere from then on. */
export const ProbationaryMembershipCancelled = defineEvent<ProbationaryMembershipCancelledData>({
  context: 'membership',
  name: 'ProbationaryMembershipCancelled',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '预备党员资格已被取消，自此不再计入任何党员统计，档案仍可查阅。',
    en: "A probationary member's membership was cancelled; they count nowhere from now on, the record stays readable.",
  },
  schema: {
    type: 'object',
    required: ['memberId', 'cancelledOn', 'reason', 'approvingOrganizationId', 'organizationId'],
    additionalProperties: false,
    properties: { memberId: id, cancelledOn: date, reason, approvingOrganizationId: id, organizationId: id },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0100', cancelledOn: '2027-03-01', reason: '预备期间严重违纪', approvingOrganizationId: 'org-taibailou-committee', organizationId: 'org-wanda-branch' },
});
