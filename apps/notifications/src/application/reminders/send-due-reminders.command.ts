import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@pb/platform';
import { dueReminders } from '../../domain/rules';
import { StoredContext } from '../../infrastructure/contexts.collection';
import { ContextStore, contextOf } from '../notify/context-store';
import { NotificationStore } from '../notify/notification-store';

export class SendDueReminders {}

export interface RemindersSent {
  /** Records whose reminders fell due. */
  records: number;
  /** Reminders stored (a reminder already stored, or past the horizon, is not counted). */
  reminders: number;
}

const PAGE = 100;

/**
 * 到期提醒: for every record whose next reminder is due, the rules' reminders, stored once each
 * (the stage is in the id: a second run, or a second instance, stores nothing new), then the
 * record's next reminder time.
 */
@CommandHandler(SendDueReminders)
export class SendDueRemindersHandler implements ICommandHandler<SendDueReminders, RemindersSent> {
  constructor(
    private readonly contexts: ContextStore,
    private readonly store: NotificationStore,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<RemindersSent> {
    const now = this.clock.now();
    const done = new Set<string>();
    const sent: RemindersSent = { records: 0, reminders: 0 };
    for (;;) {
      const due = await this.contexts.model
        .find({ nextReminderAt: { $lte: now }, ...(done.size ? { _id: { $nin: [...done] } } : {}) })
        .sort({ nextReminderAt: 1, _id: 1 })
        .limit(PAGE)
        .lean<StoredContext[]>()
        .exec();
      if (due.length === 0) break;
      for (const stored of due) {
        done.add(stored._id);
        const { notify, context } = dueReminders(contextOf(stored), now);
        const records = this.store.recordsOf(notify, `reminder:${stored._id}`);
        await this.store.insert(records);
        // Only over the context the reminders were decided on: an event applied meanwhile wins, and
        // the reminder due again next run is the same id, stored once.
        await this.contexts.saveIfVersion(stored._id, stored.version, context);
        sent.records++;
        sent.reminders += records.length;
      }
      if (due.length < PAGE) break;
    }
    return sent;
  }
}
