import { defineEvent } from '../event-definition';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const idOrNull = { type: ['string', 'null'], minLength: 1, maxLength: 64 } as const;
const day = { type: 'string', format: 'date' } as const;

export interface InstructorRegisteredData {
  instructorId: string;
  /** Named on the organizations' pages, as in InstructorAssigned; pseudonymised on analyst streams. */
  name: string;
  /** 派出单位: the office that sends them (区委组织部, a 机关 department…). */
  sendingUnit: string;
  /** Where they work: a district, and a sub-district when they work in one only. */
  districtId: string;
  subDistrictId: string | null;
  /** Their own member record, when they are a member registered on the platform. */
  memberId: string | null;
}

/** 党建指导员登记 */
export const InstructorRegistered = defineEvent<InstructorRegisteredData>({
  context: 'membership',
  name: 'InstructorRegistered',
  version: 1,
  aggregateType: 'Instructor',
  description: {
    zh: '党建指导员已登记：派出单位和工作的区县（街道）。',
    en: 'A Party-building instructor was registered, with the sending unit and the district (sub-district) they work in.',
  },
  schema: {
    type: 'object',
    required: ['instructorId', 'name', 'sendingUnit', 'districtId', 'subDistrictId', 'memberId'],
    additionalProperties: false,
    properties: {
      instructorId: id,
      name: { type: 'string', minLength: 1, maxLength: 50 },
      sendingUnit: { type: 'string', minLength: 1, maxLength: 100 },
      districtId: id,
      subDistrictId: idOrNull,
      memberId: idOrNull,
    },
  },
  personalFields: ['name'],
  personIds: ['instructorId', 'memberId'],
  example: { instructorId: 'ins-fuqiao-01', name: '李文华', sendingUnit: '任城区委组织部', districtId: 'rencheng', subDistrictId: 'fuqiao', memberId: null },
});

export interface GuidanceVisitRecordedData {
  visitId: string;
  instructorId: string;
  /** The organization visited, which the instructor was assigned to on the day it was recorded. */
  organizationId: string;
  visitedOn: string;
  summary: string;
  /** The organization's place: the visit belongs to its jurisdiction. */
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}

/** 党建指导员指导记录 */
export const GuidanceVisitRecorded = defineEvent<GuidanceVisitRecordedData>({
  context: 'membership',
  name: 'GuidanceVisitRecorded',
  version: 1,
  aggregateType: 'GuidanceVisit',
  description: {
    zh: '党建指导员到所指导的党组织开展指导，指导记录已登记。',
    en: 'A guidance visit by a Party-building instructor to an organization they are assigned to was recorded.',
  },
  schema: {
    type: 'object',
    required: ['visitId', 'instructorId', 'organizationId', 'visitedOn', 'summary', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: {
      visitId: id,
      instructorId: id,
      organizationId: id,
      visitedOn: day,
      summary: { type: 'string', minLength: 1, maxLength: 2000 },
      districtId: id,
      subDistrictId: id,
      zoneId: idOrNull,
    },
  },
  // Free text written by people: it may name them.
  personalFields: ['summary'],
  personIds: ['instructorId'],
  example: {
    visitId: 'visit-0001',
    instructorId: 'ins-fuqiao-01',
    organizationId: 'org-wanda-branch',
    visitedOn: '2025-04-10',
    summary: '指导支部完善“三会一课”记录，讨论商户党员亮身份安排。',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});
