import { Logger } from '@nestjs/common';
import { performance } from 'perf_hooks';
import { Collection, Model } from 'mongoose';
import { Clock, eventsPublished, Lease, relayBacklog, relayOrphans, relayRefusedBatches, relaySetAside, SystemClock } from '@pb/platform';
import { findEach } from '@pb/platform/find-each';
import { insertManyTolerant } from '@pb/platform/insert-many';
import { MessageBroker, MessageTooLarge, OutgoingMessage } from '../broker/message-broker';
import {
  deleteFromOutbox,
  OUTBOX_ORPHAN_GRACE_MS,
  OutboxEntry,
  outboxEntryOf,
  outboxModelOn,
  SNAPSHOTTED_WRITE_NOTE_TTL_MS,
  SNAPSHOTTED_WRITES_COLLECTION,
} from '../event-store/outbox-entry.schema';
import { StoredEvent } from '../event-store/stored-event.schema';

const STOP_WAIT_MS = 3000;
const BACKLOG_EVERY_MS = 15_000;
/** How often notes of snapshotted writes that outlived their write are looked for. */
const NOTES_SWEEP_EVERY_MS = 10 * 60_000;
/** Point lookups of a batch's events in flight at once. */
const LOOKUPS_IN_FLIGHT = 16;
/** Where the relay notes the events it set aside (see SetAside). */
export const SET_ASIDE_COLLECTION = 'outbox_set_aside';

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
  /** How long an outbox entry whose event is not stored is held before it is deleted as an orphan (default OUTBOX_ORPHAN_GRACE_MS). */
  orphanGraceMs?: number;
}

/**
 * Why an event the broker refuses even alone never reached the topic: noted in the
 * `outbox_set_aside` collection (with the event's `_id`, aggregateId, version, type and storedAt)
 * when its entry leaves the outbox, so the relay moves on. After raising the topic's
 * `max.message.bytes`, inserting `{ _id, aggregateId, version, storedAt }` back into `outbox`
 * publishes it (docs/architecture.md).
 */
export interface SetAside {
  at: Date;
  /** The broker's refusal and the event's size; never its content. */
  reason: string;
  bytes: number;
}

export interface RelayHooks {
  /**
   * Runs before a batch goes out, with its events whose snapshots may lag (all but those of bulk
   * writes noted in SNAPSHOTTED_WRITES_COLLECTION), to bring those snapshots up to date.
   */
  beforePublish?: (events: StoredEvent[]) => Promise<void>;
  /** Runs after Kafka acknowledged a batch and before its entries leave the outbox; tests inject crashes here. */
  afterSend?: (events: StoredEvent[]) => Promise<void>;
}

/**
 * Publishes the outbox (one entry per stored event not yet published, in a collection of its own)
 * to the service's topic in bounded batches, keyed by aggregate id, each aggregate's events in
 * version order, then deletes the entries. Only events confirmed stored go out; an entry whose
 * event is missing holds its aggregate back while its writer may still be between its two inserts,
 * and is deleted as an orphan after the grace period. A crash between send and delete republishes
 * the batch on restart: duplicates are possible, losses are not; consumers absorb the duplicates.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly outbox: Model<OutboxEntry>;
  private readonly setAsideNotes: Collection;
  private readonly snapshottedWrites: Collection;
  private notesSweptAt = 0;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private backlogTimer?: NodeJS.Timeout;
  private measuring = false;
  private upgraded = false;
  /** Until when (performance.now()) the last granted lease surely holds: asked again only then. */
  private leadingUntil = 0;
  /** Lowered below `maxBytesPerPartition` when the broker refused a send that kept to it (the topic allows less). */
  private bytesPerPartition?: number;

  constructor(
    private readonly events: Model<StoredEvent>,
    private readonly broker: MessageBroker,
    private readonly lease: Lease,
    private readonly options: RelayOptions,
    private readonly hooks: RelayHooks = {},
    /** The clock the event store stamps `storedAt` with: an entry's age is read on it. */
    private readonly clock: Clock = new SystemClock(),
  ) {
    this.bytesPerPartition = options.maxBytesPerPartition;
    this.outbox = outboxModelOn(events.db);
    this.setAsideNotes = events.db.collection(SET_ASIDE_COLLECTION);
    this.snapshottedWrites = events.db.collection(SNAPSHOTTED_WRITES_COLLECTION);
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
    this.leadingUntil = 0;
    await this.lease.release();
  }

  /** A new event was stored: publish now instead of at the next idle tick. */
  nudge(): void {
    this.wake?.();
  }

  /** Publishes one batch; returns how many events went out (or were set aside). */
  async publishOnce(): Promise<number> {
    const { batch, entries, orphans } = await this.nextBatch();
    if (orphans.length > 0) {
      await this.deleteEntries(orphans);
      relayOrphans.inc({ topic: this.options.topic }, orphans.length);
      // By id only: which aggregate a dead writer touched is not the log's business.
      this.logger.warn(`deleted ${orphans.length} outbox entries whose events were never stored (their writers died or lost a race), e.g. ${orphans[0]._id}`);
    }
    if (batch.length === 0) return 0;
    if (this.hooks.beforePublish) {
      const snapshotted = await this.snapshottedWritesOf(entries);
      const lagging = batch.filter((_, i) => !snapshotted.has(entries[i]!.writeId!));
      if (lagging.length > 0) await this.hooks.beforePublish(lagging);
    }
    const setAside = await this.send(batch);
    await this.hooks.afterSend?.(batch);
    await this.noteSetAside(batch, setAside);
    await this.deleteEntries(entries);
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

  /** Noted before the entries are deleted, so a crash in between at worst notes one twice (same `_id`). */
  private async noteSetAside(batch: StoredEvent[], setAside: Map<string, SetAside>): Promise<void> {
    for (const event of batch) {
      const note = setAside.get(event._id);
      if (!note) continue;
      await this.setAsideNotes.replaceOne({ _id: event._id } as never, { ...outboxEntryOf(event), type: event.type, setAside: note }, { upsert: true });
    }
  }

  /**
   * Up to a batch of the outbox as the database returns it (about oldest first), any earlier
   * entries of its aggregates it lacks, each entry's event, sorted (`storedAt` never goes backwards
   * within an aggregate). Read without a filter or a sort: FerretDB pushes the limit down to
   * PostgreSQL only then; with either it streams the whole backlog for every batch.
   *
   * An entry is published only once its event is found. One whose event is missing holds back
   * its aggregate's later entries (consumers rely on each aggregate's order) while it is younger
   * than the grace period: its writer may be between its two inserts. Older, it is an orphan.
   */
  private async nextBatch(): Promise<{ batch: StoredEvent[]; entries: OutboxEntry[]; orphans: OutboxEntry[] }> {
    const found = await this.outbox.find().limit(this.options.batchSize).lean<OutboxEntry[]>().exec();
    // Fewer than asked for is the whole outbox.
    const entries = found.length < this.options.batchSize ? found : [...found, ...(await this.missingPredecessors(found))];
    entries.sort((a, b) => a.storedAt.getTime() - b.storedAt.getTime() || a.aggregateId.localeCompare(b.aggregateId) || a.version - b.version);
    const stored = await this.storedEvents(entries);
    const graceMs = this.options.orphanGraceMs ?? OUTBOX_ORPHAN_GRACE_MS;
    const now = this.clock.now().getTime();
    const held = new Set<string>();
    const batch: StoredEvent[] = [];
    const published: OutboxEntry[] = [];
    const orphans: OutboxEntry[] = [];
    for (const entry of entries) {
      if (held.has(entry.aggregateId)) continue;
      const event = stored.get(entry._id);
      if (event) {
        batch.push(event);
        published.push(entry);
      } else if (now - entry.storedAt.getTime() > graceMs) orphans.push(entry);
      else held.add(entry.aggregateId);
    }
    return { batch, entries: published, orphans };
  }

  /** The outbox entries of the batch's aggregates older than the batch's first of each. */
  private async missingPredecessors(batch: OutboxEntry[]): Promise<OutboxEntry[]> {
    const earliest = new Map<string, number>();
    for (const e of batch) earliest.set(e.aggregateId, Math.min(e.version, earliest.get(e.aggregateId) ?? Infinity));
    const later = [...earliest].filter(([, version]) => version > 1);
    // FerretDB serves the equality from an index and compares the version itself: an aggregate's entries are few.
    const missing = await findEach(later, ([aggregateId, version]) =>
      this.outbox
        .find({ aggregateId, version: { $lt: version } })
        .lean<OutboxEntry[]>()
        .exec(),
    );
    return missing.flat();
  }

  /**
   * The entries' events. The events of one write share their `storedAt` (a bulk import's hundreds
   * of them): one equality query on it finds them all, when the batch holds at least half of the
   * write's entries. The others are looked up by `_id`. A few queries in flight; never one `$in`
   * over the ids, which FerretDB answers by reading every event.
   */
  private async storedEvents(entries: OutboxEntry[]): Promise<Map<string, StoredEvent>> {
    const byInstant = new Map<number, OutboxEntry[]>();
    for (const e of entries) {
      const group = byInstant.get(e.storedAt.getTime());
      if (group) group.push(e);
      else byInstant.set(e.storedAt.getTime(), [e]);
    }
    const wanted = new Set(entries.map((e) => e._id));
    const stored = new Map<string, StoredEvent>();
    // A query on `storedAt` reads every event of that instant: worth it only when the batch wants most of them.
    const [groups, singles] = partition([...byInstant.values()], (group) => group.length > 1 && group.length * 2 >= Math.max(...group.map((e) => e.writeSize ?? 1)));
    const lookups = singles.flat().map((e) => [e]);
    groups.push(...lookups);
    for (let start = 0; start < groups.length; start += LOOKUPS_IN_FLIGHT) {
      const found = await Promise.all(
        groups
          .slice(start, start + LOOKUPS_IN_FLIGHT)
          .map((group) => this.events.collection.find((group.length === 1 ? { _id: group[0]._id } : { storedAt: group[0].storedAt }) as never).toArray()),
      );
      for (const event of found.flat() as unknown as StoredEvent[]) if (wanted.has(event._id)) stored.set(event._id, event);
    }
    return stored;
  }

  /**
   * The bulk writes among the entries' whose writers noted every snapshot written: one lookup per
   * write of several events (an import's 500), never one per aggregate.
   */
  private async snapshottedWritesOf(entries: OutboxEntry[]): Promise<Set<string>> {
    const writes = [...new Set(entries.filter((e) => e.writeId && (e.writeSize ?? 1) > 1).map((e) => e.writeId!))];
    const noted = await findEach(writes, (writeId) => this.snapshottedWrites.findOne({ _id: writeId } as never, { projection: { _id: 1 } }));
    return new Set(noted.map((note) => String(note._id)));
  }

  /**
   * Deletes the entries: a write whose every entry is among them with one delete by `writeId` (a
   * bulk import's hundreds of entries at once), the others by `_id`. A few dozen statements per
   * write, never one `$in` over the ids (FerretDB reads the whole outbox for that), never the
   * whole batch in one write: FerretDB 1.x holds a database connection for every statement of a
   * write until the command ends, and a write with more statements than its pool has
   * connections waits forever.
   */
  private async deleteEntries(entries: OutboxEntry[]): Promise<void> {
    const perWrite = new Map<string, number>();
    for (const e of entries) if (e.writeId) perWrite.set(e.writeId, (perWrite.get(e.writeId) ?? 0) + 1);
    const whole = new Set([...perWrite].filter(([, n]) => n > 1).map(([writeId]) => writeId));
    for (const e of entries) if (e.writeId && whole.has(e.writeId) && perWrite.get(e.writeId) !== e.writeSize) whole.delete(e.writeId);
    // The notes first: a crash in between leaves entries that are published again, caught up as any write's.
    if (whole.size > 0 && this.hooks.beforePublish)
      await deleteFromOutbox(
        this.snapshottedWrites,
        [...whole].map((writeId) => ({ deleteOne: { filter: { _id: writeId } as never } })),
      );
    const statements = [
      ...[...whole].map((writeId) => ({ deleteMany: { filter: { writeId } as never } })),
      ...entries.filter((e) => !e.writeId || !whole.has(e.writeId)).map((e) => ({ deleteOne: { filter: { _id: e._id } as never } })),
    ];
    await deleteFromOutbox(this.outbox.collection as never, statements);
  }

  /**
   * Moves the unpublished events of a database written before the outbox had its own collection
   * (`published: false` in `events`, found through that version's index) into the outbox, then
   * drops the index: done once, by the first relay that leads. A crash in between moves them
   * again (published twice at worst).
   */
  private async moveLegacyBacklog(): Promise<void> {
    const indexes = await this.events.collection.indexes().catch((error: { codeName?: string }) => {
      if (error.codeName === 'NamespaceNotFound') return [];
      throw error;
    });
    const legacy = indexes.find((index) => index.key && 'published' in index.key);
    if (!legacy?.name) return;
    let moved = 0;
    let chunk: OutboxEntry[] = [];
    const cursor = this.events.collection.find({ published: false }, { projection: { _id: 1, aggregateId: 1, version: 1, storedAt: 1 } });
    for await (const doc of cursor) {
      chunk.push(outboxEntryOf(doc as unknown as OutboxEntry));
      if (chunk.length === 500) {
        await insertManyTolerant(this.outbox.collection, chunk as never[]);
        moved += chunk.length;
        chunk = [];
      }
    }
    await insertManyTolerant(this.outbox.collection, chunk as never[]);
    moved += chunk.length;
    await this.events.collection.dropIndex(legacy.name);
    this.logger.log(`moved ${moved} unpublished events into the outbox collection and dropped the events' index ${legacy.name}`);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const leader = await this.lead();
        if (leader && !this.upgraded) {
          await this.moveLegacyBacklog();
          this.upgraded = true;
        }
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

  /**
   * Whether this relay leads. A granted lease is this process's for at least its ttl from the
   * asking, so it is asked again after half of that rather than on every idle tick (three database
   * round trips each time).
   */
  private async lead(): Promise<boolean> {
    if (performance.now() < this.leadingUntil) return true;
    const asked = performance.now();
    const leader = await this.lease.acquire();
    this.leadingUntil = leader ? asked + this.lease.ttlMs / 2 : 0;
    return leader;
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

  /**
   * The outbox's document count as the database keeps it (`$collStats`), without reading the
   * collection: FerretDB answers `count` and `estimatedDocumentCount` by reading every entry.
   */
  private async outboxSize(): Promise<number> {
    const [stats] = await this.outbox.collection.aggregate<{ count?: number }>([{ $collStats: { count: {} } }]).toArray();
    return stats?.count ?? 0;
  }

  /**
   * Removes notes of snapshotted writes old enough that their writes must have gone out: a note
   * written after the relay had already published its write is never deleted with it. A range
   * over a collection of a few notes, now and then.
   */
  private async sweepNotes(): Promise<void> {
    const now = this.clock.now().getTime();
    if (!this.hooks.beforePublish || now - this.notesSweptAt < NOTES_SWEEP_EVERY_MS) return;
    this.notesSweptAt = now;
    await this.snapshottedWrites.deleteMany({ at: { $lt: new Date(now - SNAPSHOTTED_WRITE_NOTE_TTL_MS) } });
  }

  private async measureBacklog(): Promise<void> {
    // The outbox is the backlog. One measure at a time, should the database be slow to answer.
    if (this.measuring) return;
    this.measuring = true;
    try {
      relayBacklog.set(await this.outboxSize());
      await this.sweepNotes();
    } catch {
      // The database being away is reported by readiness, not here.
    } finally {
      this.measuring = false;
    }
  }
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

function toMessage(e: StoredEvent): OutgoingMessage {
  return {
    key: e.aggregateId,
    value: JSON.stringify(e.envelope),
    headers: { ce_id: e._id, ce_type: e.type, 'content-type': 'application/cloudevents+json' },
  };
}
