import { defineEvent } from '../event-definition';
import { ORGANIZATION_LIFE_KINDS, OrganizationLifeKind } from './activity-events';
import { id } from './common';

export interface OrganizationLifeOverdueData {
  organizationId: string;
  kind: OrganizationLifeKind;
  /** The period that ended without enough sessions: 'YYYY-MM' (monthly) or 'YYYY-Qn' (quarterly). */
  period: string;
  required: number;
  held: number;
}

/** 组织生活逾期未开展 */
export const OrganizationLifeOverdue = defineEvent<OrganizationLifeOverdueData>({
  context: 'activities',
  name: 'OrganizationLifeOverdue',
  version: 1,
  aggregateType: 'OrganizationLifeFinding',
  description: {
    zh: '党支部在已结束的周期内未按规定频次开展三会一课（每个支部、类型、周期至多一次）。',
    en: 'A branch held fewer 三会一课 sessions than required in a period that has ended (at most once per branch, kind and period).',
  },
  schema: {
    type: 'object',
    required: ['organizationId', 'kind', 'period', 'required', 'held'],
    additionalProperties: false,
    properties: {
      organizationId: id,
      kind: { enum: [...ORGANIZATION_LIFE_KINDS] },
      period: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$' },
      required: { type: 'integer', minimum: 1 },
      held: { type: 'integer', minimum: 0 },
    },
  },
  personalFields: [],
  example: { organizationId: 'org-wanda-branch', kind: 'COMMITTEE_MEETING', period: '2026-04', required: 1, held: 0 },
});
