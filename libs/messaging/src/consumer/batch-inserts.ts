import { AsyncLocalStorage } from 'async_hooks';
import { Collection, Document } from 'mongodb';
import { onlyDuplicateKeys } from '@pb/platform/duplicate-key';

/**
 * Inserts of write-once documents (the gateway's event log: one entry per
 * event, keyed by the event id) that a handler may leave to the end of the
 * Kafka batch it runs in: one `insertMany` per collection instead of one
 * round trip per event, which is what bounds a replay.
 *
 * The transport flushes before it records the batch in the inbox and before
 * it resolves any offset of the batch, so a failed flush means the whole batch
 * comes again. Outside a batch (a test calling a handler) the insert happens at
 * once. A document whose `_id` exists already is skipped, as a redelivery should.
 */
export class BatchInserts {
  private static readonly current = new AsyncLocalStorage<BatchInserts>();
  private readonly pending = new Map<Collection, Document[]>();

  /** Runs a batch's handlers so that their inserts wait for `flush()`. */
  static run<T>(batch: BatchInserts, work: () => Promise<T>): Promise<T> {
    return BatchInserts.current.run(batch, work);
  }

  static async insert(collection: Collection, document: Document): Promise<void> {
    const batch = BatchInserts.current.getStore();
    if (batch) {
      const list = batch.pending.get(collection) ?? [];
      list.push(document);
      batch.pending.set(collection, list);
      return;
    }
    await insertSkippingExisting(collection, [document]);
  }

  async flush(): Promise<void> {
    const work = [...this.pending.entries()];
    this.pending.clear();
    await Promise.all(work.map(([collection, documents]) => insertSkippingExisting(collection, documents)));
  }
}

async function insertSkippingExisting(collection: Collection, documents: Document[]): Promise<void> {
  if (documents.length === 0) return;
  try {
    await collection.insertMany(documents, { ordered: false });
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
  }
}
