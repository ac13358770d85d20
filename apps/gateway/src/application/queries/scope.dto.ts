import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PERIOD_PATTERN } from './periods';
import { ScopeName, SCOPES } from './scope-resolver';

export class ScopeQuery {
  @IsOptional()
  @IsIn(SCOPES, { message: `scope 必须是以下之一：${SCOPES.join(', ')}` })
  scope: ScopeName = 'city';

  @ValidateIf((q: ScopeQuery) => q.scope !== 'city')
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'id 须为辖区编号（字母、数字、下划线、连字符）' })
  id?: string;
}

export class DashboardQuery extends ScopeQuery {
  /** The rankings' period: 'YYYY', 'YYYY-Qn' or 'YYYY-MM' (default: this year, China time). */
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: 'period 须为 YYYY、YYYY-Qn 或 YYYY-MM（积分排名的统计期）' })
  period?: string;
}

export class TimelineQuery extends ScopeQuery {
  @IsOptional() @IsDateString({}, { message: 'since 须为 ISO 8601 时间' }) since?: string;
  /** The previous page's `next` (or a bare ISO 8601 time: everything older); checked by timelinePosition. */
  @IsOptional()
  @IsString({ message: 'before 无效：须为上一页返回的 next 或 ISO 8601 时间' })
  @Length(1, 400, { message: 'before 无效：须为上一页返回的 next 或 ISO 8601 时间' })
  before?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 100;
}

/** 应建未建企业名单: `after` is the previous page's `next`. */
export class UncoveredEnterprisesQuery extends ScopeQuery {
  /** The previous page's `next`; checked by pagePositionOf. */
  @PageAfter()
  after?: string;
  @PageLimit(200)
  limit = 50;
}

/** 一个支部一面旗, a page at a time: the first page (default 20) is the dashboard's `rankings.flags.top`. */
export class BranchFlagsQuery extends DashboardQuery {
  /** The previous page's `next`; checked by pagePositionOf. */
  @PageAfter()
  after?: string;
  @PageLimit(200)
  limit = 20;
}

/** The scope's standing organizations by name, a page at a time. */
export class OrganizationsQuery extends ScopeQuery {
  /** The previous page's `next`; checked by pagePositionOf. */
  @PageAfter()
  after?: string;
  @PageLimit(500)
  limit = 200;
}

/** `after`: the previous page's `next` (the shared cursor, decoded by pagePositionOf). */
function PageAfter() {
  const message = 'after 无效：须为上一页返回的 next';
  return applyDecorators(IsOptional(), IsString({ message }), Length(1, 400, { message }));
}

/** `limit`: 1 to `max` items a page. */
function PageLimit(max: number) {
  const message = `limit 须为 1 到 ${max} 的整数`;
  return applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt({ message }),
    Min(1, { message }),
    Max(max, { message }),
  );
}
