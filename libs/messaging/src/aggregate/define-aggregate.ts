import { Schema } from 'mongoose';
import type { EventEnvelope } from '@pb/contracts';
import type { Jurisdiction } from '../event-store/event-store';

/** A snapshot document: the aggregate's state as its evolve left it, and the version that state reflects. */
export type Snapshot<S> = S & { _id: string; version: number; lastEventAt: Date };

/** One index of a snapshot collection, e.g. `{ districtId: 1, zoneId: 1 }`. */
export type SnapshotIndex = Record<string, 1 | -1>;

export interface AggregateDefinitionInput<S extends object> {
  /** The aggregate type, as the envelopes' `aggregatetype` carries it. */
  type: string;
  /** The aggregate's pure domain evolve. */
  evolve: (state: S | null, event: EventEnvelope) => S;
  /** The snapshot collection, which queries read. */
  collection: string;
  /** The snapshot collection's indexes, for the queries that read it. */
  indexes?: SnapshotIndex[];
  /**
   * Where the aggregate is, read from the state an event leads to: the envelope's
   * `districtid`/`zoneid`. Omitted when the state does not say; then every event names its own.
   */
  jurisdiction?: (state: S) => Jurisdiction;
}

/** Everything the repository, the snapshot model and the relay's catch-up need to know about one aggregate. */
export interface AggregateDefinition<S extends object> extends Readonly<Required<Omit<AggregateDefinitionInput<S>, 'jurisdiction'>>> {
  readonly jurisdiction?: (state: S) => Jurisdiction;
  /** The mongoose model name of the snapshots, for `@InjectSnapshots`. */
  readonly snapshotModel: string;
  readonly snapshotSchema: Schema;
}

/**
 * One aggregate, declared once. Its snapshot document is whatever `evolve` returns:
 * the events are checked against their schemas before they are stored, so the
 * snapshot schema only declares the bookkeeping (`_id`, `version`, `lastEventAt`)
 * and the indexes, and lets the state's fields through as they are.
 */
export function defineAggregate<S extends object>(input: AggregateDefinitionInput<S>): AggregateDefinition<S> {
  const indexes = input.indexes ?? [];
  return { ...input, indexes, snapshotModel: `${input.type}Snapshot`, snapshotSchema: snapshotSchema(input.collection, indexes) };
}

function snapshotSchema(collection: string, indexes: SnapshotIndex[]): Schema {
  const schema = new Schema(
    { _id: { type: String, required: true }, version: { type: Number, required: true }, lastEventAt: { type: Date, required: true } },
    { collection, versionKey: false, strict: false, minimize: false },
  );
  for (const index of indexes) schema.index(index);
  return schema;
}

/** The jurisdiction of a state that keeps its own `districtId` and `zoneId` (no zone is `''` on the envelope). */
export function ownJurisdiction(state: { districtId: string | null; zoneId?: string | null }): Jurisdiction {
  return { districtId: state.districtId ?? '', zoneId: state.zoneId ?? '' };
}

/** The jurisdiction of a city-wide aggregate (a rule set, the service targets): no district, no zone. */
export function cityWide(): Jurisdiction {
  return { districtId: '', zoneId: '' };
}
