import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RoomBooked } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { BookingRequest, decideBooking, Room, RoomBooking, slotClashError, slotsOf } from '../../domain/room/room';
import { RoomBookings, Rooms } from '../../infrastructure/aggregates';
import { ORPHAN_CLAIM_AGE_MS, SlotClaims } from '../../infrastructure/room/slot-claims';
import { Clock } from '@pb/platform';

/** 预约功能室 */
export class BookRoom {
  constructor(readonly roomId: string, readonly request: BookingRequest, readonly context: CommandContext) {}
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
