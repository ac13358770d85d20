import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Clock } from '@pb/platform';
import { RecordContext } from '../../domain/rules';
import { NOTIFICATION_CONTEXTS, StoredContext } from '../../infrastructure/contexts.collection';

/** The rules' per-record contexts (`notification_contexts`): `nextReminderAt` a date in the store, a string in the rules. */
@Injectable()
export class ContextStore {
  constructor(
    @InjectModel(NOTIFICATION_CONTEXTS) readonly model: Model<StoredContext>,
    private readonly clock: Clock,
  ) {}

  async load(subject: string): Promise<RecordContext | null> {
    const stored = await this.model.findById(subject).lean<StoredContext>().exec();
    return stored ? contextOf(stored) : null;
  }

  /** Replaces the record's context (null: the rules keep nothing about it any more). */
  async save(subject: string, context: RecordContext | null): Promise<void> {
    if (!context) {
      await this.model.deleteOne({ _id: subject });
      return;
    }
    await this.model.replaceOne({ _id: subject }, this.documentOf(subject, context), { upsert: true });
  }

  /** Replaces the context only if it is still at `version` (no event applied since it was read). */
  async saveIfVersion(subject: string, version: number, context: RecordContext): Promise<void> {
    await this.model.replaceOne({ _id: subject, version }, this.documentOf(subject, { ...context, version }));
  }

  private documentOf(subject: string, context: RecordContext): StoredContext {
    return { ...context, _id: subject, nextReminderAt: context.nextReminderAt ? new Date(context.nextReminderAt) : null, updatedAt: this.clock.now() };
  }
}

export function contextOf(stored: StoredContext): RecordContext {
  const { _id, updatedAt, nextReminderAt, ...rest } = stored;
  void _id;
  void updatedAt;
  return { ...(rest as unknown as RecordContext), nextReminderAt: nextReminderAt ? new Date(nextReminderAt).toISOString() : null };
}
