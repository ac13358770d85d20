import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { createHmac } from 'crypto';
import { Model, Schema } from 'mongoose';
import { NameIndex } from '@pb/contracts';
import { BatchWrites, DeferredUpdate } from '@pb/messaging';
import { isDuplicateKey } from '@pb/platform';
import { AnalystStreamsConfig } from '../analyst-streams.config';

export const KNOWN_NAME = 'KnownName';

/**
 * A registered person's name, learned from an event (已知姓名). Kept in this app's own
 * database only, to scrub the name from free text; never published, never logged. The `_id`
 * is a keyed hash so that a duplicate-key error names no one.
 */
export interface KnownName {
  _id: string;
  name: string;
  learnedAt: Date;
}

export const KnownNameSchema = new Schema<KnownName>({ _id: String, name: String, learnedAt: Date }, { collection: 'known_names', versionKey: false });

/** Names another instance learned are picked up within this time (each instance consumes only some partitions). */
export const KNOWN_NAMES_REFRESH_MS = 60_000;

/** The names analyst-streams scrubs from free text: in memory for the scan, in the database to survive restarts and be shared. */
@Injectable()
export class KnownNames implements OnApplicationBootstrap {
  private index = new NameIndex();
  private loadedAt = 0;

  constructor(
    @InjectModel(KNOWN_NAME) private readonly names: Model<KnownName>,
    private readonly config: AnalystStreamsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
  }

  /**
   * Records names seen in an event; only new ones cost a write, left to the end of the Kafka batch
   * (one bulk write for the batch's new names, stored before its inbox entries). The name is known
   * here at once, for the event's own text.
   */
  async learn(names: string[]): Promise<void> {
    for (const name of names) {
      if (!this.index.add(name)) continue;
      const stored: DeferredUpdate = { filter: { _id: this.keyOf(name) }, update: { $setOnInsert: { name, learnedAt: new Date() } }, upsert: true };
      if (BatchWrites.defer(this.names, stored)) continue;
      try {
        await this.names.updateOne(stored.filter as never, stored.update as never, { upsert: true }).exec();
      } catch (error) {
        // Two instances learning the same name at once: the other one stored it.
        if (!isDuplicateKey(error)) throw error;
      }
    }
  }

  /** Every name known here or stored by another instance up to a minute ago. */
  async current(): Promise<NameIndex> {
    if (Date.now() - this.loadedAt > KNOWN_NAMES_REFRESH_MS) await this.reload();
    return this.index;
  }

  private async reload(): Promise<void> {
    const next = new NameIndex();
    for await (const doc of this.names.find({}, { name: 1 }).lean<KnownName>().cursor()) next.add(doc.name);
    // Names learned here while reading stay known.
    this.index = mergeInto(next, this.index);
    this.loadedAt = Date.now();
  }

  private keyOf(name: string): string {
    return createHmac('sha256', this.config.ANALYST_PSEUDONYM_KEY).update(`known-name\u0000${name}`, 'utf8').digest('hex');
  }
}

function mergeInto(target: NameIndex, source: NameIndex): NameIndex {
  for (const name of source.names()) target.add(name);
  return target;
}
