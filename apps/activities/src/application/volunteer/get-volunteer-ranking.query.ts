import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MembershipReference } from '@pb/membership-reference';
import { parsePeriod } from '../../domain/compliance/organization-life';
import { MemberTotals } from '../recognition/member-totals';
import { Filter } from '../shared/reads';

/** 志愿时长排行 */
export class GetVolunteerRanking {
  constructor(
    readonly filter: Filter,
    readonly period: string,
    readonly limit: number,
  ) {}
}

@QueryHandler(GetVolunteerRanking)
export class GetVolunteerRankingHandler implements IQueryHandler<GetVolunteerRanking> {
  constructor(
    private readonly totals: MemberTotals,
    private readonly views: MembershipReference,
  ) {}

  async execute({ filter, period, limit }: GetVolunteerRanking) {
    const unit = parsePeriod(period);
    const totals = await this.totals.memberTotals(filter, unit.start, unit.end);
    const ranked = [...totals.entries()]
      .filter(([, t]) => t.volunteerHours > 0)
      .sort((a, b) => b[1].volunteerHours - a[1].volunteerHours || a[0].localeCompare(b[0]))
      .slice(0, limit);
    const names = await this.views.names(ranked.map(([id]) => id));
    return ranked.map(([memberId, t], i) => ({ rank: i + 1, memberId, name: names.get(memberId) ?? null, organizationId: t.organizationId, hours: t.volunteerHours }));
  }
}
