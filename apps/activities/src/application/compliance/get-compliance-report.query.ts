import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@pb/platform';
import { complianceOf, KindReport, parsePeriod } from '../../domain/compliance/organization-life';
import type { OrganizationReference } from '@pb/membership-reference';
import { OrganizationLifeData } from './organization-life-data';

/** 组织生活合规报表: per branch and period. */
export class GetComplianceReport {
  constructor(
    readonly period: string,
    readonly filter: Record<string, string>,
  ) {}
}

export interface BranchCompliance {
  organizationId: string;
  name: string | undefined;
  zoneId: string | null;
  compliant: boolean;
  kinds: KindReport[];
}

@QueryHandler(GetComplianceReport)
export class GetComplianceReportHandler implements IQueryHandler<GetComplianceReport> {
  constructor(
    private readonly data: OrganizationLifeData,
    private readonly clock: Clock,
  ) {}

  async execute({ period, filter }: GetComplianceReport): Promise<{ period: string; branches: BranchCompliance[]; compliantBranches: number }> {
    const rows = await this.complianceOf(period, await this.data.branches(filter));
    return { period, branches: rows, compliantBranches: rows.filter((r) => r.compliant).length };
  }

  /** The 三会一课 record of the given branches in the period (the branch flags read it a page at a time). */
  async complianceOf(period: string, branches: OrganizationReference[]): Promise<BranchCompliance[]> {
    const unit = parsePeriod(period);
    const held = await this.data.heldSessions(
      branches.map((b) => b._id),
      unit.start,
      unit.end,
    );
    const now = this.clock.now();
    return branches.map((b) => {
      const report = complianceOf(unit, held.get(b._id)!, now, b.registeredAt ? new Date(b.registeredAt) : null);
      return { organizationId: b._id, name: b.name, zoneId: b.zoneId ?? null, ...report };
    });
  }
}
