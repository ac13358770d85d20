import { Provider } from '@nestjs/common';
import { Admin, Consumer, Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { SERVICE_NAME, ServiceConfig } from '@pb/platform';
import { withTimeout } from '@pb/platform/health/with-timeout';
import { retry } from '@pb/platform/retry';
import { MessageBroker, MessageTooLarge, OutgoingMessage, PublishOptions, ReceivedBatch, SubscribeOptions, Subscription, TopicSpec } from '../broker/message-broker';
import { createKafka, KAFKA } from './kafka-client';
import { ensureTopics } from './topic-provisioner';

/** The broker's answers to a request too large for the topic (error codes 10 and 18); kafkajs does not retry them. */
const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);
/** A record batch's header, and what a record adds to its key, value and headers (lengths, offsets, timestamps), rounded up. */
const BATCH_OVERHEAD_BYTES = 61;
const RECORD_OVERHEAD_BYTES = 21;
const HEADER_OVERHEAD_BYTES = 10;
/** Partition counts change only when an operator adds partitions: looked up again after this long. */
const PARTITION_COUNT_TTL_MS = 60_000;

/**
 * The message broker on kafkajs. This folder is the only production code that imports kafkajs:
 * everything else talks to `MessageBroker`.
 */
export class KafkaMessageBroker extends MessageBroker {
  private producer?: Promise<Producer>;
  private probe?: Admin;
  private readonly consumers = new Set<Consumer>();
  private readonly partitionCounts = new Map<string, { count: number; at: number }>();
  // kafkajs's own choice of partition (murmur2 of the key), so the shares are counted where the messages go.
  private readonly partitioner = Partitioners.DefaultPartitioner();

  constructor(private readonly kafka: Kafka) {
    super();
  }

  /**
   * With `maxBytesPerPartition`, the messages are cut, in order, into requests whose share of
   * every partition stays under it (one key's messages keep their order: the requests go one
   * after another). A request the broker refuses as too large throws `MessageTooLarge` naming how
   * many messages before it were written.
   */
  async publish(topic: string, messages: OutgoingMessage[], options: PublishOptions = {}): Promise<void> {
    const producer = await this.connectedProducer();
    const requests =
      options.maxBytesPerPartition === undefined
        ? [{ messages, bytes: sizeOfShares(messages.map((m) => ({ message: m, partition: 0 }))) }]
        : await this.cut(topic, messages, options.maxBytesPerPartition);
    let accepted = 0;
    for (const request of requests) {
      try {
        await producer.send({ topic, acks: -1, messages: request.messages as Message[] });
      } catch (error) {
        const refusal = tooLarge(error);
        if (refusal) throw new MessageTooLarge(accepted, request.messages.length, request.bytes, refusal);
        throw error;
      }
      accepted += request.messages.length;
    }
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

  /** Consecutive runs of the messages, each with at most `limit` bytes per partition (or a single message), partitions chosen here. */
  private async cut(topic: string, messages: OutgoingMessage[], limit: number): Promise<{ messages: OutgoingMessage[]; bytes: number }[]> {
    const partitionMetadata = Array.from({ length: await this.partitionCount(topic) }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [], isr: [], partitionErrorCode: 0 }));
    const requests: { messages: OutgoingMessage[]; bytes: number }[] = [];
    let shares = new Map<number, number>();
    let current: OutgoingMessage[] = [];
    const close = () => {
      if (current.length > 0) requests.push({ messages: current, bytes: Math.max(...shares.values()) });
      shares = new Map();
      current = [];
    };
    for (const message of messages) {
      const partition = this.partitioner({ topic, partitionMetadata, message: message as Message });
      const size = recordBytes(message);
      // A message over the limit by itself goes alone, so that a refusal names it alone.
      if (current.length > 0 && (shares.get(partition) ?? BATCH_OVERHEAD_BYTES) + size > limit) close();
      shares.set(partition, (shares.get(partition) ?? BATCH_OVERHEAD_BYTES) + size);
      current.push({ ...message, partition } as OutgoingMessage);
      if (BATCH_OVERHEAD_BYTES + size > limit) close();
    }
    close();
    return requests;
  }

  private async partitionCount(topic: string): Promise<number> {
    const known = this.partitionCounts.get(topic);
    if (known && Date.now() - known.at < PARTITION_COUNT_TTL_MS) return known.count;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const count = topics[0]?.partitions.length ?? 0;
      if (count === 0) throw new Error(`topic ${topic} has no partitions`);
      this.partitionCounts.set(topic, { count, at: Date.now() });
      return count;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
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

/** What a message adds to its partition's record batch, counted generously. */
function recordBytes(message: OutgoingMessage): number {
  const headers = Object.entries(message.headers ?? {});
  return (
    RECORD_OVERHEAD_BYTES +
    byteLength(message.key) +
    byteLength(message.value) +
    headers.reduce((n, [key, value]) => n + HEADER_OVERHEAD_BYTES + Buffer.byteLength(key) + byteLength(value), 0)
  );
}

function byteLength(value: string | Buffer | null | undefined): number {
  return value == null ? 0 : typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/** The largest partition's share; without partitions chosen, all the messages as one share. */
function sizeOfShares(messages: { message: OutgoingMessage; partition: number }[]): number {
  const shares = new Map<number, number>();
  for (const { message, partition } of messages) shares.set(partition, (shares.get(partition) ?? BATCH_OVERHEAD_BYTES) + recordBytes(message));
  return Math.max(0, ...shares.values());
}

/** The broker's reason when `error` (or one it wraps) is a refusal as too large. */
function tooLarge(error: unknown): string | undefined {
  for (let e = error as { type?: unknown; message?: unknown; originalError?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.type === 'string' && TOO_LARGE.has(e.type)) return `${e.type}: ${String(e.message)}`;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return undefined;
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
