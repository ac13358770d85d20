import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecommendationKind, RecommendationRecorded } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, assertInScope, Clock } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { chinaDate } from '../../domain/member/dates';
import type { Member } from '../../domain/member/member';
import { decideRecommendation, Recommendation } from '../../domain/member/recommendation';
import { Members, Recommendations } from '../../infrastructure/aggregates';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';

export interface RecommendationRequest {
  recommendationId: string;
  kind: RecommendationKind;
  memberId: string | null;
  name: string;
  organizationId: string;
  sourceContext: 'membership' | 'activities' | 'governance' | 'enterprise';
  enterpriseCreditCode: string | null;
  reason: string;
  recommendedOn: string;
}

/** 三优三推: a recommendation, from this service's users or another service through the gateway. */
export class RecordRecommendation {
  constructor(
    readonly request: RecommendationRequest,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordRecommendation)
export class RecordRecommendationHandler implements ICommandHandler<RecordRecommendation, Recommendation> {
  constructor(
    @InjectAggregate(Recommendations) private readonly recommendations: AggregateRepository<Recommendation>,
    private readonly organizations: MemberOrganizations,
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly clock: Clock,
  ) {}

  async execute({ request, actor, context }: RecordRecommendation): Promise<Recommendation> {
    const org = await this.organizations.find(request.organizationId);
    if (!org) throw new DomainError('invalid', 'ORGANIZATION_NOT_FOUND', `党组织 ${request.organizationId} 不存在`, { field: 'organizationId' });
    assertInScope(actor, org, '该党组织');
    if (request.memberId && (await this.members.statesOf([request.memberId])).length === 0) {
      throw new DomainError('invalid', 'MEMBER_NOT_FOUND', `党员 ${request.memberId} 不存在`, { field: 'memberId' });
    }
    const place = { districtId: org.districtId, subDistrictId: org.subDistrictId, zoneId: org.zoneId };
    const { state } = await this.recommendations.decideAndSave(
      request.recommendationId,
      (loaded) => ({ definition: RecommendationRecorded, data: decideRecommendation(loaded.state, { ...request, ...place }, chinaDate(this.clock.now())) }),
      context,
    );
    return state;
  }
}
