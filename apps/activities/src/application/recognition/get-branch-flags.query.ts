import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MembershipReference } from '@pb/membership-reference';
import { parsePeriod } from '../../domain/compliance/organization-life';
import { addCounters, NO_POINTS, PointsCounters } from '@pb/contracts';
import { branchFlagOf } from '../../domain/recognition/recognition';
import { GetComplianceReportHandler } from '../compliance/get-compliance-report.query';
import { Filter } from '../shared/reads';
import { MemberTotals } from './member-totals';

/** 一个支部一面旗: each branch's members' average points and its 三会一课 record decide the flag. */
export class GetBranchFlags {
  constructor(
    readonly filter: Filter,
    readonly period: string,
  ) {}
}

@QueryHandler(GetBranchFlags)
export class GetBranchFlagsHandler implements IQueryHandler<GetBranchFlags> {
  constructor(
    private readonly totals: MemberTotals,
    private readonly views: MembershipReference,
    private readonly compliance: GetComplianceReportHandler,
  ) {}

  async execute({ filter, period }: GetBranchFlags) {
    const unit = parsePeriod(period);
    const rules = await this.totals.pointsRules();
    const report = await this.compliance.execute({ period, filter: filter as Record<string, string> });
    const branchIds = report.branches.map((b) => b.organizationId);
    const members = await this.views.memberIdsOf(branchIds);
    const totals = await this.totals.memberTotals({}, unit.start, unit.end);
    // A branch's counters are its members' summed; the shared rule turns them into the flag.
    const counters = new Map<string, { members: number; sum: PointsCounters }>();
    for (const [memberId, organizationId] of members) {
      const c = counters.get(organizationId) ?? { members: 0, sum: NO_POINTS };
      counters.set(organizationId, { members: c.members + 1, sum: addCounters(c.sum, totals.get(memberId) ?? NO_POINTS) });
    }
    return report.branches.map((b) => {
      const c = counters.get(b.organizationId) ?? { members: 0, sum: NO_POINTS };
      const overdue = b.kinds.reduce((s, k) => s + k.overdue, 0);
      return { organizationId: b.organizationId, name: b.name, members: c.members, overdueUnits: overdue, ...branchFlagOf(rules, c.sum, c.members, overdue) };
    });
  }
}
