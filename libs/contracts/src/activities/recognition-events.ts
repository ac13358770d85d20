import { defineEvent } from '../event-definition';
import { ActivitiesJurisdiction, id, JURISDICTION_FIELDS, jurisdictionProps, optionalId, text } from './common';

export interface PointsRulesSetData {
  rulesId: string;
  /** Points for each activity attended (checked in). */
  attendancePoints: number;
  /** Points per volunteer hour credited. */
  volunteerHourPoints: number;
  /** Points for each pledge kept 践诺. */
  pledgeKeptPoints: number;
  /** Points needed for 1…5 stars, ascending. */
  starThresholds: number[];
  /** Average points per member a branch needs for its flag 一个支部一面旗. */
  flagAveragePoints: number;
}

/** 积分规则设定 */
export const PointsRulesSet = defineEvent<PointsRulesSetData>({
  context: 'activities',
  name: 'PointsRulesSet',
  version: 1,
  aggregateType: 'PointsRules',
  description: {
    zh: '党员积分规则已设定（参加活动、志愿时长、践诺的分值及星级、红旗门槛）。',
    en: 'Member points rules were set (attendance, volunteer hours, pledges kept; star and flag thresholds).',
  },
  schema: {
    type: 'object',
    required: ['rulesId', 'attendancePoints', 'volunteerHourPoints', 'pledgeKeptPoints', 'starThresholds', 'flagAveragePoints'],
    additionalProperties: false,
    properties: {
      rulesId: id,
      attendancePoints: { type: 'number', minimum: 0, maximum: 100 },
      volunteerHourPoints: { type: 'number', minimum: 0, maximum: 100 },
      pledgeKeptPoints: { type: 'number', minimum: 0, maximum: 100 },
      starThresholds: { type: 'array', minItems: 5, maxItems: 5, items: { type: 'number', minimum: 0, maximum: 100000 } },
      flagAveragePoints: { type: 'number', minimum: 0, maximum: 100000 },
    },
  },
  personalFields: [],
  example: { rulesId: 'points-rules', attendancePoints: 2, volunteerHourPoints: 1, pledgeKeptPoints: 5, starThresholds: [5, 15, 30, 50, 80], flagAveragePoints: 20 },
});

/** 党建品牌 / 示范点 */
export const HONOUR_KINDS = ['PARTY_BUILDING_BRAND', 'DEMONSTRATION_SITE'] as const;
export type HonourKind = (typeof HONOUR_KINDS)[number];

export interface HonourRegisteredData extends ActivitiesJurisdiction {
  honourId: string;
  kind: HonourKind;
  name: string;
  organizationId: string | null;
  description: string;
  awardedOn: string;
}

/** 党建品牌、示范点认定 */
export const HonourRegistered = defineEvent<HonourRegisteredData>({
  context: 'activities',
  name: 'HonourRegistered',
  version: 1,
  aggregateType: 'Honour',
  description: { zh: '党建品牌或党建示范点已认定。', en: 'A Party-building brand or demonstration site was recognised.' },
  schema: {
    type: 'object',
    required: ['honourId', 'kind', 'name', 'organizationId', 'description', 'awardedOn', ...JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: {
      honourId: id,
      kind: { enum: [...HONOUR_KINDS] },
      name: text(100),
      organizationId: optionalId,
      description: text(1000),
      awardedOn: { type: 'string', format: 'date' },
      ...jurisdictionProps,
    },
  },
  personalFields: [],
  example: {
    honourId: 'honour-ruyi-1234',
    kind: 'PARTY_BUILDING_BRAND',
    name: '如意集团“一二三四”工作法',
    organizationId: null,
    description: '以党建引领企业发展的工作方法',
    awardedOn: '2019-06-30',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: null,
  },
});

/** 五规范五提升 checklist items, each scored 0–10. */
export const ASSESSMENT_ITEMS = [
  'STANDARD_ORGANIZATION', // 组织设置规范
  'STANDARD_TEAM', // 班子队伍规范
  'STANDARD_LIFE', // 组织生活规范
  'STANDARD_VENUE', // 阵地建设规范
  'STANDARD_RECORDS', // 制度台账规范
  'IMPROVE_COHESION', // 提升凝聚力
  'IMPROVE_SERVICE', // 提升服务力
  'IMPROVE_DEVELOPMENT', // 提升发展力
  'IMPROVE_INFLUENCE', // 提升影响力
  'IMPROVE_INNOVATION', // 提升创新力
] as const;
export type AssessmentItem = (typeof ASSESSMENT_ITEMS)[number];

export interface AssessmentScoredData {
  assessmentId: string;
  organizationId: string;
  /** 'YYYY' */
  period: string;
  items: { item: AssessmentItem; score: number }[];
  total: number;
}

/** 五规范五提升考评 */
export const AssessmentScored = defineEvent<AssessmentScoredData>({
  context: 'activities',
  name: 'AssessmentScored',
  version: 1,
  aggregateType: 'Assessment',
  description: { zh: '党组织“五规范五提升”考评已打分（每项 0–10 分，满分 100）。', en: 'An organization was scored on the five-standards-five-improvements checklist.' },
  schema: {
    type: 'object',
    required: ['assessmentId', 'organizationId', 'period', 'items', 'total'],
    additionalProperties: false,
    properties: {
      assessmentId: id,
      organizationId: id,
      period: { type: 'string', pattern: '^\\d{4}$' },
      items: {
        type: 'array',
        minItems: ASSESSMENT_ITEMS.length,
        maxItems: ASSESSMENT_ITEMS.length,
        items: {
          type: 'object',
          required: ['item', 'score'],
          additionalProperties: false,
          properties: { item: { enum: [...ASSESSMENT_ITEMS] }, score: { type: 'integer', minimum: 0, maximum: 10 } },
        },
      },
      total: { type: 'integer', minimum: 0, maximum: 100 },
    },
  },
  personalFields: [],
  example: {
    assessmentId: 'assess-org-wanda-branch-2026',
    organizationId: 'org-wanda-branch',
    period: '2026',
    items: ASSESSMENT_ITEMS.map((item) => ({ item, score: 9 })),
    total: 90,
  },
});

/** 三优三推 tracks */
export const RECOMMENDATION_TRACKS = [
  'MODEL_EMPLOYEE_TO_ACTIVIST', // 优秀员工推荐为入党积极分子
  'VANGUARD_TO_CADRE', // 优秀党员推荐为企业骨干
  'CADRE_TO_MODEL', // 优秀骨干推荐为先进典型
] as const;
export type RecommendationTrack = (typeof RECOMMENDATION_TRACKS)[number];

export interface RecommendationMadeData {
  recommendationId: string;
  track: RecommendationTrack;
  /** The recommended person, when a member; model employees who are not members yet have none. */
  memberId: string | null;
  organizationId: string;
  reason: string;
}

/** 三优三推推荐 */
export const RecommendationMade = defineEvent<RecommendationMadeData>({
  context: 'activities',
  name: 'RecommendationMade',
  version: 1,
  aggregateType: 'Recommendation',
  description: { zh: '党组织作出“三优三推”推荐。', en: 'An organization made a "three preferences, three recommendations" recommendation.' },
  schema: {
    type: 'object',
    required: ['recommendationId', 'track', 'memberId', 'organizationId', 'reason'],
    additionalProperties: false,
    properties: { recommendationId: id, track: { enum: [...RECOMMENDATION_TRACKS] }, memberId: optionalId, organizationId: id, reason: text(500) },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { recommendationId: 'rec-0001', track: 'VANGUARD_TO_CADRE', memberId: 'mem-0001', organizationId: 'org-wanda-branch', reason: '连续两年五星党员' },
});
