import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Schema } from 'mongoose';
import { isDuplicateKey } from '@pb/platform';

export const SLOT_CLAIM = 'RoomSlotClaim';

/**
 * One document per room and half-hour slot: the unique _id is what keeps two bookings apart.
 * `bookingId` names the holder: a booking's id, or `activity:<activityId>` for an activity held in the room.
 */
export interface SlotClaim {
  _id: string;
  roomId: string;
  slot: string;
  bookingId: string;
  claimedAt: Date;
}

export const SlotClaimSchema = new Schema<SlotClaim>(
  { _id: String, roomId: String, slot: String, bookingId: String, claimedAt: Date },
  { collection: 'room_slot_claims', versionKey: false },
);
SlotClaimSchema.index({ bookingId: 1 });
SlotClaimSchema.index({ roomId: 1, slot: 1 });

/** A claim whose booking never got stored (a crash between claim and event) is taken over after this. */
export const ORPHAN_CLAIM_AGE_MS = 60_000;

export type ClaimOutcome = { ok: true } | { ok: false; slot: string; holder: string };

@Injectable()
export class SlotClaims {
  constructor(@InjectModel(SLOT_CLAIM) private readonly claims: Model<SlotClaim>) {}

  /**
   * Claims the slots in order (every claimant goes earliest first, so two overlapping requests
   * cannot each hold half of the other's slots). On a clash, the slots claimed so far are released.
   * `isReleasable(bookingId)` says whether a foreign claim's booking is cancelled or was never stored.
   */
  async claim(roomId: string, slots: string[], bookingId: string, isReleasable: (holder: string, claimedAt: Date, slot: string) => Promise<boolean>): Promise<ClaimOutcome> {
    const taken: string[] = [];
    for (const slot of slots) {
      const _id = `${roomId}|${slot}`;
      try {
        await this.claims.collection.insertOne({ _id, roomId, slot, bookingId, claimedAt: new Date() } as never);
        taken.push(_id);
        continue;
      } catch (error) {
        if (!isDuplicateKey(error)) {
          await this.releaseIds(taken, bookingId);
          throw error;
        }
      }
      const existing = await this.claims.findById(_id).lean<SlotClaim>().exec();
      if (existing && existing.bookingId === bookingId) continue; // our own, from an earlier attempt
      if (existing && (await isReleasable(existing.bookingId, existing.claimedAt, slot))) {
        const res = await this.claims.updateOne({ _id, bookingId: existing.bookingId }, { $set: { bookingId, claimedAt: new Date() } }).exec();
        if (res.modifiedCount === 1) {
          taken.push(_id);
          continue;
        }
      }
      await this.releaseIds(taken, bookingId);
      const holder = (await this.claims.findById(_id).lean<SlotClaim>().exec())?.bookingId ?? existing?.bookingId ?? 'unknown';
      return { ok: false, slot, holder };
    }
    return { ok: true };
  }

  async release(bookingId: string): Promise<void> {
    await this.claims.deleteMany({ bookingId }).exec();
  }

  /** Frees the holder's claims except those named (`<roomId>|<slot>`): a moved activity keeps the slots it still covers. */
  async keepOnly(holder: string, keep: string[]): Promise<void> {
    await this.claims.deleteMany(keep.length > 0 ? { bookingId: holder, _id: { $nin: keep } } : { bookingId: holder }).exec();
  }

  private async releaseIds(ids: string[], bookingId: string): Promise<void> {
    if (ids.length > 0) await this.claims.deleteMany({ _id: { $in: ids }, bookingId }).exec();
  }
}
