import { Injectable } from '@nestjs/common';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import type { Activity } from '../../domain/activity/activity';
import { coveringSlots, Room, RoomBooking, slotClashError } from '../../domain/room/room';
import { Activities, RoomBookings } from '../../infrastructure/aggregates';
import { ORPHAN_CLAIM_AGE_MS, SlotClaims } from '../../infrastructure/room/slot-claims';

/** How an activity holding room slots names itself in the claims (ids never contain ':'). */
export const activityHolder = (activityId: string) => `activity:${activityId}`;

/** The claim ids (`<roomId>|<slot>`) an activity's current state covers: none once cancelled or without a room. */
export function claimsCoveredBy(activity: Pick<Activity, 'status' | 'roomId' | 'startsAt' | 'endsAt'> | null): string[] {
  if (!activity || activity.status === 'CANCELLED' || !activity.roomId) return [];
  return coveringSlots(activity.startsAt, activity.endsAt).map((slot) => `${activity.roomId}|${slot}`);
}

/**
 * 功能室时段: bookings and activities held in a room take its half-hour slots through the same
 * uniquely keyed claims, so a booking and an activity (or two of either) racing for one slot
 * cannot both win. A claim may be taken over when its holder no longer covers it: a cancelled
 * booking or activity at once; a booking or activity never stored, or an activity that moved
 * away, once the claim is older than ORPHAN_CLAIM_AGE_MS (a move in progress claims its new slots
 * before its event is stored, so a young claim is left alone).
 */
@Injectable()
export class RoomSlots {
  constructor(
    @InjectAggregate(RoomBookings) private readonly bookings: AggregateRepository<RoomBooking>,
    @InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>,
    private readonly claims: SlotClaims,
  ) {}

  /** Claims the slots for `holder`, or throws the 409 naming the slot and the booking or activity holding it. */
  async reserve(room: Room, slots: string[], holder: string): Promise<void> {
    const outcome = await this.claims.claim(room.roomId, slots, holder, (other, claimedAt, slot) => this.isReleasable(other, claimedAt, `${room.roomId}|${slot}`));
    if (outcome.ok) return;
    if (outcome.holder.startsWith('activity:')) {
      const a = (await this.activities.load(outcome.holder.slice('activity:'.length))).state;
      throw slotClashError(room, outcome.slot, null, a ? { activityId: a.activityId, title: a.title, startsAt: a.startsAt, endsAt: a.endsAt } : null);
    }
    const clashing = (await this.bookings.load(outcome.holder)).state;
    throw slotClashError(room, outcome.slot, clashing ? { bookingId: clashing.bookingId, startsAt: clashing.startsAt, endsAt: clashing.endsAt } : null);
  }

  /** Leaves the activity exactly the claims its current state covers (after a move, a cancellation or a failed write). */
  async settleActivity(activityId: string, current?: Activity | null): Promise<void> {
    const state = current === undefined ? (await this.activities.load(activityId)).state : current;
    await this.claims.keepOnly(activityHolder(activityId), claimsCoveredBy(state));
  }

  async releaseBooking(bookingId: string): Promise<void> {
    await this.claims.release(bookingId);
  }

  private async isReleasable(holder: string, claimedAt: Date, claimId: string): Promise<boolean> {
    const old = Date.now() - claimedAt.getTime() > ORPHAN_CLAIM_AGE_MS;
    if (holder.startsWith('activity:')) {
      const activity = (await this.activities.load(holder.slice('activity:'.length))).state;
      if (activity?.status === 'CANCELLED') return true;
      return old && !claimsCoveredBy(activity).includes(claimId);
    }
    const held = (await this.bookings.load(holder)).state;
    if (held) return held.status === 'CANCELLED';
    return old;
  }
}
