import { Injectable } from '@nestjs/common';
import { Model } from 'mongoose';
import { MembershipReference } from '@pb/membership-reference';
import { InjectSnapshots } from '@pb/messaging';
import { Activity, attendanceOf } from '../../domain/activity/activity';
import { parsePeriod } from '../../domain/compliance/organization-life';
import type { Pledge } from '../../domain/pledge/pledge';
import { DEFAULT_POINTS_RULES, flagOf, pointsOf, PointsRules } from '../../domain/recognition/recognition';
import { localDateKey } from '../../domain/shared/time';
import type { HoursClaim } from '../../domain/volunteer/hours-claim';
import { Activities, HoursClaims, Pledges, PointsRulesSets } from '../../infrastructure/aggregates';
import { GetComplianceReportHandler } from '../compliance/get-compliance-report.query';

type Doc<T> = T & { _id: string; version: number };
export type Filter = Record<string, unknown>;

/** Hard bounds so a query never reads without limit. */
export const MAX_SCAN = 20000;

export function page<T extends { _id?: string }>(items: T[], limit: number, cursorOf: (t: T) => string) {
  const more = items.length > limit;
  const kept = items.slice(0, limit);
  return { items: kept.map(strip), next: more ? cursorOf(kept[kept.length - 1]) : null };
}

export function strip<T>(doc: T): T {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { _id, lastEventAt, ...rest } = doc as T & { _id?: string; lastEventAt?: unknown };
  return rest as T;
}

/** Reads for calendars, attendance, volunteer hours and ratings, straight from the snapshots and local views. */
@Injectable()
export class ActivityReads {
  constructor(
    @InjectSnapshots(Activities) readonly activities: Model<Doc<Activity>>,
    @InjectSnapshots(HoursClaims) readonly claims: Model<Doc<HoursClaim>>,
    @InjectSnapshots(Pledges) readonly pledges: Model<Doc<Pledge>>,
    @InjectSnapshots(PointsRulesSets) readonly rules: Model<Doc<PointsRules>>,
    private readonly views: MembershipReference,
    private readonly compliance: GetComplianceReportHandler,
  ) {}

  /** 活动日历: by zone / organization / kind and time range, ordered by start, cursor-paginated. */
  async calendar(filter: Filter, range: { from?: string; to?: string }, limit: number, after?: string) {
    const query: Filter = { ...filter };
    if (filter.organizationId) {
      delete query.organizationId;
      query.organizerIds = filter.organizationId;
    }
    const startsAt: Filter = {};
    if (range.from) startsAt.$gte = new Date(range.from).toISOString();
    if (range.to) startsAt.$lt = new Date(range.to).toISOString();
    if (Object.keys(startsAt).length) query.startsAt = startsAt;
    if (after) {
      const [at, id] = after.split('|');
      query.$or = [{ startsAt: { $gt: at } }, { startsAt: at, _id: { $gt: id } }];
    }
    const docs = await this.activities.find(query, { minutes: 0 }).sort({ startsAt: 1, _id: 1 }).limit(limit + 1).lean<Doc<Activity>[]>().exec();
    return page(docs, limit, (d) => `${d.startsAt}|${d._id}`);
  }

  async activity(activityId: string): Promise<Doc<Activity> | null> {
    return this.activities.findById(activityId).lean<Doc<Activity>>().exec();
  }

  /** 出勤率 per organization: everyone expected at activities in the period, grouped by the organization they attended for. */
  async attendanceByOrganization(filter: Filter, period: string) {
    const unit = parsePeriod(period);
    const docs = await this.activities
      .find({ ...filter, status: 'PUBLISHED', startsAt: { $gte: unit.start.toISOString(), $lt: unit.end.toISOString() } }, { participants: 1 })
      .limit(MAX_SCAN)
      .lean<Doc<Activity>[]>()
      .exec();
    const byOrg = new Map<string, { organizationId: string; activities: Set<string>; expected: number; attended: number; onLeave: number }>();
    for (const a of docs) {
      for (const p of a.participants ?? []) {
        const row = byOrg.get(p.organizationId) ?? { organizationId: p.organizationId, activities: new Set<string>(), expected: 0, attended: 0, onLeave: 0 };
        row.activities.add(a._id);
        if (p.status === 'REGISTERED' || p.status === 'ON_LEAVE') row.expected++;
        if (p.checkedInAt) row.attended++;
        if (p.status === 'ON_LEAVE') row.onLeave++;
        byOrg.set(p.organizationId, row);
      }
    }
    return [...byOrg.values()]
      .map((r) => ({ organizationId: r.organizationId, activities: r.activities.size, expected: r.expected, attended: r.attended, onLeave: r.onLeave, rate: r.expected ? Math.round((r.attended / r.expected) * 1000) / 1000 : null }))
      .sort((a, b) => a.organizationId.localeCompare(b.organizationId));
  }

  attendanceOfActivity(a: Activity) {
    return {
      activityId: a.activityId,
      ...attendanceOf(a),
      participants: a.participants.map((p) => ({ memberId: p.memberId, organizationId: p.organizationId, status: p.status, walkIn: p.walkIn, checkedInAt: p.checkedInAt, checkedOutAt: p.checkedOutAt, volunteerHours: p.volunteerHours })),
    };
  }

  /** 志愿时长台账: credited hours from check-out of volunteer service plus approved self-reports. */
  async ledger(memberId: string) {
    const acts = await this.activities
      .find({ 'participants.memberId': memberId, kind: 'VOLUNTEER_SERVICE' }, { activityId: 1, title: 1, startsAt: 1, participants: 1 })
      .sort({ startsAt: -1 })
      .limit(2000)
      .lean<Doc<Activity>[]>()
      .exec();
    const fromActivities = acts
      .map((a) => ({ a, p: a.participants.find((p) => p.memberId === memberId) }))
      .filter(({ p }) => p && p.volunteerHours > 0)
      .map(({ a, p }) => ({ source: 'ACTIVITY' as const, activityId: a.activityId, title: a.title, date: localDateKey(new Date(a.startsAt)), hours: p!.volunteerHours }));
    const claims = await this.claims.find({ memberId }).sort({ servedOn: -1 }).limit(2000).lean<Doc<HoursClaim>[]>().exec();
    const fromClaims = claims.map((c) => ({ source: 'SELF_REPORTED' as const, claimId: c.claimId, title: c.description, date: c.servedOn, hours: c.hours, status: c.status }));
    const entries = [...fromActivities, ...fromClaims].sort((x, y) => y.date.localeCompare(x.date));
    const approved = fromClaims.filter((c) => c.status === 'APPROVED').reduce((s, c) => s + c.hours, 0);
    const credited = fromActivities.reduce((s, e) => s + e.hours, 0);
    return {
      memberId,
      totals: { fromActivities: credited, selfReportedApproved: approved, pending: fromClaims.filter((c) => c.status === 'PENDING').reduce((s, c) => s + c.hours, 0), total: credited + approved },
      entries,
    };
  }

  /** Per member in the period: attended activities, credited volunteer hours, pledges kept. */
  async memberTotals(filter: Filter, from: Date, to: Date): Promise<Map<string, { organizationId: string; attended: number; volunteerHours: number; pledgesKept: number }>> {
    const totals = new Map<string, { organizationId: string; attended: number; volunteerHours: number; pledgesKept: number }>();
    const get = (memberId: string, organizationId: string) => {
      let t = totals.get(memberId);
      if (!t) totals.set(memberId, (t = { organizationId, attended: 0, volunteerHours: 0, pledgesKept: 0 }));
      return t;
    };
    const range = { $gte: from.toISOString(), $lt: to.toISOString() };
    const acts = await this.activities.find({ ...filter, status: 'PUBLISHED', startsAt: range }, { participants: 1 }).limit(MAX_SCAN).lean<Doc<Activity>[]>().exec();
    for (const a of acts) {
      for (const p of a.participants ?? []) {
        if (!p.checkedInAt) continue;
        const t = get(p.memberId, p.organizationId);
        t.attended++;
        t.volunteerHours += p.volunteerHours;
      }
    }
    const dayFrom = localDateKey(from);
    const dayTo = localDateKey(new Date(to.getTime() - 1));
    const claims = await this.claims.find({ ...filter, status: 'APPROVED', servedOn: { $gte: dayFrom, $lte: dayTo } }).limit(MAX_SCAN).lean<Doc<HoursClaim>[]>().exec();
    for (const c of claims) get(c.memberId, c.organizationId).volunteerHours += c.hours;
    const kept = await this.pledges.find({ ...filter, status: 'FULFILLED', fulfilledOn: { $gte: dayFrom, $lte: dayTo } }).limit(MAX_SCAN).lean<Doc<Pledge>[]>().exec();
    for (const p of kept) get(p.memberId, p.organizationId).pledgesKept++;
    return totals;
  }

  /** 志愿时长排行 */
  async volunteerRanking(filter: Filter, period: string, limit: number) {
    const unit = parsePeriod(period);
    const totals = await this.memberTotals(filter, unit.start, unit.end);
    const ranked = [...totals.entries()].filter(([, t]) => t.volunteerHours > 0).sort((a, b) => b[1].volunteerHours - a[1].volunteerHours || a[0].localeCompare(b[0])).slice(0, limit);
    const names = await this.views.names(ranked.map(([id]) => id));
    return ranked.map(([memberId, t], i) => ({ rank: i + 1, memberId, name: names.get(memberId) ?? null, organizationId: t.organizationId, hours: t.volunteerHours }));
  }

  async pointsRules(): Promise<PointsRules> {
    const doc = await this.rules.findById(DEFAULT_POINTS_RULES.rulesId).lean<Doc<PointsRules>>().exec();
    return doc ? (strip(doc) as PointsRules) : DEFAULT_POINTS_RULES;
  }

  /** 党员积分与星级: every member of the organizations in view, including those with no points yet. */
  async memberRatings(filter: Filter, period: string, limit: number) {
    const unit = parsePeriod(period);
    const rules = await this.pointsRules();
    const totals = await this.memberTotals(filter, unit.start, unit.end);
    const rows = [...totals.entries()].map(([memberId, t]) => ({ memberId, organizationId: t.organizationId, attended: t.attended, volunteerHours: t.volunteerHours, pledgesKept: t.pledgesKept, ...pointsOf(rules, t) }));
    rows.sort((a, b) => b.points - a.points || a.memberId.localeCompare(b.memberId));
    return { period, rules, members: rows.slice(0, limit) };
  }

  /** 一个支部一面旗: each branch's members' average points and its 三会一课 record decide the flag. */
  async branchFlags(filter: Filter, period: string) {
    const unit = parsePeriod(period);
    const rules = await this.pointsRules();
    const report = await this.compliance.execute({ period, filter: filter as Record<string, string> });
    const branchIds = report.branches.map((b) => b.organizationId);
    const members = await this.views.memberIdsOf(branchIds);
    const totals = await this.memberTotals({}, unit.start, unit.end);
    return report.branches.map((b) => {
      const points = [...members.entries()].filter(([, org]) => org === b.organizationId).map(([id]) => pointsOf(rules, totals.get(id) ?? { attended: 0, volunteerHours: 0, pledgesKept: 0 }).points);
      const overdue = b.kinds.reduce((s, k) => s + k.overdue, 0);
      return { organizationId: b.organizationId, name: b.name, members: points.length, overdueUnits: overdue, ...flagOf(rules, points, overdue) };
    });
  }
}
