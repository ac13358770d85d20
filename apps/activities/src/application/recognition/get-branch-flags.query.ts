import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MembershipReference } from '@pb/membership-reference';
import { NO_POINTS } from '@pb/contracts';
import { encodePageCursor, PagePosition } from '@pb/platform';
import { branchFlagOf } from '../../domain/recognition/recognition';
import { GetComplianceReportHandler } from '../compliance/get-compliance-report.query';
import { OrganizationLifeData } from '../compliance/organization-life-data';
import { Filter } from '../shared/reads';
import { MemberTotals } from './member-totals';

/**
 * 一个支部一面旗: what was credited to each branch in the period over the members who count in it
 * (membership's one rule, countedPlaceOf), and its 三会一课 record, decide the flag: the gateway's
 * dashboards decide it from the same counters the same way. A page of branches at a time, by
 * organization id (unique, so the shared cursor's key and id are both the id).
 */
export class GetBranchFlags {
  constructor(
    readonly filter: Filter,
    readonly period: string,
    readonly limit: number,
    readonly after: PagePosition | null = null,
  ) {}
}

@QueryHandler(GetBranchFlags)
export class GetBranchFlagsHandler implements IQueryHandler<GetBranchFlags> {
  constructor(
    private readonly totals: MemberTotals,
    private readonly views: MembershipReference,
    private readonly data: OrganizationLifeData,
    private readonly compliance: GetComplianceReportHandler,
  ) {}

  async execute({ filter, period, limit, after }: GetBranchFlags) {
    const rules = await this.totals.pointsRules();
    // One more than the page: whether there is a next page, without counting them all.
    const found = await this.data.branchesPage(filter as Record<string, string>, limit + 1, after?.id);
    const branches = await this.compliance.complianceOf(period, found.slice(0, limit));
    const branchIds = branches.map((b) => b.organizationId);
    const [members, credited] = await Promise.all([this.views.countedMembersPerOrganization(branchIds), this.totals.organizationTotals(branchIds, period)]);
    const items = branches.map((b) => {
      const n = members.get(b.organizationId) ?? 0;
      const overdue = b.kinds.reduce((s, k) => s + k.overdue, 0);
      return { organizationId: b.organizationId, name: b.name, members: n, overdueUnits: overdue, ...branchFlagOf(rules, credited.get(b.organizationId) ?? NO_POINTS, n, overdue) };
    });
    const last = branchIds[branchIds.length - 1];
    return { period, items, next: found.length > limit && last ? encodePageCursor(last, last) : null };
  }
}
