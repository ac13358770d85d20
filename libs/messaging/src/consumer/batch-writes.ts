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

/**
 * A document that a handler expects to create, and the updates that decide it if it exists
 * already: the creation's own, then those of later events of the batch folded into `fields`.
 */
interface DeferredCreation {
  fields: Record<string, unknown>;
  ifExisting: DeferredUpdate[];
  /** Written ahead of the batch's end (`createQueuedNow`). */
  written?: boolean;
}

/** Documents written at the end of a batch with its other inserts (the consumer's inbox entries). */
export interface BatchRecord {
  collection: Collection;
  documents: Document[];
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
 * An update of a document whose creation is queued in the same batch is folded
 * into the created document where its filter and operators can be decided in
 * memory (an aggregate's first events usually share a batch): one insert
 * instead of an insert and an update.
 *
 * The transport flushes before it resolves any offset of the batch, so a failed
 * flush means the whole batch comes again. The inbox entries of the batch are
 * written with its inserts; only when a handler that relies on the inbox left
 * writes to the flush do they wait until those are stored (a redelivery would
 * otherwise skip that handler and lose them). Outside a batch (a test calling a
 * handler) each write happens at once.
 */
export class BatchWrites {
  private static readonly current = new AsyncLocalStorage<BatchWrites>();
  /** Set while a handler that the inbox guards runs. */
  private static readonly inboxGuarded = new AsyncLocalStorage<boolean>();
  private readonly inserts = new Map<Collection, Document[]>();
  private readonly creations = new Map<Model<never>, DeferredCreation[]>();
  /** Queued creations by `_id`, that later updates of their document are folded into (null: no longer). */
  private readonly openCreations = new Map<Model<never>, Map<unknown, DeferredCreation | null>>();
  /** Every queued creation by `_id`. */
  private readonly creationsById = new Map<Model<never>, Map<unknown, DeferredCreation[]>>();
  /** The `_id`s with updates in `updates`: a creation queued after one of them takes no later update. */
  private readonly updated = new Map<Model<never>, Set<unknown>>();
  private readonly updates = new Map<Model<never>, DeferredUpdate[]>();
  /** A handler guarded by the inbox queued writes: the inbox entries wait for them. */
  private inboxAfterWrites = false;

  /** Runs a batch's handlers so that their writes wait for `flush()`. */
  static run<T>(batch: BatchWrites, work: () => Promise<T>): Promise<T> {
    return BatchWrites.current.run(batch, work);
  }

  /** Runs a handler that relies on the inbox: writes it queues are stored before the batch's inbox entries. */
  static guardedByInbox<T>(work: () => Promise<T>): Promise<T> {
    return BatchWrites.inboxGuarded.run(true, work);
  }

  /** The batch running, noting whether a handler guarded by the inbox queues a write. */
  private static queueing(): BatchWrites | undefined {
    const batch = BatchWrites.current.getStore();
    if (batch && BatchWrites.inboxGuarded.getStore()) batch.inboxAfterWrites = true;
    return batch;
  }

  /** Inserts a document; one whose `_id` exists already is skipped, as a redelivery should. */
  static async insert(collection: Collection, document: Document): Promise<void> {
    const batch = BatchWrites.queueing();
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
    const batch = BatchWrites.queueing();
    if (!batch) return false;
    const key = model as unknown as Model<never>;
    const open = batch.openCreations.get(key);
    const creation = open?.get(update.filter._id);
    if (creation) {
      const folded = applyInMemory(creation.fields, update);
      if (folded) {
        creation.fields = folded;
        creation.ifExisting.push(update);
        return true;
      }
      // Queued after the creation: later updates of the document must queue after this one.
      open!.set(update.filter._id, null);
    }
    append(batch.updates, key, update);
    let updated = batch.updated.get(key);
    if (!updated) batch.updated.set(key, (updated = new Set()));
    updated.add(update.filter._id);
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
    const batch = BatchWrites.queueing();
    if (!batch) return false;
    const key = model as unknown as Model<never>;
    const creation: DeferredCreation = { fields, ifExisting: [ifExisting] };
    append(batch.creations, key, creation);
    let byId = batch.creationsById.get(key);
    if (!byId) batch.creationsById.set(key, (byId = new Map()));
    append(byId, fields._id, creation);
    let open = batch.openCreations.get(key);
    if (!open) batch.openCreations.set(key, (open = new Map()));
    // A second creation of one document in a batch (a redelivered first event): later updates queue as usual.
    open.set(fields._id, open.has(fields._id) || batch.updated.get(key)?.has(fields._id) ? null : creation);
    return true;
  }

  /**
   * Writes at once the creations this batch queued for the document `id` (with what was folded
   * into them), for a handler about to read or write it directly; nothing outside a batch or
   * when none is queued. Updates of it still queued stay for the batch's end.
   */
  static async createQueuedNow<T>(model: Model<T>, id: unknown): Promise<void> {
    const batch = BatchWrites.current.getStore();
    const key = model as unknown as Model<never>;
    const queued = batch?.creationsById.get(key)?.get(id);
    if (!batch || !queued) return;
    const existing = await createReturningExisting(key, queued);
    if (existing.length > 0) await updateInOrder(key, existing);
    // Only once written: a handler that fails here and runs again finds them still queued.
    for (const creation of queued) creation.written = true;
    batch.creationsById.get(key)!.delete(id);
    batch.openCreations.get(key)?.set(id, null);
  }

  /**
   * Writes what the batch queued; `record` (the inbox entries) goes with the inserts, or after
   * every other write when a handler that the inbox guards queued some.
   */
  async flush(record?: BatchRecord): Promise<void> {
    await this.take(record)();
  }

  /**
   * What `flush` writes, taken out of the batch as a write that may be run again after a failure
   * (each of its writes leaves the same outcome when repeated, as a redelivered batch would).
   */
  take(record?: BatchRecord): () => Promise<void> {
    const inserts = [...this.inserts.entries()];
    const creations = [...this.creations.entries()].map(([model, list]) => [model, list.filter((c) => !c.written)] as const).filter(([, list]) => list.length > 0);
    const queued = [...this.updates.entries()];
    const recordLast = this.inboxAfterWrites;
    this.inserts.clear();
    this.creations.clear();
    this.openCreations.clear();
    this.creationsById.clear();
    this.updated.clear();
    this.updates.clear();
    this.inboxAfterWrites = false;
    const recorded = record && record.documents.length > 0 ? record : undefined;
    return async () => {
      const updates = new Map(queued);
      await Promise.all([
        ...inserts.map(([collection, documents]) => insertSkippingExisting(collection, documents)),
        ...creations.map(async ([model, list]) => {
          // A document that existed gets its guarded updates ahead of the batch's later updates of it.
          const existing = await createReturningExisting(model, list);
          if (existing.length > 0) updates.set(model, [...existing, ...(updates.get(model) ?? [])]);
        }),
        ...(recorded && !recordLast ? [insertSkippingExisting(recorded.collection, recorded.documents)] : []),
      ]);
      await Promise.all([...updates.entries()].map(([model, list]) => updateInOrder(model, list)));
      if (recorded && recordLast) await insertSkippingExisting(recorded.collection, recorded.documents);
    };
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
    // A single duplicate without a list of write errors: every document is decided by its updates.
    return (taken ? taken.map((e) => creations[e.index]!) : creations).flatMap((c) => c.ifExisting);
  }
}

type Outcome = 'matches' | 'misses' | 'unknown';

/**
 * The document `update` would leave of `document` (an update whose filter misses it leaves it as
 * it is: as an upsert it would fail on the taken `_id`, which the bulk write skips), or null
 * where that cannot be decided here (an operator or comparison not handled below).
 */
function applyInMemory(document: Record<string, unknown>, { filter, update }: DeferredUpdate): Record<string, unknown> | null {
  const match = matches(document, filter);
  if (match === 'unknown') return null;
  if (match === 'misses') return document;
  const next = { ...document };
  for (const [operator, fields] of Object.entries(update)) {
    if (!isPlainObject(fields)) return null;
    for (const [field, value] of Object.entries(fields)) {
      if (field.includes('.') || field.startsWith('$')) return null;
      if (operator === '$set') next[field] = value;
      else if (operator === '$max') {
        const current = next[field];
        if (current === undefined || current === null) next[field] = value;
        else if (!comparable(current, value)) return null;
        else if ((value as number) > (current as number)) next[field] = value;
      } else if (operator !== '$setOnInsert') return null; // the document exists: no insert
    }
  }
  return next;
}

function matches(document: Record<string, unknown>, filter: Record<string, unknown>): Outcome {
  let outcome: Outcome = 'matches';
  for (const [field, condition] of Object.entries(filter)) {
    let one: Outcome;
    if (field === '$or') {
      if (!Array.isArray(condition)) return 'unknown';
      const each = condition.map((c) => (isPlainObject(c) ? matches(document, c) : 'unknown'));
      one = each.includes('matches') ? 'matches' : each.includes('unknown') ? 'unknown' : 'misses';
    } else if (field.startsWith('$') || field.includes('.')) return 'unknown';
    else one = fieldMatches(document[field], condition);
    if (one === 'unknown') return 'unknown';
    if (one === 'misses') outcome = 'misses';
  }
  return outcome;
}

function fieldMatches(value: unknown, condition: unknown): Outcome {
  if (condition === null) return value === null || value === undefined ? 'matches' : 'misses';
  if (typeof condition === 'string' || typeof condition === 'number' || typeof condition === 'boolean') {
    if (value === undefined || value === null || typeof value === typeof condition) return value === condition ? 'matches' : 'misses';
    return 'unknown';
  }
  if (!isPlainObject(condition)) return 'unknown';
  const entries = Object.entries(condition);
  if (entries.length !== 1 || typeof entries[0]![1] !== 'number') return 'unknown';
  const [operator, bound] = entries[0] as [string, number];
  // A range on a missing or null field matches nothing; another type is left to the database.
  if (value === undefined || value === null) return 'misses';
  if (typeof value !== 'number') return 'unknown';
  const holds = { $lt: value < bound, $lte: value <= bound, $gt: value > bound, $gte: value >= bound }[operator];
  return holds === undefined ? 'unknown' : holds ? 'matches' : 'misses';
}

/** Values `$max` orders as JavaScript does: two numbers, two booleans or two dates (strings are left to the database's collation). */
function comparable(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return true;
  return typeof a === typeof b && (typeof a === 'number' || typeof a === 'boolean');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
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
