import { defineEvent } from '../event-definition';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const day = { type: 'string', format: 'date' } as const;

export interface AllianceFormedData {
  allianceId: string;
  name: string;
  /** The sub-district working committee 街道党工委 that formed the alliance. */
  foundingCommitteeId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  formedOn: string;
}

/** 党建联盟成立 */
export const AllianceFormed = defineEvent<AllianceFormedData>({
  context: 'membership',
  name: 'AllianceFormed',
  version: 1,
  aggregateType: 'Alliance',
  description: { zh: '街道党工委牵头成立了党建联盟。', en: 'A sub-district working committee formed a Party-building alliance.' },
  schema: {
    type: 'object',
    required: ['allianceId', 'name', 'foundingCommitteeId', 'districtId', 'subDistrictId', 'zoneId', 'formedOn'],
    additionalProperties: false,
    properties: {
      allianceId: id,
      name: { type: 'string', minLength: 1, maxLength: 100 },
      foundingCommitteeId: id,
      districtId: id,
      subDistrictId: id,
      zoneId: { type: ['string', 'null'], maxLength: 64 },
      formedOn: day,
    },
  },
  personalFields: [],
  example: {
    allianceId: 'alliance-taibailou',
    name: '太白楼路商圈党建联盟',
    foundingCommitteeId: 'org-fuqiao-working-committee',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
    formedOn: '2018-05-20',
  },
});

export interface AllianceMemberJoinedData {
  allianceId: string;
  organizationId: string;
  joinedOn: string;
}

/** 成员单位加入联盟 */
export const AllianceMemberJoined = defineEvent<AllianceMemberJoinedData>({
  context: 'membership',
  name: 'AllianceMemberJoined',
  version: 1,
  aggregateType: 'Alliance',
  description: { zh: '党组织加入党建联盟，成为成员单位。', en: 'An organization joined the alliance as a member.' },
  schema: {
    type: 'object',
    required: ['allianceId', 'organizationId', 'joinedOn'],
    additionalProperties: false,
    properties: { allianceId: id, organizationId: id, joinedOn: day },
  },
  personalFields: [],
  example: { allianceId: 'alliance-taibailou', organizationId: 'org-wanda-branch', joinedOn: '2018-05-20' },
});

export interface AllianceMemberLeftData {
  allianceId: string;
  organizationId: string;
  leftOn: string;
}

/** 成员单位退出联盟 */
export const AllianceMemberLeft = defineEvent<AllianceMemberLeftData>({
  context: 'membership',
  name: 'AllianceMemberLeft',
  version: 1,
  aggregateType: 'Alliance',
  description: { zh: '成员单位已退出党建联盟。', en: 'A member organization left the alliance.' },
  schema: {
    type: 'object',
    required: ['allianceId', 'organizationId', 'leftOn'],
    additionalProperties: false,
    properties: { allianceId: id, organizationId: id, leftOn: day },
  },
  personalFields: [],
  example: { allianceId: 'alliance-taibailou', organizationId: 'org-wanda-branch', leftOn: '2026-01-15' },
});

export interface AllianceDepartmentEstablishedData {
  allianceId: string;
  departmentId: string;
  /** e.g. 办公室, 党建群团工作部, 志愿者工作部, 法律与调解服务部 */
  name: string;
  /** The head 部长, a member referenced by id; null until appointed. */
  headMemberId: string | null;
}

/** 联盟理事会设立工作部门 */
export const AllianceDepartmentEstablished = defineEvent<AllianceDepartmentEstablishedData>({
  context: 'membership',
  name: 'AllianceDepartmentEstablished',
  version: 1,
  aggregateType: 'Alliance',
  description: { zh: '联盟理事会设立了工作部门。', en: "A department of the alliance's council was established." },
  schema: {
    type: 'object',
    required: ['allianceId', 'departmentId', 'name', 'headMemberId'],
    additionalProperties: false,
    properties: { allianceId: id, departmentId: id, name: { type: 'string', minLength: 1, maxLength: 50 }, headMemberId: { type: ['string', 'null'], maxLength: 64 } },
  },
  personalFields: [],
  personIds: ['headMemberId'],
  example: { allianceId: 'alliance-taibailou', departmentId: 'office', name: '办公室', headMemberId: null },
});

export interface AllianceDepartmentHeadAppointedData {
  allianceId: string;
  departmentId: string;
  headMemberId: string;
}

/** 理事会部门负责人任命 */
export const AllianceDepartmentHeadAppointed = defineEvent<AllianceDepartmentHeadAppointedData>({
  context: 'membership',
  name: 'AllianceDepartmentHeadAppointed',
  version: 1,
  aggregateType: 'Alliance',
  description: { zh: '联盟理事会部门负责人已任命（以党员编号引用）。', en: 'The head of a council department was appointed (referenced by member id).' },
  schema: {
    type: 'object',
    required: ['allianceId', 'departmentId', 'headMemberId'],
    additionalProperties: false,
    properties: { allianceId: id, departmentId: id, headMemberId: id },
  },
  personalFields: [],
  personIds: ['headMemberId'],
  example: { allianceId: 'alliance-taibailou', departmentId: 'office', headMemberId: 'mem-0001' },
});
