import { defineEvent } from '../event-definition';
import { dateTime, id, jurisdictionProperties, text } from './schema-parts';

export const MEDIATION_SIDES = ['APPLICANT', 'RESPONDENT'] as const;
export type MediationSide = (typeof MEDIATION_SIDES)[number];

/** Where a failed mediation goes next: 人民调解委员会, 职能部门, 仲裁, 法院. */
export const REFERRAL_TARGETS = ['PEOPLES_MEDIATION_COMMITTEE', 'DEPARTMENT', 'ARBITRATION', 'COURT'] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

export interface MediationParty {
  side: MediationSide;
  /** Personal data when the party is a person. */
  name: string;
}

export interface MediationOpenedData {
  mediationId: string;
  caseId: string;
  /** The mediator's platform user id (a grid worker or a justice-office mediator). */
  mediatorId: string;
  parties: MediationParty[];
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

const mediationId = id;

/** 矛盾纠纷调解启动 */
export const MediationOpened = defineEvent<MediationOpenedData>({
  context: 'governance',
  name: 'MediationOpened',
  version: 1,
  aggregateType: 'Mediation',
  description: { zh: '针对一件矛盾纠纷案件启动调解，确定调解员和当事各方。', en: 'Mediation of a dispute case was opened, with its mediator and parties.' },
  schema: {
    type: 'object',
    required: ['mediationId', 'caseId', 'mediatorId', 'parties', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: {
      mediationId,
      caseId: id,
      mediatorId: id,
      parties: {
        type: 'array',
        minItems: 2,
        maxItems: 20,
        items: { type: 'object', required: ['side', 'name'], additionalProperties: false, properties: { side: { enum: [...MEDIATION_SIDES] }, name: text(100) } },
      },
      ...jurisdictionProperties,
    },
  },
  personalFields: ['parties'],
  personIds: ['mediatorId'],
  example: {
    mediationId: 'med-0001',
    caseId: 'case-0001',
    mediatorId: 'gw-taibailou-01',
    parties: [
      { side: 'APPLICANT', name: '张先生' },
      { side: 'RESPONDENT', name: '运河城某服装店' },
    ],
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface MediationSessionHeldData {
  mediationId: string;
  sessionNo: number;
  heldAt: string;
  summary: string;
}

/** 调解会谈 */
export const MediationSessionHeld = defineEvent<MediationSessionHeldData>({
  context: 'governance',
  name: 'MediationSessionHeld',
  version: 1,
  aggregateType: 'Mediation',
  description: { zh: '召开了一次调解会谈。', en: 'A mediation session was held.' },
  schema: {
    type: 'object',
    required: ['mediationId', 'sessionNo', 'heldAt', 'summary'],
    additionalProperties: false,
    properties: { mediationId, sessionNo: { type: 'integer', minimum: 1, maximum: 100 }, heldAt: dateTime, summary: text(2000) },
  },
  personalFields: [],
  example: { mediationId: 'med-0001', sessionNo: 1, heldAt: '2024-03-01T14:00:00.000Z', summary: '双方陈述诉求' },
});

export interface MediationAgreedData {
  mediationId: string;
  /** 调解协议条款 */
  terms: string;
  at: string;
}

/** 调解成功，达成协议 */
export const MediationAgreed = defineEvent<MediationAgreedData>({
  context: 'governance',
  name: 'MediationAgreed',
  version: 1,
  aggregateType: 'Mediation',
  description: { zh: '调解成功，当事各方达成协议（含协议条款）。', en: 'Mediation ended in an agreement, with its terms.' },
  schema: { type: 'object', required: ['mediationId', 'terms', 'at'], additionalProperties: false, properties: { mediationId, terms: text(5000), at: dateTime } },
  personalFields: [],
  example: { mediationId: 'med-0001', terms: '商户三日内全额退款，顾客撤回投诉', at: '2024-03-01T15:00:00.000Z' },
});

export interface MediationFailedData {
  mediationId: string;
  reason: string;
  referredTo: ReferralTarget;
  at: string;
}

/** 调解不成，转交处理 */
export const MediationFailed = defineEvent<MediationFailedData>({
  context: 'governance',
  name: 'MediationFailed',
  version: 1,
  aggregateType: 'Mediation',
  description: { zh: '调解未能达成协议，已转交其他渠道处理。', en: 'Mediation failed and the dispute was referred elsewhere.' },
  schema: {
    type: 'object',
    required: ['mediationId', 'reason', 'referredTo', 'at'],
    additionalProperties: false,
    properties: { mediationId, reason: text(1000), referredTo: { enum: [...REFERRAL_TARGETS] }, at: dateTime },
  },
  personalFields: [],
  example: { mediationId: 'med-0001', reason: '双方对赔偿金额分歧过大', referredTo: 'COURT', at: '2024-03-05T15:00:00.000Z' },
});
