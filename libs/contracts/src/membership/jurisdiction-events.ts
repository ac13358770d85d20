import { defineEvent } from '../event-definition';

/** 辖区层级: city → district/county → sub-district → zone. */
export const JURISDICTION_LEVELS = ['CITY', 'DISTRICT', 'SUB_DISTRICT', 'ZONE'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

/** 片区类型: 商圈 business district, 园区 industrial park, 楼宇 office building / cluster. */
export const ZONE_KINDS = ['BUSINESS_DISTRICT', 'INDUSTRIAL_PARK', 'BUILDING'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const optionalId = { type: ['string', 'null'], maxLength: 64 } as const;

export interface JurisdictionRegisteredData {
  jurisdictionId: string;
  level: JurisdictionLevel;
  name: string;
  parentId: string | null;
  /** The ids of the levels above (and of itself at its own level); null above the city or below its level. */
  districtId: string | null;
  subDistrictId: string | null;
  zoneId: string | null;
  zoneKind: ZoneKind | null;
}

/** 辖区登记: other services learn the jurisdiction tree only from these events. */
export const JurisdictionRegistered = defineEvent<JurisdictionRegisteredData>({
  context: 'membership',
  name: 'JurisdictionRegistered',
  version: 1,
  aggregateType: 'Jurisdiction',
  description: {
    zh: '新的辖区（市、区县、街道或商圈/园区/楼宇片区）已登记。',
    en: 'A jurisdiction (city, district, sub-district or zone) was registered.',
  },
  schema: {
    type: 'object',
    required: ['jurisdictionId', 'level', 'name', 'parentId', 'districtId', 'subDistrictId', 'zoneId', 'zoneKind'],
    additionalProperties: false,
    properties: {
      jurisdictionId: id,
      level: { enum: [...JURISDICTION_LEVELS] },
      name: { type: 'string', minLength: 1, maxLength: 100 },
      parentId: optionalId,
      districtId: optionalId,
      subDistrictId: optionalId,
      zoneId: optionalId,
      zoneKind: { enum: [...ZONE_KINDS, null] },
    },
  },
  personalFields: [],
  example: {
    jurisdictionId: 'zone-taibailou',
    level: 'ZONE',
    name: '太白楼路商圈',
    parentId: 'fuqiao',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
    zoneKind: 'BUSINESS_DISTRICT',
  },
});

export interface ZoneDesignatedData {
  zoneId: string;
  surveyed: boolean; // 摸排
  pilot: boolean; // 试点
  demonstration: boolean; // 示范点
}

/** 片区摸排、试点、示范点标记变更 */
export const ZoneDesignated = defineEvent<ZoneDesignatedData>({
  context: 'membership',
  name: 'ZoneDesignated',
  version: 1,
  aggregateType: 'Jurisdiction',
  description: {
    zh: '片区的摸排、试点、示范点标记已更新。',
    en: "A zone's surveyed / pilot / demonstration-site flags were updated.",
  },
  schema: {
    type: 'object',
    required: ['zoneId', 'surveyed', 'pilot', 'demonstration'],
    additionalProperties: false,
    properties: { zoneId: id, surveyed: { type: 'boolean' }, pilot: { type: 'boolean' }, demonstration: { type: 'boolean' } },
  },
  personalFields: [],
  example: { zoneId: 'zone-taibailou', surveyed: true, pilot: true, demonstration: false },
});

export interface JurisdictionRenamedData {
  jurisdictionId: string;
  name: string;
}

/** 辖区更名 (a zone, sub-district, district or the city). */
export const JurisdictionRenamed = defineEvent<JurisdictionRenamedData>({
  context: 'membership',
  name: 'JurisdictionRenamed',
  version: 1,
  aggregateType: 'Jurisdiction',
  description: { zh: '辖区（市、区县、街道或片区）名称已变更。', en: 'A jurisdiction (city, district, sub-district or zone) was renamed.' },
  schema: {
    type: 'object',
    required: ['jurisdictionId', 'name'],
    additionalProperties: false,
    properties: { jurisdictionId: id, name: { type: 'string', minLength: 1, maxLength: 100 } },
  },
  personalFields: [],
  example: { jurisdictionId: 'zone-taibailou', name: '太白楼路—古槐路商圈' },
});
