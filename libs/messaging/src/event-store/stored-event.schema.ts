import { Schema } from 'mongoose';

/**
 * One document per event in the service's `events` collection: the aggregates' streams, written
 * once and never changed. What is still to be published is in the `outbox` collection
 * (outbox-entry.schema.ts). Events stored before the outbox had its own collection carry
 * `published`/`publishedAt`; the relay moves the unpublished ones into the outbox once.
 */
export interface StoredEvent {
  _id: string; // envelope id
  aggregateId: string;
  aggregateType: string;
  version: number;
  type: string;
  envelope: Record<string, unknown>;
  storedAt: Date;
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
  },
  { collection: 'events', versionKey: false, minimize: false },
);

// The optimistic-concurrency guard: two writers of the same version cannot both win.
StoredEventSchema.index({ aggregateId: 1, version: 1 }, { unique: true });
// The relay's check that an outbox entry's event is stored: the events of one write share their
// `storedAt`, so one equality query confirms a bulk write's hundreds of events.
StoredEventSchema.index({ storedAt: 1 });

export const STORED_EVENT_MODEL = 'StoredEvent';
