import { Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Model } from 'mongoose';
import { performance } from 'perf_hooks';
import { assertValidPayload, EventDefinition, EventEnvelope, eventSource, Context } from '@pb/contracts';
import { Clock, SystemClock } from '@pb/platform/clock';
import { isDuplicateKey, onlyDuplicateKeys } from '@pb/platform/duplicate-key';
import { insertManyTolerant } from '@pb/platform/insert-many';
import { ConcurrencyConflictError } from './concurrency-conflict.error';
import { deleteFromOutbox, OUTBOX_WRITER_RECHECK_MS, OutboxEntry, outboxEntryOf, outboxModelOn, SNAPSHOTTED_WRITES_COLLECTION } from './outbox-entry.schema';
import { StoredEvent } from './stored-event.schema';

/** Who asked for the change and in which jurisdiction; copied onto every envelope. */
export interface CommandContext {
  correlationId: string;
  causationId?: string;
  actorId: string;
}

export interface Jurisdiction {
  districtId: string;
  zoneId: string;
}

export interface PendingEvent<T = Record<string, unknown>> {
  definition: EventDefinition<T> & { type: string };
  data: T;
  /** The envelope's `districtid`/`zoneid`; without it, the append's `locate` answers. */
  jurisdiction?: Jurisdiction;
}

export interface AppendOptions {
  /** When the stream's last event was stored: a new event is never stamped earlier. */
  previousTime?: Date;
  /**
   * The jurisdiction of an event that names none, given its envelope (id, time and
   * version set). Called for each new envelope in order, before anything is stored.
   */
  locate?: (envelope: EventEnvelope) => Jurisdiction;
}

/**
 * Writes each event twice without a transaction (FerretDB has none): its outbox entry first, then
 * the event. The relay publishes an entry only once its event is stored, so an entry whose writer
 * died or lost a race is never published; it is withdrawn here, or deleted by the relay as an
 * orphan after a grace period.
 */
export class EventStore {
  private readonly logger = new Logger(EventStore.name);
  private readonly outbox: Model<OutboxEntry>;

  constructor(
    private readonly model: Model<StoredEvent>,
    private readonly context: Context,
    private readonly onStored: (type: string, count: number) => void = () => undefined,
    /** Stamps the events' time, so tests that move the clock see it in their events too. */
    private readonly clock: Clock = new SystemClock(),
  ) {
    this.outbox = outboxModelOn(model.db);
  }

  /**
   * Appends one event to an aggregate's stream at `expectedVersion + 1`. The unique
   * (aggregateId, version) index makes a concurrent writer fail instead of
   * overwriting: one command, one aggregate, one atomic insert.
   */
  async append<T>(aggregateId: string, expectedVersion: number, event: PendingEvent<T>, command: CommandContext, options: AppendOptions = {}): Promise<EventEnvelope<T>> {
    const [envelope] = await this.appendMany(aggregateId, expectedVersion, [event], command, options);
    return envelope as EventEnvelope<T>;
  }

  /**
   * Appends several events to one aggregate's stream at `expectedVersion + 1`, `+ 2`, … in
   * one ordered insert. The first of them is the version guard: a writer that lost the race
   * to it stores none of its events and gets the ConcurrencyConflictError.
   */
  async appendMany(aggregateId: string, expectedVersion: number, events: PendingEvent<unknown>[], command: CommandContext, options: AppendOptions = {}): Promise<EventEnvelope[]> {
    // Never earlier than the stream's previous event, so "oldest first" keeps
    // each aggregate's order even when instances' clocks disagree.
    const now = new Date(Math.max(this.clock.now().getTime(), options.previousTime?.getTime() ?? 0));
    const envelopes = events.map((event, i) => this.envelope(aggregateId, expectedVersion + 1 + i, event, command, now, options.locate));
    const docs = envelopes.map((envelope) => storedEventOf(envelope, now));
    const started = performance.now();
    try {
      // The outbox's own unique (aggregateId, version) stops most losers of a race before they write an event.
      const write = { id: randomUUID(), size: docs.length };
      await this.outbox.collection.insertMany(docs.map((d) => outboxEntryOf(d, write)) as never[], { ordered: true });
    } catch (error) {
      const failedAt = firstFailedIndex(error);
      if (failedAt !== undefined) await this.withdraw(docs.slice(0, failedAt));
      if (onlyDuplicateKeys(error)) throw new ConcurrencyConflictError(aggregateId, expectedVersion);
      throw error;
    }
    try {
      await this.model.collection.insertMany(docs as never[], { ordered: true });
    } catch (error) {
      // An ordered insert stored every event before the first failure and none after it. Without a
      // per-document answer (the connection dropped) the events may be stored: their entries stay,
      // and the relay publishes them or, the events missing past its grace, deletes them.
      const failedAt = firstFailedIndex(error);
      if (failedAt !== undefined) await this.withdraw(docs.slice(failedAt));
      if (onlyDuplicateKeys(error)) throw new ConcurrencyConflictError(aggregateId, expectedVersion);
      throw error;
    }
    await this.keepEntriesOfSlowWrite(docs, started);
    for (const event of events) this.onStored(event.definition.type, 1);
    return envelopes;
  }

  /**
   * The first events of many new aggregates (a bulk import), in a few bulk inserts rather than
   * one per aggregate. Each is still the version-1 document of its own stream, guarded by the
   * same unique index; an aggregate whose stream already exists is left out. Returns the
   * envelopes stored.
   */
  async appendNew(
    firsts: { aggregateId: string; event: PendingEvent<unknown> }[],
    command: CommandContext,
    options: Pick<AppendOptions, 'locate'> & { writeId?: string } = {},
  ): Promise<EventEnvelope[]> {
    if (firsts.length === 0) return [];
    const now = this.clock.now();
    const envelopes = firsts.map(({ aggregateId, event }) => this.envelope(aggregateId, 1, event, command, now, options.locate));
    const docs = envelopes.map((envelope) => storedEventOf(envelope, now));
    const started = performance.now();
    // An aggregate whose first entry is already in the outbox is being (or was) created by another writer: left out.
    const write = { id: options.writeId ?? randomUUID(), size: docs.length };
    const entered = await insertManyTolerant(this.outbox.collection, docs.map((d) => outboxEntryOf(d, write)) as never[]).then((taken) => docs.filter((_, i) => !taken.has(i)));
    const taken = await insertManyTolerant(this.model.collection, entered as never[]);
    await this.withdraw(entered.filter((_, i) => taken.has(i)));
    const storedIds = new Set(entered.filter((_, i) => !taken.has(i)).map((d) => d._id));
    await this.keepEntriesOfSlowWrite(
      docs.filter((d) => storedIds.has(d._id)),
      started,
    );
    const stored = envelopes.filter((e) => storedIds.has(e.id));
    const perType = new Map<string, number>();
    for (const e of stored) perType.set(e.type, (perType.get(e.type) ?? 0) + 1);
    for (const [type, count] of perType) this.onStored(type, count);
    return stored;
  }

  /**
   * Notes that every snapshot of a bulk write (`appendNew` with this `writeId`) is written, so the
   * relay need not look them up before it publishes the write's events. Best effort: without the
   * note the relay catches them up as for any write.
   */
  async noteSnapshotsWritten(writeId: string): Promise<void> {
    await this.model.db
      .collection(SNAPSHOTTED_WRITES_COLLECTION)
      .insertOne({ _id: writeId, at: this.clock.now() } as never)
      .catch((error: Error) => this.logger.warn(`snapshots of write ${writeId} not noted (the relay will look them up): ${error.message}`));
  }

  /** The aggregate's events after `afterVersion`, in order. */
  async load(aggregateId: string, afterVersion = 0): Promise<EventEnvelope[]> {
    const docs = await this.model
      .find({ aggregateId, version: { $gt: afterVersion } })
      .sort({ version: 1 })
      .lean()
      .exec();
    return docs.map((d) => d.envelope as unknown as EventEnvelope);
  }

  /**
   * Deletes the entries of events that were not stored. If that fails too, they are orphans the
   * relay deletes after its grace period; the caller's own failure is what matters.
   */
  private async withdraw(docs: StoredEvent[]): Promise<void> {
    try {
      await deleteFromOutbox(
        this.outbox.collection as never,
        docs.map((d) => ({ deleteOne: { filter: { _id: d._id } as never } })),
      );
    } catch (error) {
      this.logger.warn(`${docs.length} outbox entries of events not stored left to the relay: ${(error as Error).message}`);
    }
  }

  /**
   * A write that took longer than OUTBOX_WRITER_RECHECK_MS between its two inserts may have had
   * its entries deleted as orphans by a relay that looked before the events were stored (the
   * relay's grace is longer, but clocks differ): they are written again (already there: a
   * duplicate, nothing done).
   */
  private async keepEntriesOfSlowWrite(docs: StoredEvent[], started: number): Promise<void> {
    if (docs.length === 0 || performance.now() - started <= OUTBOX_WRITER_RECHECK_MS) return;
    // Without their write: a relay's delete of the whole write may have passed them by.
    await insertManyTolerant(this.outbox.collection, docs.map((d) => outboxEntryOf(d)) as never[]);
  }

  /** The envelope of a new event at `version`, its payload checked against the event's schema. */
  private envelope(aggregateId: string, version: number, event: PendingEvent<unknown>, command: CommandContext, time: Date, locate: AppendOptions['locate']): EventEnvelope {
    assertValidPayload(event.definition.type, event.data);
    const envelope: EventEnvelope = {
      specversion: '1.0',
      id: randomUUID(),
      source: eventSource(this.context),
      type: event.definition.type,
      subject: aggregateId,
      time: time.toISOString(),
      datacontenttype: 'application/json',
      dataschema: `schemas/${event.definition.context}/${event.definition.name}.v${event.definition.version}.json`,
      aggregatetype: event.definition.aggregateType,
      aggregateversion: version,
      districtid: '',
      zoneid: '',
      correlationid: command.correlationId,
      causationid: command.causationId ?? command.correlationId,
      actorid: command.actorId,
      data: event.data,
    };
    const jurisdiction = event.jurisdiction ?? locate?.(envelope);
    if (!jurisdiction) throw new Error(`${event.definition.type} for ${aggregateId} names no jurisdiction`);
    envelope.districtid = jurisdiction.districtId;
    envelope.zoneid = jurisdiction.zoneId;
    return envelope;
  }
}

/** Where an ordered insert stopped, when the database said which document failed. */
function firstFailedIndex(error: unknown): number | undefined {
  const writeErrors = (error as { writeErrors?: { index: number }[] } | null)?.writeErrors;
  if (writeErrors?.length) return Math.min(...writeErrors.map((w) => w.index));
  // A single failed insert may come without the list (the driver's MongoServerError for a duplicate key).
  return isDuplicateKey(error) ? 0 : undefined;
}

/** The `events` document holding an envelope. */
function storedEventOf(envelope: EventEnvelope, storedAt: Date): StoredEvent {
  return {
    _id: envelope.id,
    aggregateId: envelope.subject,
    aggregateType: envelope.aggregatetype,
    version: envelope.aggregateversion,
    type: envelope.type,
    envelope: envelope as unknown as Record<string, unknown>,
    storedAt,
  };
}
