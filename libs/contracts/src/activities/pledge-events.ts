import { defineEvent } from '../event-definition';
import { ActivitiesJurisdiction, date, id, JURISDICTION_FIELDS, jurisdictionProps, optionalId, text } from './common';

export interface PledgeMadeData extends ActivitiesJurisdiction {
  pledgeId: string;
  memberId: string;
  organizationId: string;
  content: string;
  dueOn: string;
}

/** 作承诺 */
export const PledgeMade = defineEvent<PledgeMadeData>({
  context: 'activities',
  name: 'PledgeMade',
  version: 1,
  aggregateType: 'Pledge',
  description: { zh: '党员亮身份、作承诺（承诺内容与践诺期限）。', en: 'A member made a pledge with a due date.' },
  schema: {
    type: 'object',
    required: ['pledgeId', 'memberId', 'organizationId', 'content', 'dueOn', ...JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: { pledgeId: id, memberId: id, organizationId: id, content: text(500), dueOn: date, ...jurisdictionProps },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: {
    pledgeId: 'pl-0001',
    memberId: 'mem-0001',
    organizationId: 'org-wanda-branch',
    content: '每月参加一次商圈志愿服务',
    dueOn: '2026-12-31',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface PledgeFulfilledData {
  pledgeId: string;
  memberId: string;
  /** The day the fulfilment was confirmed; points count it in that day's period. */
  fulfilledOn: string;
  note: string;
}

/** 践诺 */
export const PledgeFulfilled = defineEvent<PledgeFulfilledData>({
  context: 'activities',
  name: 'PledgeFulfilled',
  version: 1,
  aggregateType: 'Pledge',
  description: { zh: '承诺已兑现（践诺），经党组织书记确认。', en: 'A pledge was kept, as confirmed by the secretary.' },
  schema: {
    type: 'object',
    required: ['pledgeId', 'memberId', 'fulfilledOn', 'note'],
    additionalProperties: false,
    properties: { pledgeId: id, memberId: id, fulfilledOn: date, note: text(500) },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { pledgeId: 'pl-0001', memberId: 'mem-0001', fulfilledOn: '2026-12-20', note: '全年参加志愿服务 14 次' },
});

export interface PledgeLapsedData {
  pledgeId: string;
  memberId: string;
  reason: string;
}

/** 承诺未兑现 */
export const PledgeLapsed = defineEvent<PledgeLapsedData>({
  context: 'activities',
  name: 'PledgeLapsed',
  version: 1,
  aggregateType: 'Pledge',
  description: { zh: '承诺到期未兑现。', en: 'A pledge lapsed unfulfilled.' },
  schema: { type: 'object', required: ['pledgeId', 'memberId', 'reason'], additionalProperties: false, properties: { pledgeId: id, memberId: id, reason: text(200) } },
  personalFields: [],
  personIds: ['memberId'],
  example: { pledgeId: 'pl-0001', memberId: 'mem-0001', reason: '到期未兑现' },
});

/** 党员先锋岗 / 党员责任区 */
export const POST_KINDS = ['VANGUARD_POST', 'RESPONSIBILITY_ZONE'] as const;
export type PostKind = (typeof POST_KINDS)[number];

export interface VanguardPostAssignedData extends ActivitiesJurisdiction {
  postId: string;
  kind: PostKind;
  title: string;
  memberId: string;
  organizationId: string;
  enterpriseName: string;
  /** For a responsibility zone: the area it covers (floor, shop row, street section). */
  area: string | null;
}

/** 设岗定责 */
export const VanguardPostAssigned = defineEvent<VanguardPostAssignedData>({
  context: 'activities',
  name: 'VanguardPostAssigned',
  version: 1,
  aggregateType: 'VanguardPost',
  description: { zh: '企业中设立党员先锋岗或党员责任区并明确责任党员。', en: 'A vanguard post or responsibility zone in an enterprise was assigned to a member.' },
  schema: {
    type: 'object',
    required: ['postId', 'kind', 'title', 'memberId', 'organizationId', 'enterpriseName', 'area', ...JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: {
      postId: id,
      kind: { enum: [...POST_KINDS] },
      title: text(100),
      memberId: id,
      organizationId: id,
      enterpriseName: text(100),
      area: { type: ['string', 'null'], maxLength: 200 },
      ...jurisdictionProps,
    },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: {
    postId: 'post-0001',
    kind: 'VANGUARD_POST',
    title: '客户服务党员先锋岗',
    memberId: 'mem-0001',
    organizationId: 'org-wanda-branch',
    enterpriseName: '济宁万达广场商业管理有限公司',
    area: null,
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface VanguardPostReleasedData {
  postId: string;
  memberId: string;
  reason: string;
  successorMemberId: string | null;
}

/** 先锋岗/责任区撤销或调整 */
export const VanguardPostReleased = defineEvent<VanguardPostReleasedData>({
  context: 'activities',
  name: 'VanguardPostReleased',
  version: 1,
  aggregateType: 'VanguardPost',
  description: { zh: '党员先锋岗/责任区的责任党员卸任（可同时指定接任党员）。', en: 'A member left a post or zone (optionally handing it to a successor).' },
  schema: {
    type: 'object',
    required: ['postId', 'memberId', 'reason', 'successorMemberId'],
    additionalProperties: false,
    properties: { postId: id, memberId: id, reason: text(200), successorMemberId: optionalId },
  },
  personalFields: [],
  personIds: ['memberId', 'successorMemberId'],
  example: { postId: 'post-0001', memberId: 'mem-0001', reason: '工作调动', successorMemberId: 'mem-0003' },
});
