import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { FilterQuery, Model } from 'mongoose';
import { RECOMMENDATION_KINDS, RecommendationKind } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Actor, scopeFilter } from '@pb/platform';
import type { Recommendation } from '../../domain/member/recommendation';
import { Recommendations } from '../../infrastructure/aggregates';
import { ID_PATTERN } from '../shared/common.dto';

export class ListRecommendations {
  constructor(
    readonly filter: { organizationId?: string; kind?: RecommendationKind; memberId?: string },
    readonly actor: Actor,
  ) {}
}

/** 三优三推 recommendations in the caller's jurisdiction, at most 500. */
@QueryHandler(ListRecommendations)
export class ListRecommendationsHandler implements IQueryHandler<ListRecommendations, Recommendation[]> {
  constructor(@InjectSnapshots(Recommendations) private readonly recommendations: Model<Snapshot<Recommendation>>) {}

  execute({ filter, actor }: ListRecommendations): Promise<Recommendation[]> {
    const query: FilterQuery<Snapshot<Recommendation>> = { ...scopeFilter(actor.scope) };
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) (query as Record<string, unknown>)[k] = v;
    return this.recommendations.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(500).lean<Recommendation[]>().exec();
  }
}

export class RecommendationFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: 'organizationId 须为党组织编号' }) organizationId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: 'memberId 须为党员编号' }) memberId?: string;
  @IsOptional() @IsIn(RECOMMENDATION_KINDS, { message: `kind 必须是以下之一：${RECOMMENDATION_KINDS.join(', ')}` }) kind?: RecommendationKind;
}
