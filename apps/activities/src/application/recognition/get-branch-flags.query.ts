import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MembershipReference } from '@pb/membership-reference';
import { parsePeriod } from '../../domain/compliance/organization-life';
import { flagOf, pointsOf } from '../../domain/recognition/recognition';
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
    return report.branches.map((b) => {
      const points = [...members.entries()]
        .filter(([, org]) => org === b.organizationId)
        .map(([id]) => pointsOf(rules, totals.get(id) ?? { attended: 0, volunteerHours: 0, pledgesKept: 0 }).points);
      const overdue = b.kinds.reduce((s, k) => s + k.overdue, 0);
      return { organizationId: b.organizationId, name: b.name, members: points.length, overdueUnits: overdue, ...flagOf(rules, points, overdue) };
    });
  }
}
