import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { ASSESSMENT_ITEMS, AssessmentScored } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { KnownOrganization } from '../../domain/activity/activity';
import { Assessment, assessmentId, decideAssessment } from '../../domain/recognition/recognition';
import { Assessments } from '../../infrastructure/aggregates';
import { ExpectedVersionDto } from '../shared/common.dto';

/** 五规范五提升考评打分 */
export class ScoreAssessment {
  constructor(
    readonly organization: KnownOrganization,
    readonly period: string,
    readonly scores: { item: string; score: number }[],
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ScoreAssessment)
export class ScoreAssessmentHandler implements ICommandHandler<ScoreAssessment, Assessment> {
  constructor(@InjectAggregate(Assessments) private readonly assessments: AggregateRepository<Assessment>) {}

  async execute({ organization, period, scores, expectedVersion, context }: ScoreAssessment): Promise<Assessment> {
    const jurisdiction = { districtId: organization.districtId, zoneId: organization.zoneId ?? '' };
    const { state } = await this.assessments.decideAndSave(
      assessmentId(organization.organizationId, period),
      () => ({ definition: AssessmentScored, data: decideAssessment(organization.organizationId, period, scores), jurisdiction }),
      context,
      { expectedVersion },
    );
    return state;
  }
}

export class ItemScoreDto {
  @ApiProperty({ enum: ASSESSMENT_ITEMS }) @IsIn(ASSESSMENT_ITEMS, { message: `item 必须是以下之一：${ASSESSMENT_ITEMS.join(', ')}` }) item!: string;
  @ApiProperty() @IsInt({ message: 'score 须为 0-10 的整数' }) @Min(0, { message: 'score 须为 0-10 的整数' }) @Max(10, { message: 'score 须为 0-10 的整数' }) score!: number;
}

export class ScoreAssessmentDto extends ExpectedVersionDto {
  @ApiProperty({ type: [ItemScoreDto] })
  @IsArray({ message: 'items 须为数组' })
  @ArrayMaxSize(ASSESSMENT_ITEMS.length, { message: `items 最多 ${ASSESSMENT_ITEMS.length} 项` })
  @ValidateNested({ each: true })
  @Type(() => ItemScoreDto)
  items!: ItemScoreDto[];
}
