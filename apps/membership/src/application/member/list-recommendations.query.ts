import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { FilterQuery, Model } from 'mongoose';
import { RECOMMENDATION_KINDS, RecommendationKind } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { Actor, assertInScope, scopeFilter, seesPersonalData } from '@pb/platform';
import type { Member } from '../../domain/member/member';
import type { Recommendation } from '../../domain/member/recommendation';
import { Members, Recommendations } from '../../infrastructure/aggregates';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { ID_PATTERN, PageDto } from '../shared/common.dto';
import { assertMayReadPeople, withholdPersonalData } from './member-view';

export class ListRecommendations {
  constructor(
    readonly filter: { organizationId?: string; kind?: RecommendationKind; memberId?: string },
    readonly actor: Actor,
    readonly limit = 200,
    readonly after?: string,
  ) {}
}

/** 三优三推 recommendations in the caller's jurisdiction, a page in id order (`after` the last id); the recommended person's name only for those who see personal data. */
@QueryHandler(ListRecommendations)
export class ListRecommendationsHandler implements IQueryHandler<ListRecommendations, Partial<Recommendation>[]> {
  constructor(
    @InjectSnapshots(Recommendations) private readonly recommendations: Model<Snapshot<Recommendation>>,
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly organizations: MemberOrganizations,
  ) {}

  async execute({ filter, actor, limit, after }: ListRecommendations): Promise<Partial<Recommendation>[]> {
    assertMayReadPeople(actor);
    // The organization and member named in the filter are ones the caller may look into.
    const organization = filter.organizationId ? await this.organizations.find(filter.organizationId) : null;
    if (organization) assertInScope(actor, organization, `党组织 ${filter.organizationId} `);
    const [member] = filter.memberId ? await this.members.statesOf([filter.memberId]) : [];
    if (member) assertInScope(actor, member, `党员 ${filter.memberId} `);
    const query: FilterQuery<Snapshot<Recommendation>> = { ...scopeFilter(actor.scope) };
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) (query as Record<string, unknown>)[k] = v;
    if (after) query._id = { $gt: after };
    const found = await this.recommendations.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(limit).lean<Recommendation[]>().exec();
    return seesPersonalData(actor) ? found : found.map((r) => withholdPersonalData(r));
  }
}

export class RecommendationFilterDto extends PageDto {
  @IsOptional() @Matches(ID_PATTERN, { message: 'organizationId 须为党组织编号' }) organizationId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: 'memberId 须为党员编号' }) memberId?: string;
  @IsOptional() @IsIn(RECOMMENDATION_KINDS, { message: `kind 必须是以下之一：${RECOMMENDATION_KINDS.join(', ')}` }) kind?: RecommendationKind;
}
