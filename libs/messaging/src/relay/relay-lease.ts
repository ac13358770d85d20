import { Connection } from 'mongoose';
import { isDuplicateKey } from '@pb/platform/duplicate-key';


/**
 * Only one relay per service database publishes at a time, so two instances of
 * a service never interleave an aggregate's events on the topic. The lease is
 * one document; a holder that stops renewing it loses it after `ttlMs`.
 */
export class RelayLease {
  constructor(
    private readonly connection: Connection,
    private readonly owner: string,
    private readonly ttlMs: number,
  ) {}

  async acquire(): Promise<boolean> {
    const now = new Date();
    try {
      await this.connection.collection<{ _id: string; owner: string; expiresAt: Date }>('relay_lease').updateOne(
        { _id: 'outbox-relay', $or: [{ owner: this.owner }, { expiresAt: { $lt: now } }] },
        { $set: { owner: this.owner, expiresAt: new Date(now.getTime() + this.ttlMs) } },
        { upsert: true },
      );
      return true;
    } catch (error) {
      // The document exists, held by someone else: the upsert's insert collided.
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async release(): Promise<void> {
    await this.connection
      .collection<{ _id: string; owner: string }>('relay_lease')
      .deleteOne({ _id: 'outbox-relay', owner: this.owner })
      .catch(() => undefined);
  }
}
