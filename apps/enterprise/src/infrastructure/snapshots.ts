import { Schema } from 'mongoose';

/** A snapshot document: the aggregate's current state plus the version it reflects. */
export type Snapshot<S> = S & { _id: string; version: number; lastEventAt: Date };

/**
 * Snapshot collections: the aggregate's state is written whole by the repository
 * (`$set` of the evolved state), so the schema declares the bookkeeping and the
 * indexed fields and lets the state's other fields through.
 */
function snapshotSchema(collection: string, indexes: Record<string, 1 | -1>[]): Schema {
  const schema = new Schema(
    {
      _id: { type: String, required: true },
      version: { type: Number, required: true },
      lastEventAt: { type: Date, required: true },
    },
    { collection, versionKey: false, strict: false },
  );
  for (const index of indexes) schema.index(index);
  return schema;
}

const zone = { districtId: 1, subDistrictId: 1, zoneId: 1 } as const;

export const SNAPSHOTS = {
  enterprise: { name: 'EnterpriseSnapshot', schema: snapshotSchema('enterprises', [zone, { zoneId: 1, name: 1 }, { tags: 1 }]) },
  request: {
    name: 'ServiceRequestSnapshot',
    schema: snapshotSchema('service_requests', [
      { districtId: 1, zoneId: 1, submittedAt: -1 },
      { creditCode: 1, submittedAt: -1 },
      { status: 1, submittedAt: -1 },
      { department: 1, submittedAt: -1 },
      { category: 1, submittedAt: -1 },
      { status: 1, closureDue: 1 },
      { status: 1, firstContactDue: 1 },
    ]),
  },
  routingRule: { name: 'RoutingRuleSnapshot', schema: snapshotSchema('routing_rules', []) },
  serviceTargets: { name: 'ServiceTargetsSnapshot', schema: snapshotSchema('service_targets', []) },
  serviceDay: { name: 'ServiceDaySnapshot', schema: snapshotSchema('service_days', [zone, { date: -1 }]) },
  loanProduct: { name: 'LoanProductSnapshot', schema: snapshotSchema('loan_products', [{ districtId: 1 }]) },
  financingNeed: { name: 'FinancingNeedSnapshot', schema: snapshotSchema('financing_needs', [zone, { creditCode: 1 }]) },
  financingMatch: { name: 'FinancingMatchSnapshot', schema: snapshotSchema('financing_matches', [zone, { needId: 1 }, { sessionId: 1 }, { zoneId: 1, status: 1 }]) },
  policy: { name: 'PolicySnapshot', schema: snapshotSchema('policies', [{ districtId: 1, zoneId: 1 }]) },
  policyMatch: { name: 'PolicyMatchSnapshot', schema: snapshotSchema('policy_matches', [zone, { policyId: 1 }, { creditCode: 1 }]) },
  mentor: { name: 'MentorSnapshot', schema: snapshotSchema('mentors', [zone]) },
  mentoringMatch: { name: 'MentoringMatchSnapshot', schema: snapshotSchema('mentoring_matches', [zone, { mentorId: 1 }]) },
  makerSpace: { name: 'MakerSpaceSnapshot', schema: snapshotSchema('maker_spaces', [zone]) },
  startup: { name: 'StartupSnapshot', schema: snapshotSchema('startups', [zone, { makerSpaceId: 1, status: 1 }]) },
} as const;

export const SNAPSHOT_FEATURES = Object.values(SNAPSHOTS).map(({ name, schema }) => ({ name, schema }));
