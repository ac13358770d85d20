import { BadRequestException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { afterPosition, encodePageCursor, PagePosition, pagePositionOf } from '@pb/platform';
import type { Activity } from '../../domain/activity/activity';
import type { RoomBooking } from '../../domain/room/room';
import { Activities, RoomBookings } from '../../infrastructure/aggregates';
import { Doc, Filter, strip } from '../shared/reads';

/**
 * The room's timetable: what holds its slots in a range (bookings not cancelled, and activities
 * held in the room that are not cancelled), by start, paged with the shared cursor.
 */
export class ListRoomBookings {
  constructor(
    readonly roomId: string,
    readonly range: { from?: string; to?: string },
    readonly limit: number,
    readonly after?: string,
  ) {}
}

export type TimetableEntry =
  (RoomBooking & { holder: 'BOOKING' }) | { holder: 'ACTIVITY'; activityId: string; title: string; roomId: string; startsAt: string; endsAt: string; organizationId: string };

/*
 * One order over both collections: (startsAt, sort id), the sort id being `a:<activityId>` or
 * `b:<bookingId>`, so at one start activities come before bookings and the cursor stays unique.
 */
const sortId = (e: TimetableEntry) => (e.holder === 'ACTIVITY' ? `a:${e.activityId}` : `b:${e.bookingId}`);

@QueryHandler(ListRoomBookings)
export class ListRoomBookingsHandler implements IQueryHandler<ListRoomBookings> {
  constructor(
    @InjectSnapshots(RoomBookings) private readonly bookings: Model<Doc<RoomBooking>>,
    @InjectSnapshots(Activities) private readonly activities: Model<Doc<Activity>>,
  ) {}

  async execute({ roomId, range: q, limit, after }: ListRoomBookings): Promise<{ items: TimetableEntry[]; next: string | null }> {
    const range: Record<string, string> = {};
    if (q.from) range.$gte = new Date(q.from).toISOString();
    if (q.to) range.$lt = new Date(q.to).toISOString();
    const position = timetablePosition(after);
    const bookingQuery: Filter = { roomId, status: 'BOOKED' };
    const activityQuery: Filter = { roomId, status: { $ne: 'CANCELLED' } };
    if (Object.keys(range).length) bookingQuery.startsAt = activityQuery.startsAt = range;
    if (position) {
      const [kind, id] = [position.id.slice(0, 2), position.id.slice(2)];
      Object.assign(bookingQuery, kind === 'a:' ? { $and: [{ startsAt: { $gte: position.key } }] } : afterPosition('startsAt', position.key, id, 'asc'));
      Object.assign(activityQuery, kind === 'a:' ? afterPosition('startsAt', position.key, id, 'asc') : { $and: [{ startsAt: { $gt: position.key } }] });
    }
    const [bookings, activities] = await Promise.all([
      this.bookings
        .find(bookingQuery)
        .sort({ startsAt: 1, _id: 1 })
        .limit(limit + 1)
        .lean<Doc<RoomBooking>[]>()
        .exec(),
      this.activities
        .find(activityQuery, { activityId: 1, title: 1, roomId: 1, startsAt: 1, endsAt: 1, organizerIds: 1 })
        .sort({ startsAt: 1, _id: 1 })
        .limit(limit + 1)
        .lean<Doc<Activity>[]>()
        .exec(),
    ]);
    const entries: TimetableEntry[] = [
      ...bookings.map((b) => ({ ...strip(b), holder: 'BOOKING' as const })),
      ...activities.map((a) => ({
        holder: 'ACTIVITY' as const,
        activityId: a.activityId,
        title: a.title,
        roomId,
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        organizationId: a.organizerIds[0],
      })),
    ].sort((x, y) => (x.startsAt < y.startsAt ? -1 : x.startsAt > y.startsAt ? 1 : sortId(x) < sortId(y) ? -1 : 1));
    const items = entries.slice(0, limit);
    const last = items[items.length - 1];
    return { items, next: entries.length > limit ? encodePageCursor(last.startsAt, sortId(last)) : null };
  }
}

function timetablePosition(after: string | undefined): PagePosition | null {
  const position = pagePositionOf(after, 'after');
  // A cursor of another list is refused as a malformed one is, never read as the first page.
  if (position && !/^[ab]:./.test(position.id)) throw new BadRequestException(['after 无效：须为上一页返回的游标']);
  return position;
}

export class BookingsQueryDto {
  @IsOptional() @IsDateString({ strict: true }, { message: 'from 须为 ISO 8601 时间' }) from?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: 'to 须为 ISO 8601 时间' }) to?: string;
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit 须为整数' }) @Min(1, { message: 'limit 最小为 1' }) @Max(500, { message: 'limit 最大为 500' }) limit?: number;
  @IsOptional() @IsString({ message: 'after 须为上一页返回的 next' }) @Length(1, 400, { message: 'after 须为上一页返回的 next' }) after?: string;
}
