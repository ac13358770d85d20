import { Injectable } from '@nestjs/common';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import type { Activity } from '../../domain/activity/activity';
import type { Pledge } from '../../domain/pledge/pledge';
import { DEFAULT_POINTS_RULES, PointsRules } from '../../domain/recognition/recognition';
import { localDateKey } from '../../domain/shared/time';
import type { HoursClaim } from '../../domain/volunteer/hours-claim';
import { Activities, HoursClaims, Pledges, PointsRulesSets } from '../../infrastructure/aggregates';
import { Doc, Filter, MAX_SCAN, strip } from '../shared/reads';

/** What the volunteer ranking, the member ratings and the branch flags count: each member's totals, and the points rules. */
@Injectable()
export class MemberTotals {
  constructor(
    @InjectSnapshots(Activities) private readonly activities: Model<Doc<Activity>>,
    @InjectSnapshots(HoursClaims) private readonly claims: Model<Doc<HoursClaim>>,
    @InjectSnapshots(Pledges) private readonly pledges: Model<Doc<Pledge>>,
    @InjectSnapshots(PointsRulesSets) private readonly rules: Model<Doc<PointsRules>>,
  ) {}

  /** Per member in the period: attended activities, credited volunteer hours, pledges kept. */
  async memberTotals(filter: Filter, from: Date, to: Date): Promise<Map<string, { organizationId: string; attended: number; volunteerHours: number; pledgesKept: number }>> {
    const totals = new Map<string, { organizationId: string; attended: number; volunteerHours: number; pledgesKept: number }>();
    const get = (memberId: string, organizationId: string) => {
      let t = totals.get(memberId);
      if (!t) totals.set(memberId, (t = { organizationId, attended: 0, volunteerHours: 0, pledgesKept: 0 }));
      return t;
    };
    const range = { $gte: from.toISOString(), $lt: to.toISOString() };
    const acts = await this.activities
      .find({ ...filter, status: 'PUBLISHED', startsAt: range }, { participants: 1 })
      .limit(MAX_SCAN)
      .lean<Doc<Activity>[]>()
      .exec();
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
    const claims = await this.claims
      .find({ ...filter, status: 'APPROVED', servedOn: { $gte: dayFrom, $lte: dayTo } })
      .limit(MAX_SCAN)
      .lean<Doc<HoursClaim>[]>()
      .exec();
    for (const c of claims) get(c.memberId, c.organizationId).volunteerHours += c.hours;
    const kept = await this.pledges
      .find({ ...filter, status: 'FULFILLED', fulfilledOn: { $gte: dayFrom, $lte: dayTo } })
      .limit(MAX_SCAN)
      .lean<Doc<Pledge>[]>()
      .exec();
    for (const p of kept) get(p.memberId, p.organizationId).pledgesKept++;
    return totals;
  }

  async pointsRules(): Promise<PointsRules> {
    const doc = await this.rules.findById(DEFAULT_POINTS_RULES.rulesId).lean<Doc<PointsRules>>().exec();
    return doc ? (strip(doc) as PointsRules) : DEFAULT_POINTS_RULES;
  }
}
