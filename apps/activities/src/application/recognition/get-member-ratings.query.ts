import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { parsePeriod } from '../../domain/compliance/organization-life';
import { pointsOf } from '../../domain/recognition/recognition';
import { Filter } from '../shared/reads';
import { MemberTotals } from './member-totals';

/** 党员积分与星级: every member of the organizations in view, including those with no points yet. */
export class GetMemberRatings {
  constructor(
    readonly filter: Filter,
    readonly period: string,
    readonly limit: number,
  ) {}
}

@QueryHandler(GetMemberRatings)
export class GetMemberRatingsHandler implements IQueryHandler<GetMemberRatings> {
  constructor(private readonly totals: MemberTotals) {}

  async execute({ filter, period, limit }: GetMemberRatings) {
    const unit = parsePeriod(period);
    const rules = await this.totals.pointsRules();
    const totals = await this.totals.memberTotals(filter, unit.start, unit.end);
    const rows = [...totals.entries()].map(([memberId, t]) => ({
      memberId,
      organizationId: t.organizationId,
      attended: t.attended,
      volunteerHours: t.volunteerHours,
      pledgesKept: t.pledgesKept,
      ...pointsOf(rules, t),
    }));
    rows.sort((a, b) => b.points - a.points || a.memberId.localeCompare(b.memberId));
    return { period, rules, members: rows.slice(0, limit) };
  }
}
