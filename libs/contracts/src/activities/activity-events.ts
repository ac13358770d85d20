import { defineEvent } from '../event-definition';
import { ActivitiesJurisdiction, id, instant, JURISDICTION_FIELDS, jurisdictionProps, optionalId, text } from './common';

/** 活动类型 */
export const ACTIVITY_KINDS = [
  'BRANCH_ASSEMBLY', // 支部党员大会（三会一课）
  'COMMITTEE_MEETING', // 支部委员会（三会一课）
  'GROUP_MEETING', // 党小组会（三会一课）
  'PARTY_LECTURE', // 党课（三会一课）
  'THEME_PARTY_DAY', // 主题党日
  'ALLIANCE_ACTIVITY', // 联盟共办活动（多个组织共同主办）
  'SPACE_EVENT', // 党群服务中心阵地活动
  'VOLUNTEER_SERVICE', // 志愿服务
  'TRAINING', // 培训
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** The four kinds that make up 三会一课; the compliance report counts only these. */
export const ORGANIZATION_LIFE_KINDS = ['BRANCH_ASSEMBLY', 'COMMITTEE_MEETING', 'GROUP_MEETING', 'PARTY_LECTURE'] as const;
export type OrganizationLifeKind = (typeof ORGANIZATION_LIFE_KINDS)[number];

export interface ActivityScheduledData extends ActivitiesJurisdiction {
  activityId: string;
  kind: ActivityKind;
  title: string;
  /** The organizing organizations; the first is the host. Alliance activities have two or more. */
  organizerIds: string[];
  venue: string;
  roomId: string | null;
  startsAt: string;
  endsAt: string;
  /** Seats; null means no limit. */
  capacity: number | null;
  agenda: string[];
}

/** 活动已创建（草稿） */
export const ActivityScheduled = defineEvent<ActivityScheduledData>({
  context: 'activities',
  name: 'ActivityScheduled',
  version: 1,
  aggregateType: 'Activity',
  description: {
    zh: '活动已创建为草稿（类型、主办组织、地点、时间、名额和议程）。',
    en: 'An activity was drafted with its kind, organizers, venue, time, capacity and agenda.',
  },
  schema: {
    type: 'object',
    required: ['activityId', 'kind', 'title', 'organizerIds', 'venue', 'roomId', 'startsAt', 'endsAt', 'capacity', 'agenda', ...JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: {
      activityId: id,
      kind: { enum: [...ACTIVITY_KINDS] },
      title: text(100),
      organizerIds: { type: 'array', minItems: 1, maxItems: 20, items: id },
      venue: text(200),
      roomId: optionalId,
      startsAt: instant,
      endsAt: instant,
      capacity: { type: ['integer', 'null'], minimum: 1, maximum: 5000 },
      agenda: { type: 'array', maxItems: 30, items: text(200) },
      ...jurisdictionProps,
    },
  },
  personalFields: [],
  example: {
    activityId: 'act-2026-0001',
    kind: 'THEME_PARTY_DAY',
    title: '“亮身份、作承诺”主题党日',
    organizerIds: ['org-wanda-branch'],
    venue: '万达广场党群服务站',
    roomId: null,
    startsAt: '2026-07-01T01:00:00.000Z',
    endsAt: '2026-07-01T03:00:00.000Z',
    capacity: 40,
    agenda: ['重温入党誓词', '党员作承诺'],
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

const activityOnly = {
  type: 'object',
  required: ['activityId'],
  additionalProperties: false,
  properties: { activityId: id },
};

/** 活动发布 */
export const ActivityPublished = defineEvent<{ activityId: string }>({
  context: 'activities',
  name: 'ActivityPublished',
  version: 1,
  aggregateType: 'Activity',
  description: { zh: '活动已发布，党员可以报名。', en: 'An activity was published; members may sign up.' },
  schema: activityOnly,
  personalFields: [],
  example: { activityId: 'act-2026-0001' },
});

export interface ActivityCancelledData {
  activityId: string;
  reason: string;
}

/** 活动取消 */
export const ActivityCancelled = defineEvent<ActivityCancelledData>({
  context: 'activities',
  name: 'ActivityCancelled',
  version: 1,
  aggregateType: 'Activity',
  description: { zh: '活动已取消。', en: 'An activity was cancelled.' },
  schema: { type: 'object', required: ['activityId', 'reason'], additionalProperties: false, properties: { activityId: id, reason: text(200) } },
  personalFields: [],
  example: { activityId: 'act-2026-0001', reason: '因天气原因取消' },
});

export interface ActivityRescheduledData {
  activityId: string;
  startsAt: string;
  endsAt: string;
  /** The service-centre room it is now held in (its slots reserved), or null for none. */
  roomId: string | null;
  venue: string;
}

/** 活动改期 (moved in time, room or venue) */
export const ActivityRescheduled = defineEvent<ActivityRescheduledData>({
  context: 'activities',
  name: 'ActivityRescheduled',
  version: 1,
  aggregateType: 'Activity',
  description: {
    zh: '活动已改期（新的时间、地点或功能室）；原功能室时段已释放，新时段已预留。',
    en: 'An activity was moved to a new time, venue or room; the old room slots were freed and the new ones reserved.',
  },
  schema: {
    type: 'object',
    required: ['activityId', 'startsAt', 'endsAt', 'roomId', 'venue'],
    additionalProperties: false,
    properties: { activityId: id, startsAt: instant, endsAt: instant, roomId: optionalId, venue: text(200) },
  },
  personalFields: [],
  example: { activityId: 'act-2026-0001', startsAt: '2026-07-02T01:00:00.000Z', endsAt: '2026-07-02T03:00:00.000Z', roomId: 'room-taibailou-1', venue: '太白楼路党群服务中心' },
});

export interface ActivityMinutesRecordedData {
  activityId: string;
  minutes: string;
}

/** 活动记录（会议纪要） */
export const ActivityMinutesRecorded = defineEvent<ActivityMinutesRecordedData>({
  context: 'activities',
  name: 'ActivityMinutesRecorded',
  version: 1,
  aggregateType: 'Activity',
  description: { zh: '活动记录（会议纪要）已登记；组织生活以此计为已开展。', en: 'Minutes were recorded; organization life counts as held from then.' },
  schema: { type: 'object', required: ['activityId', 'minutes'], additionalProperties: false, properties: { activityId: id, minutes: text(5000) } },
  // Free text written by people: it may name them.
  personalFields: ['minutes'],
  example: { activityId: 'act-2026-0001', minutes: '学习了党章第一章，12 名党员作出承诺。' },
});

export interface CheckInCodeRotatedData {
  activityId: string;
  /** The code itself never leaves the service: it is derived from this generation with a secret. */
  generation: number;
}

/** 签到码更换 */
export const CheckInCodeRotated = defineEvent<CheckInCodeRotatedData>({
  context: 'activities',
  name: 'CheckInCodeRotated',
  version: 1,
  aggregateType: 'Activity',
  description: { zh: '活动签到码已更换，旧签到码失效。', en: "The activity's check-in code was rotated; the old code no longer works." },
  schema: {
    type: 'object',
    required: ['activityId', 'generation'],
    additionalProperties: false,
    properties: { activityId: id, generation: { type: 'integer', minimum: 1 } },
  },
  personalFields: [],
  example: { activityId: 'act-2026-0001', generation: 2 },
});

export interface MemberSignedUpData {
  activityId: string;
  memberId: string;
  /** The member's organization at sign-up, for attendance per organization. */
  organizationId: string;
  /** True when the seats were taken and the member joined the waiting list 候补. */
  waitlisted: boolean;
}

/** 党员报名 */
export const MemberSignedUp = defineEvent<MemberSignedUpData>({
  context: 'activities',
  name: 'MemberSignedUp',
  version: 1,
  aggregateType: 'Activity',
  description: { zh: '党员已报名参加活动（名额已满时进入候补名单）。', en: 'A member signed up (onto the waiting list when the seats are taken).' },
  schema: {
    type: 'object',
    required: ['activityId', 'memberId', 'organizationId', 'waitlisted'],
    additionalProperties: false,
    properties: { activityId: id, memberId: id, organizationId: id, waitlisted: { type: 'boolean' } },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { activityId: 'act-2026-0001', memberId: 'mem-0001', organizationId: 'org-wanda-branch', waitlisted: false },
});

export interface SignUpWithdrawnData {
  activityId: string;
  memberId: string;
  /** The first member on the waiting list, who takes the freed seat; null when none. */
  promotedMemberId: string | null;
}

/** 取消报名 */
export const SignUpWithdrawn = defineEvent<SignUpWithdrawnData>({
  context: 'activities',
  name: 'SignUpWithdrawn',
  version: 1,
  aggregateType: 'Activity',
  description: { zh: '党员已取消报名；候补名单第一位递补。', en: 'A member withdrew; the first on the waiting list takes the seat.' },
  schema: {
    type: 'object',
    required: ['activityId', 'memberId', 'promotedMemberId'],
    additionalProperties: false,
    properties: { activityId: id, memberId: id, promotedMemberId: optionalId },
  },
  personalFields: [],
  personIds: ['memberId', 'promotedMemberId'],
  example: { activityId: 'act-2026-0001', memberId: 'mem-0001', promotedMemberId: 'mem-0007' },
});

export interface LeaveRequestedData {
  activityId: string;
  memberId: string;
  reason: string;
  promotedMemberId: string | null;
}

/** 请假 */
export const LeaveRequested = defineEvent<LeaveRequestedData>({
  context: 'activities',
  name: 'LeaveRequested',
  version: 1,
  aggregateType: 'Activity',
  description: {
    zh: '已报名党员请假；其名额由候补名单第一位递补，请假计为应到未到但有故。',
    en: 'A signed-up member asked for leave; the seat goes to the first on the waiting list.',
  },
  schema: {
    type: 'object',
    required: ['activityId', 'memberId', 'reason', 'promotedMemberId'],
    additionalProperties: false,
    properties: { activityId: id, memberId: id, reason: text(200), promotedMemberId: optionalId },
  },
  // A reason for leave may be about health or family.
  personalFields: ['reason'],
  personIds: ['memberId', 'promotedMemberId'],
  example: { activityId: 'act-2026-0001', memberId: 'mem-0001', reason: '出差', promotedMemberId: null },
});

export interface MemberCheckedInData {
  activityId: string;
  memberId: string;
  organizationId: string;
  checkedInAt: string;
  /** True when the member had not signed up and took a free seat at the door. */
  walkIn: boolean;
}

/** 签到 */
export const MemberCheckedIn = defineEvent<MemberCheckedInData>({
  context: 'activities',
  name: 'MemberCheckedIn',
  version: 1,
  aggregateType: 'Activity',
  description: { zh: '党员凭活动签到码签到。', en: "A member checked in with the activity's code." },
  schema: {
    type: 'object',
    required: ['activityId', 'memberId', 'organizationId', 'checkedInAt', 'walkIn'],
    additionalProperties: false,
    properties: { activityId: id, memberId: id, organizationId: id, checkedInAt: instant, walkIn: { type: 'boolean' } },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { activityId: 'act-2026-0001', memberId: 'mem-0001', organizationId: 'org-wanda-branch', checkedInAt: '2026-07-01T00:55:00.000Z', walkIn: false },
});

export interface MemberCheckedOutData {
  activityId: string;
  memberId: string;
  checkedOutAt: string;
  /** Volunteer hours credited (volunteer service only, else 0), after the rounding rule. */
  volunteerHours: number;
}

/** 签退 */
export const MemberCheckedOut = defineEvent<MemberCheckedOutData>({
  context: 'activities',
  name: 'MemberCheckedOut',
  version: 1,
  aggregateType: 'Activity',
  description: {
    zh: '党员签退；志愿服务活动按规则折算志愿时长（向下取整到半小时，最少 0.5 小时，最多为计划时长加 1 小时）。',
    en: 'A member checked out; volunteer service credits hours (rounded down to the half hour, at least 0.5, at most the scheduled length plus 1).',
  },
  schema: {
    type: 'object',
    required: ['activityId', 'memberId', 'checkedOutAt', 'volunteerHours'],
    additionalProperties: false,
    properties: { activityId: id, memberId: id, checkedOutAt: instant, volunteerHours: { type: 'number', minimum: 0, maximum: 48, multipleOf: 0.5 } },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { activityId: 'act-2026-0001', memberId: 'mem-0001', checkedOutAt: '2026-07-01T03:10:00.000Z', volunteerHours: 2 },
});
