import { Inject, Injectable, Provider } from '@nestjs/common';
import { getModelToken, InjectModel, ModelDefinition } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventStore } from '../event-store/event-store';
import { StoredEvent } from '../event-store/stored-event.schema';
import { AggregateRepository } from './aggregate-repository';
import { AggregateDefinition, Snapshot } from './define-aggregate';

// Definitions of different states side by side: a state type is both taken and returned by `evolve`, so
// no AggregateDefinition<S> is an AggregateDefinition<object>.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDefinition = AggregateDefinition<any>;

const repositoryToken = (definition: AnyDefinition): string => `${definition.type}Repository`;

/** A handler's repository of one aggregate: `@InjectAggregate(Organizations) organizations: AggregateRepository<Organization>`. */
export const InjectAggregate = (definition: AnyDefinition): ParameterDecorator => Inject(repositoryToken(definition));

/** A query's snapshot model of one aggregate: `@InjectSnapshots(Organizations) organizations: Model<Snapshot<Organization>>`. */
export const InjectSnapshots = (definition: AnyDefinition): ParameterDecorator => InjectModel(definition.snapshotModel);

/**
 * Brings the snapshots of a batch's aggregates up to date before the relay publishes it.
 * Each repository joins it as it is created (the relay is built before them: the event store
 * the repositories write through nudges the relay).
 */
@Injectable()
export class SnapshotCatchUp {
  private readonly repositories = new Map<string, AggregateRepository<object>>();

  add<S extends object>(repository: AggregateRepository<S>): AggregateRepository<S> {
    this.repositories.set(repository.type, repository as unknown as AggregateRepository<object>);
    return repository;
  }

  async run(events: StoredEvent[]): Promise<void> {
    for (const [type, repository] of this.repositories) {
      const own = events.filter((e) => e.aggregateType === type);
      if (own.length > 0) await repository.catchUp(own);
    }
  }
}

/** The snapshot models, one repository per aggregate and the relay's catch-up over all of them. */
export function aggregateProviders(definitions: AnyDefinition[]): { models: ModelDefinition[]; providers: Provider[]; exported: string[] } {
  return {
    models: definitions.map((d) => ({ name: d.snapshotModel, schema: d.snapshotSchema })),
    providers: [
      SnapshotCatchUp,
      ...definitions.map((d) => ({
        provide: repositoryToken(d),
        inject: [getModelToken(d.snapshotModel), EventStore, SnapshotCatchUp],
        useFactory: (snapshots: Model<Snapshot<object>>, store: EventStore, catchUp: SnapshotCatchUp) => catchUp.add(new AggregateRepository(snapshots, store, d)),
      })),
    ],
    exported: definitions.map(repositoryToken),
  };
}
