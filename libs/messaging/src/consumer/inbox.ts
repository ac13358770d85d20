import { Connection } from 'mongoose';
import { findEach } from '@pb/platform/find-each';

/**
 * The ids of events a consumer group has handled, for handlers that a redelivery would make
 * do something twice (counters, commands, publishing). Handlers whose writes a redelivery
 * leaves as they are (version-guarded views, inserts keyed by the event id) are registered
 * `VERSION_GUARDED` and need no entry.
 *
 * Looked up one `_id` at a time (`findEach`): FerretDB reads the whole collection for an
 * `_id: {$in: …}` filter, which grows with every event recorded.
 */
export class Inbox {
  constructor(
    private readonly connection: Connection,
    private readonly group: string,
  ) {}

  get collection() {
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

  /** The entries that record `eventIds` as handled (written with the batch's other inserts). */
  entries(eventIds: string[]): { _id: string; at: Date }[] {
    const at = new Date();
    return eventIds.map((id) => ({ _id: this.key(id), at }));
  }
}
