import { Model } from 'mongoose';
import { applyIfNewerWithBatch, BatchWrites, DeferredUpdate } from '@pb/messaging';
import { isDuplicateKey } from '@pb/platform/duplicate-key';
import type { ReferenceChange } from './reference-changes';

/** An aggregate's first event: the one that almost always creates the document. */
const FIRST_VERSION = 1;

/** The part of a change that holds whatever the version; it raises the version to the event's. */
function regardlessOfVersion({ id, version, once, grows }: ReferenceChange): DeferredUpdate {
  const update: Record<string, unknown> = { $max: { ...grows, version } };
  if (Object.keys(once).length > 0) update.$set = once;
  return { filter: { _id: id }, update, upsert: true };
}

/**
 * Writes a change with the rest of the Kafka batch (at once outside a batch). A first event
 * is queued as a creation; if its document exists already (a redelivery, or a newer event
 * of the aggregate came first), only what holds whatever the version is applied, since a
 * document that exists has seen version 1 or later.
 */
export async function writeChange<T>(model: Model<T>, change: ReferenceChange): Promise<void> {
  await writeVersioned(model, change);
  // Queued after the creation above, so it applies to the created document.
  if (change.apart) await writeApart(model, change.id, change.version, change.apart);
}

async function writeVersioned<T>(model: Model<T>, change: ReferenceChange): Promise<void> {
  const { id, version, ordered, once, grows } = change;
  if (Object.keys(ordered).length + Object.keys(once).length + Object.keys(grows).length === 0) return;
  const regardless = regardlessOfVersion(change);
  if (version === FIRST_VERSION && BatchWrites.deferCreation(model, { ...ordered, ...once, ...grows, _id: id, version }, regardless)) return;
  if (Object.keys(ordered).length > 0) await applyIfNewerWithBatch(model, id, version, ordered);
  if (Object.keys(once).length + Object.keys(grows).length === 0 || BatchWrites.defer(model, regardless)) return;
  await upsert(model, regardless);
}

/** A field with its own version: set only where no newer event set it (an older one is a no-op, skipped on the duplicate key). */
async function writeApart<T>(model: Model<T>, id: string, version: number, { versionField, set }: NonNullable<ReferenceChange['apart']>): Promise<void> {
  const update: DeferredUpdate = {
    filter: { _id: id, $or: [{ [versionField]: { $lt: version } }, { [versionField]: null }] },
    update: { $set: { ...set, [versionField]: version } },
    upsert: true,
  };
  if (BatchWrites.defer(model, update)) return;
  try {
    await model.updateOne(update.filter as never, update.update as never, { upsert: true }).exec();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

async function upsert<T>(model: Model<T>, { filter, update }: DeferredUpdate): Promise<void> {
  try {
    await model.updateOne(filter as never, update as never, { upsert: true }).exec();
  } catch (error) {
    // Two upserts of a new id at once: the document exists now, so the update applies to it.
    if (!isDuplicateKey(error)) throw error;
    await model.updateOne(filter as never, update as never).exec();
  }
}
