import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { RECOMMENDATION_KINDS, RecommendationKind, RecommendationRecorded } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, assertInScope, Clock, MultiLineText } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { chinaDate } from '../../domain/member/dates';
import type { Member } from '../../domain/member/member';
import { decideRecommendation, Recommendation } from '../../domain/member/recommendation';
import { Members, Recommendations } from '../../infrastructure/aggregates';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';
import { CREDIT_CODE, DATE, DATE_MESSAGE } from '../shared/member.dto';

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

export class RecordRecommendationDto {
  @ApiPropertyOptional({ description: '推荐编号；不填则自动生成（其他服务转来的推荐请带上自己的编号，重复提交返回 409）' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  recommendationId?: string;

  @ApiProperty({ enum: RECOMMENDATION_KINDS, description: '三优三推类型' })
  @IsIn(RECOMMENDATION_KINDS, { message: `kind 必须是以下之一：${RECOMMENDATION_KINDS.join(', ')}` })
  kind!: RecommendationKind;

  @ApiPropertyOptional({ description: '被推荐人在本服务的党员/申请人编号', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId?: string | null;

  @ApiProperty({ description: '被推荐人姓名' })
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name!: string;

  @ApiProperty({ description: '推荐所涉党组织' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  organizationId!: string;

  @ApiProperty({ enum: ['membership', 'activities', 'governance', 'enterprise'], description: '推荐来自哪个服务' })
  @IsIn(['membership', 'activities', 'governance', 'enterprise'], { message: 'sourceContext 必须是 membership, activities, governance, enterprise 之一' })
  sourceContext!: 'membership' | 'activities' | 'governance' | 'enterprise';

  @ApiPropertyOptional({ description: '推荐企业的统一社会信用代码', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(CREDIT_CODE, { message: 'enterpriseCreditCode 须为 18 位统一社会信用代码' })
  enterpriseCreditCode?: string | null;

  @MultiLineText()
  @ApiProperty({ description: '推荐理由' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间' })
  reason!: string;

  @ApiProperty({ description: '推荐日期' })
  @IsString({ message: 'recommendedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  recommendedOn!: string;
}
