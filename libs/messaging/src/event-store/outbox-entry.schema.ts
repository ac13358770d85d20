import { AnyBulkWriteOperation, Collection } from 'mongodb';
import { Connection, Model, Schema } from 'mongoose';

/**
 * One document per stored event not yet handed to Kafka, in the service's `outbox` collection,
 * deleted once Kafka acknowledged it. Same `_id` as the event. The envelope is not copied here:
 * the relay reads each event by `_id` anyway, to publish only events that are really stored.
 *
 * The collection holds only the backlog, so the relay reads it without a filter: FerretDB
 * pushes a limit down to PostgreSQL only then, and a filtered read streams the whole backlog.
 */
export interface OutboxEntry {
  _id: string; // the event's id
  aggregateId: string;
  version: number;
  /** The event's `storedAt`: the relay's order, and the age after which an entry without its event is an orphan. */
  storedAt: Date;
  /**
   * The write that stored the event (one per append or bulk chunk) and how many events it wrote:
   * once the relay has published all of a write's entries, one delete by `writeId` removes them.
   * Absent on entries written again or moved (they are deleted by `_id`).
   */
  writeId?: string;
  writeSize?: number;
}

export const OutboxEntrySchema = new Schema<OutboxEntry>(
  {
    _id: { type: String, required: true },
    aggregateId: { type: String, required: true },
    version: { type: Number, required: true },
    storedAt: { type: Date, required: true },
    writeId: { type: String },
    writeSize: { type: Number },
  },
  { collection: 'outbox', versionKey: false },
);

// A second writer of an aggregate's version fails here, before it writes its event; and the
// relay's lookup of an aggregate's earlier entries is an equality on `aggregateId`.
OutboxEntrySchema.index({ aggregateId: 1, version: 1 }, { unique: true });
// The relay's delete of a whole published write: an equality FerretDB serves from an index.
OutboxEntrySchema.index({ writeId: 1 });

export const OUTBOX_ENTRY_MODEL = 'OutboxEntry';

/** The outbox beside an `events` collection, on the same connection (its indexes built as any model's). */
export function outboxModelOn(connection: Connection): Model<OutboxEntry> {
  return (connection.models[OUTBOX_ENTRY_MODEL] as Model<OutboxEntry> | undefined) ?? connection.model<OutboxEntry>(OUTBOX_ENTRY_MODEL, OutboxEntrySchema);
}

/** The entry of a stored event; with the write it belongs to when the events of one write go in together. */
export function outboxEntryOf(event: Pick<OutboxEntry, '_id' | 'aggregateId' | 'version' | 'storedAt'>, write?: { id: string; size: number }): OutboxEntry {
  const entry: OutboxEntry = { _id: event._id, aggregateId: event.aggregateId, version: event.version, storedAt: event.storedAt };
  return write ? { ...entry, writeId: write.id, writeSize: write.size } : entry;
}

/**
 * How long the relay holds an entry whose event is not stored before it deletes it as an orphan
 * (its writer died between its two inserts or lost a race). A writer slower than
 * OUTBOX_WRITER_RECHECK_MS between its two inserts writes its entries again, so the grace must
 * exceed that plus the clocks' disagreement between instances.
 */
export const OUTBOX_ORPHAN_GRACE_MS = 30_000;

/**
 * Bulk writes whose aggregates' snapshots are all written (`{ _id: writeId, at }`), noted by the
 * writer after its snapshots: the relay then skips the snapshot catch-up for that write's events
 * instead of looking up one snapshot per aggregate. A write without a note is caught up as before,
 * so a lost or removed note costs time, never correctness.
 */
export const SNAPSHOTTED_WRITES_COLLECTION = 'outbox_snapshotted_writes';
/** A note older than this is removed even if its write was never seen whole by the relay (it drained the write before the note landed). */
export const SNAPSHOTTED_WRITE_NOTE_TTL_MS = 60 * 60_000;
export const OUTBOX_WRITER_RECHECK_MS = 10_000;

/**
 * Statements per delete and deletes in flight: FerretDB 1.x holds a database connection for every
 * statement of a write until the command ends, so this stays well under its pool, summed over
 * every writer and relay at once.
 */
const DELETES_PER_WRITE = 20;
const DELETE_WRITES_IN_FLIGHT = 2;

/** Runs outbox deletes (by `_id` or by `writeId`) in writes of a few dozen statements. */
export async function deleteFromOutbox(outbox: Collection, statements: AnyBulkWriteOperation[]): Promise<void> {
  const writes: AnyBulkWriteOperation[][] = [];
  for (let start = 0; start < statements.length; start += DELETES_PER_WRITE) writes.push(statements.slice(start, start + DELETES_PER_WRITE));
  for (let start = 0; start < writes.length; start += DELETE_WRITES_IN_FLIGHT) {
    await Promise.all(writes.slice(start, start + DELETE_WRITES_IN_FLIGHT).map((chunk) => outbox.bulkWrite(chunk, { ordered: false })));
  }
}
