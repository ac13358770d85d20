import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ACTIVITY_KINDS, ActivityKind } from '@pb/contracts';
import { ScopeFilterDto } from '../../../application/shared/common.dto';

export class CalendarDto extends ScopeFilterDto {
  @IsOptional() @IsIn(ACTIVITY_KINDS, { message: `kind 必须是以下之一：${ACTIVITY_KINDS.join(', ')}` }) kind?: ActivityKind;
  @IsOptional() @IsDateString({ strict: true }, { message: 'from 须为 ISO 8601 时间' }) from?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: 'to 须为 ISO 8601 时间' }) to?: string;
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit 须为整数' }) @Min(1, { message: 'limit 最小为 1' }) @Max(500, { message: 'limit 最大为 500' }) limit?: number;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[A-Za-z0-9_-]{1,64}$/, { message: 'after 须为上一页返回的 next' }) after?: string;
}
