import { defineEvent } from '../event-definition';
import { ActivitiesJurisdiction, date, id, JURISDICTION_FIELDS, jurisdictionProps, text } from './common';

export interface VolunteerHoursReportedData extends ActivitiesJurisdiction {
  claimId: string;
  memberId: string;
  organizationId: string;
  servedOn: string;
  hours: number;
  description: string;
}

/** 志愿时长自主申报 */
export const VolunteerHoursReported = defineEvent<VolunteerHoursReportedData>({
  context: 'activities',
  name: 'VolunteerHoursReported',
  version: 1,
  aggregateType: 'VolunteerHoursClaim',
  description: { zh: '党员自主申报志愿服务时长，待党组织书记审核。', en: 'Self-reported volunteer hours, awaiting the secretary’s approval.' },
  schema: {
    type: 'object',
    required: ['claimId', 'memberId', 'organizationId', 'servedOn', 'hours', 'description', ...JURISDICTION_FIELDS],
    additionalProperties: false,
    properties: {
      claimId: id,
      memberId: id,
      organizationId: id,
      servedOn: date,
      hours: { type: 'number', minimum: 0.5, maximum: 12, multipleOf: 0.5 },
      description: text(500),
      ...jurisdictionProps,
    },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: {
    claimId: 'vh-0001',
    memberId: 'mem-0001',
    organizationId: 'org-wanda-branch',
    servedOn: '2026-03-05',
    hours: 3,
    description: '学雷锋日社区义诊引导',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});

export interface VolunteerHoursApprovedData {
  claimId: string;
  memberId: string;
  hours: number;
}

/** 志愿时长审核通过 */
export const VolunteerHoursApproved = defineEvent<VolunteerHoursApprovedData>({
  context: 'activities',
  name: 'VolunteerHoursApproved',
  version: 1,
  aggregateType: 'VolunteerHoursClaim',
  description: { zh: '自主申报的志愿时长已由党组织书记审核通过，计入时长台账。', en: 'Self-reported hours were approved and enter the ledger.' },
  schema: {
    type: 'object',
    required: ['claimId', 'memberId', 'hours'],
    additionalProperties: false,
    properties: { claimId: id, memberId: id, hours: { type: 'number', minimum: 0.5, maximum: 12, multipleOf: 0.5 } },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { claimId: 'vh-0001', memberId: 'mem-0001', hours: 3 },
});

export interface VolunteerHoursRejectedData {
  claimId: string;
  memberId: string;
  reason: string;
}

/** 志愿时长审核不通过 */
export const VolunteerHoursRejected = defineEvent<VolunteerHoursRejectedData>({
  context: 'activities',
  name: 'VolunteerHoursRejected',
  version: 1,
  aggregateType: 'VolunteerHoursClaim',
  description: { zh: '自主申报的志愿时长未通过审核。', en: 'Self-reported hours were rejected.' },
  schema: {
    type: 'object',
    required: ['claimId', 'memberId', 'reason'],
    additionalProperties: false,
    properties: { claimId: id, memberId: id, reason: text(200) },
  },
  personalFields: [],
  personIds: ['memberId'],
  example: { claimId: 'vh-0001', memberId: 'mem-0001', reason: '无服务记录佐证' },
});
