import { defineEvent } from '../event-definition';
import { Department, s, ZONE_JURISDICTION_FIELDS, zoneJurisdiction } from './common';

export interface PolicyPublishedData {
  policyId: string;
  title: string;
  department: Department;
  summary: string;
  /** An enterprise is eligible when it carries every one of these tags. */
  eligibilityTags: string[];
  districtId: string;
  /** Limited to one zone, or null for the whole district. */
  zoneId: string | null;
}

/** 惠企政策发布 */
export const PolicyPublished = defineEvent<PolicyPublishedData>({
  context: 'enterprise',
  name: 'PolicyPublished',
  version: 1,
  aggregateType: 'Policy',
  description: {
    zh: '惠企政策已发布，附适用条件标签（企业须具备全部标签）和适用辖区。',
    en: 'A business-support policy was published with its eligibility tags (an enterprise needs all of them) and jurisdiction.',
  },
  schema: {
    type: 'object',
    required: ['policyId', 'title', 'department', 'summary', 'eligibilityTags', 'districtId', 'zoneId'],
    additionalProperties: false,
    properties: {
      policyId: s.id,
      title: s.text(200),
      department: s.department,
      summary: s.text(2000),
      eligibilityTags: { ...s.tags, minItems: 1 },
      districtId: s.id,
      zoneId: s.optionalId,
    },
  },
  personalFields: [],
  example: {
    policyId: 'policy-graduate-subsidy',
    title: '小微企业吸纳高校毕业生社保补贴',
    department: 'HUMAN_RESOURCES',
    summary: '小微企业招用毕业年度高校毕业生并缴纳社保的，按规定给予一年社保补贴。',
    eligibilityTags: ['小微企业', '高校毕业生就业'],
    districtId: 'rencheng',
    zoneId: null,
  },
});

export interface PolicyMatchedData {
  matchId: string;
  policyId: string;
  policyTitle: string;
  creditCode: string;
  enterpriseName: string;
  matchedTags: string[];
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 政策精准推送: one enterprise found eligible for one policy, pushed once. */
export const PolicyMatched = defineEvent<PolicyMatchedData>({
  context: 'enterprise',
  name: 'PolicyMatched',
  version: 1,
  aggregateType: 'PolicyMatch',
  description: {
    zh: '企业符合某项惠企政策的条件，政策已精准推送给该企业（同一政策对同一企业只推送一次）。',
    en: 'An enterprise was found eligible for a policy and the policy was pushed to it (once per policy and enterprise).',
  },
  schema: {
    type: 'object',
    required: ['matchId', 'policyId', 'policyTitle', 'creditCode', 'enterpriseName', 'matchedTags', ...ZONE_JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: {
      matchId: s.id,
      policyId: s.id,
      policyTitle: s.text(200),
      creditCode: s.creditCode,
      enterpriseName: s.text(100),
      matchedTags: s.tags,
      ...zoneJurisdiction,
    },
  },
  personalFields: [],
  example: {
    matchId: 'pm-3f2a9c1d0b7e6a5f4c3d',
    policyId: 'policy-graduate-subsidy',
    policyTitle: '小微企业吸纳高校毕业生社保补贴',
    creditCode: '91370811MA3HN0001T',
    enterpriseName: '济宁海能电子商务有限公司',
    matchedTags: ['小微企业', '高校毕业生就业'],
    districtId: 'rencheng',
    subDistrictId: 'xianying',
    zoneId: 'zone-haineng',
  },
});
