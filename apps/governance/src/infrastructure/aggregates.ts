import { Injectable, Type } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Schema } from 'mongoose';
import type { EventEnvelope } from '@pb/contracts';
import { AggregateRepository, EventStore, SnapshotCatchUp } from '@pb/messaging';

type SnapshotDoc<S> = S & { _id: string; version: number; lastEventAt: Date };

/**
 * A snapshot collection: the aggregate's current state is whatever its pure
 * `evolve` says (the events are validated against their schemas), so the
 * document shape is not repeated here; only ids, version and indexes are.
 */
export function snapshotSchema(collection: string, indexes: Record<string, 1 | -1>[] = []): Schema {
  const schema = new Schema(
    { _id: { type: String, required: true }, version: { type: Number, required: true }, lastEventAt: { type: Date, required: true } },
    { collection, versionKey: false, strict: false, minimize: false },
  );
  for (const index of indexes) schema.index(index);
  return schema;
}

/** One repository class per aggregate, registered for the relay's snapshot catch-up. */
export function aggregateRepository<S extends object>(type: string, modelName: string, evolve: (state: S | null, event: EventEnvelope) => S): Type<AggregateRepository<S>> {
  @Injectable()
  class Repository extends AggregateRepository<S> {
    constructor(@InjectModel(modelName) snapshots: Model<SnapshotDoc<S>>, store: EventStore, catchUp: SnapshotCatchUp) {
      super(snapshots, store, { type, evolve });
      catchUp.register(this as unknown as AggregateRepository<object>);
    }
  }
  return Repository;
}
