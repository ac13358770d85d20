import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecommendationKind, RecommendationRecorded } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Actor, assertInScope, Clock } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { chinaDate } from '../../domain/member/dates';
import { decideRecommendation, Recommendation } from '../../domain/member/recommendation';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { MemberRepository } from '../../infrastructure/member/member.repository';
import { RecommendationRepository } from '../../infrastructure/member/recommendation.repository';

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
    private readonly recommendations: RecommendationRepository,
    private readonly organizations: MemberOrganizations,
    private readonly members: MemberRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ request, actor, context }: RecordRecommendation): Promise<Recommendation> {
    const loaded = await this.recommendations.load(request.recommendationId);
    const org = await this.organizations.find(request.organizationId);
    if (!org) throw new DomainError('invalid', 'ORGANIZATION_NOT_FOUND', `党组织 ${request.organizationId} 不存在`, { field: 'organizationId' });
    assertInScope(actor, org, '该党组织');
    if (request.memberId && (await this.members.findMany([request.memberId])).length === 0) {
      throw new DomainError('invalid', 'MEMBER_NOT_FOUND', `党员 ${request.memberId} 不存在`, { field: 'memberId' });
    }
    const data = decideRecommendation(loaded.state, { ...request, districtId: org.districtId, subDistrictId: org.subDistrictId, zoneId: org.zoneId }, chinaDate(this.clock.now()));
    const { state } = await this.recommendations.save(loaded, { definition: RecommendationRecorded, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId ?? '' } }, context);
    return state;
  }
}
