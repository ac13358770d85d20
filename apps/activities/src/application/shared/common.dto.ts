import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ID_MESSAGE = '$property 只能包含字母、数字、下划线和连字符（1-64 位）';
export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;
export const PERIOD_MESSAGE = 'period 须为 YYYY、YYYY-MM 或 YYYY-Qn';

export class ScopeFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) organizationId?: string;
}

export class PeriodFilterDto extends ScopeFilterDto {
  @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE }) period!: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 最小为 1' })
  @Max(500, { message: 'limit 最大为 500' })
  limit?: number;
}

export class ExpectedVersionDto {
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1, { message: 'expectedVersion 最小为 1' })
  expectedVersion?: number;
}

/** Drops undefined keys so a filter never asks for `{ zoneId: undefined }`. */
export function definedOnly<T extends object>(value: T): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && k !== 'limit' && k !== 'period' && typeof v === 'string') out[k] = v;
  return out;
}

export class ReasonDto extends ExpectedVersionDto {
  @ApiProperty()
  @IsString({ message: 'reason 须为文本' })
  @Length(1, 200, { message: 'reason 长度须在 1 到 200 之间' })
  reason!: string;
}

export class MemberRefDto {
  @ApiProperty()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId!: string;
}
