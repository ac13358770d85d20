import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { assertValidEnvelopeShape, assertValidPayload, deadLetterTopic, EventEnvelope, SchemaViolation } from '@pb/contracts';
import { consumerLag, deadLettered, eventsConsumed } from '@pb/platform';
import { BatchWrites } from './batch-writes';
import { Inbox } from './inbox';
import { inKeyOrder } from './in-key-order';

export interface EventTransportOptions {
  groupId: string;
  topics: string[];
  /** Attempts per message before it is dead-lettered (schema violations go at once). */
  maxAttempts: number;
  initialBackoffMs: number;
}

export const DEFAULT_TRANSPORT_OPTIONS: Pick<EventTransportOptions, 'maxAttempts' | 'initialBackoffMs'> = {
  maxAttempts: 5,
  initialBackoffMs: 100,
};

/**
 * Partitions whose batches are handled side by side (each partition still in
 * order). Instances of a service already handle different partitions at the
 * same time, so no handler can rely on an order across partitions; one
 * partition at a time left the database idle between round trips (a replay
 * ran at a few events per second on a busy machine).
 */
const PARTITIONS_AT_ONCE = 6;

/**
 * Within a batch, events of different message keys (aggregates: the relay
 * keys each event by its aggregate id) are handled side by side, each key's
 * events in order. A partition holds many aggregates, and handlers already
 * see different partitions' events in any order, so only the order per
 * aggregate is anything to rely on; handling one event at a time left a
 * replay waiting on one database round trip after another.
 */
const KEYS_AT_ONCE = 8;

type Outcome = 'handled' | 'duplicate' | 'ignored' | 'dead_lettered';

/** The pattern of a handler that wants every event, whatever its type. */
export const EVERY_EVENT = '*';

/**
 * The consumer side of our messaging: a Nest microservice transport, so handlers
 * are ordinary `@EventPattern('membership.OrganizationRegistered.v1')` methods.
 * It validates envelopes, skips what the inbox has seen, retries with back-off,
 * dead-letters what still fails and moves on, so one bad message never stalls
 * its partition.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaEventTransport.name);
  private consumer?: Consumer;
  private producer?: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly inbox: Inbox,
    private readonly options: EventTransportOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.producer.connect();
      this.consumer = this.kafka.consumer({
        groupId: this.options.groupId,
        sessionTimeout: 30000,
        heartbeatInterval: 3000,
        // A fetch returns as soon as data arrives; a short wait only bounds how long shutdown waits.
        maxWaitTimeInMs: 1000,
        allowAutoTopicCreation: false,
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10000 },
      });
      await this.consumer.connect();
      await retrying(() => this.consumer!.subscribe({ topics: this.options.topics, fromBeginning: true }));
      await this.consumer.run({
        partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
        eachBatchAutoResolve: false,
        autoCommitInterval: 1000,
        eachBatch: (payload) => this.handleBatch(payload),
      });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }

  /**
   * Our patterns are event type names, registered as they are. Nest's own lookup first parses
   * each as JSON and, for a type name, builds and throws a SyntaxError every time: with two
   * lookups per event, 4 % of a replaying gateway's CPU (profiled 2026-11-29).
   */
  override getHandlerByPattern(pattern: string): MessageHandler | null {
    return this.messageHandlers.get(pattern) ?? null;
  }

  on(): never {
    throw new Error('KafkaEventTransport does not emit transport events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: EachBatchPayload) {
    const parsed = batch.messages.map((message) => ({ message, ...parse(message) }));
    const seen = await this.inbox.seen(parsed.flatMap((p) => (p.envelope ? [p.envelope.id] : [])));
    const handled: string[] = [];
    const writes = new BatchWrites();
    let complete = true;
    const handleOne = async (item: (typeof parsed)[number]) => {
      let outcome: Outcome;
      if (item.error || !item.envelope) {
        await this.deadLetter(batch.topic, batch.partition, item.message, item.error ?? new Error('empty message'));
        outcome = 'dead_lettered';
      } else if (seen.has(item.envelope.id)) {
        outcome = 'duplicate';
      } else {
        outcome = await this.dispatch(batch.topic, batch.partition, item.message, item.envelope, heartbeat);
        if (outcome === 'handled') {
          handled.push(item.envelope.id);
          seen.add(item.envelope.id);
        }
      }
      eventsConsumed.inc({ topic: batch.topic, outcome });
      await heartbeat();
    };
    await BatchWrites.run(writes, () =>
      inKeyOrder(parsed, (item) => item.message.key?.toString() ?? item.envelope?.subject ?? '', KEYS_AT_ONCE, async (item) => {
        if (!isRunning() || isStale()) {
          complete = false;
          return false;
        }
        await handleOne(item);
        return true;
      }),
    );
    // The handlers' deferred writes, then the inbox, then the offsets: a failure
    // before the offsets means the batch is delivered again, and nothing is lost.
    await writes.flush();
    await this.inbox.record(handled);
    // Keys run side by side, so only a batch handled to its end moves the offset; an
    // interrupted one comes again and the inbox skips what was handled.
    if (complete && parsed.length > 0) resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary();
    const lag = Number(batch.highWatermark) - Number(batch.lastOffset()) - 1;
    consumerLag.set({ group: this.options.groupId, topic: batch.topic, partition: String(batch.partition) }, Math.max(lag, 0));
  }

  private async dispatch(
    topic: string,
    partition: number,
    message: KafkaMessage,
    envelope: EventEnvelope,
    heartbeat: () => Promise<void>,
  ): Promise<Outcome> {
    // `@EventPattern('*')` sees every event (the gateway's event log); a specific pattern, its own type.
    const handlers = [this.getHandlerByPattern(envelope.type), this.getHandlerByPattern(EVERY_EVENT)].filter((h) => !!h);
    if (handlers.length === 0) return 'ignored';
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      try {
        assertValidPayload(envelope.type, envelope.data);
        for (const handler of handlers) {
          const result = await handler!(envelope, { topic, partition, offset: message.offset });
          await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
        }
        return 'handled';
      } catch (error) {
        lastError = error;
        if (error instanceof SchemaViolation || attempt === this.options.maxAttempts) break;
        await sleep(this.options.initialBackoffMs * 2 ** (attempt - 1));
        await heartbeat();
      }
    }
    await this.deadLetter(topic, partition, message, lastError);
    return 'dead_lettered';
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: unknown): Promise<void> {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.logger.warn(`dead-lettering ${topic}[${partition}]@${message.offset}: ${reason.slice(0, 500)}`);
    await this.producer!.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            'x-error': reason.slice(0, 2000),
            'x-original-topic': topic,
            'x-original-partition': String(partition),
            'x-original-offset': message.offset,
            'x-consumer-group': this.options.groupId,
            'x-failed-at': new Date().toISOString(),
          },
        },
      ],
    });
    deadLettered.inc({ topic });
  }
}

function parse(message: KafkaMessage): { envelope?: EventEnvelope; error?: Error } {
  try {
    const value: unknown = JSON.parse(message.value?.toString('utf8') ?? '');
    assertValidEnvelopeShape(value);
    return { envelope: value };
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Metadata of freshly created topics can lag for a moment; a few tries ride it out. */
async function retrying<T>(action: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(250 * Math.min(attempt, 8));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
