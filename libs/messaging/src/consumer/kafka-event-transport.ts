import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { assertValidEnvelopeShape, assertValidPayload, deadLetterTopic, EventEnvelope, SchemaViolation } from '@pb/contracts';
import { consumerInfrastructureRetries, consumerLag, deadLettered, DomainError, eventsConsumed } from '@pb/platform';
import { retry } from '@pb/platform/retry';
import { MessageBroker, ReceivedBatch, ReceivedMessage, Subscription } from '../broker/message-broker';
import { BatchWrites } from './batch-writes';
import { Inbox } from './inbox';
import { inKeyOrder } from './in-key-order';
import { isInfrastructureFailure } from './infrastructure-failure';

export interface EventTransportOptions {
  groupId: string;
  topics: string[];
  /**
   * Attempts per message that failed of its own making before it is dead-lettered (schema
   * violations and domain rejections go at once). Failures of the infrastructure (the database
   * failing over, a broker away) do not count: they are retried for as long as they last.
   */
  maxAttempts: number;
  initialBackoffMs: number;
  /** The longest wait between two attempts (an infrastructure outage reaches it). */
  maxBackoffMs: number;
}

export const DEFAULT_TRANSPORT_OPTIONS: Pick<EventTransportOptions, 'maxAttempts' | 'initialBackoffMs' | 'maxBackoffMs'> = {
  maxAttempts: 5,
  initialBackoffMs: 100,
  maxBackoffMs: 10_000,
};

/** An event waiting for the infrastructure is logged at its 1st, 2nd, 4th, 8th… failed attempt, not at each. */
const isPowerOfTwo = (n: number) => (n & (n - 1)) === 0;

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

/** `interrupted`: the partition moved or the consumer is stopping while the event waited for the infrastructure; it comes again. */
type Outcome = 'handled' | 'duplicate' | 'ignored' | 'dead_lettered' | 'interrupted';

/** The pattern of a handler that wants every event, whatever its type. */
export const EVERY_EVENT = '*';

/**
 * `@EventPattern(type, VERSION_GUARDED)`: the handler's writes make a redelivery harmless
 * (version-guarded views, inserts keyed by the event id), so its events need no inbox lookup
 * nor entry, and a redelivered event runs it again. Every other handler is guarded by the
 * inbox: a redelivery would do something twice (counters, commands, publishing).
 */
export const VERSION_GUARDED = { inbox: false } as const;

/** The handlers a pattern registered (Nest chains one pattern's handlers), and whether any relies on the inbox. */
interface Handlers {
  run: MessageHandler;
  inboxGuarded: boolean;
}

/**
 * The consumer side of our messaging: a Nest microservice transport, so handlers
 * are ordinary `@EventPattern('membership.OrganizationRegistered.v1')` methods.
 * It validates envelopes, skips what the inbox has seen (for handlers not `VERSION_GUARDED`), retries with back-off,
 * dead-letters what still fails and moves on, so one bad message never stalls
 * its partition. Only a bad message is dead-lettered (not JSON, not an envelope,
 * a payload its schema refuses, a handler's domain rejection or repeated failure):
 * a handler failing because the database or the broker is away is retried until
 * they are back, so a failover leaves nothing behind in the dead-letter topics.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaEventTransport.name);
  private subscription?: Subscription;
  private readonly handlersByType = new Map<string, Handlers[]>();

  constructor(
    private readonly broker: MessageBroker,
    private readonly inbox: Inbox,
    private readonly options: EventTransportOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.subscription = await this.broker.subscribe({ groupId: this.options.groupId, topics: this.options.topics, partitionsAtOnce: PARTITIONS_AT_ONCE }, (batch) =>
        this.handleBatch(batch),
      );
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.subscription?.stop();
  }

  /**
   * Our patterns are event type names, registered as they are. Nest's own lookup first parses
   * each as JSON and throws a SyntaxError for a type name, on every event (docs/performance.md).
   */
  override getHandlerByPattern(pattern: string): MessageHandler | null {
    return this.messageHandlers.get(pattern) ?? null;
  }

  on(): never {
    throw new Error('KafkaEventTransport does not emit transport events');
  }

  unwrap<T>(): T {
    return this.subscription as T;
  }

  /** The handlers of an event type: its own, then those of every event. */
  private handlersOf(type: string): Handlers[] {
    let handlers = this.handlersByType.get(type);
    if (!handlers) {
      handlers = [this.getHandlerByPattern(type), this.getHandlerByPattern(EVERY_EVENT)].flatMap((run) => (run ? [{ run, inboxGuarded: reliesOnInbox(run) }] : []));
      this.handlersByType.set(type, handlers);
    }
    return handlers;
  }

  private async handleBatch(batch: ReceivedBatch) {
    const parsed = batch.messages.map((message) => {
      const item = parse(message);
      const handlers = item.envelope ? this.handlersOf(item.envelope.type) : [];
      return { message, ...item, handlers, inboxGuarded: handlers.some((h) => h.inboxGuarded) };
    });
    // Only events that a handler guarded by the inbox takes are looked up and recorded.
    const guardedIds = parsed.flatMap((p) => (p.envelope && p.inboxGuarded ? [p.envelope.id] : []));
    const seen = guardedIds.length > 0 ? await this.untilInfrastructureBack(batch, 'reading the inbox', () => this.inbox.seen(guardedIds)) : new Set<string>();
    const handled: string[] = [];
    const writes = new BatchWrites();
    let complete = true;
    const handleOne = async (item: (typeof parsed)[number]) => {
      let outcome: Outcome;
      if (item.error || !item.envelope) {
        await this.deadLetter(batch.topic, batch.partition, item.message, item.error ?? new MalformedMessage('the message is empty'));
        outcome = 'dead_lettered';
      } else {
        // Seen: the handlers the inbox guards are skipped, the others run again (harmless, and
        // their writes may not have been stored when the inbox entry was).
        const duplicate = item.inboxGuarded && seen.has(item.envelope.id);
        const handlers = duplicate ? item.handlers.filter((h) => !h.inboxGuarded) : item.handlers;
        outcome = duplicate && handlers.length === 0 ? 'duplicate' : await this.dispatch(batch.topic, batch.partition, item.message, item.envelope, batch, handlers);
        if (outcome === 'interrupted') {
          complete = false;
          return;
        }
        if (duplicate) outcome = outcome === 'handled' ? 'duplicate' : outcome;
        else if (outcome === 'handled' && item.inboxGuarded) {
          handled.push(item.envelope.id);
          seen.add(item.envelope.id);
        }
      }
      eventsConsumed.inc({ topic: batch.topic, outcome });
      await batch.heartbeat();
    };
    await BatchWrites.run(writes, () =>
      inKeyOrder(
        parsed,
        (item) => item.message.key?.toString() ?? item.envelope?.subject ?? '',
        KEYS_AT_ONCE,
        async (item) => {
          if (!batch.isActive()) {
            complete = false;
            return false;
          }
          await handleOne(item);
          return true;
        },
      ),
    );
    // The handlers' deferred writes and the inbox entries, then the offsets: a failure before
    // the offsets means the batch is delivered again, and nothing is lost (the entries are
    // written after the writes of handlers they guard). The database away is waited out here.
    const flush = writes.take({ collection: this.inbox.collection as never, documents: this.inbox.entries(handled) });
    await this.untilInfrastructureBack(batch, 'writing the batch', flush);
    // Keys run side by side, so only a batch handled to its end moves the offset; an
    // interrupted one comes again and the inbox skips what was handled.
    if (complete && parsed.length > 0) batch.acknowledge();
    const lag = Number(batch.highWatermark) - Number(batch.lastOffset) - 1;
    consumerLag.set({ group: this.options.groupId, topic: batch.topic, partition: String(batch.partition) }, Math.max(lag, 0));
  }

  /**
   * A step of the batch itself (not of one event) that the database's absence would fail: tried
   * again until it is back, as long as the batch is still this member's; otherwise thrown, and
   * the batch comes again.
   */
  private async untilInfrastructureBack<T>(batch: ReceivedBatch, what: string, step: () => Promise<T>): Promise<T> {
    let failures = 0;
    return retry(
      async (attempt) => {
        if (attempt > 1) await batch.heartbeat();
        return step();
      },
      {
        attempts: Number.MAX_SAFE_INTEGER,
        retryIf: (error) => {
          if (!isInfrastructureFailure(error) || !batch.isActive()) return false;
          failures += 1;
          consumerInfrastructureRetries.inc({ topic: batch.topic });
          if (isPowerOfTwo(failures)) {
            this.logger.warn(
              `${batch.topic}[${batch.partition}] ${what} waits for the infrastructure (attempt ${failures}): ${redact(`${error.name}: ${error.message}`).slice(0, 300)}`,
            );
          }
          return true;
        },
        backoff: { initialMs: this.options.initialBackoffMs, maxMs: this.options.maxBackoffMs },
      },
    );
  }

  private async dispatch(
    topic: string,
    partition: number,
    message: ReceivedMessage,
    envelope: EventEnvelope,
    batch: Pick<ReceivedBatch, 'heartbeat' | 'isActive'>,
    handlers: Handlers[],
  ): Promise<Outcome> {
    // `@EventPattern('*')` sees every event (the gateway's event log); a specific pattern, its own type.
    if (handlers.length === 0) return 'ignored';
    const { maxAttempts, initialBackoffMs, maxBackoffMs } = this.options;
    let ownFailures = 0;
    let infrastructureFailures = 0;
    try {
      await retry(
        async (attempt) => {
          if (attempt > 1) {
            // The back-off may have outlasted a heartbeat interval, or the partition gone elsewhere meanwhile.
            if (!batch.isActive()) throw new Interrupted();
            await batch.heartbeat().catch((error: unknown) => Promise.reject(new Interrupted(error)));
          }
          assertValidPayload(envelope.type, envelope.data);
          for (const { run, inboxGuarded } of handlers) {
            const handle = async () => {
              const result = await run(envelope, { topic, partition, offset: message.offset });
              await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
            };
            await (inboxGuarded ? BatchWrites.guardedByInbox(handle) : handle());
          }
        },
        {
          attempts: Number.MAX_SAFE_INTEGER,
          retryIf: (error) => {
            if (error instanceof Interrupted || error instanceof SchemaViolation || error instanceof DomainError) return false;
            if (isInfrastructureFailure(error)) {
              infrastructureFailures += 1;
              consumerInfrastructureRetries.inc({ topic });
              if (isPowerOfTwo(infrastructureFailures)) {
                this.logger.warn(
                  `${topic}[${partition}]@${message.offset} (${envelope.type}) waits for the infrastructure (attempt ${infrastructureFailures}), not dead-lettered: ${redact(`${error.name}: ${error.message}`).slice(0, 300)}`,
                );
              }
              return true;
            }
            ownFailures += 1;
            return ownFailures < maxAttempts;
          },
          backoff: { initialMs: initialBackoffMs, maxMs: maxBackoffMs },
        },
      );
      return 'handled';
    } catch (error) {
      if (error instanceof Interrupted) {
        // A failed heartbeat is the group rebalancing: kafkajs must hear of it. A stopping consumer just leaves the batch.
        if (error.reason !== undefined) throw error.reason;
        return 'interrupted';
      }
      await this.deadLetter(topic, partition, message, error);
      return 'dead_lettered';
    }
  }

  private async deadLetter(topic: string, partition: number, message: ReceivedMessage, error: unknown): Promise<void> {
    // The error only, never the message; numbers blanked out: a handler's words may quote personal data.
    const reason = redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    const errorType = error instanceof Error ? error.name : 'Error';
    const errorCode = error instanceof DomainError ? error.code : '';
    // A domain rejection's words may name people: the log says which rule, the dead-letter entry the rest.
    const logged = error instanceof DomainError ? `${errorType} ${errorCode}` : reason.slice(0, 500);
    this.logger.warn(`dead-lettering ${topic}[${partition}]@${message.offset}: ${logged}`);
    await this.broker.publish(deadLetterTopic(topic), [
      {
        key: message.key,
        value: message.value,
        headers: {
          'x-error': reason.slice(0, 2000),
          'x-error-type': errorType,
          ...(errorCode ? { 'x-error-code': errorCode } : {}),
          'x-original-topic': topic,
          'x-original-partition': String(partition),
          'x-original-offset': message.offset,
          'x-consumer-group': this.options.groupId,
          'x-failed-at': new Date().toISOString(),
        },
      },
    ]);
    deadLettered.inc({ topic });
  }
}

/**
 * Between attempts the partition went to another member or the consumer is stopping (`reason`
 * unset), or a heartbeat failed (the group is rebalancing): the batch stops; the event is neither
 * retried nor dead-lettered, and comes again.
 */
class Interrupted extends Error {
  constructor(readonly reason?: unknown) {
    super('the batch was interrupted');
  }
}

/** A message that is no event envelope at all; its content stays out of the error (it may be anything). */
class MalformedMessage extends Error {
  override readonly name = 'MalformedMessage';
}

/** Whether any handler of a pattern's chain was registered without `VERSION_GUARDED`. */
function reliesOnInbox(handler: MessageHandler): boolean {
  for (let h: MessageHandler | undefined = handler; h; h = h.next as MessageHandler | undefined) if (h.extras?.inbox !== false) return true;
  return false;
}

/** Digit runs as long as phone and ID numbers are blanked out of error texts that reach logs and headers. */
function redact(text: string): string {
  return text.replace(/\d{7,}[\dXx]?/g, '[number]');
}

function parse(message: ReceivedMessage): { envelope?: EventEnvelope; error?: Error } {
  let value: unknown;
  try {
    value = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    // JSON.parse's own message quotes the start of the text.
    return { error: new MalformedMessage('the message is not valid JSON') };
  }
  try {
    assertValidEnvelopeShape(value);
    return { envelope: value };
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
}
