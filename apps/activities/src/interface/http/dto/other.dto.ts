import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ASSESSMENT_ITEMS, HONOUR_KINDS, HonourKind, POST_KINDS, PostKind, RECOMMENDATION_TRACKS, RecommendationTrack } from '@pb/contracts';
import { ExpectedVersionDto, ID_MESSAGE, ID_PATTERN, ScopeFilterDto } from './common.dto';

export class ReportHoursDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) claimId?: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId!: string;
  @ApiProperty({ example: '2026-03-05' }) @IsISO8601({ strict: true }, { message: 'servedOn 须为日期 YYYY-MM-DD' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'servedOn 须为日期 YYYY-MM-DD' }) servedOn!: string;
  @ApiProperty({ example: 3 }) @IsNumber({}, { message: 'hours 须为数字' }) @Min(0.5, { message: 'hours 最小为 0.5' }) @Max(12, { message: 'hours 最大为 12' }) hours!: number;
  @ApiProperty() @IsString({ message: 'description 须为文本' }) @Length(1, 500, { message: 'description 长度须在 1 到 500 之间' }) description!: string;
}

export class RejectDto {
  @ApiProperty() @IsString({ message: 'reason 须为文本' }) @Length(1, 200, { message: 'reason 长度须在 1 到 200 之间' }) reason!: string;
}

export class ClaimFilterDto extends ScopeFilterDto {
  @IsOptional() @IsIn(['PENDING', 'APPROVED', 'REJECTED'], { message: 'status 必须是 PENDING、APPROVED 或 REJECTED' }) status?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId?: string;
}

export class MakePledgeDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) pledgeId?: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId!: string;
  @ApiProperty() @IsString({ message: 'content 须为文本' }) @Length(1, 500, { message: 'content 长度须在 1 到 500 之间' }) content!: string;
  @ApiProperty() @IsISO8601({ strict: true }, { message: 'dueOn 须为日期 YYYY-MM-DD' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOn 须为日期 YYYY-MM-DD' }) dueOn!: string;
}

export class NoteDto {
  @ApiProperty() @IsString({ message: 'note 须为文本' }) @Length(1, 500, { message: 'note 长度须在 1 到 500 之间' }) note!: string;
}

export class PledgeFilterDto extends ScopeFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId?: string;
  @IsOptional() @IsIn(['MADE', 'FULFILLED', 'LAPSED'], { message: 'status 必须是 MADE、FULFILLED 或 LAPSED' }) status?: string;
}

export class AssignPostDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) postId?: string;
  @ApiProperty({ enum: POST_KINDS }) @IsIn(POST_KINDS, { message: `kind 必须是以下之一：${POST_KINDS.join(', ')}` }) kind!: PostKind;
  @ApiProperty() @IsString({ message: 'title 须为文本' }) @Length(1, 100, { message: 'title 长度须在 1 到 100 之间' }) title!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId!: string;
  @ApiProperty() @IsString({ message: 'enterpriseName 须为文本' }) @Length(1, 100, { message: 'enterpriseName 长度须在 1 到 100 之间' }) enterpriseName!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString({ message: 'area 须为文本' }) @Length(1, 200, { message: 'area 长度须在 1 到 200 之间' }) area?: string | null;
}

export class ReleasePostDto {
  @ApiProperty() @IsString({ message: 'reason 须为文本' }) @Length(1, 200, { message: 'reason 长度须在 1 到 200 之间' }) reason!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) successorMemberId?: string | null;
}

export class PointsRulesDto extends ExpectedVersionDto {
  @ApiProperty() @IsNumber({}, { message: 'attendancePoints 须为数字' }) @Min(0, { message: 'attendancePoints 不能为负' }) @Max(100, { message: 'attendancePoints 最大为 100' }) attendancePoints!: number;
  @ApiProperty() @IsNumber({}, { message: 'volunteerHourPoints 须为数字' }) @Min(0, { message: 'volunteerHourPoints 不能为负' }) @Max(100, { message: 'volunteerHourPoints 最大为 100' }) volunteerHourPoints!: number;
  @ApiProperty() @IsNumber({}, { message: 'pledgeKeptPoints 须为数字' }) @Min(0, { message: 'pledgeKeptPoints 不能为负' }) @Max(100, { message: 'pledgeKeptPoints 最大为 100' }) pledgeKeptPoints!: number;
  @ApiProperty({ type: [Number] })
  @IsArray({ message: 'starThresholds 须为数组' }) @ArrayMinSize(5, { message: 'starThresholds 须为 5 个数' }) @ArrayMaxSize(5, { message: 'starThresholds 须为 5 个数' })
  @IsNumber({}, { each: true, message: 'starThresholds 每一项须为数字' }) @Min(0, { each: true, message: 'starThresholds 不能为负' }) @Max(100000, { each: true, message: 'starThresholds 过大' })
  starThresholds!: number[];
  @ApiProperty() @IsNumber({}, { message: 'flagAveragePoints 须为数字' }) @Min(0, { message: 'flagAveragePoints 不能为负' }) @Max(100000, { message: 'flagAveragePoints 过大' }) flagAveragePoints!: number;
}

export class RegisterHonourDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) honourId!: string;
  @ApiProperty({ enum: HONOUR_KINDS }) @IsIn(HONOUR_KINDS, { message: `kind 必须是以下之一：${HONOUR_KINDS.join(', ')}` }) kind!: HonourKind;
  @ApiProperty() @IsString({ message: 'name 须为文本' }) @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' }) name!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) organizationId?: string | null;
  @ApiProperty() @IsString({ message: 'description 须为文本' }) @Length(1, 1000, { message: 'description 长度须在 1 到 1000 之间' }) description!: string;
  @ApiProperty() @IsISO8601({ strict: true }, { message: 'awardedOn 须为日期 YYYY-MM-DD' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'awardedOn 须为日期 YYYY-MM-DD' }) awardedOn!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string | null;
}

export class ItemScoreDto {
  @ApiProperty({ enum: ASSESSMENT_ITEMS }) @IsIn(ASSESSMENT_ITEMS, { message: `item 必须是以下之一：${ASSESSMENT_ITEMS.join(', ')}` }) item!: string;
  @ApiProperty() @IsInt({ message: 'score 须为 0-10 的整数' }) @Min(0, { message: 'score 须为 0-10 的整数' }) @Max(10, { message: 'score 须为 0-10 的整数' }) score!: number;
}

export class ScoreAssessmentDto extends ExpectedVersionDto {
  @ApiProperty({ type: [ItemScoreDto] })
  @IsArray({ message: 'items 须为数组' }) @ArrayMaxSize(ASSESSMENT_ITEMS.length, { message: `items 最多 ${ASSESSMENT_ITEMS.length} 项` })
  @ValidateNested({ each: true }) @Type(() => ItemScoreDto)
  items!: ItemScoreDto[];
}

export class RecommendDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) recommendationId?: string;
  @ApiProperty({ enum: RECOMMENDATION_TRACKS }) @IsIn(RECOMMENDATION_TRACKS, { message: `track 必须是以下之一：${RECOMMENDATION_TRACKS.join(', ')}` }) track!: RecommendationTrack;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId?: string | null;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) organizationId!: string;
  @ApiProperty() @IsString({ message: 'reason 须为文本' }) @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间' }) reason!: string;
}
