import { Model, Schema } from 'mongoose';

export const NOTIFICATION_STATES = 'NotificationState';

/**
 * What one user did with one notification (read, dismissed): `_id` = `<userId>:<notificationId>`.
 * One document per user, `<userId>:*` (notificationId `*`), holds their 全部已读: every notification
 * stored up to its `readAt` is read, without a document per notification.
 */
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

/** The notificationId of a user's 全部已读 mark. */
export const ALL_READ = '*';

/** Whether the user has read the notification: marked one by one, or stored before their last 全部已读. */
export function isRead(createdAt: Date, state: Pick<NotificationState, 'readAt'> | null | undefined, allReadAt: Date | null): boolean {
  return !!state?.readAt || (allReadAt !== null && new Date(createdAt).getTime() <= allReadAt.getTime());
}

/** When the user last marked everything read (null: never). */
export async function allReadAtOf(states: Model<NotificationState>, userId: string): Promise<Date | null> {
  const mark = await states.findById(stateId(userId, ALL_READ)).lean<NotificationState>().exec();
  return mark?.readAt ? new Date(mark.readAt) : null;
}
