import { Schema } from 'mongoose';
import { indexJurisdiction } from './write-once';

const jurisdiction = { districtId: String, subDistrictId: String, zoneId: String };

export const SERVICE_REQUEST_VIEW = 'ServiceRequestView';

/** One enterprise request 企业诉求: open until closed 办结, then perhaps rated. */
export interface ServiceRequestView {
  _id: string;
  category: string;
  department: string;
  submittedAt: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  open: boolean;
  resolved?: boolean;
  onTime?: boolean;
  closedAt?: string;
  satisfaction?: number;
  escalated?: boolean;
  version: number;
}

export const ServiceRequestViewSchema = new Schema<ServiceRequestView>(
  {
    _id: String,
    category: String,
    department: String,
    submittedAt: String,
    ...jurisdiction,
    open: Boolean,
    resolved: Boolean,
    onTime: Boolean,
    closedAt: String,
    satisfaction: Number,
    escalated: Boolean,
    version: Number,
  },
  { collection: 'service_request_views', versionKey: false },
);
indexJurisdiction(ServiceRequestViewSchema);

export const FINANCING_MATCH_VIEW = 'FinancingMatchView';

/** A bank-enterprise match 银企对接 and its outcome; granted amounts in yuan. */
export interface FinancingMatchView {
  _id: string;
  needId: string;
  bank: string;
  intendedAmount: number;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  outcome: 'PROPOSED' | 'GRANTED' | 'DECLINED';
  grantedAmount?: number;
  concludedOn?: string;
  version: number;
}

export const FinancingMatchViewSchema = new Schema<FinancingMatchView>(
  {
    _id: String,
    needId: String,
    bank: String,
    intendedAmount: Number,
    ...jurisdiction,
    outcome: String,
    grantedAmount: Number,
    concludedOn: String,
    version: Number,
  },
  { collection: 'financing_match_views', versionKey: false },
);
indexJurisdiction(FinancingMatchViewSchema);
