import { Schema } from 'mongoose';
import type { NotificationRecord } from '../domain/notification';

export const NOTIFICATIONS = 'Notification';

/**
 * 通知与待办: one document per (rule, fact or reminder stage, audience), `_id` = `notificationId(...)`,
 * inserted once (an insert of an id already there is a no-op: a redelivered or replayed event tells
 * nobody twice).
 */
export const NotificationSchema = new Schema<NotificationRecord>(
  {
    _id: String,
    rule: String,
    kind: String,
    audience: String,
    record: { type: { type: String }, id: String },
    title: String,
    body: String,
    link: String,
    at: String,
    districtId: String,
    zoneId: String,
    stage: String,
    sourceId: String,
    state: { type: String, default: null },
    closedAt: { type: Date, default: null },
    createdAt: Date,
  },
  { collection: 'notifications', versionKey: false, minimize: false },
);
// A user's list: mine, newest first.
NotificationSchema.index({ audience: 1, createdAt: -1 });
// The order the live stream and the channels read in.
NotificationSchema.index({ createdAt: 1, _id: 1 });
// Closing the open to-dos of a record.
NotificationSchema.index({ 'record.id': 1, rule: 1, state: 1 });
// The live stream's look for to-dos closed since its last one.
NotificationSchema.index({ closedAt: 1 });
