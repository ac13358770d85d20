import { Schema } from 'mongoose';

export const NOTIFICATION_CONTEXTS = 'NotificationContext';

/**
 * What the rules remember per record (an aggregate, by the events' `subject`): the rules'
 * `RecordContext` spread at the top, with `version` (the last aggregate version applied, so a
 * redelivered event is not applied twice) and `nextReminderAt` stored as a date (when its next
 * deadline reminder falls due, null: none), which the reminders job looks for.
 */
export interface StoredContext {
  _id: string;
  version: number;
  nextReminderAt: Date | null;
  updatedAt: Date;
  [field: string]: unknown;
}

export const NotificationContextSchema = new Schema<StoredContext>(
  {
    _id: String,
    version: Number,
    nextReminderAt: { type: Date, default: null },
    updatedAt: Date,
  },
  // The rest is the rules' own shape (n2's `RecordContext`), kept as they leave it.
  { collection: 'notification_contexts', versionKey: false, minimize: false, strict: false },
);
NotificationContextSchema.index({ nextReminderAt: 1 });
