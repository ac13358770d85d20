import { Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Model } from 'mongoose';
import { EventEnvelope } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { isDuplicateKey } from '@pb/platform/duplicate-key';
import { findEach } from '@pb/platform/find-each';
import { insertManyTolerant } from '@pb/platform/insert-many';
import { retry } from '@pb/platform/retry';
import { ConcurrencyConflictError } from '../event-store/concurrency-conflict.error';
import { CommandContext, EventStore, Jurisdiction, PendingEvent } from '../event-store/event-store';
import { StoredEvent } from '../event-store/stored-event.schema';
import { AggregateDefinition, Snapshot } from './define-aggregate';

export interface Loaded<S> {
  id: string;
  state: S | null;
  version: number;
  lastEventAt?: Date;
}

/** The aggregate after a write; it can be written again as it is. */
export interface Saved<S, T = unknown> extends Loaded<S> {
  state: S;
  envelope: EventEnvelope<T>;
}

export interface SavedMany<S> extends Loaded<S> {
  state: S;
  envelopes: EventEnvelope[];
}

/** How often decideAndSave decides again after losing a race, before answering 409. */
const DECIDE_ATTEMPTS = 5;

/**
 * The event stream is the truth; the snapshot document (the aggregate's current
 * state, in a collection of its own) is what queries read. A snapshot left
 * behind by a crash after the append is caught up on the next load and by the
 * relay before the event is published.
 */
export class AggregateRepository<S extends object> {
  private readonly logger: Logger;

  constructor(
    private readonly snapshots: Model<Snapshot<S>>,
    private readonly store: EventStore,
    private readonly definition: AggregateDefinition<S>,
  ) {
    this.logger = new Logger(`${definition.type}Repository`);
  }

  get type(): string {
    return this.definition.type;
  }

  async load(id: string): Promise<Loaded<S>> {
    const snapshot = await this.snapshots.findById(id).lean<Snapshot<S>>().exec();
    let state: S | null = snapshot ? stateOf(snapshot) : null;
    let version = snapshot?.version ?? 0;
    let lastEventAt = snapshot?.lastEventAt;
    for (const event of await this.store.load(id, version)) {
      // The events collection holds every aggregate type of the service: an id another type
      // already uses is no record of this one (its events would break this type's evolve: a 500).
      if (event.aggregatetype !== this.definition.type) throw idOfAnotherType(id);
      state = this.definition.evolve(state, event);
      version = event.aggregateversion;
      lastEventAt = new Date(event.time);
    }
    return { id, state, version, lastEventAt };
  }

  /**
   * These aggregates' states as their snapshots have them, without replaying their streams:
   * a cheap read of the other aggregates a command checks (ids missing from the answer have none).
   */
  async statesOf(ids: string[]): Promise<S[]> {
    return findEach(ids, async (id) => {
      const snapshot = await this.snapshots.findById(id).lean<Snapshot<S>>().exec();
      return snapshot && stateOf(snapshot);
    });
  }

  /**
   * Whether the aggregate is on record: its snapshot, or else its stream (a snapshot not yet
   * written: short, or no stream at all), without evolving anything.
   */
  async exists(id: string): Promise<boolean> {
    if (await this.snapshots.exists({ _id: id } as never).exec()) return true;
    return (await this.store.load(id)).some((e) => e.aggregatetype === this.definition.type);
  }

  /** Stores the event at the version after `loaded`'s, in the jurisdiction of the state it leads to unless it names its own. */
  async save<T>(loaded: Loaded<S>, event: PendingEvent<T>, command: CommandContext): Promise<Saved<S, T>> {
    const { envelopes, ...saved } = await this.saveMany(loaded, [event as PendingEvent<unknown>], command);
    return { ...saved, envelope: envelopes[0] as EventEnvelope<T> };
  }

  /** Several events of one command, stored together after `loaded`'s version: all of them, or none on a conflict. */
  async saveMany(loaded: Loaded<S>, events: PendingEvent<unknown>[], command: CommandContext): Promise<SavedMany<S>> {
    if (events.length === 0) throw new Error(`no event to save for ${this.type} ${loaded.id}`);
    let state = loaded.state;
    const envelopes = await this.store.appendMany(
      loaded.id,
      loaded.version,
      events.map(({ jurisdiction: _, ...event }) => event),
      command,
      {
        previousTime: loaded.lastEventAt,
        locate: (envelope) => {
          state = this.definition.evolve(state, envelope);
          return events[envelope.aggregateversion - loaded.version - 1]!.jurisdiction ?? this.jurisdictionOf(state, envelope);
        },
      },
    );
    const last = envelopes[envelopes.length - 1]!;
    const saved = { id: loaded.id, state: state!, version: last.aggregateversion, lastEventAt: new Date(last.time) };
    if (loaded.version === 0) await this.writeFirstSnapshot(saved.id, saved.state, saved.version, saved.lastEventAt);
    else await this.writeSnapshot(saved.id, saved.state, saved.version, saved.lastEventAt);
    return { ...saved, envelopes };
  }

  /**
   * Loads the aggregate, lets `decide` answer the event, and saves it. Losing the race to another
   * writer loads and decides again, a few times, before the conflict is answered (409). A caller
   * that pins `expectedVersion` (it read that version) gets the conflict at once instead.
   */
  decideAndSave<T>(
    id: string,
    decide: (loaded: Loaded<S>) => PendingEvent<T> | Promise<PendingEvent<T>>,
    command: CommandContext,
    options: { expectedVersion?: number } = {},
  ): Promise<Saved<S, T>> {
    const { expectedVersion } = options;
    return retry(
      async () => {
        const loaded = await this.load(id);
        const event = await decide(loaded);
        if (expectedVersion !== undefined && expectedVersion !== loaded.version) throw new ConcurrencyConflictError(id, expectedVersion);
        return this.save(loaded, event, command);
      },
      { attempts: expectedVersion === undefined ? DECIDE_ATTEMPTS : 1, retryIf: (error) => error instanceof ConcurrencyConflictError },
    );
  }

  /**
   * Many new aggregates at once (a bulk import): each one's first event, then their snapshots,
   * in bulk writes. Returns the ids created; an id whose stream already existed is left out.
   */
  async createMany(firsts: { id: string; event: PendingEvent<unknown> }[], command: CommandContext): Promise<string[]> {
    const states = new Map<string, S>();
    const writeId = randomUUID();
    const envelopes = await this.store.appendNew(
      firsts.map(({ id, event }) => ({ aggregateId: id, event })),
      command,
      {
        locate: (envelope) => {
          const state = this.definition.evolve(null, envelope);
          states.set(envelope.id, state);
          return this.jurisdictionOf(state, envelope);
        },
        writeId,
      },
    );
    if (envelopes.length === 0) return [];
    const documents = envelopes.map((e) => ({ _id: e.subject, ...states.get(e.id)!, version: 1, lastEventAt: new Date(e.time) }));
    // A snapshot that is not written here is healed by the relay's catch-up before its event goes out;
    // once all are written, the note spares the relay a lookup per aggregate.
    const written = await insertManyTolerant(this.snapshots.collection, documents as never[]).then(
      () => true,
      (error: Error) => {
        this.logger.warn(`snapshots of ${documents.length} new aggregates left to the relay's catch-up: ${error.message}`);
        return false;
      },
    );
    if (written) await this.store.noteSnapshotsWritten(writeId);
    return envelopes.map((e) => e.subject);
  }

  /** Brings the snapshots of these events' aggregates up to the events' versions. */
  async catchUp(events: Pick<StoredEvent, 'aggregateId' | 'version'>[]): Promise<void> {
    const latest = new Map<string, number>();
    for (const e of events) latest.set(e.aggregateId, Math.max(latest.get(e.aggregateId) ?? 0, e.version));
    if (latest.size === 0) return;
    const found = await findEach([...latest.keys()], (id) => this.snapshots.findById(id, { version: 1 }).lean<{ _id: string; version: number }>().exec());
    const versions = new Map(found.map((s) => [s._id, s.version]));
    for (const [id, version] of latest) {
      if ((versions.get(id) ?? 0) >= version) continue;
      const loaded = await this.load(id);
      if (loaded.state) await this.writeSnapshot(id, loaded.state, loaded.version, loaded.lastEventAt ?? new Date());
    }
  }

  private jurisdictionOf(state: S, envelope: EventEnvelope): Jurisdiction {
    if (!this.definition.jurisdiction) throw new Error(`${envelope.type} for ${envelope.subject} must name its jurisdiction: a ${this.type} does not know its own`);
    return this.definition.jurisdiction(state);
  }

  /**
   * A new aggregate's snapshot: its stream began with this command, so no snapshot can be newer and a
   * plain insert does (an upsert is a lookup and a write on FerretDB). The one that can be there
   * already is the same state, written by the relay's catch-up in between.
   */
  private async writeFirstSnapshot(id: string, state: S, version: number, lastEventAt: Date): Promise<void> {
    try {
      // ignoreUndefined: as the upsert's $set, which leaves out undefined fields.
      await this.snapshots.collection.insertOne({ ...state, _id: id, version, lastEventAt } as never, { ignoreUndefined: true });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  private async writeSnapshot(id: string, state: S, version: number, lastEventAt: Date): Promise<void> {
    try {
      await this.snapshots.updateOne({ _id: id, version: { $lt: version } } as never, { $set: { ...state, version, lastEventAt } } as never, { upsert: true }).exec();
    } catch (error) {
      // A newer snapshot is already there: nothing to do.
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

function idOfAnotherType(id: string): DomainError {
  return new DomainError('conflict', 'ID_IN_USE', `编号 ${id.slice(0, 64)} 已被其他类型的记录使用`, { id: id.slice(0, 64) });
}

function stateOf<S>(snapshot: Snapshot<S>): S {
  const { _id, version, lastEventAt, ...state } = snapshot as Snapshot<S> & { __v?: number };
  return state as unknown as S;
}
