import { defineEvent } from '../event-definition';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const optionalId = { type: ['string', 'null'], maxLength: 64 } as const;
const date = { type: 'string', format: 'date' } as const;
const text = { type: 'string', minLength: 1, maxLength: 500 } as const;

/*
 * 组织关系转接 lives in the member's own stream: the member has at most one open
 * transfer, and belongs to the sending organization until MemberTransferCompleted
 * (in member-events.ts) moves them.
 */

export interface MemberTransferRequestedData {
  memberId: string;
  transferId: string;
  fromOrganizationId: string;
  toOrganizationId: string;
  toDistrictId: string;
  toSubDistrictId: string;
  toZoneId: string | null;
  /** Placed under the zone's joint committee because the employer is too small for its own organization. */
  toZoneJointCommittee: boolean;
  reason: string;
  requestedOn: string;
}

export const MemberTransferRequested = defineEvent<MemberTransferRequestedData>({
  context: 'membership',
  name: 'MemberTransferRequested',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '党员组织关系转接已申请，等待接收党组织审批。', en: "A member's transfer to another organization was requested, awaiting the receiving organization." },
  schema: {
    type: 'object',
    required: ['memberId', 'transferId', 'fromOrganizationId', 'toOrganizationId', 'toDistrictId', 'toSubDistrictId', 'toZoneId', 'toZoneJointCommittee', 'reason', 'requestedOn'],
    additionalProperties: false,
    properties: {
      memberId: id,
      transferId: id,
      fromOrganizationId: id,
      toOrganizationId: id,
      toDistrictId: id,
      toSubDistrictId: id,
      toZoneId: optionalId,
      toZoneJointCommittee: { type: 'boolean' },
      reason: text,
      requestedOn: date,
    },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: {
    memberId: 'mem-0001',
    transferId: 'tr-0001',
    fromOrganizationId: 'org-wanda-branch',
    toOrganizationId: 'org-suning-branch',
    toDistrictId: 'rencheng',
    toSubDistrictId: 'fuqiao',
    toZoneId: 'zone-taibailou',
    toZoneJointCommittee: false,
    reason: '工作单位变动',
    requestedOn: '2026-11-01',
  },
});

export interface MemberTransferReturnedData {
  memberId: string;
  transferId: string;
  reason: string;
  returnedOn: string;
}

export const MemberTransferReturned = defineEvent<MemberTransferReturnedData>({
  context: 'membership',
  name: 'MemberTransferReturned',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '接收党组织退回了组织关系转接申请，要求补正。', en: 'The receiving organization returned the transfer request for correction.' },
  schema: {
    type: 'object',
    required: ['memberId', 'transferId', 'reason', 'returnedOn'],
    additionalProperties: false,
    properties: { memberId: id, transferId: id, reason: text, returnedOn: date },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0001', transferId: 'tr-0001', reason: '介绍信缺少党费交纳截止月份', returnedOn: '2026-11-03' },
});

export interface MemberTransferResubmittedData {
  memberId: string;
  transferId: string;
  note: string;
  resubmittedOn: string;
}

export const MemberTransferResubmitted = defineEvent<MemberTransferResubmittedData>({
  context: 'membership',
  name: 'MemberTransferResubmitted',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '补正后的组织关系转接申请已重新提交。', en: 'The corrected transfer request was resubmitted.' },
  schema: {
    type: 'object',
    required: ['memberId', 'transferId', 'note', 'resubmittedOn'],
    additionalProperties: false,
    properties: { memberId: id, transferId: id, note: text, resubmittedOn: date },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0001', transferId: 'tr-0001', note: '已补充党费交纳情况', resubmittedOn: '2026-11-05' },
});

export interface MemberTransferApprovedData {
  memberId: string;
  transferId: string;
  approvedOn: string;
}

export const MemberTransferApproved = defineEvent<MemberTransferApprovedData>({
  context: 'membership',
  name: 'MemberTransferApproved',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '接收党组织已同意接收，待党员报到后完成转接。', en: 'The receiving organization approved the transfer; it completes when the member reports.' },
  schema: {
    type: 'object',
    required: ['memberId', 'transferId', 'approvedOn'],
    additionalProperties: false,
    properties: { memberId: id, transferId: id, approvedOn: date },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0001', transferId: 'tr-0001', approvedOn: '2026-11-10' },
});

export interface MemberTransferCancelledData {
  memberId: string;
  transferId: string;
  reason: string;
  cancelledOn: string;
}

export const MemberTransferCancelled = defineEvent<MemberTransferCancelledData>({
  context: 'membership',
  name: 'MemberTransferCancelled',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '组织关系转接申请已撤回，党员仍隶属原党组织。', en: 'The transfer request was withdrawn; the member stays with the sending organization.' },
  schema: {
    type: 'object',
    required: ['memberId', 'transferId', 'reason', 'cancelledOn'],
    additionalProperties: false,
    properties: { memberId: id, transferId: id, reason: text, cancelledOn: date },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0001', transferId: 'tr-0001', reason: '工作调动取消', cancelledOn: '2026-11-04' },
});
