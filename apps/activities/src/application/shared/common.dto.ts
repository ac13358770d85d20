import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { encodePageCursor, PagePosition } from '@pb/platform';

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

/** A ranking's page: the period filter and the cursor of the previous page's last row. */
export class RankingPageDto extends PeriodFilterDto {
  @IsOptional() @IsString({ message: 'after 须为上一页返回的游标' }) @MaxLength(400, { message: 'after 须为上一页返回的游标' }) after?: string;
}

/**
 * One page of a ranking by a score (highest first, then by id), after the position of the
 * previous page's last row: the shared cursor (score as its key, the id), opaque to callers.
 */
export function rankingPage<T>(
  rows: T[],
  score: (row: T) => number,
  idOf: (row: T) => string,
  after: PagePosition | null,
  limit: number,
): { items: T[]; next: string | null; start: number } {
  const sorted = [...rows].sort((a, b) => score(b) - score(a) || idOf(a).localeCompare(idOf(b)));
  const afterScore = after ? Number(after.key) : null;
  const rest = after ? sorted.filter((r) => score(r) < afterScore! || (score(r) === afterScore && idOf(r).localeCompare(after.id) > 0)) : sorted;
  const items = rest.slice(0, limit);
  const last = items[items.length - 1];
  // `start`: how many rows rank above this page (a row's rank is start + its index + 1).
  return { items, next: rest.length > limit && last ? encodePageCursor(String(score(last)), idOf(last)) : null, start: sorted.length - rest.length };
}
