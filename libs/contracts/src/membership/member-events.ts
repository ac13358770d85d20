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

export interface FloatingMemberRegisteredData {
  memberId: string;
  /** Personal data, as in MemberRegistered: pseudonymised on analyst streams. ID number and phone never leave membership. */
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthYear: number;
  status: MemberStatus;
  joinedOn: string;
  /** 流出地: the organization elsewhere that holds the membership. */
  homeOrganizationName: string;
  /** The local organization the member attaches to (报到) and where they count. */
  organizationId: string;
  checkedInOn: string;
  employerName: string | null;
  employerCreditCode: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}

/** 流动党员登记: a member of another city's organization, recorded and checked in here at once. */
export const FloatingMemberRegistered = defineEvent<FloatingMemberRegisteredData>({
  context: 'membership',
  name: 'FloatingMemberRegistered',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '组织关系在外地的流动党员已登记并向本地党组织报到（未登记为本地党员；身份证号和手机号不出党员服务）。',
    en: 'A floating member whose membership is held elsewhere was recorded and checked in with a local organization (not registered as a local member; ID number and phone never leave membership).',
  },
  schema: {
    type: 'object',
    required: [
      'memberId',
      'name',
      'gender',
      'birthYear',
      'status',
      'joinedOn',
      'homeOrganizationName',
      'organizationId',
      'checkedInOn',
      'employerName',
      'employerCreditCode',
      'districtId',
      'subDistrictId',
      'zoneId',
    ],
    additionalProperties: false,
    properties: {
      memberId: id,
      name: { type: 'string', minLength: 1, maxLength: 50 },
      gender: { enum: ['MALE', 'FEMALE'] },
      birthYear: { type: 'integer', minimum: 1900, maximum: 2100 },
      status: { enum: [...MEMBER_STATUSES] },
      joinedOn: date,
      homeOrganizationName: { type: 'string', minLength: 1, maxLength: 100 },
      organizationId: id,
      checkedInOn: date,
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
    memberId: 'mem-0300',
    name: '刘洋',
    gender: 'MALE',
    birthYear: 1992,
    status: 'FULL',
    joinedOn: '2016-07-01',
    homeOrganizationName: '菏泽市牡丹区某村党支部',
    organizationId: 'org-taibailou-joint',
    checkedInOn: '2026-03-02',
    employerName: '济宁某物流有限公司',
    employerCreditCode: null,
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

/**
 * A member record's status as lists and the state show it: 正式党员, 预备党员, or 党籍已终止
 * (ENDED: the membership ended, see MembershipEnded). Registration only ever gives the first two.
 */
export const MEMBER_RECORD_STATUSES = [...MEMBER_STATUSES, 'ENDED'] as const;
export type MemberRecordStatus = (typeof MEMBER_RECORD_STATUSES)[number];

/**
 * How a membership ends, as the Party's rules know the ways: 停止党籍 STOPPED, 开除党籍 EXPELLED
 * (出党), 除名 REMOVED, 退党 WITHDRAWN, 死亡 DECEASED, 转出本市 TRANSFERRED_OUT (组织关系转出本市,
 * with the introduction letter's number).
 */
export const MEMBERSHIP_END_KINDS = ['STOPPED', 'EXPELLED', 'REMOVED', 'WITHDRAWN', 'DECEASED', 'TRANSFERRED_OUT'] as const;
export type MembershipEndKind = (typeof MEMBERSHIP_END_KINDS)[number];

export interface MembershipEndedData {
  memberId: string;
  kind: MembershipEndKind;
  endedOn: string;
  /** The organization that approved it (批准组织), an existing one. */
  approvingOrganizationId: string;
  /** 介绍信编号: only for TRANSFERRED_OUT. */
  letterNumber: string | null;
  /** The member's organization and place at the end: the record stays readable there. */
  organizationId: string;
}

/** 党籍终止 (停止党籍、出党、除名、退党、死亡、转出本市) */
export const MembershipEnded = defineEvent<MembershipEndedData>({
  context: 'membership',
  name: 'MembershipEnded',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '党员的党籍或在本市的组织关系已终止（停止党籍、出党、除名、退党、死亡或转出本市），自此不再计入任何党员统计，档案仍可查阅。',
    en: "A member's membership ended (stopped, expelled, removed, withdrawn, died, or transferred out of the city); the member counts nowhere from now on, the record stays readable.",
  },
  schema: {
    type: 'object',
    required: ['memberId', 'kind', 'endedOn', 'approvingOrganizationId', 'letterNumber', 'organizationId'],
    additionalProperties: false,
    properties: {
      memberId: id,
      kind: { enum: [...MEMBERSHIP_END_KINDS] },
      endedOn: date,
      approvingOrganizationId: id,
      letterNumber: { type: ['string', 'null'], minLength: 1, maxLength: 50 },
      organizationId: id,
    },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: {
    memberId: 'mem-0001',
    kind: 'TRANSFERRED_OUT',
    endedOn: '2026-12-01',
    approvingOrganizationId: 'org-taibailou-committee',
    letterNumber: '济组转〔2026〕118号',
    organizationId: 'org-wanda-branch',
  },
});

/** 学历 as the member's file records it. */
export const EDUCATION_LEVELS = ['POSTGRADUATE', 'UNDERGRADUATE', 'JUNIOR_COLLEGE', 'SECONDARY_VOCATIONAL', 'HIGH_SCHOOL', 'JUNIOR_HIGH_OR_BELOW'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** The fields a correction of a member's record may change (修改党员信息). */
export const CORRECTABLE_MEMBER_FIELDS = ['name', 'phone', 'employer', 'education', 'organization'] as const;
export type CorrectableMemberField = (typeof CORRECTABLE_MEMBER_FIELDS)[number];

export interface MemberRecordCorrectedData {
  memberId: string;
  /** Which fields changed; only those fields' values below are meaningful. */
  corrected: CorrectableMemberField[];
  /** 须说明原因 */
  reason: string;
  /** Personal data, as in MemberRegistered: pseudonymised on analyst streams. */
  name: string;
  employerName: string | null;
  employerCreditCode: string | null;
  education: EducationLevel | null;
  /** The organization the member is (now) placed in, and its place: a correction of a registration's error, not a transfer. */
  organizationId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}

/** 修改党员信息: the phone number, if corrected, stays in membership (only `corrected` says so). */
export const MemberRecordCorrected = defineEvent<MemberRecordCorrectedData>({
  context: 'membership',
  name: 'MemberRecordCorrected',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '党员信息已修改（姓名、手机号、工作单位、学历或所在党组织），并说明了原因；手机号不出党员服务。',
    en: "A member's record was corrected (name, phone, employer, education or organization) with a reason; the phone number never leaves membership.",
  },
  schema: {
    type: 'object',
    required: ['memberId', 'corrected', 'reason', 'name', 'employerName', 'employerCreditCode', 'education', 'organizationId', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: {
      memberId: id,
      corrected: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...CORRECTABLE_MEMBER_FIELDS] } },
      reason: { type: 'string', minLength: 1, maxLength: 500 },
      name: { type: 'string', minLength: 1, maxLength: 50 },
      employerName: { type: ['string', 'null'], maxLength: 100 },
      employerCreditCode: creditCode,
      education: { enum: [...EDUCATION_LEVELS, null] },
      organizationId: id,
      districtId: id,
      subDistrictId: id,
      zoneId: optionalId,
    },
  },
  personalFields: ['name'],
  personIds: ['memberId'],
  example: {
    memberId: 'mem-0001',
    corrected: ['name', 'employer'],
    reason: '登记时姓名录入错误，工作单位已变更',
    name: '张铭',
    employerName: '济宁万达广场商业管理有限公司',
    employerCreditCode: '91370800MA3C5EXA2N',
    education: null,
    organizationId: 'org-wanda-branch',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface MemberIdNumberCorrectedData {
  memberId: string;
  /** 须说明原因 */
  reason: string;
  /** The birth year the corrected ID number gives (the number itself never leaves membership). */
  birthYear: number;
}

/** 更正身份证号 (区县管理员及以上): the number stays in membership, encrypted; the blind index follows. */
export const MemberIdNumberCorrected = defineEvent<MemberIdNumberCorrectedData>({
  context: 'membership',
  name: 'MemberIdNumberCorrected',
  version: 1,
  aggregateType: 'Member',
  description: {
    zh: '党员的身份证号已由区县以上管理员更正（号码本身不出党员服务，出生年份随之更新）。',
    en: "A member's ID number was corrected by a district administrator or above (the number never leaves membership; the birth year follows).",
  },
  schema: {
    type: 'object',
    required: ['memberId', 'reason', 'birthYear'],
    additionalProperties: false,
    properties: {
      memberId: id,
      reason: { type: 'string', minLength: 1, maxLength: 500 },
      birthYear: { type: 'integer', minimum: 1900, maximum: 2100 },
    },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { memberId: 'mem-0001', reason: '登记时身份证号末四位录入错误', birthYear: 1988 },
});
