import { defineEvent } from '../event-definition';
import { s, ZONE_JURISDICTION_FIELDS, zoneJurisdiction } from './common';

export interface MentorRegisteredData {
  mentorId: string;
  name: string;
  title: string;
  affiliation: string;
  expertise: string[];
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 导师入库 */
export const MentorRegistered = defineEvent<MentorRegisteredData>({
  context: 'enterprise',
  name: 'MentorRegistered',
  version: 1,
  aggregateType: 'Mentor',
  description: { zh: '创业导师已入导师库（专长领域、所在单位）。', en: 'A mentor joined the mentor pool (expertise, affiliation).' },
  schema: {
    type: 'object',
    required: ['mentorId', 'name', 'title', 'affiliation', 'expertise', ...ZONE_JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: { mentorId: s.id, name: s.text(50), title: s.text(50), affiliation: s.text(100), expertise: { ...s.tags, minItems: 1 }, ...zoneJurisdiction },
  },
  personalFields: ['name'],
  personIds: ['mentorId'],
  example: {
    mentorId: 'mentor-sp-01',
    name: '周立新',
    title: '高级工程师',
    affiliation: '济宁软件园',
    expertise: ['软件开发', '企业管理'],
    districtId: 'gaoxin',
    subDistrictId: 'gaoxin-huangtun',
    zoneId: 'zone-software-park',
  },
});

export const MENTEE_KINDS = ['ENTERPRISE', 'STARTUP'] as const;
export type MenteeKind = (typeof MENTEE_KINDS)[number];

export interface MentoringMatchedData {
  matchId: string;
  mentorId: string;
  menteeKind: MenteeKind;
  /** Credit code of an enterprise, or id of a start-up in a maker space. */
  menteeId: string;
  menteeName: string;
  topic: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 导师结对帮扶 */
export const MentoringMatched = defineEvent<MentoringMatchedData>({
  context: 'enterprise',
  name: 'MentoringMatched',
  version: 1,
  aggregateType: 'MentoringMatch',
  description: { zh: '导师与企业或创业团队结对帮扶。', en: 'A mentor was paired with an enterprise or a start-up.' },
  schema: {
    type: 'object',
    required: ['matchId', 'mentorId', 'menteeKind', 'menteeId', 'menteeName', 'topic', ...ZONE_JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: {
      matchId: s.id,
      mentorId: s.id,
      menteeKind: { enum: [...MENTEE_KINDS] },
      menteeId: s.id,
      menteeName: s.text(100),
      topic: s.text(200),
      ...zoneJurisdiction,
    },
  },
  personalFields: [],
  personIds: ['mentorId'],
  example: {
    matchId: 'mm-0001',
    mentorId: 'mentor-sp-01',
    menteeKind: 'STARTUP',
    menteeId: 'startup-upcafe-01',
    menteeName: '极客云工作室',
    topic: '产品定位与融资路演辅导',
    districtId: 'gaoxin',
    subDistrictId: 'gaoxin-huangtun',
    zoneId: 'zone-software-park',
  },
});

export interface MakerSpaceOpenedData {
  makerSpaceId: string;
  name: string;
  operator: string;
  description: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 众创空间登记 */
export const MakerSpaceOpened = defineEvent<MakerSpaceOpenedData>({
  context: 'enterprise',
  name: 'MakerSpaceOpened',
  version: 1,
  aggregateType: 'MakerSpace',
  description: { zh: '众创空间已登记（如 UP咖啡、止一创新实验室、互联网应用学院）。', en: 'A maker space was registered (e.g. UP咖啡, 止一创新实验室, 互联网应用学院).' },
  schema: {
    type: 'object',
    required: ['makerSpaceId', 'name', 'operator', 'description', ...ZONE_JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: { makerSpaceId: s.id, name: s.text(100), operator: s.text(100), description: s.text(1000), ...zoneJurisdiction },
  },
  personalFields: [],
  example: {
    makerSpaceId: 'ms-up-cafe',
    name: 'UP咖啡',
    operator: '济宁软件园',
    description: '创业咖啡：开放工位、路演与创业沙龙。',
    districtId: 'gaoxin',
    subDistrictId: 'gaoxin-huangtun',
    zoneId: 'zone-software-park',
  },
});

/** 创业团队状态: 孵化中, 已毕业, 已迁出, 已注销 */
export const STARTUP_STATUSES = ['INCUBATING', 'GRADUATED', 'LEFT', 'CLOSED'] as const;
export type StartupStatus = (typeof STARTUP_STATUSES)[number];

export interface StartupAdmittedData {
  startupId: string;
  makerSpaceId: string;
  name: string;
  field: string;
  teamSize: number;
  admittedOn: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 创业团队入驻众创空间 */
export const StartupAdmitted = defineEvent<StartupAdmittedData>({
  context: 'enterprise',
  name: 'StartupAdmitted',
  version: 1,
  aggregateType: 'Startup',
  description: { zh: '创业团队已入驻众创空间孵化。', en: 'A start-up was admitted to a maker space for incubation.' },
  schema: {
    type: 'object',
    required: ['startupId', 'makerSpaceId', 'name', 'field', 'teamSize', 'admittedOn', ...ZONE_JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: {
      startupId: s.id,
      makerSpaceId: s.id,
      name: s.text(100),
      field: s.text(50),
      teamSize: { type: 'integer', minimum: 1, maximum: 1000 },
      admittedOn: s.date,
      ...zoneJurisdiction,
    },
  },
  personalFields: [],
  example: {
    startupId: 'startup-upcafe-01',
    makerSpaceId: 'ms-up-cafe',
    name: '极客云工作室',
    field: '云计算',
    teamSize: 6,
    admittedOn: '2026-03-01',
    districtId: 'gaoxin',
    subDistrictId: 'gaoxin-huangtun',
    zoneId: 'zone-software-park',
  },
});

export interface StartupStatusChangedData {
  startupId: string;
  status: StartupStatus;
  changedOn: string;
  note: string | null;
}

/** 创业团队状态变化 (毕业、迁出、注销) */
export const StartupStatusChanged = defineEvent<StartupStatusChangedData>({
  context: 'enterprise',
  name: 'StartupStatusChanged',
  version: 1,
  aggregateType: 'Startup',
  description: { zh: '众创空间内创业团队的状态已变化（毕业、迁出或注销）。', en: "A start-up's status changed (graduated, left or closed)." },
  schema: {
    type: 'object',
    required: ['startupId', 'status', 'changedOn', 'note'],
    additionalProperties: false,
    properties: { startupId: s.id, status: { enum: [...STARTUP_STATUSES] }, changedOn: s.date, note: s.optionalText(500) },
  },
  personalFields: [],
  example: { startupId: 'startup-upcafe-01', status: 'GRADUATED', changedOn: '2026-12-01', note: '已注册公司并入驻软件园 B 座' },
});
