import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { PointsCounters } from '@pb/contracts';
import { InjectSnapshots, MEMBER_POINTS_COUNTER, MemberPointsCounter, memberPointsIn, ORGANIZATION_POINTS_COUNTER, OrganizationPointsCounter, organizationPoints } from '@pb/messaging';
import { DEFAULT_POINTS_RULES, PointsRules } from '../../domain/recognition/recognition';
import { PointsRulesSets } from '../../infrastructure/aggregates';
import { Doc, Filter, strip } from '../shared/reads';

/**
 * What the volunteer ranking, the member ratings and the branch flags count, read from the
 * counters PointsCounting keeps (no scan of records, no cap), and the points rules.
 */
@Injectable()
export class MemberTotals {
  constructor(
    @InjectModel(MEMBER_POINTS_COUNTER) private readonly members: Model<MemberPointsCounter>,
    @InjectModel(ORGANIZATION_POINTS_COUNTER) private readonly organizations: Model<OrganizationPointsCounter>,
    @InjectSnapshots(PointsRulesSets) private readonly rules: Model<Doc<PointsRules>>,
  ) {}

  /** Per member with anything counted in the period: attended activities, credited volunteer hours, pledges kept, from the records in the filter's place (and organization). */
  async memberTotals(filter: Filter, period: string): Promise<Map<string, PointsCounters & { organizationId: string }>> {
    const totals = await memberPointsIn(this.members, filter, period);
    for (const [memberId, t] of totals) if (t.attended === 0 && t.volunteerHours === 0 && t.pledgesKept === 0) totals.delete(memberId);
    return totals;
  }

  /** What was credited to each of these organizations in the period, whichever members earned it. */
  organizationTotals(organizationIds: string[], period: string): Promise<Map<string, PointsCounters>> {
    return organizationPoints(this.organizations, organizationIds, period);
  }

  async pointsRules(): Promise<PointsRules> {
    const doc = await this.rules.findById(DEFAULT_POINTS_RULES.rulesId).lean<Doc<PointsRules>>().exec();
    return doc ? (strip(doc) as PointsRules) : DEFAULT_POINTS_RULES;
  }
}
