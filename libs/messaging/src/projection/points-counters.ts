import { Model, Schema } from 'mongoose';
import { isDuplicateKey } from '@pb/platform/duplicate-key';
import { NO_POINTS, PointsCounters } from '@pb/contracts';

/**
 * 积分计数 kept by projectors: what the points rules weigh (attendances, volunteer hours, kept
 * pledges), per member and per organization and month, so rankings, stars and flags read a few
 * counters instead of every record. Quarters and years are sums of their months (each document
 * carries its `year`/`quarter`/`month` keys in China time, so a period is one equality).
 *
 * Used by activities (its own topic) and the gateway (activities' topic), so both count the same.
 */

/** What one member earned for one organization in one place (where the record lies) and month. */
export interface MemberPointsCounter extends PointsCounters {
  _id: string;
  memberId: string;
  organizationId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  year: string;
  quarter: string;
  month: string;
  /** The last ids applied (bounded): a redelivered event is found here and counts once. */
  applied: string[];
}

/** What was earned for one organization (by whichever members) in one month. */
export interface OrganizationPointsCounter extends PointsCounters {
  _id: string;
  organizationId: string;
  year: string;
  quarter: string;
  month: string;
  applied: string[];
}

export const MEMBER_POINTS_COUNTER = 'MemberPointsCounter';
export const ORGANIZATION_POINTS_COUNTER = 'OrganizationPointsCounter';

const periodKeyFields = { year: String, quarter: String, month: String };
const counterFields = { attended: { type: Number, default: 0 }, volunteerHours: { type: Number, default: 0 }, pledgesKept: { type: Number, default: 0 }, applied: [String] };

export const MemberPointsCounterSchema = new Schema<MemberPointsCounter>(
  { _id: String, memberId: String, organizationId: String, districtId: String, subDistrictId: String, zoneId: { type: String, default: null }, ...periodKeyFields, ...counterFields },
  { collection: 'member_points_counters', versionKey: false },
);
// A period is one equality, a place one more (FerretDB answers equalities from an index).
for (const field of ['year', 'quarter', 'month'] as const) {
  MemberPointsCounterSchema.index({ [field]: 1, districtId: 1 });
  MemberPointsCounterSchema.index({ [field]: 1, subDistrictId: 1 });
  MemberPointsCounterSchema.index({ [field]: 1, zoneId: 1 });
}
MemberPointsCounterSchema.index({ memberId: 1 });

export const OrganizationPointsCounterSchema = new Schema<OrganizationPointsCounter>(
  { _id: String, organizationId: String, ...periodKeyFields, ...counterFields },
  { collection: 'organization_points_counters', versionKey: false },
);
OrganizationPointsCounterSchema.index({ organizationId: 1, year: 1 });

export const POINTS_COUNTER_MODELS = [
  { name: MEMBER_POINTS_COUNTER, schema: MemberPointsCounterSchema },
  { name: ORGANIZATION_POINTS_COUNTER, schema: OrganizationPointsCounterSchema },
];

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The period keys of a local date 'YYYY-MM-DD'. */
export function pointsPeriodOfDate(date: string): { year: string; quarter: string; month: string } {
  const year = date.slice(0, 4);
  return { year, quarter: `${year}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`, month: date.slice(0, 7) };
}

/** The period keys of the local (China time) day an instant falls on. */
export function pointsPeriodOfInstant(instant: string): { year: string; quarter: string; month: string } {
  return pointsPeriodOfDate(new Date(Date.parse(instant) + CHINA_OFFSET_MS).toISOString().slice(0, 10));
}

/** Which key a period ('YYYY', 'YYYY-Qn', 'YYYY-MM') is matched on. */
export function pointsPeriodField(period: string): 'year' | 'quarter' | 'month' {
  return period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month';
}

/** One change to the counters: a member's record, credited (or taken back, negative) to an organization, in a place and on a day. */
export interface PointsCredit {
  memberId: string;
  organizationId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  /** The local day 'YYYY-MM-DD' (or any instant's China-time month) the record counts in. */
  month: string;
  delta: Partial<PointsCounters>;
}

/**
 * How many applied ids a counter keeps. The consumer's inbox already skips every event whose
 * batch was recorded; what reaches a counter twice is only the batch in flight when a process
 * stopped, far fewer events for one counter than this.
 */
export const APPLIED_IDS_KEPT = 1000;

/**
 * Applies credits idempotently: each counter document takes `$inc` and the id in one update,
 * filtered on the id not being there yet, so a redelivered event changes nothing. `appliedId`
 * names the fact (an event id, or the event id and the member for one event's several credits).
 *
 * Why this and not a separate applied-ids collection: an insert of the id and an `$inc` are two
 * writes, and a stop between them counts the event twice or never; one document update is all or
 * nothing. FerretDB 1.x runs an update as a read and then a write, so two updates of one document
 * at once can lose one (tried: 60 concurrent increments left about 20); updates of one counter are
 * therefore queued one after another in this process. Several replicas writing one counter at once
 * need MongoDB's atomic updates (a single instance per service on FerretDB, as `npm start` runs).
 */
export async function creditPoints(members: Model<MemberPointsCounter>, organizations: Model<OrganizationPointsCounter>, appliedId: string, credits: PointsCredit[]): Promise<void> {
  const perOrganization = new Map<string, { organizationId: string; month: string; delta: PointsCounters }>();
  for (const c of credits) {
    const delta = { ...NO_POINTS, ...c.delta };
    if (delta.attended === 0 && delta.volunteerHours === 0 && delta.pledgesKept === 0) continue;
    const keys = pointsPeriodOfDate(c.month);
    const id = [c.memberId, c.organizationId, c.districtId, c.subDistrictId, c.zoneId ?? '', keys.month].join('|');
    await incrementOnce(members, id, appliedId, delta, {
      memberId: c.memberId,
      organizationId: c.organizationId,
      districtId: c.districtId,
      subDistrictId: c.subDistrictId,
      zoneId: c.zoneId,
      ...keys,
    });
    const orgKey = `${c.organizationId}|${keys.month}`;
    const o = perOrganization.get(orgKey) ?? { organizationId: c.organizationId, month: keys.month, delta: NO_POINTS };
    perOrganization.set(orgKey, { ...o, delta: sum(o.delta, delta) });
  }
  for (const [id, o] of perOrganization) {
    await incrementOnce(organizations, id, appliedId, o.delta, { organizationId: o.organizationId, ...pointsPeriodOfDate(`${o.month}-01`) });
  }
}

function sum(a: PointsCounters, b: PointsCounters): PointsCounters {
  return { attended: a.attended + b.attended, volunteerHours: a.volunteerHours + b.volunteerHours, pledgesKept: a.pledgesKept + b.pledgesKept };
}

/** The tail of each counter's queue of updates in this process. */
const queues = new Map<string, Promise<unknown>>();

function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const tail = next.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return next;
}

async function incrementOnce<T>(model: Model<T>, id: string, appliedId: string, delta: PointsCounters, onInsert: Record<string, unknown>): Promise<void> {
  const filter = { _id: id, applied: { $ne: appliedId } };
  const update = { $inc: { ...delta }, $push: { applied: { $each: [appliedId], $slice: -APPLIED_IDS_KEPT } } };
  await oneAtATime(`${model.collection.name}:${id}`, async () => {
    try {
      await model.updateOne(filter as never, { ...update, $setOnInsert: onInsert } as never, { upsert: true }).exec();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // The document exists: with the id (applied before: nothing to do) or created by another writer just now.
      await model.updateOne(filter as never, update as never).exec();
    }
  });
}

/** Rounds sums of halves and tenths back (floating point adds 0.30000000000000004). */
const tidy = (n: number) => Math.round(n * 100) / 100;

/**
 * Each member's counters in a place and period, summed over their counter documents (one per
 * month, organization and place), read as a stream: no cap, whatever the number of members.
 */
export async function memberPointsIn(
  model: Model<MemberPointsCounter>,
  place: Record<string, unknown>,
  period: string,
): Promise<Map<string, PointsCounters & { organizationId: string }>> {
  const totals = new Map<string, PointsCounters & { organizationId: string }>();
  const cursor = model
    .find({ ...place, [pointsPeriodField(period)]: period }, { memberId: 1, organizationId: 1, attended: 1, volunteerHours: 1, pledgesKept: 1, month: 1 })
    .sort({ month: 1 })
    .lean<MemberPointsCounter>()
    .cursor();
  for await (const c of cursor) {
    const t = totals.get(c.memberId) ?? { organizationId: c.organizationId, ...NO_POINTS };
    // The organization shown is the one of the member's latest month.
    totals.set(c.memberId, { organizationId: c.organizationId || t.organizationId, ...sum(t, c) });
  }
  for (const t of totals.values()) t.volunteerHours = tidy(t.volunteerHours);
  return totals;
}

/** Each organization's counters in the period (its months summed); organizations with none are absent. */
export async function organizationPoints(model: Model<OrganizationPointsCounter>, organizationIds: string[], period: string): Promise<Map<string, PointsCounters>> {
  const field = pointsPeriodField(period);
  const totals = new Map<string, PointsCounters>();
  // One equality on the indexed organization per branch (FerretDB scans for `$in`).
  for (let i = 0; i < organizationIds.length; i += 16) {
    const batch = organizationIds.slice(i, i + 16);
    const found = await Promise.all(
      batch.map((organizationId) =>
        model
          .find({ organizationId, [field]: period })
          .lean<OrganizationPointsCounter[]>()
          .exec(),
      ),
    );
    for (const docs of found) {
      for (const c of docs) totals.set(c.organizationId, sum(totals.get(c.organizationId) ?? NO_POINTS, c));
    }
  }
  for (const t of totals.values()) t.volunteerHours = tidy(t.volunteerHours);
  return totals;
}
