import { Connection } from 'mongoose';
import { onlyDuplicateKeys } from '@pb/platform/duplicate-key';
import { findEach } from '@pb/platform/find-each';

/**
 * The ids of events a consumer group has handled. Handlers are also written to
 * be idempotent (version-guarded writes), so a crash between the handler and the
 * inbox write is harmless; the inbox spares the work on a redelivery.
 */
export class Inbox {
  constructor(
    private readonly connection: Connection,
    private readonly group: string,
  ) {}

  private get collection() {
    return this.connection.collection<{ _id: string; at: Date }>('inbox');
  }

  private key(eventId: string): string {
    return `${this.group}:${eventId}`;
  }

  async seen(eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const docs = await findEach(
      eventIds.map((id) => this.key(id)),
      (key) => this.collection.findOne({ _id: key }, { projection: { _id: 1 } }),
    );
    const prefix = `${this.group}:`.length;
    return new Set(docs.map((d) => d._id.slice(prefix)));
  }

  async record(eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    const at = new Date();
    try {
      await this.collection.insertMany(
        eventIds.map((id) => ({ _id: this.key(id), at })),
        { ordered: false },
      );
    } catch (error) {
      // Already recorded by an earlier delivery: exactly what we want.
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }
}
