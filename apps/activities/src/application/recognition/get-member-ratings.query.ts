import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PagePosition } from '@pb/platform';
import { pointsOf } from '../../domain/recognition/recognition';
import { rankingPage } from '../shared/common.dto';
import { Filter } from '../shared/reads';
import { MemberTotals } from './member-totals';

/** 党员积分与星级: the members with anything counted in the period, highest points first, a page at a time. */
export class GetMemberRatings {
  constructor(
    readonly filter: Filter,
    readonly period: string,
    readonly limit: number,
    readonly after: PagePosition | null = null,
  ) {}
}

@QueryHandler(GetMemberRatings)
export class GetMemberRatingsHandler implements IQueryHandler<GetMemberRatings> {
  constructor(private readonly totals: MemberTotals) {}

  async execute({ filter, period, limit, after }: GetMemberRatings) {
    const rules = await this.totals.pointsRules();
    const totals = await this.totals.memberTotals(filter, period);
    const rows = [...totals.entries()].map(([memberId, t]) => ({
      memberId,
      organizationId: t.organizationId,
      attended: t.attended,
      volunteerHours: t.volunteerHours,
      pledgesKept: t.pledgesKept,
      ...pointsOf(rules, t),
    }));
    const page = rankingPage(
      rows,
      (r) => r.points,
      (r) => r.memberId,
      after,
      limit,
    );
    return { period, rules, members: page.items, next: page.next };
  }
}
