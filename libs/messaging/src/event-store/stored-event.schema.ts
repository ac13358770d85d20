import { Schema } from 'mongoose';

/**
 * One document per event in the service's `events` collection. The collection is
 * both the aggregates' streams and the outbox: `published` stays false until the
 * relay has handed the event to Kafka. (A boolean rather than "publishedAt is
 * null" because FerretDB answers equality on a boolean from an index but reads
 * every document to find nulls.)
 */
export interface StoredEvent {
  _id: string; // envelope id
  aggregateId: string;
  aggregateType: string;
  version: number;
  type: string;
  envelope: Record<string, unknown>;
  storedAt: Date;
  published: boolean;
  publishedAt: Date | null;
}

export const StoredEventSchema = new Schema<StoredEvent>(
  {
    _id: { type: String, required: true },
    aggregateId: { type: String, required: true },
    aggregateType: { type: String, required: true },
    version: { type: Number, required: true },
    type: { type: String, required: true },
    envelope: { type: Schema.Types.Mixed, required: true },
    storedAt: { type: Date, required: true },
    published: { type: Boolean, required: true, default: false },
    publishedAt: { type: Date, default: null },
  },
  { collection: 'events', versionKey: false, minimize: false },
);

// The optimistic-concurrency guard: two writers of the same version cannot both win.
StoredEventSchema.index({ aggregateId: 1, version: 1 }, { unique: true });
// The relay's scan for unpublished events, oldest first.
StoredEventSchema.index({ published: 1, storedAt: 1, aggregateId: 1, version: 1 });

export const STORED_EVENT_MODEL = 'StoredEvent';
