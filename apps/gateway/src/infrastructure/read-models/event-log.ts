import { Schema } from 'mongoose';

export const EVENT_LOG = 'EventLog';

/** Every event of every context, once (keyed by event id): timelines and record histories. */
export interface EventLogEntry {
  _id: string;
  type: string;
  context: string;
  subject: string;
  aggregateType: string;
  version: number;
  time: Date;
  districtId: string;
  zoneId: string;
  actorId: string;
  correlationId: string;
  data: Record<string, unknown>;
}

export const EventLogSchema = new Schema<EventLogEntry>(
  {
    _id: String,
    type: String,
    context: String,
    subject: String,
    aggregateType: String,
    version: Number,
    time: Date,
    districtId: String,
    zoneId: String,
    actorId: String,
    correlationId: String,
    data: Schema.Types.Mixed,
  },
  { collection: 'event_log', versionKey: false, minimize: false },
);
EventLogSchema.index({ subject: 1, version: 1 });
EventLogSchema.index({ zoneId: 1, time: -1 });
EventLogSchema.index({ districtId: 1, time: -1 });
EventLogSchema.index({ time: -1 });
