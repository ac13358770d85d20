import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MembershipReference } from '@pb/membership-reference';
import { PagePosition } from '@pb/platform';
import { MemberTotals } from '../recognition/member-totals';
import { rankingPage } from '../shared/common.dto';
import { Filter } from '../shared/reads';

/** 志愿时长排行: most hours first, a page at a time (`next` until null). */
export class GetVolunteerRanking {
  constructor(
    readonly filter: Filter,
    readonly period: string,
    readonly limit: number,
    readonly after: PagePosition | null = null,
  ) {}
}

@QueryHandler(GetVolunteerRanking)
export class GetVolunteerRankingHandler implements IQueryHandler<GetVolunteerRanking> {
  constructor(
    private readonly totals: MemberTotals,
    private readonly views: MembershipReference,
  ) {}

  async execute({ filter, period, limit, after }: GetVolunteerRanking) {
    const totals = await this.totals.memberTotals(filter, period);
    const rows = [...totals.entries()].filter(([, t]) => t.volunteerHours > 0).map(([memberId, t]) => ({ memberId, organizationId: t.organizationId, hours: t.volunteerHours }));
    const page = rankingPage(
      rows,
      (r) => r.hours,
      (r) => r.memberId,
      after,
      limit,
    );
    const names = await this.views.names(page.items.map((r) => r.memberId));
    return {
      items: page.items.map((r, i) => ({ rank: page.start + i + 1, memberId: r.memberId, name: names.get(r.memberId) ?? null, organizationId: r.organizationId, hours: r.hours })),
      next: page.next,
    };
  }
}
