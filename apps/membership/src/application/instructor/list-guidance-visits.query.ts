import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { afterPosition, encodePageCursor, pagePositionOf } from '@pb/platform';
import type { GuidanceVisit } from '../../domain/instructor/guidance-visit';
import { GuidanceVisits } from '../../infrastructure/aggregates';
import { IsId } from '../shared/common.dto';
import { GuidanceVisitView } from './instructor-view';

/** An instructor's visits, newest first: a page and the cursor of the next (null on the last). */
export class ListGuidanceVisits {
  constructor(
    readonly instructorId: string,
    readonly organizationId: string | undefined,
    readonly limit: number,
    readonly after: string | undefined,
  ) {}
}

@QueryHandler(ListGuidanceVisits)
export class ListGuidanceVisitsHandler implements IQueryHandler<ListGuidanceVisits, { items: GuidanceVisitView[]; next: string | null }> {
  constructor(@InjectSnapshots(GuidanceVisits) private readonly visits: Model<Snapshot<GuidanceVisit>>) {}

  async execute({ instructorId, organizationId, limit, after }: ListGuidanceVisits) {
    const and: Record<string, unknown>[] = [{ instructorId, ...(organizationId ? { organizationId } : {}) }];
    // By (visitedOn, visitId): several visits share a day, so the day alone would skip or repeat some.
    const position = pagePositionOf(after, 'after');
    if (position) and.push(afterPosition('visitedOn', position.key, position.id, 'desc'));
    const rows = await this.visits
      .find({ $and: and }, { _id: 0, lastEventAt: 0 })
      .sort({ visitedOn: -1, _id: -1 })
      .limit(limit + 1)
      .lean<GuidanceVisitView[]>()
      .exec();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit ? encodePageCursor(last.visitedOn, last.visitId) : null };
  }
}

export class GuidanceVisitFilterDto {
  @IsOptional() @IsId() organizationId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 不能小于 1' })
  @Max(200, { message: 'limit 不能大于 200' })
  limit?: number;

  @IsOptional()
  @IsString({ message: 'after 须为上一页返回的游标' })
  @MaxLength(400, { message: 'after 无效：须为上一页返回的游标' })
  after?: string;
}
