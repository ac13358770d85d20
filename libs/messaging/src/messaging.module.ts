import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { getConnectionToken, getModelToken, MongooseModule } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { Context, CONTEXT_TOPICS, deadLetterTopic } from '@pb/contracts';
import { BrokerReadiness, Clock, eventsStored, Lease, leaseOwner, ServiceConfig } from '@pb/platform';
import { aggregateProviders, SnapshotCatchUp } from './aggregate/aggregates.providers';
import { AggregateDefinition } from './aggregate/define-aggregate';
import { MessageBroker } from './broker/message-broker';
import { DEFAULT_TRANSPORT_OPTIONS, KafkaEventTransport } from './consumer/kafka-event-transport';
import { Inbox } from './consumer/inbox';
import { EventStore } from './event-store/event-store';
import { OUTBOX_ENTRY_MODEL, OutboxEntrySchema } from './event-store/outbox-entry.schema';
import { STORED_EVENT_MODEL, StoredEvent, StoredEventSchema } from './event-store/stored-event.schema';
import { KAFKA_BROKER_PROVIDERS } from './kafka/kafka-message-broker';
import { OutboxRelay } from './relay/outbox-relay';

export interface MessagingOptions {
  /** The context this service owns (it writes the context's topic); the gateway owns none. */
  context?: Context;
  /** Topics this service consumes, and its consumer group. */
  consumes?: { groupId: string; topics: string[] };
  /** The aggregates this service writes: their repositories, snapshot models and the relay's catch-up. */
  // Of different states (see AnyDefinition in aggregates.providers.ts: `object` would refuse them).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  aggregates?: AggregateDefinition<any>[];
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Creates the topics, starts the relay, stops it when the app shuts down, and closes the broker's connections last. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');

  constructor(
    private readonly broker: MessageBroker,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly config: ServiceConfig,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const prefix = this.config.KAFKA_TOPIC_PREFIX;
    const topics = new Set<string>((this.options.consumes?.topics ?? []).map((t) => prefix + t));
    if (this.options.context) topics.add(prefix + CONTEXT_TOPICS[this.options.context]);
    await this.broker.ensureTopics(
      [...topics]
        .flatMap((topic) => [
          { topic, retentionMs: undefined },
          // Dead letters are looked at and re-driven, then age out: they may hold what a consumer refused, personal data included.
          { topic: deadLetterTopic(topic), retentionMs: this.config.KAFKA_DLQ_RETENTION_MS },
        ])
        .map(({ topic, retentionMs }) => ({
          topic,
          partitions: this.config.KAFKA_PARTITIONS,
          replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
          minInsyncReplicas: this.config.KAFKA_MIN_INSYNC_REPLICAS,
          retentionMs,
        })),
    );
    if (this.relay) {
      this.relay.start();
      this.logger.log(`outbox relay publishing to ${prefix}${CONTEXT_TOPICS[this.options.context!]}`);
    }
  }

  /** Before the database connection closes, so the relay's last batch can finish and leave the outbox. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }

  /** After the consumer has stopped (Nest closes microservices between the two hooks): it may dead-letter until then. */
  async onApplicationShutdown(): Promise<void> {
    await this.broker.close();
  }
}

/**
 * Fault injection for the reliability suite (test/reliability): `PB_FAULT_RELAY_PAUSE_AFTER_SEND_MS`
 * holds every batch between Kafka's acknowledgement and its deletion from the outbox, so a test can kill the process
 * inside that window. No deployment sets it; unset, the relay has no hook here.
 */
function faultPauseAfterSend(): (() => Promise<void>) | undefined {
  const ms = Number(process.env.PB_FAULT_RELAY_PAUSE_AFTER_SEND_MS ?? 0);
  return ms > 0 ? () => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 60_000))) : undefined;
}

@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions): DynamicModule {
    const aggregates = aggregateProviders(options.aggregates ?? []);
    const relayProvider = {
      provide: OutboxRelay,
      inject: [getModelToken(STORED_EVENT_MODEL), MessageBroker, getConnectionToken(), ServiceConfig, SnapshotCatchUp, Clock],
      useFactory: (model: Model<StoredEvent>, broker: MessageBroker, connection: Connection, config: ServiceConfig, snapshots: SnapshotCatchUp, clock: Clock) =>
        options.context
          ? new OutboxRelay(
              model,
              broker,
              new Lease(connection, 'outbox-relay', leaseOwner(config.INSTANCE_ID), 10_000),
              { topic: config.KAFKA_TOPIC_PREFIX + CONTEXT_TOPICS[options.context], batchSize: 1000, idleMs: 250, maxBytesPerPartition: config.KAFKA_MAX_BATCH_BYTES },
              { beforePublish: (events) => snapshots.run(events), afterSend: faultPauseAfterSend() },
              clock,
            )
          : null,
    };
    const providers = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      ...KAFKA_BROKER_PROVIDERS,
      { provide: BrokerReadiness, useExisting: MessageBroker },
      relayProvider,
      {
        provide: EventStore,
        inject: [getModelToken(STORED_EVENT_MODEL), OutboxRelay, Clock],
        useFactory: (model: Model<StoredEvent>, relay: OutboxRelay | null, clock: Clock) =>
          new EventStore(
            model,
            options.context ?? ('gateway' as Context),
            (type, count) => {
              eventsStored.inc({ type }, count);
              relay?.nudge();
            },
            clock,
          ),
      },
      ...aggregates.providers,
      MessagingLifecycle,
      {
        provide: KafkaEventTransport,
        inject: [MessageBroker, getConnectionToken(), ServiceConfig],
        useFactory: (broker: MessageBroker, connection: Connection, config: ServiceConfig) =>
          options.consumes
            ? new KafkaEventTransport(broker, new Inbox(connection, config.KAFKA_GROUP_ID ?? options.consumes.groupId), {
                groupId: config.KAFKA_GROUP_ID ?? options.consumes.groupId,
                topics: options.consumes.topics.map((t) => config.KAFKA_TOPIC_PREFIX + t),
                ...DEFAULT_TRANSPORT_OPTIONS,
              })
            : null,
      },
    ];
    return {
      module: MessagingModule,
      global: true,
      imports: [
        MongooseModule.forFeature([
          { name: STORED_EVENT_MODEL, schema: StoredEventSchema },
          // Registered here so its unique index is built at start; the store and the relay find it on the connection.
          { name: OUTBOX_ENTRY_MODEL, schema: OutboxEntrySchema },
          ...aggregates.models,
        ]),
      ],
      providers,
      exports: [EventStore, OutboxRelay, KafkaEventTransport, MessageBroker, BrokerReadiness, MongooseModule, ...aggregates.exported],
    };
  }
}
