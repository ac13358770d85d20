import { Schema } from 'mongoose';

export const SOURCE_FRESHNESS = 'SourceFreshness';

/** Per source context, the time of the newest event the read models have applied. */
export interface SourceFreshness {
  _id: string;
  lastEventTime: Date;
}

export const SourceFreshnessSchema = new Schema<SourceFreshness>({ _id: String, lastEventTime: Date }, { collection: 'source_freshness', versionKey: false });
