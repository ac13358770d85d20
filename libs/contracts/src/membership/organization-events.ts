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

const orgId = { type: 'string', minLength: 1, maxLength: 64 } as const;
const day = { type: 'string', format: 'date' } as const;
const creditCodeOrNull = { type: ['string', 'null'], pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$' } as const;

export interface OrganizationSecretaryAppointedData {
  organizationId: string;
  /** The member who serves as secretary; names stay in the member's own record. */
  secretaryMemberId: string;
  appointedOn: string;
}

/** 书记任命 */
export const OrganizationSecretaryAppointed = defineEvent<OrganizationSecretaryAppointedData>({
  context: 'membership',
  name: 'OrganizationSecretaryAppointed',
  version: 1,
  aggregateType: 'Organization',
  description: { zh: '党组织书记已任命（以党员编号引用）。', en: "An organization's secretary was appointed (referenced by member id)." },
  schema: {
    type: 'object',
    required: ['organizationId', 'secretaryMemberId', 'appointedOn'],
    additionalProperties: false,
    properties: { organizationId: orgId, secretaryMemberId: orgId, appointedOn: day },
  },
  personalFields: [],
  personIds: ['secretaryMemberId'],
  example: { organizationId: 'org-wanda-branch', secretaryMemberId: 'mem-0001', appointedOn: '2024-06-28' },
});

export interface OrganizationTermStartedData {
  organizationId: string;
  /** 1 for the first recorded term, +1 at each renewal 换届. */
  termNumber: number;
  termStart: string;
  termEnd: string;
}

/** 换届: a new term of office begins. */
export const OrganizationTermStarted = defineEvent<OrganizationTermStartedData>({
  context: 'membership',
  name: 'OrganizationTermStarted',
  version: 1,
  aggregateType: 'Organization',
  description: { zh: '党组织完成换届，新一届任期开始。', en: 'An organization began a new term of office (换届).' },
  schema: {
    type: 'object',
    required: ['organizationId', 'termNumber', 'termStart', 'termEnd'],
    additionalProperties: false,
    properties: { organizationId: orgId, termNumber: { type: 'integer', minimum: 1 }, termStart: day, termEnd: day },
  },
  personalFields: [],
  example: { organizationId: 'org-wanda-branch', termNumber: 2, termStart: '2024-06-28', termEnd: '2027-06-27' },
});

export interface OrganizationTermEndingData {
  organizationId: string;
  termNumber: number;
  termEnd: string;
  /** Days from the reminder to the end of the term; negative when the term is already over. */
  daysLeft: number;
}

/** 换届提醒: raised once per term when the term ends within 90 days. */
export const OrganizationTermEnding = defineEvent<OrganizationTermEndingData>({
  context: 'membership',
  name: 'OrganizationTermEnding',
  version: 1,
  aggregateType: 'Organization',
  description: {
    zh: '换届提醒：党组织本届任期将在 90 天内届满（每届只提醒一次）。',
    en: "Term-renewal reminder: the organization's term ends within 90 days (raised once per term).",
  },
  schema: {
    type: 'object',
    required: ['organizationId', 'termNumber', 'termEnd', 'daysLeft'],
    additionalProperties: false,
    properties: { organizationId: orgId, termNumber: { type: 'integer', minimum: 1 }, termEnd: day, daysLeft: { type: 'integer', maximum: 90 } },
  },
  personalFields: [],
  example: { organizationId: 'org-wanda-branch', termNumber: 2, termEnd: '2027-06-27', daysLeft: 88 },
});

export interface InstructorAssignedData {
  organizationId: string;
  instructorId: string;
  /** 党建指导员 are named on the organization's page; pseudonymised on analyst streams. */
  name: string;
  assignedOn: string;
}

/** 党建指导员选派 */
export const InstructorAssigned = defineEvent<InstructorAssignedData>({
  context: 'membership',
  name: 'InstructorAssigned',
  version: 1,
  aggregateType: 'Organization',
  description: { zh: '党建指导员已选派到党组织。', en: 'A Party-building instructor was assigned to an organization.' },
  schema: {
    type: 'object',
    required: ['organizationId', 'instructorId', 'name', 'assignedOn'],
    additionalProperties: false,
    properties: { organizationId: orgId, instructorId: orgId, name: { type: 'string', minLength: 1, maxLength: 50 }, assignedOn: day },
  },
  personalFields: ['name'],
  personIds: ['instructorId'],
  example: { organizationId: 'org-wanda-branch', instructorId: 'ins-fuqiao-01', name: '李文华', assignedOn: '2025-03-01' },
});

export interface InstructorUnassignedData {
  organizationId: string;
  instructorId: string;
  unassignedOn: string;
}

/** 党建指导员撤回 */
export const InstructorUnassigned = defineEvent<InstructorUnassignedData>({
  context: 'membership',
  name: 'InstructorUnassigned',
  version: 1,
  aggregateType: 'Organization',
  description: { zh: '党建指导员已从党组织撤回。', en: 'A Party-building instructor was withdrawn from an organization.' },
  schema: {
    type: 'object',
    required: ['organizationId', 'instructorId', 'unassignedOn'],
    additionalProperties: false,
    properties: { organizationId: orgId, instructorId: orgId, unassignedOn: day },
  },
  personalFields: [],
  personIds: ['instructorId'],
  example: { organizationId: 'org-wanda-branch', instructorId: 'ins-fuqiao-01', unassignedOn: '2026-03-01' },
});

/** A unit taking part in a three-in-one formation. */
export interface FormationUnit {
  name: string;
  creditCode: string | null;
}

export interface ThreeInOneFormedData {
  organizationId: string;
  propertyOwner: FormationUnit; // 产权单位
  propertyManager: FormationUnit; // 物业公司
  residentEnterprises: FormationUnit[]; // 入驻企业
}

const unit = {
  type: 'object',
  required: ['name', 'creditCode'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, creditCode: creditCodeOrNull },
} as const;

/** 三位一体: property owner, property manager and resident enterprises form one joint organization. */
export const ThreeInOneFormed = defineEvent<ThreeInOneFormedData>({
  context: 'membership',
  name: 'ThreeInOneFormed',
  version: 1,
  aggregateType: 'Organization',
  description: {
    zh: '“三位一体”联建：产权单位、物业公司和入驻企业共同组成该联合党组织（再次记录即替换组成单位）。',
    en: 'Three-in-one formation: property owner, property manager and resident enterprises make up this joint organization (a new record replaces the units).',
  },
  schema: {
    type: 'object',
    required: ['organizationId', 'propertyOwner', 'propertyManager', 'residentEnterprises'],
    additionalProperties: false,
    properties: {
      organizationId: orgId,
      propertyOwner: unit,
      propertyManager: unit,
      residentEnterprises: { type: 'array', minItems: 1, maxItems: 500, items: unit },
    },
  },
  personalFields: [],
  example: {
    organizationId: 'org-haineng-joint',
    propertyOwner: { name: '济宁海能投资有限公司', creditCode: null },
    propertyManager: { name: '济宁海能物业服务有限公司', creditCode: null },
    residentEnterprises: [
      { name: '济宁云采电子商务有限公司', creditCode: null },
      { name: '济宁鲁货优选网络科技有限公司', creditCode: null },
    ],
  },
});

const parentOrNull = { type: ['string', 'null'], maxLength: 64 } as const;
const hostOrNull = {
  oneOf: [
    { type: 'null' },
    {
      type: 'object',
      required: ['kind', 'name', 'creditCode'],
      additionalProperties: false,
      properties: { kind: { enum: [...HOST_KINDS] }, name: { type: 'string', minLength: 1, maxLength: 100 }, creditCode: creditCodeOrNull },
    },
  ],
} as const;

export interface OrganizationReparentedData {
  organizationId: string;
  /** The new superior organization; null when the organization now stands at the top. */
  parentId: string | null;
  previousParentId: string | null;
}

/** 调整隶属关系: the organization is placed under another superior organization. */
export const OrganizationReparented = defineEvent<OrganizationReparentedData>({
  context: 'membership',
  name: 'OrganizationReparented',
  version: 1,
  aggregateType: 'Organization',
  description: { zh: '党组织的上级党组织已调整（隶属关系变更）。', en: "A Party organization's parent organization changed." },
  schema: {
    type: 'object',
    required: ['organizationId', 'parentId', 'previousParentId'],
    additionalProperties: false,
    properties: { organizationId: orgId, parentId: parentOrNull, previousParentId: parentOrNull },
  },
  personalFields: [],
  example: { organizationId: 'org-wanda-branch', parentId: 'org-taibailou-joint', previousParentId: 'org-taibailou-committee' },
});

export interface OrganizationHostChangedData {
  organizationId: string;
  /** The new 依托单位; null when the organization no longer relies on one. */
  host: OrganizationHost | null;
}

/** 依托单位变更 */
export const OrganizationHostChanged = defineEvent<OrganizationHostChangedData>({
  context: 'membership',
  name: 'OrganizationHostChanged',
  version: 1,
  aggregateType: 'Organization',
  description: { zh: '党组织的依托单位已变更。', en: "A Party organization's host unit changed." },
  schema: {
    type: 'object',
    required: ['organizationId', 'host'],
    additionalProperties: false,
    properties: { organizationId: orgId, host: hostOrNull },
  },
  personalFields: [],
  example: { organizationId: 'org-wanda-branch', host: { kind: 'ENTERPRISE', name: '济宁万达广场商业管理有限公司', creditCode: null } },
});

export interface OrganizationDissolvedData {
  organizationId: string;
  dissolvedOn: string;
}

/** 党组织撤销: no members and no child organizations are left in it; its history stays. */
export const OrganizationDissolved = defineEvent<OrganizationDissolvedData>({
  context: 'membership',
  name: 'OrganizationDissolved',
  version: 1,
  aggregateType: 'Organization',
  description: {
    zh: '党组织已撤销（撤销前已无党员和下级组织，历史记录保留）。',
    en: 'A Party organization was dissolved (it had no members or child organizations left; its history stays).',
  },
  schema: {
    type: 'object',
    required: ['organizationId', 'dissolvedOn'],
    additionalProperties: false,
    properties: { organizationId: orgId, dissolvedOn: day },
  },
  personalFields: [],
  example: { organizationId: 'org-wanda-branch', dissolvedOn: '2026-03-01' },
});

export interface OrganizationMergedData {
  organizationId: string;
  /** The organization it was merged into, which now leads its former child organizations. */
  intoOrganizationId: string;
  mergedOn: string;
  /** The child organizations re-parented to `intoOrganizationId` by the merge (each has its own OrganizationReparented). */
  childOrganizationIds: string[];
}

/** 党组织合并: the organization is merged into another and ends, as a dissolution does. */
export const OrganizationMerged = defineEvent<OrganizationMergedData>({
  context: 'membership',
  name: 'OrganizationMerged',
  version: 1,
  aggregateType: 'Organization',
  description: {
    zh: '党组织已并入另一党组织：其下级组织改隶接收组织，该组织随之撤销（历史记录保留）。',
    en: 'A Party organization was merged into another: its child organizations now sit under the receiving one, and it ends (its history stays).',
  },
  schema: {
    type: 'object',
    required: ['organizationId', 'intoOrganizationId', 'mergedOn', 'childOrganizationIds'],
    additionalProperties: false,
    properties: { organizationId: orgId, intoOrganizationId: orgId, mergedOn: day, childOrganizationIds: { type: 'array', maxItems: 2000, items: orgId } },
  },
  personalFields: [],
  example: { organizationId: 'org-wanda-branch', intoOrganizationId: 'org-taibailou-joint', mergedOn: '2026-03-01', childOrganizationIds: [] },
});

export interface OrganizationLocatedData {
  organizationId: string;
  /** The 楼宇 or 综合体 (BuildingRegistered) the organization is in; null: no longer in one. */
  buildingId: string | null;
}

/** 党组织所在楼宇、综合体 */
export const OrganizationLocated = defineEvent<OrganizationLocatedData>({
  context: 'membership',
  name: 'OrganizationLocated',
  version: 1,
  aggregateType: 'Organization',
  description: { zh: '党组织所在的楼宇或综合体已登记（或已清除）。', en: 'The building or commercial complex a Party organization is in was recorded (or cleared).' },
  schema: {
    type: 'object',
    required: ['organizationId', 'buildingId'],
    additionalProperties: false,
    properties: { organizationId: orgId, buildingId: parentOrNull },
  },
  personalFields: [],
  example: { organizationId: 'org-wanda-branch', buildingId: 'bld-wanda-plaza' },
});
