import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Model } from 'mongoose';
import { ACTIVITY_KINDS, ActivityKind } from '@pb/contracts';
import { InjectSnapshots } from '@pb/messaging';
import { afterPosition, encodePageCursor, PagePosition, pagePositionOf } from '@pb/platform';
import type { Activity } from '../../domain/activity/activity';
import { Activities } from '../../infrastructure/aggregates';
import { ScopeFilterDto } from '../shared/common.dto';
import { Doc, Filter, page } from '../shared/reads';

/** 活动日历: by zone / organization / kind and time range, ordered by start, cursor-paginated. */
export class GetActivityCalendar {
  constructor(
    readonly filter: Filter,
    readonly range: { from?: string; to?: string },
    readonly limit: number,
    readonly after?: string,
  ) {}
}

@QueryHandler(GetActivityCalendar)
export class GetActivityCalendarHandler implements IQueryHandler<GetActivityCalendar> {
  constructor(@InjectSnapshots(Activities) private readonly activities: Model<Doc<Activity>>) {}

  async execute({ filter, range, limit, after }: GetActivityCalendar) {
    const query: Filter = { ...filter };
    if (filter.organizationId) {
      delete query.organizationId;
      query.organizerIds = filter.organizationId;
    }
    const startsAt: Filter = {};
    if (range.from) startsAt.$gte = new Date(range.from).toISOString();
    if (range.to) startsAt.$lt = new Date(range.to).toISOString();
    if (Object.keys(startsAt).length) query.startsAt = startsAt;
    const position = calendarPosition(after);
    if (position) Object.assign(query, afterPosition('startsAt', position.key, position.id, 'asc'));
    const docs = await this.activities
      .find(query, { minutes: 0 })
      .sort({ startsAt: 1, _id: 1 })
      .limit(limit + 1)
      .lean<Doc<Activity>[]>()
      .exec();
    return page(docs, limit, (d) => encodePageCursor(d.startsAt, d._id));
  }
}

/** A next page's `after`: the opaque cursor, or the `startsAt|activityId` that clients were given before it. */
function calendarPosition(after: string | undefined): PagePosition | null {
  const legacy = after ? /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|([A-Za-z0-9_-]{1,64})$/.exec(after) : null;
  return legacy ? { key: legacy[1], id: legacy[2] } : pagePositionOf(after, 'after');
}

export class CalendarDto extends ScopeFilterDto {
  @IsOptional() @IsIn(ACTIVITY_KINDS, { message: `kind 必须是以下之一：${ACTIVITY_KINDS.join(', ')}` }) kind?: ActivityKind;
  @IsOptional() @IsDateString({ strict: true }, { message: 'from 须为 ISO 8601 时间' }) from?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: 'to 须为 ISO 8601 时间' }) to?: string;
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit 须为整数' }) @Min(1, { message: 'limit 最小为 1' }) @Max(500, { message: 'limit 最大为 500' }) limit?: number;
  @IsOptional() @IsString({ message: 'after 须为上一页返回的 next' }) @Length(1, 400, { message: 'after 须为上一页返回的 next' }) after?: string;
}
