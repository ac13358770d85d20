import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@pb/contracts';
import { decideNotifications, evolveContext } from '../../domain/rules';
import { ContextStore } from './context-store';
import { NotificationStore } from './notification-store';

/**
 * Turns one fact of any context into to-dos and notices. Exactly once without the inbox: the
 * notifications' ids are deterministic (a second insert is a no-op), and the record's context is
 * saved last with the version it has applied, so a redelivered event (version not newer) is
 * skipped, and one that comes back before its context was saved is decided again alike.
 */
@Injectable()
export class NotifyOnEvent {
  constructor(
    private readonly contexts: ContextStore,
    private readonly store: NotificationStore,
  ) {}

  async execute(event: EventEnvelope): Promise<void> {
    const context = await this.contexts.load(event.subject);
    if (context && event.aggregateversion <= context.version) return;
    const decision = decideNotifications(event, context);
    const records = this.store.recordsOf(decision.notify, event.id);
    // Closures first, sparing what this event opens (a redelivered re-dispatch must not close the
    // to-do it made the first time); then the new ones; the context last.
    await this.store.close(
      decision.close,
      records.map((r) => r._id),
    );
    await this.store.insert(records);
    const next = evolveContext(context, event);
    if (next || context) await this.contexts.save(event.subject, next ? { ...next, version: event.aggregateversion } : null);
  }
}
