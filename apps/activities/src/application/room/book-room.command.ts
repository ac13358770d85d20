import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { RoomBooked } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { BookingRequest, decideBooking, Room, RoomBooking, slotClashError, slotsOf } from '../../domain/room/room';
import { RoomBookings, Rooms } from '../../infrastructure/aggregates';
import { ORPHAN_CLAIM_AGE_MS, SlotClaims } from '../../infrastructure/room/slot-claims';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

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
 * a 409 naming the slot. A claim whose booking was cancelled, or never stored because the process
 * died in between, may be taken over.
 */
@CommandHandler(BookRoom)
export class BookRoomHandler implements ICommandHandler<BookRoom, RoomBooking> {
  constructor(
    @InjectAggregate(Rooms) private readonly rooms: AggregateRepository<Room>,
    @InjectAggregate(RoomBookings) private readonly bookings: AggregateRepository<RoomBooking>,
    private readonly claims: SlotClaims,
    private readonly clock: Clock,
  ) {}

  async execute({ roomId, request, context }: BookRoom): Promise<RoomBooking> {
    const room = (await this.rooms.load(roomId)).state;
    const loaded = await this.bookings.load(request.bookingId);
    const data = decideBooking(loaded.state, room, roomId, request, this.clock.now());
    const outcome = await this.claims.claim(roomId, slotsOf(data.startsAt, data.endsAt), data.bookingId, async (holder, claimedAt) => {
      const held = (await this.bookings.load(holder)).state;
      if (held) return held.status === 'CANCELLED';
      return Date.now() - claimedAt.getTime() > ORPHAN_CLAIM_AGE_MS;
    });
    if (!outcome.ok) {
      const clashing = (await this.bookings.load(outcome.holder)).state;
      throw slotClashError(room!, outcome.slot, clashing ? { bookingId: clashing.bookingId, startsAt: clashing.startsAt, endsAt: clashing.endsAt } : null);
    }
    try {
      return (await this.bookings.save(loaded, { definition: RoomBooked, data }, context)).state;
    } catch (error) {
      await this.claims.release(data.bookingId);
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
