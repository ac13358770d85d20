import { defineEvent } from '../event-definition';

/** 党组织类型 */
export const ORGANIZATION_TYPES = [
  'SUB_DISTRICT_WORKING_COMMITTEE', // 街道党工委
  'DISTRICT_COMMITTEE', // 商圈党委
  'JOINT_COMMITTEE', // 联合党委
  'GENERAL_BRANCH', // 党总支
  'BRANCH', // 党支部
  'JOINT_BRANCH', // 联合党支部
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** 依托单位类型: enterprise, resident unit 驻地单位, "two new" organization 两新组织. */
export const HOST_KINDS = ['ENTERPRISE', 'RESIDENT_UNIT', 'TWO_NEW_ORGANIZATION'] as const;
export type HostKind = (typeof HOST_KINDS)[number];

export interface OrganizationHost {
  kind: HostKind;
  name: string;
  /** 统一社会信用代码 of the host, when it has one; the enterprise service matches on it. */
  creditCode: string | null;
}

export interface OrganizationRegisteredData {
  organizationId: string;
  name: string;
  type: OrganizationType;
  parentId: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  host: OrganizationHost | null;
}

/** 党组织成立登记 */
export const OrganizationRegistered = defineEvent<OrganizationRegisteredData>({
  context: 'membership',
  name: 'OrganizationRegistered',
  version: 1,
  aggregateType: 'Organization',
  description: {
    zh: '新的党组织已登记（含类型、上级组织和所属辖区）。',
    en: 'A Party organization was registered, with its type, parent and jurisdiction.',
  },
  schema: {
    type: 'object',
    required: ['organizationId', 'name', 'type', 'parentId', 'districtId', 'subDistrictId', 'zoneId', 'host'],
    additionalProperties: false,
    properties: {
      organizationId: { type: 'string', minLength: 1, maxLength: 64 },
      name: { type: 'string', minLength: 1, maxLength: 100 },
      type: { enum: [...ORGANIZATION_TYPES] },
      parentId: { type: ['string', 'null'], maxLength: 64 },
      districtId: { type: 'string', minLength: 1, maxLength: 64 },
      subDistrictId: { type: 'string', minLength: 1, maxLength: 64 },
      zoneId: { type: ['string', 'null'], maxLength: 64 },
      host: {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['kind', 'name', 'creditCode'],
            additionalProperties: false,
            properties: {
              kind: { enum: [...HOST_KINDS] },
              name: { type: 'string', minLength: 1, maxLength: 100 },
              creditCode: { type: ['string', 'null'], pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$' },
            },
          },
        ],
      },
    },
  },
  personalFields: [],
  example: {
    organizationId: 'org-taibailou-committee',
    name: '太白楼路商圈党委',
    type: 'DISTRICT_COMMITTEE',
    parentId: 'org-fuqiao-working-committee',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
    host: null,
  },
});

export interface OrganizationRenamedData {
  organizationId: string;
  name: string;
}

/** 党组织更名 */
export const OrganizationRenamed = defineEvent<OrganizationRenamedData>({
  context: 'membership',
  name: 'OrganizationRenamed',
  version: 1,
  aggregateType: 'Organization',
  description: { zh: '党组织名称已变更。', en: 'A Party organization was renamed.' },
  schema: {
    type: 'object',
    required: ['organizationId', 'name'],
    additionalProperties: false,
    properties: {
      organizationId: { type: 'string', minLength: 1, maxLength: 64 },
      name: { type: 'string', minLength: 1, maxLength: 100 },
    },
  },
  personalFields: [],
  example: { organizationId: 'org-taibailou-committee', name: '太白楼路商圈联合党委' },
});
