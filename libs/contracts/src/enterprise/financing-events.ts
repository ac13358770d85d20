import { defineEvent } from '../event-definition';
import { s, ZONE_JURISDICTION_FIELDS, zoneJurisdiction } from './common';

export interface LoanProductPublishedData {
  productId: string;
  bank: string;
  name: string;
  minAmount: number;
  maxAmount: number;
  annualRatePercent: number;
  termMonths: number;
  districtId: string;
}

/** 银行贷款产品发布 */
export const LoanProductPublished = defineEvent<LoanProductPublishedData>({
  context: 'enterprise',
  name: 'LoanProductPublished',
  version: 1,
  aggregateType: 'LoanProduct',
  description: { zh: '银行面向区县企业发布了贷款产品（额度以元计）。', en: "A bank published a loan product for a district's enterprises (amounts in yuan)." },
  schema: {
    type: 'object',
    required: ['productId', 'bank', 'name', 'minAmount', 'maxAmount', 'annualRatePercent', 'termMonths', 'districtId'],
    additionalProperties: false,
    properties: {
      productId: s.id,
      bank: s.text(100),
      name: s.text(100),
      minAmount: s.amount,
      maxAmount: s.amount,
      annualRatePercent: { type: 'number', minimum: 0, maximum: 36 },
      termMonths: { type: 'integer', minimum: 1, maximum: 360 },
      districtId: s.id,
    },
  },
  personalFields: [],
  example: { productId: 'lp-rcb-kjd', bank: '济宁农商银行', name: '科技贷', minAmount: 100000, maxAmount: 5000000, annualRatePercent: 3.85, termMonths: 12, districtId: 'rencheng' },
});

export interface FinancingNeedFiledData {
  needId: string;
  creditCode: string;
  amount: number;
  purpose: string;
  termMonths: number;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 企业融资需求登记 */
export const FinancingNeedFiled = defineEvent<FinancingNeedFiledData>({
  context: 'enterprise',
  name: 'FinancingNeedFiled',
  version: 1,
  aggregateType: 'FinancingNeed',
  description: { zh: '企业登记了融资需求（金额、用途、期限）。', en: 'An enterprise filed a financing need (amount, purpose, term).' },
  schema: {
    type: 'object',
    required: ['needId', 'creditCode', 'amount', 'purpose', 'termMonths', ...ZONE_JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: { needId: s.id, creditCode: s.creditCode, amount: s.amount, purpose: s.text(500), termMonths: { type: 'integer', minimum: 1, maximum: 360 }, ...zoneJurisdiction },
  },
  personalFields: [],
  example: {
    needId: 'fn-0001',
    creditCode: '91370811MA3HN0001T',
    amount: 3000000,
    purpose: '旺季备货流动资金',
    termMonths: 12,
    districtId: 'rencheng',
    subDistrictId: 'xianying',
    zoneId: 'zone-haineng',
  },
});

export interface FinancingMatchProposedData {
  matchId: string;
  needId: string;
  productId: string;
  creditCode: string;
  bank: string;
  /** The matchmaking session 银企对接会 (a service day) where the match was made, if any. */
  sessionId: string | null;
  intendedAmount: number;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 银企对接达成意向 */
export const FinancingMatchProposed = defineEvent<FinancingMatchProposedData>({
  context: 'enterprise',
  name: 'FinancingMatchProposed',
  version: 1,
  aggregateType: 'FinancingMatch',
  description: { zh: '企业融资需求与银行贷款产品达成对接意向（意向金额）。', en: "An enterprise's financing need was matched with a bank's loan product (intended amount)." },
  schema: {
    type: 'object',
    required: ['matchId', 'needId', 'productId', 'creditCode', 'bank', 'sessionId', 'intendedAmount', ...ZONE_JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: {
      matchId: s.id,
      needId: s.id,
      productId: s.id,
      creditCode: s.creditCode,
      bank: s.text(100),
      sessionId: s.optionalId,
      intendedAmount: s.amount,
      ...zoneJurisdiction,
    },
  },
  personalFields: [],
  example: {
    matchId: 'fm-0001',
    needId: 'fn-0001',
    productId: 'lp-rcb-kjd',
    creditCode: '91370811MA3HN0001T',
    bank: '济宁农商银行',
    sessionId: 'sd-haineng-finance-01',
    intendedAmount: 2000000,
    districtId: 'rencheng',
    subDistrictId: 'xianying',
    zoneId: 'zone-haineng',
  },
});

export const FINANCING_OUTCOMES = ['GRANTED', 'DECLINED'] as const;
export type FinancingOutcome = (typeof FINANCING_OUTCOMES)[number];

export interface FinancingMatchConcludedData {
  matchId: string;
  outcome: FinancingOutcome;
  grantedAmount: number | null;
  declineReason: string | null;
  concludedOn: string;
}

/** 对接结果: 放款 or 未获批 (with reason). */
export const FinancingMatchConcluded = defineEvent<FinancingMatchConcludedData>({
  context: 'enterprise',
  name: 'FinancingMatchConcluded',
  version: 1,
  aggregateType: 'FinancingMatch',
  description: { zh: '银企对接有了结果：银行放款（金额）或未获批（原因）。', en: 'A financing match concluded: granted (amount) or declined (reason).' },
  schema: {
    type: 'object',
    required: ['matchId', 'outcome', 'grantedAmount', 'declineReason', 'concludedOn'],
    additionalProperties: false,
    properties: {
      matchId: s.id,
      outcome: { enum: [...FINANCING_OUTCOMES] },
      grantedAmount: { type: ['integer', 'null'], minimum: 1, maximum: 100_000_000_000 },
      declineReason: s.optionalText(500),
      concludedOn: s.date,
    },
    oneOf: [
      { properties: { outcome: { const: 'GRANTED' }, grantedAmount: { type: 'integer' }, declineReason: { type: 'null' } } },
      { properties: { outcome: { const: 'DECLINED' }, grantedAmount: { type: 'null' }, declineReason: { type: 'string', minLength: 1 } } },
    ],
  },
  personalFields: [],
  example: { matchId: 'fm-0001', outcome: 'GRANTED', grantedAmount: 2000000, declineReason: null, concludedOn: '2026-04-20' },
});
