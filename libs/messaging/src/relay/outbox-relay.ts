import { Logger } from '@nestjs/common';
import { Model } from 'mongoose';
import { eventsPublished, Lease, relayBacklog, relayRefusedBatches, relaySetAside } from '@pb/platform';
import { findEach } from '@pb/platform/find-each';
import { MessageBroker, MessageTooLarge, OutgoingMessage } from '../broker/message-broker';
import { StoredEvent } from '../event-store/stored-event.schema';

const STOP_WAIT_MS = 3000;
const BACKLOG_EVERY_MS = 15_000;
/** Kept well under the local FerretDB's connection pool, summed over every relay at once (see markPublished). */
const MARK_STATEMENTS_PER_WRITE = 20;

export interface RelayOptions {
  topic: string;
  batchSize: number;
  /** How long to wait when there is nothing to publish (a nudge wakes it sooner). */
  idleMs: number;
  /**
   * The most bytes one partition's share of a send holds (`KAFKA_MAX_BATCH_BYTES`), below the
   * topic's `max.message.bytes`; a batch over it goes out in several sends. Unset: one send.
   */
  maxBytesPerPartition?: number;
}

/**
 * How an event the broker refuses even alone is marked in the outbox (next to `published: true`,
 * so the relay moves on): it never reached the topic. After raising the topic's
 * `max.message.bytes`, setting `published` back to false (and unsetting `setAside`) publishes it.
 */
export interface SetAside {
  at: Date;
  /** The broker's refusal and the event's size; never its content. */
  reason: string;
  bytes: number;
}

export interface RelayHooks {
  /** Runs before a batch goes out, e.g. to bring lagging snapshots up to date. */
  beforePublish?: (events: StoredEvent[]) => Promise<void>;
  /** Runs after Kafka acknowledged a batch and before it is marked; tests inject crashes here. */
  afterSend?: (events: StoredEvent[]) => Promise<void>;
}

/**
 * Publishes the outbox (unpublished stored events) to the service's topic in
 * bounded batches, keyed by aggregate id, each aggregate's events in version
 * order, then marks them. A crash between send and mark republishes the batch
 * on restart: duplicates are possible, losses are not; consumers absorb the
 * duplicates.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private backlogTimer?: NodeJS.Timeout;
  private measuring = false;
  /** Lowered below `maxBytesPerPartition` when the broker refused a send that kept to it (the topic allows less). */
  private bytesPerPartition?: number;

  constructor(
    private readonly events: Model<StoredEvent>,
    private readonly broker: MessageBroker,
    private readonly lease: Lease,
    private readonly options: RelayOptions,
    private readonly hooks: RelayHooks = {},
  ) {
    this.bytesPerPartition = options.maxBytesPerPartition;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    this.backlogTimer = setInterval(() => void this.measureBacklog(), BACKLOG_EVERY_MS);
    this.backlogTimer.unref();
  }

  /**
   * Stops after the batch in flight, waiting for it at most STOP_WAIT_MS: an
   * unfinished batch is simply published again by the next relay (the outbox
   * keeps it), so shutdown never has to wait for a slow database.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    clearInterval(this.backlogTimer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
    clearTimeout(timer);
    await this.lease.release();
  }

  /** A new event was stored: publish now instead of at the next idle tick. */
  nudge(): void {
    this.wake?.();
  }

  /** Publishes one batch; returns how many events went out. */
  async publishOnce(): Promise<number> {
    const batch = await this.nextBatch();
    if (batch.length === 0) return 0;
    await this.hooks.beforePublish?.(batch);
    const setAside = await this.send(batch);
    await this.hooks.afterSend?.(batch);
    await this.markPublished(batch.filter((e) => !setAside.has(e._id)));
    await this.markSetAside(setAside);
    eventsPublished.inc({ topic: this.options.topic }, batch.length - setAside.size);
    return batch.length;
  }

  /**
   * Sends the batch in order. A send the broker refuses as too large (the topic allows less than
   * `maxBytesPerPartition`) is sent again in halves, and later sends keep to that half; an event
   * refused alone can never be published: it is set aside and the rest of the batch goes on.
   * Returns the events set aside.
   */
  private async send(batch: StoredEvent[]): Promise<Map<string, SetAside>> {
    const setAside = new Map<string, SetAside>();
    let rest = batch;
    while (rest.length > 0) {
      try {
        await this.broker.publish(this.options.topic, rest.map(toMessage), { maxBytesPerPartition: this.bytesPerPartition });
        break;
      } catch (error) {
        if (!(error instanceof MessageTooLarge)) throw error;
        relayRefusedBatches.inc({ topic: this.options.topic });
        rest = rest.slice(error.accepted);
        if (error.refused > 1) {
          // Always smaller than before, so the sends shrink until each holds one event.
          this.bytesPerPartition = Math.max(1, Math.floor(Math.min(error.bytes, this.bytesPerPartition ?? error.bytes) / 2));
          this.logger.warn(
            `${this.options.topic} refused ${error.refused} events of up to ${error.bytes} bytes per partition as too large; sending at most ${this.bytesPerPartition} bytes per partition from now on`,
          );
          continue;
        }
        const [event] = rest;
        const bytes = Buffer.byteLength(JSON.stringify(event.envelope));
        setAside.set(event._id, { at: new Date(), reason: error.reason.slice(0, 500), bytes });
        relaySetAside.inc({ topic: this.options.topic });
        // Names the event by id, type and size only: its content may be personal data.
        this.logger.error(
          `set aside event ${event._id} (${event.type} v${event.version}, ${bytes} bytes): ${this.options.topic} refuses it as too large; the outbox goes on without it`,
        );
        rest = rest.slice(1);
      }
    }
    return setAside;
  }

  /**
   * Marked with the collection's own driver: `setAside` is the relay's note, outside the stored
   * event's schema (mongoose would drop it).
   */
  private async markSetAside(setAside: Map<string, SetAside>): Promise<void> {
    for (const [id, note] of setAside) {
      await this.events.collection.updateOne({ _id: id } as never, { $set: { published: true, publishedAt: null, setAside: note } });
    }
  }

  /**
   * Up to a batch of the backlog as the database returns it (about oldest first), sorted. Not
   * sorted by the database: FerretDB sorts in memory, so it would read and sort the whole backlog
   * for every batch (docs/performance.md). Without the sort a
   * full batch need not hold an aggregate's earliest unpublished events, so any it lacks are
   * added: consumers rely on each aggregate's order.
   */
  private async nextBatch(): Promise<StoredEvent[]> {
    const found = await this.events.find({ published: false }).limit(this.options.batchSize).lean<StoredEvent[]>().exec();
    // Fewer than asked for is the whole backlog (an event is stored only after its predecessors).
    const batch = found.length < this.options.batchSize ? found : [...found, ...(await this.missingPredecessors(found))];
    return batch.sort((a, b) => a.storedAt.getTime() - b.storedAt.getTime() || a.aggregateId.localeCompare(b.aggregateId) || a.version - b.version);
  }

  /** The unpublished events of the batch's aggregates older than the batch's first of each. */
  private async missingPredecessors(batch: StoredEvent[]): Promise<StoredEvent[]> {
    const earliest = new Map<string, number>();
    for (const e of batch) earliest.set(e.aggregateId, Math.min(e.version, earliest.get(e.aggregateId) ?? Infinity));
    const later = [...earliest].filter(([, version]) => version > 1);
    // FerretDB serves the two equalities from indexes and compares the version itself: an aggregate's backlog is small.
    const missing = await findEach(later, ([aggregateId, version]) =>
      this.events
        .find({ aggregateId, published: false, version: { $lt: version } })
        .lean<StoredEvent[]>()
        .exec(),
    );
    return missing.flat();
  }

  /**
   * One statement per event, each found by `_id`, a few dozen statements per round trip. Not one
   * `$in` over the ids: FerretDB reads the whole backlog for that, so a large backlog would
   * drain in time growing with its square. Not the whole batch in one write either: FerretDB 1.x
   * holds a database connection for every statement of an update until the command ends, and a
   * write with more statements than its pool has connections waits forever.
   */
  private async markPublished(batch: StoredEvent[]): Promise<void> {
    const publishedAt = new Date();
    for (let start = 0; start < batch.length; start += MARK_STATEMENTS_PER_WRITE) {
      const chunk = batch.slice(start, start + MARK_STATEMENTS_PER_WRITE);
      await this.events.bulkWrite(
        chunk.map((e) => ({ updateOne: { filter: { _id: e._id }, update: { $set: { published: true, publishedAt } } } })),
        { ordered: false },
      );
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const leader = await this.lease.acquire();
        const published = leader ? await this.publishOnce() : 0;
        failures = 0;
        if (published < this.options.batchSize) await this.sleep(leader ? this.options.idleMs : this.options.idleMs * 5);
      } catch (error) {
        failures += 1;
        // Kafka or the database is away: back off, never give up, never skip.
        const delay = Math.min(200 * 2 ** failures, 10_000);
        this.logger.warn(`relay batch failed (attempt ${failures}), retrying in ${delay} ms: ${(error as Error).message}`);
        await this.sleep(delay);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async measureBacklog(): Promise<void> {
    // Counting reads the whole backlog on FerretDB: on a busy database one count can
    // outlast the interval, and counts piling up would starve the database.
    if (this.measuring) return;
    this.measuring = true;
    try {
      relayBacklog.set(await this.events.countDocuments({ published: false }).exec());
    } catch {
      // The database being away is reported by readiness, not here.
    } finally {
      this.measuring = false;
    }
  }
}

function toMessage(e: StoredEvent): OutgoingMessage {
  return {
    key: e.aggregateId,
    value: JSON.stringify(e.envelope),
    headers: { ce_id: e._id, ce_type: e.type, 'content-type': 'application/cloudevents+json' },
  };
}
