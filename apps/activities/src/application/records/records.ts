import { Activities, Honours, HoursClaims, Pledges, RoomBookings, Rooms, ServiceCentres, VanguardPosts } from '../../infrastructure/aggregates';

/** Snapshot collections read by id, and those listed as they are, in a fixed order (the others have queries of their own). */
export const RECORDS = {
  activity: { aggregate: Activities },
  roomBooking: { aggregate: RoomBookings },
  hoursClaim: { aggregate: HoursClaims, order: { servedOn: -1, _id: 1 } },
  pledge: { aggregate: Pledges, order: { dueOn: 1, _id: 1 } },
  vanguardPost: { aggregate: VanguardPosts, order: { _id: 1 } },
  honour: { aggregate: Honours, order: { _id: 1 } },
  serviceCentre: { aggregate: ServiceCentres, order: { _id: 1 } },
  room: { aggregate: Rooms, order: { centreId: 1, _id: 1 } },
} as const;

export type RecordKind = keyof typeof RECORDS;
export type ListedKind = { [K in RecordKind]: (typeof RECORDS)[K] extends { order: object } ? K : never }[RecordKind];

/** A list never holds more than this many records. */
export const MAX_LISTED = 500;
