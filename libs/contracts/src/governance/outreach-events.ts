import { defineEvent } from '../event-definition';
import { date, id, jurisdictionProperties, text } from './schema-parts';

/** 宣传对象: enterprise, merchant, resident. */
export const OUTREACH_TARGET_KINDS = ['ENTERPRISE', 'MERCHANT', 'RESIDENT'] as const;
export type OutreachTargetKind = (typeof OUTREACH_TARGET_KINDS)[number];

export interface OutreachCampaignLaunchedData {
  campaignId: string;
  title: string;
  /** The policies and laws publicised, e.g. 民法典, 优化营商环境条例. */
  topics: string[];
  startsOn: string;
  endsOn: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 政策法规宣传活动启动 */
export const OutreachCampaignLaunched = defineEvent<OutreachCampaignLaunchedData>({
  context: 'governance',
  name: 'OutreachCampaignLaunched',
  version: 1,
  aggregateType: 'OutreachCampaign',
  description: { zh: '片区启动了一项政策法规宣传活动。', en: 'A policy and law outreach campaign was launched in a zone.' },
  schema: {
    type: 'object',
    required: ['campaignId', 'title', 'topics', 'startsOn', 'endsOn', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: {
      campaignId: id,
      title: text(100),
      topics: { type: 'array', minItems: 1, maxItems: 20, items: text(100) },
      startsOn: date,
      endsOn: date,
      ...jurisdictionProperties,
    },
  },
  personalFields: [],
  example: {
    campaignId: 'campaign-2024-civil-code',
    title: '民法典进商圈',
    topics: ['民法典', '优化营商环境条例'],
    startsOn: '2024-03-01',
    endsOn: '2024-03-31',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface OutreachVisitRecordedData {
  campaignId: string;
  visitId: string;
  workerId: string;
  targetKind: OutreachTargetKind;
  /** The enterprise or shop visited, or a description of the residents (personal when it names a person). */
  targetName: string;
  /** 覆盖人数: people reached by this visit. */
  reach: number;
  visitedOn: string;
}

/** 入企入户宣传走访 */
export const OutreachVisitRecorded = defineEvent<OutreachVisitRecordedData>({
  context: 'governance',
  name: 'OutreachVisitRecorded',
  version: 1,
  aggregateType: 'OutreachCampaign',
  description: { zh: '网格员入企入户宣传走访一次，记录覆盖人数。', en: 'A grid worker visited an enterprise, shop or residents for a campaign; the reach was recorded.' },
  schema: {
    type: 'object',
    required: ['campaignId', 'visitId', 'workerId', 'targetKind', 'targetName', 'reach', 'visitedOn'],
    additionalProperties: false,
    properties: {
      campaignId: id,
      visitId: id,
      workerId: id,
      targetKind: { enum: [...OUTREACH_TARGET_KINDS] },
      targetName: text(100),
      reach: { type: 'integer', minimum: 1, maximum: 100000 },
      visitedOn: date,
    },
  },
  personalFields: ['targetName'],
  personIds: ['workerId'],
  example: {
    campaignId: 'campaign-2024-civil-code',
    visitId: 'visit-0001',
    workerId: 'gw-taibailou-01',
    targetKind: 'ENTERPRISE',
    targetName: '运河城购物中心',
    reach: 35,
    visitedOn: '2024-03-05',
  },
});
