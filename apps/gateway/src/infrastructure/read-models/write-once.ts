import { Model, Schema } from 'mongoose';
import { isDuplicateKey, retry } from '@pb/platform';

/**
 * Facts that never change once an event states them (where a case was
 * reported, how much a loan granted) are written whatever the version, so
 * they land even when a newer event of the aggregate was applied first. A new
 * document starts at version 0, so `applyIfNewer` still applies every event.
 */
export async function writeOnce<T>(model: Model<T>, id: string, facts: Record<string, unknown>): Promise<void> {
  // Two upserts of a new id at once: the loser goes again, as an update.
  await retry(() => model.updateOne({ _id: id } as never, { $set: facts, $setOnInsert: { version: 0 } } as never, { upsert: true }).exec(), { attempts: 2, retryIf: isDuplicateKey });
}

/** The dashboards filter by exactly one of these (FerretDB uses an index only for plain equality). */
export function indexJurisdiction(schema: Schema): void {
  schema.index({ zoneId: 1 });
  schema.index({ subDistrictId: 1 });
  schema.index({ districtId: 1 });
}
