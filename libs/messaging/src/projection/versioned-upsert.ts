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
export async function applyIfNewer<T>(
  model: Model<T>,
  id: string,
  version: number,
  set: Record<string, unknown>,
): Promise<boolean> {
  const { filter, update, upsert } = ifNewer(id, version, set);
  try {
    const result = await model.updateOne(filter as never, update as never, { upsert }).exec();
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/**
 * `applyIfNewer`, written with the rest of the Kafka batch (a few bulk writes
 * instead of one round trip per event). Only for views that no handler reads
 * within the batch: a read before the batch's end does not see the write yet.
 */
export async function applyIfNewerWithBatch<T>(model: Model<T>, id: string, version: number, set: Record<string, unknown>): Promise<void> {
  if (!BatchWrites.defer(model, ifNewer(id, version, set))) await applyIfNewer(model, id, version, set);
}
