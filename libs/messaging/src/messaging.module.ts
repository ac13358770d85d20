import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { getConnectionToken, getModelToken, MongooseModule } from '@nestjs/mongoose';
import { Kafka, Producer } from 'kafkajs';
import { Connection, Model } from 'mongoose';
import { Context, CONTEXT_TOPICS, deadLetterTopic } from '@pb/contracts';
import { Clock, ensureTopics, eventsStored, KAFKA, ServiceConfig } from '@pb/platform';
import { aggregateProviders, SnapshotCatchUp } from './aggregate/aggregates.providers';
import { AggregateDefinition } from './aggregate/define-aggregate';
import { DEFAULT_TRANSPORT_OPTIONS, KafkaEventTransport } from './consumer/kafka-event-transport';
import { Inbox } from './consumer/inbox';
import { EventStore } from './event-store/event-store';
import { STORED_EVENT_MODEL, StoredEvent, StoredEventSchema } from './event-store/stored-event.schema';
import { OutboxRelay } from './relay/outbox-relay';
import { RelayLease } from './relay/relay-lease';

export interface MessagingOptions {
  /** The context this service owns (it writes the context's topic); the gateway owns none. */
  context?: Context;
  /** Topics this service consumes, and its consumer group. */
  consumes?: { groupId: string; topics: string[] };
  /** The aggregates this service writes: their repositories, snapshot models and the relay's catch-up. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  aggregates?: AggregateDefinition<any>[];
}

export const RELAY_PRODUCER = Symbol('RELAY_PRODUCER');
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Creates the topics, starts the relay and stops it when the app shuts down. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly config: ServiceConfig,
    @Inject(RELAY_PRODUCER) private readonly producer: Producer,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const prefix = this.config.KAFKA_TOPIC_PREFIX;
    const topics = new Set<string>((this.options.consumes?.topics ?? []).map((t) => prefix + t));
    if (this.options.context) topics.add(prefix + CONTEXT_TOPICS[this.options.context]);
    await ensureTopics(
      this.kafka,
      [...topics].flatMap((topic) => [topic, deadLetterTopic(topic)]).map((topic) => ({
        topic,
        partitions: this.config.KAFKA_PARTITIONS,
        replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
      })),
    );
    if (this.relay) {
      await this.producer.connect();
      this.relay.start();
      this.logger.log(`outbox relay publishing to ${prefix}${CONTEXT_TOPICS[this.options.context!]}`);
    }
  }

  /** Before the database connection closes, so the relay's last batch can finish and be marked. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer.disconnect().catch(() => undefined);
  }
}

/**
 * Fault injection for the reliability suite (test/reliability): `PB_FAULT_RELAY_PAUSE_AFTER_SEND_MS`
 * holds every batch between Kafka's acknowledgement and the mark, so a test can kill the process
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
      inject: [getModelToken(STORED_EVENT_MODEL), RELAY_PRODUCER, getConnectionToken(), ServiceConfig, SnapshotCatchUp],
      useFactory: (model: Model<StoredEvent>, producer: Producer, connection: Connection, config: ServiceConfig, snapshots: SnapshotCatchUp) =>
        options.context
          ? new OutboxRelay(
              model,
              producer,
              new RelayLease(connection, `${config.INSTANCE_ID ?? 'instance'}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`, 10_000),
              { topic: config.KAFKA_TOPIC_PREFIX + CONTEXT_TOPICS[options.context], batchSize: 1000, idleMs: 250 },
              { beforePublish: (events) => snapshots.run(events), afterSend: faultPauseAfterSend() },
            )
          : null,
    };
    const providers = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      {
        provide: RELAY_PRODUCER,
        inject: [KAFKA],
        // One request in flight keeps an aggregate's events in order through retries.
        useFactory: (kafka: Kafka) => kafka.producer({ allowAutoTopicCreation: false, maxInFlightRequests: 1 }),
      },
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
        inject: [KAFKA, getConnectionToken(), ServiceConfig],
        useFactory: (kafka: Kafka, connection: Connection, config: ServiceConfig) =>
          options.consumes
            ? new KafkaEventTransport(kafka, new Inbox(connection, config.KAFKA_GROUP_ID ?? options.consumes.groupId), {
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
      imports: [MongooseModule.forFeature([{ name: STORED_EVENT_MODEL, schema: StoredEventSchema }, ...aggregates.models])],
      providers,
      exports: [EventStore, OutboxRelay, KafkaEventTransport, MongooseModule, ...aggregates.exported],
    };
  }
}
