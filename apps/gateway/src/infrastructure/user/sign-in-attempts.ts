import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { createHash } from 'crypto';
import { Model } from 'mongoose';
import { isDuplicateKey } from '@pb/platform';
import { LOCKOUT_THRESHOLD, LOCKOUT_WINDOW_MS, lockoutRemaining } from '../../domain/user/user';
import { SIGN_IN_ATTEMPT_MODEL, SignInAttemptDocument } from './user.schema';

export type AttemptStart = { attemptId: string; waitMs?: undefined } | { attemptId?: undefined; waitMs: number };

/** Parallel attempts each retry on a taken sequence number; far more than a burst on one username needs. */
const MAX_CLAIMS = 50;

/**
 * The sign-in attempts per username (登录尝试记录), kept for the lockout window only.
 *
 * An attempt is claimed before the password is checked, by inserting `<key>#<seq>` with the
 * next sequence number: the unique `_id` lets one request take each number, so parallel
 * attempts line up, and each is allowed only if the LOCKOUT_THRESHOLD before it leave room.
 * A conditional update could not do this: FerretDB runs it as a read and then a write by
 * `_id`, so two requests could both pass (docs/architecture.md, "Staying inside FerretDB").
 * The key is the username's SHA-256 whether or not the account exists, so the answers do not
 * tell the two apart, and a password typed into the username field is never stored.
 */
@Injectable()
export class SignInAttempts {
  constructor(@InjectModel(SIGN_IN_ATTEMPT_MODEL) private readonly attempts: Model<SignInAttemptDocument>) {}

  async begin(username: string, now: Date): Promise<AttemptStart> {
    const key = createHash('sha256').update(`sign-in:${username}`).digest('hex');
    const cutoff = new Date(now.getTime() - LOCKOUT_WINDOW_MS);
    for (let claim = 0; claim < MAX_CLAIMS; claim++) {
      const docs = await this.attempts.find({ key }, { seq: 1, at: 1, outcome: 1 }).lean<SignInAttemptDocument[]>().exec();
      const last = docs.reduce((max, d) => Math.max(max, d.seq), -1);
      // A sequence restarted in a later window starts above every number an earlier one used.
      const seq = last >= 0 ? last + 1 : Math.floor(now.getTime() / LOCKOUT_WINDOW_MS) * 1_000_000;
      const previous = docs.filter((d) => d.seq >= seq - LOCKOUT_THRESHOLD);
      const waitMs = lockoutRemaining(previous, now);
      if (waitMs > 0) return { waitMs };
      const attemptId = `${key}#${seq}`;
      try {
        await this.attempts.create({ _id: attemptId, key, seq, at: now, outcome: 'pending', expiresAt: new Date(now.getTime() + LOCKOUT_WINDOW_MS) });
      } catch (error) {
        if (isDuplicateKey(error)) continue;
        throw error;
      }
      // Trimmed as it goes: attempts that left the window, except the newest, which carries the sequence on.
      if (docs.some((d) => d.at < cutoff)) await this.attempts.deleteMany({ key, at: { $lt: cutoff }, seq: { $lt: seq } }).exec();
      return { attemptId };
    }
    // So many at once on one username: treated as the attack it is.
    return { waitMs: LOCKOUT_WINDOW_MS };
  }

  async settle(attemptId: string, outcome: 'failed' | 'ok'): Promise<void> {
    await this.attempts.updateOne({ _id: attemptId }, { $set: { outcome } }).exec();
  }
}
