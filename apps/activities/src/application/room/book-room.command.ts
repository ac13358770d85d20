import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { RoomBooked } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { BookingRequest, decideBooking, Room, RoomBooking, slotsOf } from '../../domain/room/room';
import { RoomBookings, Rooms } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';
import { RoomSlots } from './room-slots';

/** 预约功能室 */
export class BookRoom {
  constructor(
    readonly roomId: string,
    readonly request: BookingRequest,
    readonly context: CommandContext,
  ) {}
}

/**
 * Two aggregates cannot share a transaction, so overlap is ruled out by claims: before the
 * booking's event is stored, one uniquely keyed document per (room, half-hour slot) is inserted.
 * The database lets exactly one claimant have each slot; the loser releases what it took and gets
 * a 409 naming the slot and the booking or activity holding it (activities held in the room claim
 * the same slots, see RoomSlots). A claim whose holder was cancelled, or never stored because the
 * process died in between, may be taken over.
 */
@CommandHandler(BookRoom)
export class BookRoomHandler implements ICommandHandler<BookRoom, RoomBooking> {
  constructor(
    @InjectAggregate(Rooms) private readonly rooms: AggregateRepository<Room>,
    @InjectAggregate(RoomBookings) private readonly bookings: AggregateRepository<RoomBooking>,
    private readonly slots: RoomSlots,
    private readonly clock: Clock,
  ) {}

  async execute({ roomId, request, context }: BookRoom): Promise<RoomBooking> {
    const room = (await this.rooms.load(roomId)).state;
    const loaded = await this.bookings.load(request.bookingId);
    const data = decideBooking(loaded.state, room, roomId, request, this.clock.now());
    await this.slots.reserve(room!, slotsOf(data.startsAt, data.endsAt), data.bookingId);
    try {
      return (await this.bookings.save(loaded, { definition: RoomBooked, data }, context)).state;
    } catch (error) {
      await this.slots.releaseBooking(data.bookingId);
      throw error;
    }
  }
}

export class BookRoomDto {
  @ApiPropertyOptional({ description: '预约编号；不填则自动生成' }) @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) bookingId?: string;
  @ApiProperty() @IsDateString({ strict: true }, { message: 'startsAt 须为 ISO 8601 时间' }) startsAt!: string;
  @ApiProperty() @IsDateString({ strict: true }, { message: 'endsAt 须为 ISO 8601 时间' }) endsAt!: string;
  @ApiProperty() @IsString({ message: 'purpose 须为文本' }) @Length(1, 200, { message: 'purpose 长度须在 1 到 200 之间' }) purpose!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) organizationId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) activityId?: string | null;
}
