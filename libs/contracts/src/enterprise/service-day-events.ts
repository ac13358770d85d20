import { defineEvent } from '../event-definition';
import { Department, RequestCategory, s, ZONE_JURISDICTION_FIELDS, zoneJurisdiction } from './common';

/** 上门服务日类型: an on-site service day, or a bank-enterprise matchmaking session 银企对接会. */
export const SERVICE_DAY_KINDS = ['ON_SITE', 'MATCHMAKING'] as const;
export type ServiceDayKind = (typeof SERVICE_DAY_KINDS)[number];

export interface ServiceDayScheduledData {
  serviceDayId: string;
  department: Department;
  kind: ServiceDayKind;
  title: string;
  date: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 部门上门服务日安排 */
export const ServiceDayScheduled = defineEvent<ServiceDayScheduledData>({
  context: 'enterprise',
  name: 'ServiceDayScheduled',
  version: 1,
  aggregateType: 'ServiceDay',
  description: {
    zh: '职能部门到片区上门服务（或银企对接会）已安排。',
    en: "A department's on-site service day (or a bank-enterprise matchmaking session) in a zone was scheduled.",
  },
  schema: {
    type: 'object',
    required: ['serviceDayId', 'department', 'kind', 'title', 'date', ...ZONE_JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: {
      serviceDayId: s.id,
      department: s.department,
      kind: { enum: [...SERVICE_DAY_KINDS] },
      title: s.text(100),
      date: s.date,
      ...zoneJurisdiction,
    },
  },
  personalFields: [],
  example: {
    serviceDayId: 'sd-haineng-tax-01',
    department: 'TAX',
    kind: 'ON_SITE',
    title: '税务局走进海能电商园',
    date: '2026-04-08',
    districtId: 'rencheng',
    subDistrictId: 'xianying',
    zoneId: 'zone-haineng',
  },
});

export interface ServiceDayIssueRaisedData {
  serviceDayId: string;
  issueId: string;
  creditCode: string;
  category: RequestCategory;
  description: string;
}

/** 上门服务中企业提出的问题 */
export const ServiceDayIssueRaised = defineEvent<ServiceDayIssueRaisedData>({
  context: 'enterprise',
  name: 'ServiceDayIssueRaised',
  version: 1,
  aggregateType: 'ServiceDay',
  description: {
    zh: '企业在上门服务日提出了问题（可转为企业诉求办理）。',
    en: 'An enterprise raised an issue on a service day (it may become a service request).',
  },
  schema: {
    type: 'object',
    required: ['serviceDayId', 'issueId', 'creditCode', 'category', 'description'],
    additionalProperties: false,
    properties: { serviceDayId: s.id, issueId: s.id, creditCode: s.creditCode, category: s.category, description: s.text(2000) },
  },
  personalFields: [],
  example: { serviceDayId: 'sd-haineng-tax-01', issueId: 'issue-1', creditCode: '91370811MA3HN0001T', category: 'TAX', description: '小规模纳税人增值税减免政策如何申报？' },
});

export interface ServiceDayConcludedData {
  serviceDayId: string;
  enterprisesServed: string[];
  outcome: string;
}

/** 上门服务日结束: the enterprises served and what came of the day. */
export const ServiceDayConcluded = defineEvent<ServiceDayConcludedData>({
  context: 'enterprise',
  name: 'ServiceDayConcluded',
  version: 1,
  aggregateType: 'ServiceDay',
  description: { zh: '上门服务日已结束，记录服务企业名单和成效。', en: 'The service day ended, with the enterprises served and its outcome.' },
  schema: {
    type: 'object',
    required: ['serviceDayId', 'enterprisesServed', 'outcome'],
    additionalProperties: false,
    properties: {
      serviceDayId: s.id,
      enterprisesServed: { type: 'array', maxItems: 1000, uniqueItems: true, items: s.creditCode },
      outcome: s.text(2000),
    },
  },
  personalFields: [],
  example: { serviceDayId: 'sd-haineng-tax-01', enterprisesServed: ['91370811MA3HN0001T'], outcome: '现场解答涉税问题 12 个，辅导 8 家企业完成电子申报。' },
});
