import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsDateString, IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import type { RoomBooking } from '../../domain/room/room';
import { RoomBookings } from '../../infrastructure/aggregates';
import { Doc, strip } from '../shared/reads';

/** The room's timetable: bookings (not cancelled) in a range, for finding free slots. */
export class ListRoomBookings {
  constructor(
    readonly roomId: string,
    readonly range: { from?: string; to?: string },
  ) {}
}

@QueryHandler(ListRoomBookings)
export class ListRoomBookingsHandler implements IQueryHandler<ListRoomBookings> {
  constructor(@InjectSnapshots(RoomBookings) private readonly bookings: Model<Doc<RoomBooking>>) {}

  async execute({ roomId, range: q }: ListRoomBookings) {
    const range: Record<string, string> = {};
    if (q.from) range.$gte = new Date(q.from).toISOString();
    if (q.to) range.$lt = new Date(q.to).toISOString();
    const query: Record<string, unknown> = { roomId, status: 'BOOKED' };
    if (Object.keys(range).length) query.startsAt = range;
    const docs = await this.bookings.find(query).sort({ startsAt: 1 }).limit(1000).lean().exec();
    return docs.map(strip);
  }
}

export class BookingsQueryDto {
  @IsOptional() @IsDateString({ strict: true }, { message: 'from 须为 ISO 8601 时间' }) from?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: 'to 须为 ISO 8601 时间' }) to?: string;
}
