import { Model } from 'mongoose';
import { isDuplicateKey } from '@pb/platform/duplicate-key';
import { BatchWrites, DeferredUpdate } from '../consumer/batch-writes';

/** The one rule of a versioned view: an event applies only to a document that has not seen its version. */
function ifNewer(id: string, version: number, set: Record<string, unknown>): DeferredUpdate {
  return { filter: { _id: id, version: { $lt: version } }, update: { $set: { ...set, version } }, upsert: true };
}

/**
 * Applies an event to a read-model document only if the document has not seen
 * this aggregate version yet. A redelivered or older event changes nothing, which
 * is what makes projections idempotent and rebuildable by replay.
 * Returns whether the document changed.
 */
export async function applyIfNewer<T>(model: Model<T>, id: string, version: number, set: Record<string, unknown>): Promise<boolean> {
  const { filter, update, upsert } = ifNewer(id, version, set);
  try {
    const result = await model.updateOne(filter as never, update as never, { upsert }).exec();
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** An aggregate's first version: its first event is the one that creates its view documents. */
const FIRST_VERSION = 1;

/**
 * `applyIfNewer`, written with the rest of the Kafka batch (a few bulk writes
 * instead of one round trip per event). Only for views that no handler reads
 * within the batch: a read before the batch's end does not see the write yet.
 *
 * An aggregate's first event almost always meets no document, so it is queued
 * as a creation: one insert for the batch's new documents, where the guarded
 * upsert cost a lookup and a write each. A document that exists after all gets
 * the guarded update, so the outcome is the same.
 */
export async function applyIfNewerWithBatch<T>(model: Model<T>, id: string, version: number, set: Record<string, unknown>): Promise<void> {
  const update = ifNewer(id, version, set);
  const queued = version === FIRST_VERSION ? BatchWrites.deferCreation(model, { ...set, _id: id, version }, update) : BatchWrites.defer(model, update);
  if (!queued) await applyIfNewer(model, id, version, set);
}
