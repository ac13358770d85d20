import { defineEvent } from '../event-definition';

/** 党员状态: full member 正式党员 or probationary member 预备党员. */
export const MEMBER_STATUSES = ['FULL', 'PROBATIONARY'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const optionalId = { type: ['string', 'null'], maxLength: 64 } as const;
const date = { type: 'string', format: 'date' } as const;
/** 统一社会信用代码: 18 characters; the enterprise service keys enterprises by it. */
const creditCode = { type: ['string', 'null'], pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$' } as const;

export interface MemberRegisteredData {
  memberId: string;
  /** Personal data: pseudonymised on analyst streams. ID number and phone never leave membership. */
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthYear: number;
  status: MemberStatus;
  joinedOn: string;
  organizationId: string;
  employerName: string | null;
  employerCreditCode: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}

/** 党员登记 */
export const MemberRegistered = defineEvent<MemberRegisteredData>({
  context: 'membership',
  name: 'MemberRegistered',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '党员已登记到所在党组织（身份证号和手机号不出党员服务）。',
    en: 'A Party member was registered with their organization (ID number and phone never leave membership).',
  },
  schema: {
    type: 'object',
    required: ['memberId', 'name', 'gender', 'birthYear', 'status', 'joinedOn', 'organizationId', 'employerName', 'employerCreditCode', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: {
      memberId: id,
      name: { type: 'string', minLength: 1, maxLength: 50 },
      gender: { enum: ['MALE', 'FEMALE'] },
      birthYear: { type: 'integer', minimum: 1900, maximum: 2100 },
      status: { enum: [...MEMBER_STATUSES] },
      joinedOn: date,
      organizationId: id,
      employerName: { type: ['string', 'null'], maxLength: 100 },
      employerCreditCode: creditCode,
      districtId: id,
      subDistrictId: id,
      zoneId: optionalId,
    },
  },
  personalFields: ['name'],
  personIds: ['memberId'],
  example: {
    memberId: 'mem-0001',
    name: '张明',
    gender: 'MALE',
    birthYear: 1988,
    status: 'FULL',
    joinedOn: '2012-07-01',
    organizationId: 'org-wanda-branch',
    employerName: '济宁万达广场商业管理有限公司',
    employerCreditCode: '91370800MA3C5EXA2N',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface MemberAdmittedAsFullData {
  memberId: string;
  admittedOn: string;
}

/** 预备党员转正 */
export const MemberAdmittedAsFull = defineEvent<MemberAdmittedAsFullData>({
  context: 'membership',
  name: 'MemberAdmittedAsFull',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '预备党员已按期转为正式党员。', en: 'A probationary member became a full member.' },
  schema: {
    type: 'object',
    required: ['memberId', 'admittedOn'],
    additionalProperties: false,
    properties: { memberId: id, admittedOn: date },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0001', admittedOn: '2026-07-01' },
});

export interface MemberTransferCompletedData {
  memberId: string;
  transferId: string;
  fromOrganizationId: string;
  toOrganizationId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  completedOn: string;
}

/** 组织关系转接完成: from this moment the member belongs to the receiving organization. */
export const MemberTransferCompleted = defineEvent<MemberTransferCompletedData>({
  context: 'membership',
  name: 'MemberTransferCompleted',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '党员组织关系转接已完成，党员自此隶属接收党组织。',
    en: "A member's transfer completed; the member now belongs to the receiving organization.",
  },
  schema: {
    type: 'object',
    required: ['memberId', 'transferId', 'fromOrganizationId', 'toOrganizationId', 'districtId', 'subDistrictId', 'zoneId', 'completedOn'],
    additionalProperties: false,
    properties: {
      memberId: id,
      transferId: id,
      fromOrganizationId: id,
      toOrganizationId: id,
      districtId: id,
      subDistrictId: id,
      zoneId: optionalId,
      completedOn: date,
    },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: {
    memberId: 'mem-0001',
    transferId: 'tr-0001',
    fromOrganizationId: 'org-wanda-branch',
    toOrganizationId: 'org-suning-branch',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
    completedOn: '2026-11-20',
  },
});

export interface FloatingMemberCheckedInData {
  memberId: string;
  organizationId: string;
  homeOrganizationName: string;
  checkedInOn: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}

/** 流动党员报到 */
export const FloatingMemberCheckedIn = defineEvent<FloatingMemberCheckedInData>({
  context: 'membership',
  name: 'FloatingMemberCheckedIn',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '组织关系在外地的流动党员已向本地党组织报到。',
    en: 'A floating member (membership held elsewhere) checked in with a local organization.',
  },
  schema: {
    type: 'object',
    required: ['memberId', 'organizationId', 'homeOrganizationName', 'checkedInOn', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: {
      memberId: id,
      organizationId: id,
      homeOrganizationName: { type: 'string', minLength: 1, maxLength: 100 },
      checkedInOn: date,
      districtId: id,
      subDistrictId: id,
      zoneId: optionalId,
    },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: {
    memberId: 'mem-0002',
    organizationId: 'org-taibailou-joint',
    homeOrganizationName: '菏泽市牡丹区某村党支部',
    checkedInOn: '2026-03-02',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface FloatingMemberCheckedOutData {
  memberId: string;
  organizationId: string;
  checkedOutOn: string;
}

/** 流动党员离开 */
export const FloatingMemberCheckedOut = defineEvent<FloatingMemberCheckedOutData>({
  context: 'membership',
  name: 'FloatingMemberCheckedOut',
  version: 1,
  aggregateType: 'Member',
  description: { zh: '流动党员已从本地党组织离开。', en: 'A floating member checked out of the local organization.' },
  schema: {
    type: 'object',
    required: ['memberId', 'organizationId', 'checkedOutOn'],
    additionalProperties: false,
    properties: { memberId: id, organizationId: id, checkedOutOn: date },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0002', organizationId: 'org-taibailou-joint', checkedOutOn: '2026-10-31' },
});
