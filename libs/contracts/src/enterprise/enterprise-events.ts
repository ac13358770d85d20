import { defineEvent } from '../event-definition';
import { EnterpriseSize, ENTERPRISE_SIZES, s, ZONE_JURISDICTION_FIELDS, zoneJurisdiction } from './common';

/** 企业联系人: names only; phone numbers stay out of events. */
export interface EnterpriseContact {
  name: string;
  title: string;
}

export interface EnterpriseProfile {
  name: string;
  building: string | null; // 所在楼宇或园区
  industry: string;
  size: EnterpriseSize;
  employees: number;
  youngGraduates: number; // 吸纳高校毕业生
  contacts: EnterpriseContact[];
  tags: string[];
}

export interface EnterpriseRegisteredData extends EnterpriseProfile {
  creditCode: string; // 统一社会信用代码, the enterprise's key
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

const profileProperties = {
  name: s.text(100),
  building: s.optionalText(100),
  industry: s.text(50),
  size: { enum: [...ENTERPRISE_SIZES] },
  employees: s.count,
  youngGraduates: s.count,
  contacts: {
    type: 'array',
    maxItems: 10,
    items: {
      type: 'object',
      required: ['name', 'title'],
      additionalProperties: false,
      properties: { name: s.text(50), title: s.text(50) },
    },
  },
  tags: s.tags,
} as const;
const PROFILE_FIELDS = ['name', 'building', 'industry', 'size', 'employees', 'youngGraduates', 'contacts', 'tags'];

const exampleProfile: EnterpriseProfile = {
  name: '济宁海能电子商务有限公司',
  building: '海能电商园 A 座',
  industry: '电子商务',
  size: 'SMALL',
  employees: 36,
  youngGraduates: 18,
  contacts: [{ name: '李娜', title: '行政主管' }],
  tags: ['电商', '小微企业', '高校毕业生就业'],
};

/** 企业入驻登记 */
export const EnterpriseRegistered = defineEvent<EnterpriseRegisteredData>({
  context: 'enterprise',
  name: 'EnterpriseRegistered',
  version: 1,
  aggregateType: 'Enterprise',
  description: {
    zh: '企业已按统一社会信用代码登记到所在片区（含行业、规模、吸纳毕业生人数和联系人）。',
    en: 'An enterprise was registered in its zone under its unified social credit code (industry, size, graduates employed, contacts).',
  },
  schema: {
    type: 'object',
    required: ['creditCode', ...PROFILE_FIELDS, ...ZONE_JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: { creditCode: s.creditCode, ...profileProperties, ...zoneJurisdiction },
  },
  personalFields: ['contacts'],
  example: { creditCode: '91370811MA3HN0001T', ...exampleProfile, districtId: 'rencheng', subDistrictId: 'xianying', zoneId: 'zone-haineng' },
});

export interface EnterpriseProfileUpdatedData extends EnterpriseProfile {
  creditCode: string;
}

/** 企业信息变更: the whole editable profile, as it now stands. */
export const EnterpriseProfileUpdated = defineEvent<EnterpriseProfileUpdatedData>({
  context: 'enterprise',
  name: 'EnterpriseProfileUpdated',
  version: 1,
  aggregateType: 'Enterprise',
  description: {
    zh: '企业基本信息（名称、行业、规模、用工、联系人、标签）已更新，事件载荷为更新后的完整信息。',
    en: "An enterprise's profile (name, industry, size, staff, contacts, tags) changed; the payload is the whole new profile.",
  },
  schema: {
    type: 'object',
    required: ['creditCode', ...PROFILE_FIELDS],
    additionalProperties: false,
    properties: { creditCode: s.creditCode, ...profileProperties },
  },
  personalFields: ['contacts'],
  example: { creditCode: '91370811MA3HN0001T', ...exampleProfile, employees: 40, youngGraduates: 21 },
});

/**
 * v2 profile: `buildingId` names the 楼宇 or 综合体 (membership's BuildingRegistered, of the
 * enterprise's own zone) it is in, and then `building` is that building's name; without one,
 * `building` stays the free text v1 carried (a park or a place not registered as a building).
 */
export interface EnterpriseProfileV2 extends EnterpriseProfile {
  buildingId: string | null;
}

const profileV2Properties = { ...profileProperties, buildingId: s.optionalId } as const;
const PROFILE_V2_FIELDS = [...PROFILE_FIELDS, 'buildingId'];
const exampleProfileV2: EnterpriseProfileV2 = { ...exampleProfile, building: '万达广场', buildingId: 'bld-wanda-plaza' };

export interface EnterpriseRegisteredV2Data extends EnterpriseProfileV2 {
  creditCode: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 企业入驻登记（含所在楼宇）: v2 names the registered building the enterprise is in. v1 events stay readable. */
export const EnterpriseRegisteredV2 = defineEvent<EnterpriseRegisteredV2Data>({
  context: 'enterprise',
  name: 'EnterpriseRegistered',
  version: 2,
  aggregateType: 'Enterprise',
  description: {
    zh: '企业已按统一社会信用代码登记到所在片区（含所在楼宇或综合体、行业、规模、吸纳毕业生人数和联系人）。',
    en: 'An enterprise was registered in its zone under its unified social credit code, with the registered building or complex it is in (if any), industry, size, graduates employed and contacts.',
  },
  schema: {
    type: 'object',
    required: ['creditCode', ...PROFILE_V2_FIELDS, ...ZONE_JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: { creditCode: s.creditCode, ...profileV2Properties, ...zoneJurisdiction },
  },
  personalFields: ['contacts'],
  example: { creditCode: '91370811MA3HN0001T', ...exampleProfileV2, districtId: 'rencheng', subDistrictId: 'fuqiao', zoneId: 'zone-taibailou' },
});

export interface EnterpriseProfileUpdatedV2Data extends EnterpriseProfileV2 {
  creditCode: string;
}

/** 企业信息变更（含所在楼宇）: v2 carries the registered building too. v1 events stay readable. */
export const EnterpriseProfileUpdatedV2 = defineEvent<EnterpriseProfileUpdatedV2Data>({
  context: 'enterprise',
  name: 'EnterpriseProfileUpdated',
  version: 2,
  aggregateType: 'Enterprise',
  description: {
    zh: '企业基本信息（名称、所在楼宇或综合体、行业、规模、用工、联系人、标签）已更新，事件载荷为更新后的完整信息。',
    en: "An enterprise's profile (name, building or complex, industry, size, staff, contacts, tags) changed; the payload is the whole new profile.",
  },
  schema: {
    type: 'object',
    required: ['creditCode', ...PROFILE_V2_FIELDS],
    additionalProperties: false,
    properties: { creditCode: s.creditCode, ...profileV2Properties },
  },
  personalFields: ['contacts'],
  example: { creditCode: '91370811MA3HN0001T', ...exampleProfileV2, employees: 40, youngGraduates: 21 },
});
