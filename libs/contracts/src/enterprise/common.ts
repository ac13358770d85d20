/** Shared vocabulary and schema fragments of the enterprise context's events. */

/** 企业诉求类别 */
export const REQUEST_CATEGORIES = [
  'FUNDING', // 资金争取
  'PROCEDURES', // 手续办理
  'RND', // 科技研发
  'TALENT', // 人才引进
  'LEGAL_AID', // 法律援助
  'FINANCING', // 银企对接
  'FINANCIAL_TRAINING', // 财务培训
  'TAX', // 税务
] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

/** 责任部门 */
export const DEPARTMENTS = [
  'MARKET_REGULATION', // 工商/市场监管
  'FINANCE', // 金融
  'TAX', // 税务
  'JUSTICE', // 司法
  'SCIENCE_TECHNOLOGY', // 科技
  'HUMAN_RESOURCES', // 人社
  'DEVELOPMENT_REFORM', // 发改
] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** How a reader names each category and department (the routing table, escalations, notifications). */
export const CATEGORY_NAMES: Record<RequestCategory, string> = {
  FUNDING: '资金争取',
  PROCEDURES: '手续办理',
  RND: '科技研发',
  TALENT: '人才引进',
  LEGAL_AID: '法律援助',
  FINANCING: '银企对接',
  FINANCIAL_TRAINING: '财务培训',
  TAX: '税务',
};

export const DEPARTMENT_NAMES: Record<Department, string> = {
  MARKET_REGULATION: '工商/市场监管',
  FINANCE: '金融',
  TAX: '税务',
  JUSTICE: '司法',
  SCIENCE_TECHNOLOGY: '科技',
  HUMAN_RESOURCES: '人社',
  DEVELOPMENT_REFORM: '发改',
};

/** 企业规模: 微型 small 中型 大型 */
export const ENTERPRISE_SIZES = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];

/** The three service targets of a request: first contact, interim reply, closure. */
export const SERVICE_TARGETS = ['FIRST_CONTACT', 'INTERIM_REPLY', 'CLOSURE'] as const;
export type ServiceTarget = (typeof SERVICE_TARGETS)[number];

export const CREDIT_CODE_PATTERN = '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$';

export const s = {
  id: { type: 'string', minLength: 1, maxLength: 64 },
  optionalId: { type: ['string', 'null'], maxLength: 64 },
  creditCode: { type: 'string', pattern: CREDIT_CODE_PATTERN },
  text: (max: number) => ({ type: 'string', minLength: 1, maxLength: max }),
  optionalText: (max: number) => ({ type: ['string', 'null'], maxLength: max }),
  dateTime: { type: 'string', format: 'date-time' },
  date: { type: 'string', format: 'date' },
  count: { type: 'integer', minimum: 0, maximum: 10_000_000 },
  /** Amounts in yuan (元), whole numbers. */
  amount: { type: 'integer', minimum: 1, maximum: 100_000_000_000 },
  tags: { type: 'array', maxItems: 50, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 30 } },
  category: { enum: [...REQUEST_CATEGORIES] },
  department: { enum: [...DEPARTMENTS] },
} as const;

/** Where a record belongs, resolved from membership's jurisdiction events. */
export const zoneJurisdiction = {
  districtId: s.id,
  subDistrictId: s.id,
  zoneId: s.id,
} as const;
export const ZONE_JURISDICTION_FIELDS = ['districtId', 'subDistrictId', 'zoneId'];
