import { Schema } from 'mongoose';

export const NOTIFICATION_STATES = 'NotificationState';

/** What one user did with one notification (read, dismissed): `_id` = `<userId>:<notificationId>`. */
export interface NotificationState {
  _id: string;
  userId: string;
  notificationId: string;
  readAt?: Date | null;
  dismissedAt?: Date | null;
}

export const NotificationStateSchema = new Schema<NotificationState>(
  {
    _id: String,
    userId: String,
    notificationId: String,
    readAt: { type: Date, default: null },
    dismissedAt: { type: Date, default: null },
  },
  { collection: 'notification_states', versionKey: false, minimize: false },
);
NotificationStateSchema.index({ userId: 1, notificationId: 1 });

export const stateId = (userId: string, notificationId: string) => `${userId}:${notificationId}`;
