import { createHash } from 'crypto';
import { Model } from 'mongoose';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { isDuplicateKey } from '@pb/platform';
import { RateLimitHitDocument } from './user.schema';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The rate limits' counts in the gateway's database, so every replica spends one budget per
 * client address. Windows are fixed (`ttl` long); the n-th request of a window inserts
 * `<bucket>#<n>`, and the unique `_id` lets exactly `limit` of them in, however many replicas
 * count at once (a conditional increment is not reliable on FerretDB; see SignInAttempts).
 */
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly hits: Model<RateLimitHitDocument>,
    private readonly now: () => number = Date.now,
  ) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    const now = this.now();
    const window = Math.floor(now / ttl);
    const end = (window + 1) * ttl;
    const secondsLeft = Math.max(1, Math.ceil((end - now) / 1000));
    // The address is personal data: only its hash is stored.
    const bucket = `${createHash('sha256').update(`${throttlerName}:${key}`).digest('hex')}:${window}`;
    let taken = await this.hits.countDocuments({ bucket }).exec();
    while (taken < limit) {
      try {
        await this.hits.create({ _id: `${bucket}#${taken}`, bucket, expiresAt: new Date(end) });
        return { totalHits: taken + 1, timeToExpire: secondsLeft, isBlocked: false, timeToBlockExpire: 0 };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        taken++;
      }
    }
    return { totalHits: limit + 1, timeToExpire: secondsLeft, isBlocked: true, timeToBlockExpire: secondsLeft };
  }
}
