import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Actor } from '@pb/platform';
import { audiencesOf, NotificationRecord } from '../../domain/notification';
import { NOTIFICATIONS } from '../../infrastructure/notifications.collection';
import { ALL_READ, allReadAtOf, NOTIFICATION_STATES, NotificationState } from '../../infrastructure/states.collection';

export class CountUnread {
  constructor(readonly actor: Actor) {}
}

export interface UnreadCount {
  /** Open to-dos I have not read (nor dismissed). */
  todo: number;
  /** Notices I have not read (nor dismissed). */
  notice: number;
}

/** 未读数: for the bell; a to-do counts only while it is open. */
@QueryHandler(CountUnread)
export class CountUnreadHandler implements IQueryHandler<CountUnread, UnreadCount> {
  constructor(
    @InjectModel(NOTIFICATIONS) private readonly notifications: Model<NotificationRecord>,
    @InjectModel(NOTIFICATION_STATES) private readonly states: Model<NotificationState>,
  ) {}

  async execute({ actor }: CountUnread): Promise<UnreadCount> {
    const audiences = audiencesOf(actor);
    const allReadAt = await allReadAtOf(this.states, actor.userId);
    const since = allReadAt ? { createdAt: { $gt: allReadAt } } : {};
    // What I marked one by one since (marking all read clears those marks), subtracted from what is addressed to me.
    const marked = (
      await this.states
        .find({ userId: actor.userId, notificationId: { $ne: ALL_READ }, $or: [{ readAt: { $ne: null } }, { dismissedAt: { $ne: null } }] }, { notificationId: 1 })
        .lean<Pick<NotificationState, 'notificationId'>[]>()
        .exec()
    ).map((s) => s.notificationId);
    // One query per audience: see notificationsOf.
    const count = async (filter: Record<string, unknown>) => {
      const per = await Promise.all(
        audiences.map(async (audience) => {
          const all = await this.notifications.countDocuments({ audience, ...filter, ...since });
          const seen = all > 0 && marked.length > 0 ? await this.notifications.countDocuments({ audience, ...filter, ...since, _id: { $in: marked } }) : 0;
          return all - seen;
        }),
      );
      return per.reduce((a, b) => a + b, 0);
    };
    const [todo, notice] = await Promise.all([count({ kind: 'TODO', state: 'OPEN' }), count({ kind: 'NOTICE' })]);
    return { todo, notice };
  }
}
