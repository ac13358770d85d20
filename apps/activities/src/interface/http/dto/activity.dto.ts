import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ACTIVITY_KINDS, ActivityKind } from '@pb/contracts';
import { ExpectedVersionDto, ID_MESSAGE, ID_PATTERN, ScopeFilterDto } from './common.dto';

export class ScheduleActivityDto {
  @ApiPropertyOptional({ description: '活动编号；不填则自动生成' })
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE })
  activityId?: string;

  @ApiProperty({ enum: ACTIVITY_KINDS })
  @IsIn(ACTIVITY_KINDS, { message: `kind 必须是以下之一：${ACTIVITY_KINDS.join(', ')}` })
  kind!: ActivityKind;

  @ApiProperty({ example: '“亮身份、作承诺”主题党日' })
  @IsString({ message: 'title 须为文本' }) @Length(1, 100, { message: 'title 长度须在 1 到 100 之间' })
  title!: string;

  @ApiProperty({ description: '主办组织编号，第一个为牵头组织；联盟共办活动至少两个', type: [String] })
  @IsArray({ message: 'organizerIds 须为数组' }) @ArrayMinSize(1, { message: 'organizerIds 至少一个' }) @ArrayMaxSize(20, { message: 'organizerIds 最多 20 个' })
  @Matches(ID_PATTERN, { each: true, message: 'organizerIds 的每一项只能包含字母、数字、下划线和连字符' })
  organizerIds!: string[];

  @ApiProperty({ example: '万达广场党群服务站' })
  @IsString({ message: 'venue 须为文本' }) @Length(1, 200, { message: 'venue 长度须在 1 到 200 之间' })
  venue!: string;

  @ApiPropertyOptional({ nullable: true, description: '党群服务中心功能室编号' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE })
  roomId?: string | null;

  @ApiProperty({ example: '2026-07-01T09:00:00+08:00' })
  @IsDateString({ strict: true }, { message: 'startsAt 须为 ISO 8601 时间' })
  startsAt!: string;

  @ApiProperty({ example: '2026-07-01T11:00:00+08:00' })
  @IsDateString({ strict: true }, { message: 'endsAt 须为 ISO 8601 时间' })
  endsAt!: string;

  @ApiPropertyOptional({ nullable: true, description: '名额；不填为不限' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt({ message: 'capacity 须为整数' }) @Min(1, { message: 'capacity 最小为 1' }) @Max(5000, { message: 'capacity 最大为 5000' })
  capacity?: number | null;

  @ApiPropertyOptional({ type: [String], description: '议程' })
  @IsOptional() @IsArray({ message: 'agenda 须为数组' }) @ArrayMaxSize(30, { message: 'agenda 最多 30 项' })
  @IsString({ each: true, message: 'agenda 的每一项须为文本' }) @Length(1, 200, { each: true, message: 'agenda 每一项长度须在 1 到 200 之间' })
  agenda?: string[];
}

export class ReasonDto extends ExpectedVersionDto {
  @ApiProperty() @IsString({ message: 'reason 须为文本' }) @Length(1, 200, { message: 'reason 长度须在 1 到 200 之间' })
  reason!: string;
}

export class PublishDto extends ExpectedVersionDto {}

export class MinutesDto {
  @ApiProperty() @IsString({ message: 'minutes 须为文本' }) @Length(1, 5000, { message: 'minutes 长度须在 1 到 5000 之间' })
  minutes!: string;
}

export class MemberRefDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId!: string;
}

export class LeaveDto extends MemberRefDto {
  @ApiProperty() @IsString({ message: 'reason 须为文本' }) @Length(1, 200, { message: 'reason 长度须在 1 到 200 之间' })
  reason!: string;
}

export class CheckInDto extends MemberRefDto {
  @ApiProperty({ description: '活动签到码（二维码内容）' })
  @IsString({ message: 'code 须为文本' }) @Length(1, 32, { message: 'code 长度须在 1 到 32 之间' })
  code!: string;

  @ApiPropertyOptional({ description: '签到时间；补录时填写，不能晚于当前时间' })
  @IsOptional() @IsDateString({ strict: true }, { message: 'at 须为 ISO 8601 时间' })
  at?: string;
}

export class CheckOutDto extends MemberRefDto {
  @ApiPropertyOptional({ description: '签退时间；补录时填写' })
  @IsOptional() @IsDateString({ strict: true }, { message: 'at 须为 ISO 8601 时间' })
  at?: string;
}

export class CalendarDto extends ScopeFilterDto {
  @IsOptional() @IsIn(ACTIVITY_KINDS, { message: `kind 必须是以下之一：${ACTIVITY_KINDS.join(', ')}` }) kind?: ActivityKind;
  @IsOptional() @IsDateString({ strict: true }, { message: 'from 须为 ISO 8601 时间' }) from?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: 'to 须为 ISO 8601 时间' }) to?: string;
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit 须为整数' }) @Min(1, { message: 'limit 最小为 1' }) @Max(500, { message: 'limit 最大为 500' }) limit?: number;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[A-Za-z0-9_-]{1,64}$/, { message: 'after 须为上一页返回的 next' }) after?: string;
}
