import { defineEvent } from '../event-definition';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const optionalId = { type: ['string', 'null'], maxLength: 64 } as const;
const date = { type: 'string', format: 'date' } as const;

export interface IdentityDeclaredData {
  declarationId: string;
  /** The person declaring: a "pocket" or "invisible" member 口袋党员、隐形党员 not on record here. */
  name: string;
  gender: 'MALE' | 'FEMALE';
  organizationId: string;
  homeOrganizationName: string | null;
  employerName: string | null;
  declaredJoinedOn: string;
  declaredOn: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}

/** 亮明身份 */
export const IdentityDeclared = defineEvent<IdentityDeclaredData>({
  context: 'membership',
  name: 'IdentityDeclared',
  version: 1,
  aggregateType: 'IdentityDeclaration',
  description: {
    zh: '口袋党员/隐形党员向本地党组织亮明党员身份，待书记核实。',
    en: 'A "pocket" member declared their Party membership to a local organization, awaiting verification.',
  },
  schema: {
    type: 'object',
    required: ['declarationId', 'name', 'gender', 'organizationId', 'homeOrganizationName', 'employerName', 'declaredJoinedOn', 'declaredOn', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: {
      declarationId: id,
      name: { type: 'string', minLength: 1, maxLength: 50 },
      gender: { enum: ['MALE', 'FEMALE'] },
      organizationId: id,
      homeOrganizationName: { type: ['string', 'null'], maxLength: 100 },
      employerName: { type: ['string', 'null'], maxLength: 100 },
      declaredJoinedOn: date,
      declaredOn: date,
      districtId: id,
      subDistrictId: id,
      zoneId: optionalId,
    },
  },
  personalFields: ['name'],
  example: {
    declarationId: 'idd-0001',
    name: '赵磊',
    gender: 'MALE',
    organizationId: 'org-taibailou-joint',
    homeOrganizationName: '临沂市兰山区某社区党支部',
    employerName: '济宁某电子商务有限公司',
    declaredJoinedOn: '2015-06-20',
    declaredOn: '2026-03-10',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface IdentityDeclarationVerifiedData {
  declarationId: string;
  verifiedOn: string;
}

export const IdentityDeclarationVerified = defineEvent<IdentityDeclarationVerifiedData>({
  context: 'membership',
  name: 'IdentityDeclarationVerified',
  version: 1,
  aggregateType: 'IdentityDeclaration',
  description: { zh: '书记已核实亮身份党员的党员身份。', en: "The secretary verified the declared member's membership." },
  schema: {
    type: 'object',
    required: ['declarationId', 'verifiedOn'],
    additionalProperties: false,
    properties: { declarationId: id, verifiedOn: date },
  },
  personalFields: [],
  example: { declarationId: 'idd-0001', verifiedOn: '2026-03-15' },
});

export interface IdentityDeclarationRejectedData {
  declarationId: string;
  reason: string;
  rejectedOn: string;
}

export const IdentityDeclarationRejected = defineEvent<IdentityDeclarationRejectedData>({
  context: 'membership',
  name: 'IdentityDeclarationRejected',
  version: 1,
  aggregateType: 'IdentityDeclaration',
  description: { zh: '书记未能核实亮身份党员的党员身份，已说明原因。', en: 'The secretary could not verify the declared membership and gave the reason.' },
  schema: {
    type: 'object',
    required: ['declarationId', 'reason', 'rejectedOn'],
    additionalProperties: false,
    properties: { declarationId: id, reason: { type: 'string', minLength: 1, maxLength: 500 }, rejectedOn: date },
  },
  personalFields: [],
  example: { declarationId: 'idd-0001', reason: '原党组织无此人党籍记录', rejectedOn: '2026-03-15' },
});

/** What the secretary does with a verified declaration: put the person on record here as a member, or as a floating member. */
export const DECLARATION_DECISIONS = ['REGISTER_MEMBER', 'RECORD_FLOATING'] as const;
export type DeclarationDecision = (typeof DECLARATION_DECISIONS)[number];

export interface IdentityDeclarationConcludedData {
  declarationId: string;
  decision: DeclarationDecision;
  /** The record created: the member (REGISTER_MEMBER, MemberRegistered) or the floating member (RECORD_FLOATING, FloatingMemberRegistered). */
  memberId: string;
  decidedOn: string;
}

/** 亮身份办结: a verified declaration leads to a record (党员登记 or 流动党员登记). */
export const IdentityDeclarationConcluded = defineEvent<IdentityDeclarationConcludedData>({
  context: 'membership',
  name: 'IdentityDeclarationConcluded',
  version: 1,
  aggregateType: 'IdentityDeclaration',
  description: {
    zh: '已核实的亮身份登记已办结：书记决定登记为党员或登记为流动党员，并关联新建的记录。',
    en: 'A verified identity declaration was concluded: the secretary registered the person as a member or recorded them as a floating member, linking the record created.',
  },
  schema: {
    type: 'object',
    required: ['declarationId', 'decision', 'memberId', 'decidedOn'],
    additionalProperties: false,
    properties: { declarationId: id, decision: { enum: [...DECLARATION_DECISIONS] }, memberId: id, decidedOn: date },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { declarationId: 'idd-0001', decision: 'RECORD_FLOATING', memberId: 'mem-0042', decidedOn: '2026-03-16' },
});
