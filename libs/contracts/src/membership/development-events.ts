import { defineEvent } from '../event-definition';

/** 发展党员阶段: applicant 入党申请人 → activist 入党积极分子 → development target 发展对象 → probationary 预备党员 → full 正式党员. */
export const DEVELOPMENT_STAGES = ['APPLICANT', 'ACTIVIST', 'DEVELOPMENT_TARGET', 'PROBATIONARY', 'FULL'] as const;
export type DevelopmentStage = (typeof DEVELOPMENT_STAGES)[number];

/** 三优三推: model employee → activist, vanguard member → enterprise cadre, excellent cadre → model figure. */
export const RECOMMENDATION_KINDS = [
  'MODEL_EMPLOYEE_TO_ACTIVIST', // 优秀员工推荐为入党积极分子
  'VANGUARD_MEMBER_TO_CADRE', // 优秀党员推荐为企业骨干
  'EXCELLENT_CADRE_TO_MODEL', // 优秀骨干推荐为先进典型
] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const optionalId = { type: ['string', 'null'], maxLength: 64 } as const;
const date = { type: 'string', format: 'date' } as const;
const creditCode = { type: ['string', 'null'], pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$' } as const;
const memberIds = { type: 'array', maxItems: 5, uniqueItems: true, items: id } as const;

export interface MembershipApplicationSubmittedData {
  memberId: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthYear: number;
  appliedOn: string;
  organizationId: string;
  employerName: string | null;
  employerCreditCode: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}

/** 递交入党申请: the person enters the development pipeline as an applicant (not yet a member). */
export const MembershipApplicationSubmitted = defineEvent<MembershipApplicationSubmittedData>({
  context: 'membership',
  name: 'MembershipApplicationSubmitted',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '入党申请人已向党组织递交入党申请，进入发展党员流程（身份证号和手机号不出党员服务）。',
    en: 'A person applied to join the Party with an organization and entered the development pipeline (ID number and phone never leave membership).',
  },
  schema: {
    type: 'object',
    required: ['memberId', 'name', 'gender', 'birthYear', 'appliedOn', 'organizationId', 'employerName', 'employerCreditCode', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: {
      memberId: id,
      name: { type: 'string', minLength: 1, maxLength: 50 },
      gender: { enum: ['MALE', 'FEMALE'] },
      birthYear: { type: 'integer', minimum: 1900, maximum: 2100 },
      appliedOn: date,
      organizationId: id,
      employerName: { type: ['string', 'null'], maxLength: 100 },
      employerCreditCode: creditCode,
      districtId: id,
      subDistrictId: id,
      zoneId: optionalId,
    },
  },
  personalFields: ['name'],
  personIds: ['memberId'],
  example: {
    memberId: 'mem-0100',
    name: '李娜',
    gender: 'FEMALE',
    birthYear: 1998,
    appliedOn: '2025-03-01',
    organizationId: 'org-wanda-branch',
    employerName: '济宁万达广场商业管理有限公司',
    employerCreditCode: null,
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface DevelopmentStageAdvancedData {
  memberId: string;
  fromStage: 'APPLICANT' | 'ACTIVIST';
  toStage: 'ACTIVIST' | 'DEVELOPMENT_TARGET';
  advancedOn: string;
  /** Activist: 培养联系人; development target: the two 入党介绍人 (full members), by member id. */
  introducerMemberIds: string[];
  /** The 三优三推 recommendation that led to it, if any. */
  recommendationId: string | null;
}

/** 确定为入党积极分子 / 列为发展对象 */
export const DevelopmentStageAdvanced = defineEvent<DevelopmentStageAdvancedData>({
  context: 'membership',
  name: 'DevelopmentStageAdvanced',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '入党申请人被确定为入党积极分子，或积极分子被列为发展对象（含日期和培养联系人/入党介绍人）。',
    en: 'An applicant became an activist, or an activist a development target (with date and introducers).',
  },
  schema: {
    type: 'object',
    required: ['memberId', 'fromStage', 'toStage', 'advancedOn', 'introducerMemberIds', 'recommendationId'],
    additionalProperties: false,
    properties: {
      memberId: id,
      fromStage: { enum: ['APPLICANT', 'ACTIVIST'] },
      toStage: { enum: ['ACTIVIST', 'DEVELOPMENT_TARGET'] },
      advancedOn: date,
      introducerMemberIds: memberIds,
      recommendationId: optionalId,
    },
  },
  personalFields: [],
  personIds: ['memberId', 'introducerMemberIds[]'],
  example: {
    memberId: 'mem-0100',
    fromStage: 'ACTIVIST',
    toStage: 'DEVELOPMENT_TARGET',
    advancedOn: '2026-04-01',
    introducerMemberIds: ['mem-0001', 'mem-0002'],
    recommendationId: null,
  },
});

export interface RecommendationRecordedData {
  recommendationId: string;
  kind: RecommendationKind;
  /** The recommended person when they are on record here (member or applicant); otherwise only the name. */
  memberId: string | null;
  name: string;
  organizationId: string;
  /** Who recommends: the service context and, where there is one, the enterprise's credit code. */
  sourceContext: 'membership' | 'activities' | 'governance' | 'enterprise';
  enterpriseCreditCode: string | null;
  reason: string;
  recommendedOn: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}

/** 三优三推推荐 */
export const RecommendationRecorded = defineEvent<RecommendationRecordedData>({
  context: 'membership',
  name: 'RecommendationRecorded',
  version: 1,
  aggregateType: 'Recommendation',
  description: {
    zh: '“三优三推”推荐已记录（优秀员工推荐为积极分子、优秀党员推荐为企业骨干、优秀骨干推荐为先进典型）。',
    en: 'A "three preferences, three recommendations" recommendation was recorded.',
  },
  schema: {
    type: 'object',
    required: [
      'recommendationId',
      'kind',
      'memberId',
      'name',
      'organizationId',
      'sourceContext',
      'enterpriseCreditCode',
      'reason',
      'recommendedOn',
      'districtId',
      'subDistrictId',
      'zoneId',
    ],
    additionalProperties: false,
    properties: {
      recommendationId: id,
      kind: { enum: [...RECOMMENDATION_KINDS] },
      memberId: optionalId,
      name: { type: 'string', minLength: 1, maxLength: 50 },
      organizationId: id,
      sourceContext: { enum: ['membership', 'activities', 'governance', 'enterprise'] },
      enterpriseCreditCode: creditCode,
      reason: { type: 'string', minLength: 1, maxLength: 500 },
      recommendedOn: date,
      districtId: id,
      subDistrictId: id,
      zoneId: optionalId,
    },
  },
  personalFields: ['name'],
  personIds: ['memberId'],
  example: {
    recommendationId: 'rec-0001',
    kind: 'MODEL_EMPLOYEE_TO_ACTIVIST',
    memberId: null,
    name: '王强',
    organizationId: 'org-wanda-branch',
    sourceContext: 'enterprise',
    enterpriseCreditCode: '91370800MA3C5EXA2N',
    reason: '连续三年获评公司优秀员工',
    recommendedOn: '2026-05-04',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});
