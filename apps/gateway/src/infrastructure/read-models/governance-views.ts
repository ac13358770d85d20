import { Schema } from 'mongoose';
import { indexJurisdiction } from './write-once';

export const CASE_VIEW = 'CaseView';

/**
 * One case of the closed loop 闭环, as the dashboards need it: where, its
 * state, whether governance raised it overdue, how it closed and was rated.
 * No titles, descriptions or requesters: counts, not contents.
 */
export interface CaseView {
  _id: string;
  kind: string;
  priority: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  reportedAt: string;
  state: string;
  /** Not rejected, duplicate, closed or rated. */
  open: boolean;
  dueAt: string;
  /** Governance raised CaseOverdue (once per case). */
  overdue?: boolean;
  closed?: boolean;
  onTime?: boolean;
  closedAt?: string;
  satisfaction?: number;
  escalationLevel?: string;
  version: number;
}

export const CaseViewSchema = new Schema<CaseView>(
  {
    _id: String,
    kind: String,
    priority: String,
    districtId: String,
    subDistrictId: String,
    zoneId: String,
    reportedAt: String,
    state: String,
    open: Boolean,
    dueAt: String,
    overdue: Boolean,
    closed: Boolean,
    onTime: Boolean,
    closedAt: String,
    satisfaction: Number,
    escalationLevel: String,
    version: Number,
  },
  { collection: 'case_views', versionKey: false },
);
indexJurisdiction(CaseViewSchema);
