import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ID_MESSAGE = '$property 只能包含字母、数字、下划线和连字符（1-64 位）';

/** A YYYY-MM-DD calendar date that exists (no 2 月 30 日). */
export const IsCalendarDate = () =>
  applyDecorators(Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property 须为 YYYY-MM-DD 格式的日期' }), IsISO8601({ strict: true }, { message: '$property 不是有效日期' }));

export const IsId = () => Matches(ID_PATTERN, { message: ID_MESSAGE });

/** limit + after (the last id of the previous page). */
export class PageDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 不能小于 1' })
  @Max(500, { message: 'limit 不能大于 500' })
  limit?: number;

  @IsOptional()
  @IsId()
  after?: string;
}

export class ExpectedVersionDto {
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1, { message: 'expectedVersion 不能小于 1' })
  expectedVersion?: number;
}
