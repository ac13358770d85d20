import { AsyncLocalStorage } from 'async_hooks';
import { Collection, Document } from 'mongodb';
import { HydratedDocument, Model } from 'mongoose';
import { isDuplicateKey, onlyDuplicateKeys } from '@pb/platform/duplicate-key';

/** An update a handler leaves to the end of its batch: one `updateOne` of a bulk write. */
export interface DeferredUpdate {
  filter: Record<string, unknown>;
  update: Record<string, unknown>;
  upsert: boolean;
}

/**
 * Statements per bulk update, and bulk updates in flight per process. FerretDB 1.x holds a
 * database connection for every statement of an update until the command ends (see the
 * relay's `markPublished`), so an update's statements times the writes in flight, across
 * every app on the database, must stay well below its pool (250).
 */
const UPDATES_PER_WRITE = 10;
const UPDATE_WRITES_AT_ONCE = 2;

/** A document that a handler expects to create, and the update that decides if it exists already. */
interface DeferredCreation {
  fields: Record<string, unknown>;
  ifExisting: DeferredUpdate;
}

/**
 * Writes that a handler may leave to the end of the Kafka batch it runs in:
 * inserts of write-once documents (the gateway's event log), documents that an
 * aggregate's first event creates, and versioned view updates that no handler
 * reads back within the batch. A few bulk writes per collection replace one
 * round trip per event, which is what bounds a replay.
 *
 * Inserts and creations are written first, then the updates, so a document
 * created in a batch is there for its later updates in the same batch.
 *
 * The transport flushes before it records the batch in the inbox and before it
 * resolves any offset of the batch, so a failed flush means the whole batch
 * comes again. Outside a batch (a test calling a handler) each write happens at
 * once.
 */
export class BatchWrites {
  private static readonly current = new AsyncLocalStorage<BatchWrites>();
  private readonly inserts = new Map<Collection, Document[]>();
  private readonly creations = new Map<Model<never>, DeferredCreation[]>();
  private readonly updates = new Map<Model<never>, DeferredUpdate[]>();

  /** Runs a batch's handlers so that their writes wait for `flush()`. */
  static run<T>(batch: BatchWrites, work: () => Promise<T>): Promise<T> {
    return BatchWrites.current.run(batch, work);
  }

  /** Inserts a document; one whose `_id` exists already is skipped, as a redelivery should. */
  static async insert(collection: Collection, document: Document): Promise<void> {
    const batch = BatchWrites.current.getStore();
    if (!batch) return insertSkippingExisting(collection, [document]);
    append(batch.inserts, collection, document);
  }

  /**
   * Queues an update for the end of the batch and returns true, or returns false outside a
   * batch (the caller writes at once). Updates of one document run in the order queued; one
   * that fails on a duplicate key (an upsert whose filter missed an existing document: a stale
   * event) is skipped, as the immediate write would be.
   */
  static defer<T>(model: Model<T>, update: DeferredUpdate): boolean {
    const batch = BatchWrites.current.getStore();
    if (!batch) return false;
    append(batch.updates, model as unknown as Model<never>, update);
    return true;
  }

  /**
   * Queues a document to be created at the end of the batch (with the model's defaults, in one
   * insert with the batch's other new documents) and returns true, or returns false outside a
   * batch. If a document with its `_id` exists already, `ifExisting` is applied to it instead,
   * before that document's later updates: so the outcome is the update's, without its lookup
   * for every new document.
   */
  static deferCreation<T>(model: Model<T>, fields: Record<string, unknown>, ifExisting: DeferredUpdate): boolean {
    const batch = BatchWrites.current.getStore();
    if (!batch) return false;
    append(batch.creations, model as unknown as Model<never>, { fields, ifExisting });
    return true;
  }

  async flush(): Promise<void> {
    const inserts = [...this.inserts.entries()];
    const creations = [...this.creations.entries()];
    const updates = new Map(this.updates);
    this.inserts.clear();
    this.creations.clear();
    this.updates.clear();
    await Promise.all([
      ...inserts.map(([collection, documents]) => insertSkippingExisting(collection, documents)),
      ...creations.map(async ([model, list]) => {
        // A document that existed gets its guarded update ahead of the batch's later updates of it.
        const existing = await createReturningExisting(model, list);
        if (existing.length > 0) updates.set(model, [...existing, ...(updates.get(model) ?? [])]);
      }),
    ]);
    await Promise.all([...updates.entries()].map(([model, list]) => updateInOrder(model, list)));
  }
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function insertSkippingExisting(collection: Collection, documents: Document[]): Promise<void> {
  if (documents.length === 0) return;
  try {
    await collection.insertMany(documents, { ordered: false });
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
  }
}

/**
 * Inserts the new documents (cast and with defaults, as an upsert through the model would
 * create them) and returns the updates of those whose `_id` was taken.
 */
async function createReturningExisting(model: Model<never>, creations: DeferredCreation[]): Promise<DeferredUpdate[]> {
  const documents = creations.map((c) => (new model(c.fields) as unknown as HydratedDocument<Document>).toObject() as Document);
  try {
    await model.collection.insertMany(documents, { ordered: false });
    return [];
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
    const taken = (error as { writeErrors?: { index: number }[] }).writeErrors;
    // A single duplicate without a list of write errors: every document is decided by its update.
    return taken ? taken.map((e) => creations[e.index]!.ifExisting) : creations.map((c) => c.ifExisting);
  }
}

/**
 * Through the model, so its schema casts values and sets defaults on insert as
 * `Model.updateOne` does. Each write is ordered; a document's updates share one
 * write, or (more than a write holds) go in writes run one after another, so
 * jobs of different documents can run side by side.
 */
async function updateInOrder(model: Model<never>, updates: DeferredUpdate[]): Promise<void> {
  const jobs = writesPerJob(updates);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(UPDATE_WRITES_AT_ONCE, jobs.length) }, async () => {
      while (next < jobs.length) for (const write of jobs[next++]!) await bulkUpdate(model, write);
    }),
  );
}

function writesPerJob(updates: DeferredUpdate[]): DeferredUpdate[][][] {
  const byDocument = new Map<unknown, DeferredUpdate[]>();
  for (const u of updates) append(byDocument, u.filter._id, u);
  const jobs: DeferredUpdate[][][] = [];
  let shared: DeferredUpdate[] = [];
  for (const group of byDocument.values()) {
    if (group.length > UPDATES_PER_WRITE) {
      const own: DeferredUpdate[][] = [];
      for (let i = 0; i < group.length; i += UPDATES_PER_WRITE) own.push(group.slice(i, i + UPDATES_PER_WRITE));
      jobs.push(own);
      continue;
    }
    if (shared.length + group.length > UPDATES_PER_WRITE) {
      jobs.push([shared]);
      shared = [];
    }
    shared.push(...group);
  }
  if (shared.length > 0) jobs.push([shared]);
  return jobs;
}

/** An ordered bulk write stops at its first error: a duplicate key is skipped and the rest goes on. */
async function bulkUpdate(model: Model<never>, updates: DeferredUpdate[]): Promise<void> {
  let from = 0;
  while (from < updates.length) {
    try {
      await model.bulkWrite(updates.slice(from).map((u) => ({ updateOne: { filter: u.filter, update: u.update, upsert: u.upsert } })) as never, { ordered: true });
      return;
    } catch (error) {
      const failed = (error as { writeErrors?: { index: number; code?: number }[] }).writeErrors?.[0];
      if (!failed || !isDuplicateKey(failed)) throw error;
      from += failed.index + 1;
    }
  }
}
