import { Model } from 'mongoose';
import { isDuplicateKey } from '@pb/platform/duplicate-key';


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
  try {
    const result = await model
      .updateOne({ _id: id, version: { $lt: version } } as never, { $set: { ...set, version } } as never, { upsert: true })
      .exec();
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
