import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { RECOMMENDATION_TRACKS, RecommendationMade, RecommendationMadeData, RecommendationTrack } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { MultiLineText } from '@pb/platform';
import { KnownOrganization } from '../../domain/activity/activity';
import { decideRecommendation, Recommendation } from '../../domain/recognition/recognition';
import { Recommendations } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

/** 三优三推推荐 */
export class MakeRecommendation {
  constructor(
    readonly data: RecommendationMadeData,
    readonly organization: KnownOrganization,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(MakeRecommendation)
export class MakeRecommendationHandler implements ICommandHandler<MakeRecommendation, Recommendation> {
  constructor(@InjectAggregate(Recommendations) private readonly recommendations: AggregateRepository<Recommendation>) {}

  async execute({ data, organization, context }: MakeRecommendation): Promise<Recommendation> {
    const jurisdiction = { districtId: organization.districtId, zoneId: organization.zoneId ?? '' };
    const { state } = await this.recommendations.decideAndSave(
      data.recommendationId,
      (loaded) => ({ definition: RecommendationMade, data: decideRecommendation(loaded.state, data), jurisdiction }),
      context,
    );
    return state;
  }
}

export class RecommendDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) recommendationId?: string;
  @ApiProperty({ enum: RECOMMENDATION_TRACKS }) @IsIn(RECOMMENDATION_TRACKS, { message: `track 必须是以下之一：${RECOMMENDATION_TRACKS.join(', ')}` }) track!: RecommendationTrack;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId?: string | null;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) organizationId!: string;
  @MultiLineText() @ApiProperty() @IsString({ message: 'reason 须为文本' }) @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间' }) reason!: string;
}
