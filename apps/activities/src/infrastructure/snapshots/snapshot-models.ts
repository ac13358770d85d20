import { Schema } from 'mongoose';

/** Current state of each aggregate, one collection per aggregate type: what queries read. */
function snapshotSchema(collection: string, indexes: Record<string, 1 | -1>[]): Schema {
  // The state's shape is the domain type's; the schema only pins the id, version and indexes.
  const schema = new Schema({ _id: { type: String, required: true }, version: { type: Number, required: true }, lastEventAt: Date }, { collection, versionKey: false, strict: false });
  for (const index of indexes) schema.index(index);
  return schema;
}

const JURISDICTION = { districtId: 1, subDistrictId: 1, zoneId: 1 } as const;

export const SNAPSHOTS = {
  Activity: { name: 'ActivitySnapshot', schema: snapshotSchema('activities', [JURISDICTION, { startsAt: 1 }, { organizerIds: 1, startsAt: 1 }, { 'participants.memberId': 1 }]) },
  ServiceCentre: { name: 'ServiceCentreSnapshot', schema: snapshotSchema('service_centres', [JURISDICTION]) },
  Room: { name: 'RoomSnapshot', schema: snapshotSchema('rooms', [{ centreId: 1 }, JURISDICTION]) },
  RoomBooking: { name: 'RoomBookingSnapshot', schema: snapshotSchema('room_bookings', [{ roomId: 1, startsAt: 1 }, JURISDICTION]) },
  VolunteerHoursClaim: { name: 'HoursClaimSnapshot', schema: snapshotSchema('volunteer_hour_claims', [{ memberId: 1 }, { organizationId: 1, status: 1 }, JURISDICTION]) },
  OrganizationLifeFinding: { name: 'FindingSnapshot', schema: snapshotSchema('organization_life_findings', [{ organizationId: 1 }]) },
  Pledge: { name: 'PledgeSnapshot', schema: snapshotSchema('pledges', [{ memberId: 1 }, { organizationId: 1 }, JURISDICTION]) },
  VanguardPost: { name: 'VanguardPostSnapshot', schema: snapshotSchema('vanguard_posts', [{ organizationId: 1 }, { memberId: 1 }, JURISDICTION]) },
  PointsRules: { name: 'PointsRulesSnapshot', schema: snapshotSchema('points_rules', []) },
  Honour: { name: 'HonourSnapshot', schema: snapshotSchema('honours', [JURISDICTION]) },
  Assessment: { name: 'AssessmentSnapshot', schema: snapshotSchema('assessments', [{ organizationId: 1, period: 1 }]) },
  Recommendation: { name: 'RecommendationSnapshot', schema: snapshotSchema('recommendations', [{ organizationId: 1 }]) },
} as const;

export type AggregateTypeName = keyof typeof SNAPSHOTS;
