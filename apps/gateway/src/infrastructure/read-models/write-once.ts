import { Model, Schema } from 'mongoose';
import { isDuplicateKey } from '@pb/platform';

/**
 * Facts that never change once an event states them (where a case was
 * reported, how much a loan granted) are written whatever the version, so
 * they land even when a newer event of the aggregate was applied first. A new
 * document starts at version 0, so `applyIfNewer` still applies every event.
 */
export async function writeOnce<T>(model: Model<T>, id: string, facts: Record<string, unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await model.updateOne({ _id: id } as never, { $set: facts, $setOnInsert: { version: 0 } } as never, { upsert: true }).exec();
      return;
    } catch (error) {
      // Two upserts of a new id at once: the loser retries as an update.
      if (!isDuplicateKey(error) || attempt > 0) throw error;
    }
  }
}

/** The dashboards filter by exactly one of these (FerretDB uses an index only for plain equality). */
export function indexJurisdiction(schema: Schema): void {
  schema.index({ zoneId: 1 });
  schema.index({ subDistrictId: 1 });
  schema.index({ districtId: 1 });
}
