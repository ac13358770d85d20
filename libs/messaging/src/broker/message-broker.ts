import { BrokerReadiness } from '@pb/platform';

/** A message to publish. Its key picks the partition, so one key's messages stay in order. */
export interface OutgoingMessage {
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, string>;
  /** The record's time (epoch milliseconds, as text); unset, the producer's clock. The analyst streams give the day only. */
  timestamp?: string;
}

export interface PublishOptions {
  /**
   * The most bytes (keys, values and headers, with the record overhead) one partition's share of a
   * request may hold: the messages go out in as many requests, one after another, as that takes.
   * A single message larger than this goes alone. Unset: one request.
   */
  maxBytesPerPartition?: number;
}

/**
 * The broker refused a request as too large for the topic (Kafka's MESSAGE_TOO_LARGE or
 * RECORD_LIST_TOO_LARGE). The `accepted` messages before it are written; the `refused` ones
 * after them, `bytes` at most per partition, are not (nor any after them).
 */
export class MessageTooLarge extends Error {
  constructor(
    readonly accepted: number,
    readonly refused: number,
    readonly bytes: number,
    readonly reason: string,
  ) {
    super(`the broker refused ${refused} message(s) of up to ${bytes} bytes per partition as too large: ${reason}`);
    this.name = 'MessageTooLarge';
  }
}

/** A message as a subscriber receives it. */
export interface ReceivedMessage {
  key: Buffer | null;
  value: Buffer | null;
  /** Its position in the partition, kept for dead-letter headers and handlers' context. */
  offset: string;
}

/** Consecutive messages of one partition, handed to a subscriber at once. */
export interface ReceivedBatch {
  topic: string;
  partition: number;
  messages: ReceivedMessage[];
  /** The offset of the batch's last message. */
  lastOffset: string;
  /** The offset the partition's next message will get: with `lastOffset`, how far behind the group is. */
  highWatermark: string;
  /**
   * The whole batch is done: its offsets are committed once the callback returns. A batch the
   * callback returns from without acknowledging, or throws from, is delivered to the group again.
   */
  acknowledge(): void;
  /** Tells the group this member is alive during long work; throws when the group is rebalancing. */
  heartbeat(): Promise<void>;
  /** False once the subscription is stopping or the partition went to another member: stop, do not acknowledge. */
  isActive(): boolean;
}

export interface SubscribeOptions {
  /** Members of one group split the topics' partitions; a new group starts at each topic's beginning. */
  groupId: string;
  topics: string[];
  /** How many partitions' batches the callback may be handling at the same time (each partition's one after another). */
  partitionsAtOnce: number;
}

export interface Subscription {
  /** Leaves the group; offsets acknowledged so far are committed. */
  stop(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
  /** `min.insync.replicas`: how many replicas must have a write acknowledged with acks=all (unset: the broker's default). */
  minInsyncReplicas?: number;
  /** `retention.ms`; unset: kept for ever (event topics are replayed from the beginning). */
  retentionMs?: number;
}

/**
 * The port to the message broker: everything the platform asks of Kafka. One adapter implements it
 * (`KafkaMessageBroker`, in `kafka/`, the only production code that knows the client library).
 */
export abstract class MessageBroker extends BrokerReadiness {
  /**
   * Sends the messages to the topic and returns once all in-sync replicas have them; a failure
   * throws, and some of the messages may have been written (publishing again duplicates, never loses).
   * One key's messages keep their order, across calls too. A request the broker refuses as too
   * large throws `MessageTooLarge`.
   */
  abstract publish(topic: string, messages: OutgoingMessage[], options?: PublishOptions): Promise<void>;

  /** Joins `groupId` and hands it its partitions' messages, batch after batch, until stopped. */
  abstract subscribe(options: SubscribeOptions, onBatch: (batch: ReceivedBatch) => Promise<void>): Promise<Subscription>;

  /** Creates the topics that are missing (events kept without a time limit) and waits until they can be used; existing ones stay as they are. */
  abstract ensureTopics(specs: TopicSpec[]): Promise<void>;

  /** Stops every subscription and closes the connections. */
  abstract close(): Promise<void>;
}
