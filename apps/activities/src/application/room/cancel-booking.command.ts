import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RoomBookingCancelled } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { decideBookingCancel, RoomBooking } from '../../domain/room/room';
import { RoomBookings } from '../../infrastructure/aggregates';
import { SlotClaims } from '../../infrastructure/room/slot-claims';

/** 取消预约: the event first, then the slots are freed (a crash in between leaves claims that the next booker may take over). */
export class CancelBooking {
  constructor(
    readonly bookingId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CancelBooking)
export class CancelBookingHandler implements ICommandHandler<CancelBooking, RoomBooking> {
  constructor(
    @InjectAggregate(RoomBookings) private readonly bookings: AggregateRepository<RoomBooking>,
    private readonly claims: SlotClaims,
    private readonly clock: Clock,
  ) {}

  async execute({ bookingId, reason, context }: CancelBooking): Promise<RoomBooking> {
    const { state } = await this.bookings.decideAndSave(
      bookingId,
      (loaded) => ({ definition: RoomBookingCancelled, data: decideBookingCancel(loaded.state, bookingId, reason, this.clock.now()) }),
      context,
    );
    await this.claims.release(bookingId);
    return state;
  }
}
