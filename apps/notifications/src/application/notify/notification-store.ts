import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Clock, onlyDuplicateKeys } from '@pb/platform';
import { NotificationDraft, notificationId, NotificationRecord, TodoClosure } from '../../domain/notification';
import { NOTIFICATIONS } from '../../infrastructure/notifications.collection';
import { NotificationsConfig } from '../../notifications.config';

/**
 * Stores what the rules decided: drafts become notifications once each (deterministic ids, an
 * insert of an id already there is a no-op), closures turn open to-dos DONE. Shared by the event
 * consumer and the reminders job.
 */
@Injectable()
export class NotificationStore {
  constructor(
    @InjectModel(NOTIFICATIONS) private readonly notifications: Model<NotificationRecord>,
    private readonly config: NotificationsConfig,
    private readonly clock: Clock,
  ) {}

  /** The records of the drafts worth storing: a notice or reminder older than the horizon is dropped, a to-do always kept. */
  recordsOf(drafts: NotificationDraft[], sourceId: string): NotificationRecord[] {
    const now = this.clock.now();
    const horizon = now.getTime() - this.config.NOTICE_HORIZON_HOURS * 3600_000;
    return drafts
      .filter((d) => (d.kind === 'TODO' && !d.stage) || Date.parse(d.at) >= horizon)
      .map((d) => ({
        ...d,
        _id: notificationId(d.rule, sourceId, d.audience, d.stage ?? ''),
        sourceId,
        state: d.kind === 'TODO' ? 'OPEN' : null,
        closedAt: null,
        createdAt: now,
      }));
  }

  /** Inserts the records; those already stored (a redelivery, a replay, a second instance) are kept as they are. */
  async insert(records: NotificationRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      await this.notifications.collection.insertMany(records as never[], { ordered: false });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }

  /**
   * Closes the open to-dos the closures name, except `keep` (the to-dos this same event opens:
   * a redelivered re-dispatch must not close the to-do it made the first time).
   */
  async close(closures: TodoClosure[], keep: string[] = []): Promise<void> {
    const closedAt = this.clock.now();
    for (const c of closures) {
      if (c.rules.length === 0) continue;
      await this.notifications.updateMany(
        {
          'record.id': c.record.id,
          rule: { $in: c.rules },
          state: 'OPEN',
          'record.type': c.record.type,
          ...(c.audience ? { audience: c.audience } : {}),
          ...(keep.length ? { _id: { $nin: keep } } : {}),
        },
        { $set: { state: 'DONE', closedAt } },
      );
    }
  }
}
