import { Provider } from '@nestjs/common';
import { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { SERVICE_NAME, ServiceConfig } from '@pb/platform';
import { withTimeout } from '@pb/platform/health/with-timeout';
import { retry } from '@pb/platform/retry';
import { MessageBroker, OutgoingMessage, ReceivedBatch, SubscribeOptions, Subscription, TopicSpec } from '../broker/message-broker';
import { createKafka, KAFKA } from './kafka-client';
import { ensureTopics } from './topic-provisioner';

/**
 * The message broker on kafkajs. This folder is the only production code that imports kafkajs:
 * everything else talks to `MessageBroker`.
 */
export class KafkaMessageBroker extends MessageBroker {
  private producer?: Promise<Producer>;
  private probe?: Admin;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly kafka: Kafka) {
    super();
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    const producer = await this.connectedProducer();
    await producer.send({ topic, acks: -1, messages });
  }

  async subscribe(options: SubscribeOptions, onBatch: (batch: ReceivedBatch) => Promise<void>): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      // A fetch returns as soon as data arrives; a short wait only bounds how long shutdown waits.
      maxWaitTimeInMs: 1000,
      allowAutoTopicCreation: false,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10000 },
    });
    this.consumers.add(consumer);
    const stop = async () => {
      this.consumers.delete(consumer);
      await consumer.disconnect().catch(() => undefined);
    };
    try {
      await consumer.connect();
      // Metadata of freshly created topics can lag for a moment; a few tries ride it out.
      await retry(() => consumer.subscribe({ topics: options.topics, fromBeginning: true }), { attempts: 20, backoff: { initialMs: 250, maxMs: 2000 } });
      await consumer.run({
        partitionsConsumedConcurrently: options.partitionsAtOnce,
        // Only the subscriber's acknowledgement moves an offset.
        eachBatchAutoResolve: false,
        autoCommitInterval: 1000,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
          const lastOffset = batch.lastOffset();
          await onBatch({
            topic: batch.topic,
            partition: batch.partition,
            messages: batch.messages,
            lastOffset,
            highWatermark: batch.highWatermark,
            acknowledge: () => resolveOffset(lastOffset),
            heartbeat,
            isActive: () => isRunning() && !isStale(),
          });
          await commitOffsetsIfNecessary();
        },
      });
    } catch (error) {
      await stop();
      throw error;
    }
    return { stop };
  }

  ensureTopics(specs: TopicSpec[]): Promise<void> {
    return ensureTopics(this.kafka, specs);
  }

  /** One admin client kept between probes; a failed probe drops it so the next one connects afresh. */
  async ping(timeoutMs: number): Promise<void> {
    const admin = (this.probe ??= this.kafka.admin({ retry: { retries: 0 } }));
    try {
      await withTimeout(
        admin.connect().then(() => admin.describeCluster()),
        timeoutMs,
      );
    } catch (error) {
      if (this.probe === admin) this.probe = undefined;
      void admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.disconnect().catch(() => undefined)));
    this.consumers.clear();
    const producer = this.producer;
    this.producer = undefined;
    await producer?.then((p) => p.disconnect()).catch(() => undefined);
    await this.probe?.disconnect().catch(() => undefined);
    this.probe = undefined;
  }

  /**
   * One producer for every publish, connected on first use. One request in flight: a retried send
   * cannot overtake the next one, so a key's messages keep their order through retries.
   */
  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({ allowAutoTopicCreation: false, maxInFlightRequests: 1 });
      try {
        await producer.connect();
        return producer;
      } catch (error) {
        this.producer = undefined;
        await producer.disconnect().catch(() => undefined);
        throw error;
      }
    })();
    return this.producer;
  }
}

/** An app's `MessageBroker`: one kafkajs client, named after the service and instance, with the configured brokers and security. */
export const KAFKA_BROKER_PROVIDERS: Provider[] = [
  {
    provide: KAFKA,
    inject: [ServiceConfig, SERVICE_NAME],
    useFactory: (config: ServiceConfig, name: string) => createKafka(`${name}-${config.INSTANCE_ID ?? process.pid}`, config.KAFKA_BROKERS, config),
  },
  { provide: MessageBroker, inject: [KAFKA], useFactory: (kafka: Kafka) => new KafkaMessageBroker(kafka) },
];
