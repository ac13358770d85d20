import { defineEvent } from '../event-definition';
import { date, dateTime, id, jurisdictionProperties, optionalText, text } from './schema-parts';

/** 共治委员会成员代表的一方: 产权/物业, 商户, 居民, 职能部门, 党组织. */
export const COMMITTEE_PARTIES = ['PROPERTY', 'MERCHANT', 'RESIDENT', 'DEPARTMENT', 'PARTY_ORGANIZATION'] as const;
export type CommitteeParty = (typeof COMMITTEE_PARTIES)[number];

export interface CommitteeEstablishedData {
  committeeId: string;
  name: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 共治委员会成立 */
export const CommitteeEstablished = defineEvent<CommitteeEstablishedData>({
  context: 'governance',
  name: 'CommitteeEstablished',
  version: 1,
  aggregateType: 'Committee',
  description: { zh: '片区共治委员会已成立。', en: 'A co-governance committee was established in a zone.' },
  schema: {
    type: 'object',
    required: ['committeeId', 'name', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: { committeeId: id, name: text(100), ...jurisdictionProperties },
  },
  personalFields: [],
  example: { committeeId: 'committee-yunhecheng', name: '运河城共治委员会', districtId: 'rencheng', subDistrictId: 'fuqiao', zoneId: 'zone-taibailou' },
});

export interface CommitteeMemberJoinedData {
  committeeId: string;
  memberId: string;
  /** Personal data: pseudonymised on analyst streams. */
  name: string;
  party: CommitteeParty;
  /** The unit the member speaks for (property company, shop, department …). */
  affiliation: string;
  title: string | null;
}

/** 共治委员会成员加入 */
export const CommitteeMemberJoined = defineEvent<CommitteeMemberJoinedData>({
  context: 'governance',
  name: 'CommitteeMemberJoined',
  version: 1,
  aggregateType: 'Committee',
  description: { zh: '共治委员会新增成员（注明代表的一方和所在单位）。', en: 'A member joined a co-governance committee, with the party they represent.' },
  schema: {
    type: 'object',
    required: ['committeeId', 'memberId', 'name', 'party', 'affiliation', 'title'],
    additionalProperties: false,
    properties: {
      committeeId: id,
      memberId: id,
      name: text(50),
      party: { enum: [...COMMITTEE_PARTIES] },
      affiliation: text(100),
      title: optionalText(50),
    },
  },
  personalFields: ['name'],
  personIds: ['memberId'],
  example: { committeeId: 'committee-yunhecheng', memberId: 'cm-property-1', name: '王建国', party: 'PROPERTY', affiliation: '运河城物业服务中心', title: '经理' },
});

export interface CommitteeMemberLeftData {
  committeeId: string;
  memberId: string;
}

/** 共治委员会成员退出 */
export const CommitteeMemberLeft = defineEvent<CommitteeMemberLeftData>({
  context: 'governance',
  name: 'CommitteeMemberLeft',
  version: 1,
  aggregateType: 'Committee',
  description: { zh: '共治委员会成员已退出。', en: 'A member left a co-governance committee.' },
  schema: { type: 'object', required: ['committeeId', 'memberId'], additionalProperties: false, properties: { committeeId: id, memberId: id } },
  personalFields: [],
  personIds: ['memberId'],
  example: { committeeId: 'committee-yunhecheng', memberId: 'cm-property-1' },
});

export interface CommitteeMeetingScheduledData {
  meetingId: string;
  committeeId: string;
  title: string;
  agenda: string | null;
  scheduledAt: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 共治委员会会议安排 */
export const CommitteeMeetingScheduled = defineEvent<CommitteeMeetingScheduledData>({
  context: 'governance',
  name: 'CommitteeMeetingScheduled',
  version: 1,
  aggregateType: 'CommitteeMeeting',
  description: { zh: '共治委员会会议已安排。', en: 'A co-governance committee meeting was scheduled.' },
  schema: {
    type: 'object',
    required: ['meetingId', 'committeeId', 'title', 'agenda', 'scheduledAt', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: { meetingId: id, committeeId: id, title: text(100), agenda: optionalText(2000), scheduledAt: dateTime, ...jurisdictionProperties },
  },
  personalFields: [],
  example: {
    meetingId: 'meeting-yunhecheng-2024-03',
    committeeId: 'committee-yunhecheng',
    title: '三月共治议事会',
    agenda: '商圈停车秩序、夜间经营噪音',
    scheduledAt: '2024-03-15T09:00:00.000Z',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface CommitteeMeetingHeldData {
  meetingId: string;
  heldAt: string;
  /** 出席: member ids of the committee who attended. */
  presentMemberIds: string[];
  absentMemberIds: string[];
  minutes: string | null;
}

/** 共治委员会会议召开（含出席情况） */
export const CommitteeMeetingHeld = defineEvent<CommitteeMeetingHeldData>({
  context: 'governance',
  name: 'CommitteeMeetingHeld',
  version: 1,
  aggregateType: 'CommitteeMeeting',
  description: { zh: '共治委员会会议已召开，记录出席和缺席成员。', en: 'A committee meeting was held; attendance was recorded.' },
  schema: {
    type: 'object',
    required: ['meetingId', 'heldAt', 'presentMemberIds', 'absentMemberIds', 'minutes'],
    additionalProperties: false,
    properties: {
      meetingId: id,
      heldAt: dateTime,
      presentMemberIds: { type: 'array', items: id, maxItems: 200, uniqueItems: true },
      absentMemberIds: { type: 'array', items: id, maxItems: 200, uniqueItems: true },
      minutes: optionalText(5000),
    },
  },
  personalFields: [],
  personIds: ['presentMemberIds[]', 'absentMemberIds[]'],
  example: { meetingId: 'meeting-yunhecheng-2024-03', heldAt: '2024-03-15T09:05:00.000Z', presentMemberIds: ['cm-property-1'], absentMemberIds: [], minutes: '议定增设临时停车位' },
});

export interface ResolutionActionPlan {
  actionId: string;
  description: string;
  /** Who follows it up: a committee member id or a department id. */
  ownerId: string;
  dueOn: string;
}

export interface ResolutionVotedData {
  resolutionId: string;
  meetingId: string;
  committeeId: string;
  title: string;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  passed: boolean;
  /** 跟进事项: follow-up actions, tracked until done. */
  actions: ResolutionActionPlan[];
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 共治决议表决 */
export const ResolutionVoted = defineEvent<ResolutionVotedData>({
  context: 'governance',
  name: 'ResolutionVoted',
  version: 1,
  aggregateType: 'Resolution',
  description: { zh: '会议对决议进行了表决（赞成、反对、弃权票数及跟进事项）。', en: 'A committee meeting voted on a resolution, with its follow-up actions.' },
  schema: {
    type: 'object',
    required: ['resolutionId', 'meetingId', 'committeeId', 'title', 'votesFor', 'votesAgainst', 'abstentions', 'passed', 'actions', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: {
      resolutionId: id,
      meetingId: id,
      committeeId: id,
      title: text(200),
      votesFor: { type: 'integer', minimum: 0, maximum: 1000 },
      votesAgainst: { type: 'integer', minimum: 0, maximum: 1000 },
      abstentions: { type: 'integer', minimum: 0, maximum: 1000 },
      passed: { type: 'boolean' },
      actions: {
        type: 'array',
        maxItems: 50,
        items: {
          type: 'object',
          required: ['actionId', 'description', 'ownerId', 'dueOn'],
          additionalProperties: false,
          properties: { actionId: id, description: text(500), ownerId: id, dueOn: date },
        },
      },
      ...jurisdictionProperties,
    },
  },
  personalFields: [],
  personIds: ['actions[].ownerId'],
  example: {
    resolutionId: 'res-yunhecheng-parking',
    meetingId: 'meeting-yunhecheng-2024-03',
    committeeId: 'committee-yunhecheng',
    title: '增设运河城临时停车位',
    votesFor: 7,
    votesAgainst: 1,
    abstentions: 1,
    passed: true,
    actions: [{ actionId: 'act-1', description: '城管划定临时停车区域', ownerId: 'dept-rencheng-cg', dueOn: '2024-04-01' }],
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface ResolutionActionCompletedData {
  resolutionId: string;
  actionId: string;
  outcome: string;
  completedAt: string;
}

/** 决议跟进事项办结 */
export const ResolutionActionCompleted = defineEvent<ResolutionActionCompletedData>({
  context: 'governance',
  name: 'ResolutionActionCompleted',
  version: 1,
  aggregateType: 'Resolution',
  description: { zh: '决议的一项跟进事项已办结。', en: "One of a resolution's follow-up actions was completed." },
  schema: {
    type: 'object',
    required: ['resolutionId', 'actionId', 'outcome', 'completedAt'],
    additionalProperties: false,
    properties: { resolutionId: id, actionId: id, outcome: text(1000), completedAt: dateTime },
  },
  personalFields: [],
  example: { resolutionId: 'res-yunhecheng-parking', actionId: 'act-1', outcome: '已划定 40 个临时车位', completedAt: '2024-03-28T10:00:00.000Z' },
});
