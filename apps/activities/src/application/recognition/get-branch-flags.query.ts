import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MembershipReference } from '@pb/membership-reference';
import { NO_POINTS } from '@pb/contracts';
import { branchFlagOf } from '../../domain/recognition/recognition';
import { GetComplianceReportHandler } from '../compliance/get-compliance-report.query';
import { Filter } from '../shared/reads';
import { MemberTotals } from './member-totals';

/**
 * 一个支部一面旗: what was credited to each branch in the period over the members who count in it
 * (membership's one rule, countedPlaceOf), and its 三会一课 record, decide the flag: the gateway's
 * dashboards decide it from the same counters the same way.
 */
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
    const rules = await this.totals.pointsRules();
    const report = await this.compliance.execute({ period, filter: filter as Record<string, string> });
    const branchIds = report.branches.map((b) => b.organizationId);
    const [members, credited] = await Promise.all([this.views.countedMembersPerOrganization(branchIds), this.totals.organizationTotals(branchIds, period)]);
    return report.branches.map((b) => {
      const n = members.get(b.organizationId) ?? 0;
      const overdue = b.kinds.reduce((s, k) => s + k.overdue, 0);
      return { organizationId: b.organizationId, name: b.name, members: n, overdueUnits: overdue, ...branchFlagOf(rules, credited.get(b.organizationId) ?? NO_POINTS, n, overdue) };
    });
  }
}
