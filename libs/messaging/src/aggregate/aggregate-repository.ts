import { Model } from 'mongoose';
import { EventEnvelope } from '@pb/contracts';
import { CommandContext, EventStore, PendingEvent } from '../event-store/event-store';
import { StoredEvent } from '../event-store/stored-event.schema';
import { isDuplicateKey } from '@pb/platform/duplicate-key';
import { findEach } from '@pb/platform/find-each';

/** How an aggregate's state follows from its events; pure domain code. */
export interface AggregateBehaviour<S> {
  type: string;
  evolve(state: S | null, event: EventEnvelope): S;
}

export interface Loaded<S> {
  id: string;
  state: S | null;
  version: number;
  lastEventAt?: Date;
}

interface SnapshotMeta {
  _id: string;
  version: number;
  lastEventAt: Date;
}


/**
 * The event stream is the truth; the snapshot document (the aggregate's current
 * state, in a collection of its own) is what queries read. A snapshot left
 * behind by a crash after the append is caught up on the next load and by the
 * relay before the event is published.
 */
export class AggregateRepository<S extends object> {
  constructor(
    private readonly snapshots: Model<S & SnapshotMeta>,
    private readonly store: EventStore,
    private readonly behaviour: AggregateBehaviour<S>,
  ) {}

  get aggregateType(): string {
    return this.behaviour.type;
  }

  async load(id: string): Promise<Loaded<S>> {
    const snapshot = await this.snapshots.findById(id).lean<S & SnapshotMeta>().exec();
    let state: S | null = snapshot ? stripMeta(snapshot) : null;
    let version = snapshot?.version ?? 0;
    let lastEventAt = snapshot?.lastEventAt;
    for (const event of await this.store.load(id, version)) {
      state = this.behaviour.evolve(state, event);
      version = event.aggregateversion;
      lastEventAt = new Date(event.time);
    }
    return { id, state, version, lastEventAt };
  }

  /** Stores the event at the next version and returns the new state. */
  async save<T>(loaded: Loaded<S>, event: PendingEvent<T>, command: CommandContext): Promise<{ state: S; envelope: EventEnvelope<T> }> {
    const envelope = await this.store.append(loaded.id, loaded.version, event, command, loaded.lastEventAt);
    const state = this.behaviour.evolve(loaded.state, envelope as unknown as EventEnvelope);
    await this.writeSnapshot(loaded.id, state, envelope.aggregateversion, new Date(envelope.time));
    return { state, envelope };
  }

  /** Brings the snapshots of these events' aggregates up to the events' versions. */
  async catchUp(events: Pick<StoredEvent, 'aggregateId' | 'version'>[]): Promise<void> {
    const latest = new Map<string, number>();
    for (const e of events) latest.set(e.aggregateId, Math.max(latest.get(e.aggregateId) ?? 0, e.version));
    if (latest.size === 0) return;
    const found = await findEach([...latest.keys()], (id) => this.snapshots.findById(id, { version: 1 }).lean<SnapshotMeta>().exec());
    const versions = new Map(found.map((s) => [s._id, s.version]));
    for (const [id, version] of latest) {
      if ((versions.get(id) ?? 0) >= version) continue;
      const loaded = await this.load(id);
      if (loaded.state) await this.writeSnapshot(id, loaded.state, loaded.version, loaded.lastEventAt ?? new Date());
    }
  }

  private async writeSnapshot(id: string, state: S, version: number, lastEventAt: Date): Promise<void> {
    try {
      await this.snapshots
        .updateOne({ _id: id, version: { $lt: version } } as never, { $set: { ...state, version, lastEventAt } } as never, { upsert: true })
        .exec();
    } catch (error) {
      // A newer snapshot is already there: nothing to do.
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

function stripMeta<S>(snapshot: S & SnapshotMeta): S {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { _id, version, lastEventAt, ...state } = snapshot as S & SnapshotMeta & { __v?: number };
  return state as unknown as S;
}
