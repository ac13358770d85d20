import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RoomBookingCancelled } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { decideBookingCancel, RoomBooking } from '../../domain/room/room';
import { SlotClaims } from '../../infrastructure/room/slot-claims';
import { BookingRepository } from '../../infrastructure/snapshots/repositories';

/** 取消预约: the event first, then the slots are freed (a crash in between leaves claims that the next booker may take over). */
export class CancelBooking {
  constructor(readonly bookingId: string, readonly reason: string, readonly context: CommandContext) {}
}

@CommandHandler(CancelBooking)
export class CancelBookingHandler implements ICommandHandler<CancelBooking, RoomBooking> {
  constructor(private readonly bookings: BookingRepository, private readonly claims: SlotClaims, private readonly clock: Clock) {}

  async execute({ bookingId, reason, context }: CancelBooking): Promise<RoomBooking> {
    const loaded = await this.bookings.load(bookingId);
    const data = decideBookingCancel(loaded.state, bookingId, reason, this.clock.now());
    const { state } = await this.bookings.save(loaded, { definition: RoomBookingCancelled, data, jurisdiction: { districtId: loaded.state!.districtId, zoneId: loaded.state!.zoneId ?? '' } }, context);
    await this.claims.release(bookingId);
    return state;
  }
}
