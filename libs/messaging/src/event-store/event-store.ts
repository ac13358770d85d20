import { randomUUID } from 'crypto';
import { Model } from 'mongoose';
import { assertValidPayload, EventDefinition, EventEnvelope, eventSource, Context } from '@pb/contracts';
import { Clock, SystemClock } from '@pb/platform/clock';
import { ConcurrencyConflictError } from './concurrency-conflict.error';
import { StoredEvent } from './stored-event.schema';
import { isDuplicateKey } from '@pb/platform/duplicate-key';

/** Who asked for the change and in which jurisdiction; copied onto every envelope. */
export interface CommandContext {
  correlationId: string;
  causationId?: string;
  actorId: string;
}

export interface Jurisdiction {
  districtId: string;
  zoneId: string;
}

export interface PendingEvent<T = Record<string, unknown>> {
  definition: EventDefinition<T> & { type: string };
  data: T;
  jurisdiction: Jurisdiction;
}


/** The envelope of a new event at `version` of an aggregate's stream (the payload is not checked here). */
export function buildEnvelope<T>(
  context: Context,
  aggregateId: string,
  version: number,
  event: PendingEvent<T>,
  command: CommandContext,
  time: Date,
): EventEnvelope<T> {
  const id = randomUUID();
  return {
    specversion: '1.0',
    id,
    source: eventSource(context),
    type: event.definition.type,
    subject: aggregateId,
    time: time.toISOString(),
    datacontenttype: 'application/json',
    dataschema: `schemas/${event.definition.context}/${event.definition.name}.v${event.definition.version}.json`,
    aggregatetype: event.definition.aggregateType,
    aggregateversion: version,
    districtid: event.jurisdiction.districtId,
    zoneid: event.jurisdiction.zoneId,
    correlationid: command.correlationId,
    causationid: command.causationId ?? command.correlationId,
    actorid: command.actorId,
    data: event.data,
  };
}

/** The `events` document holding an envelope, unpublished. */
export function storedEventOf(envelope: EventEnvelope<unknown>, storedAt: Date): StoredEvent {
  return {
    _id: envelope.id,
    aggregateId: envelope.subject,
    aggregateType: envelope.aggregatetype,
    version: envelope.aggregateversion,
    type: envelope.type,
    envelope: envelope as unknown as Record<string, unknown>,
    storedAt,
    published: false,
    publishedAt: null,
  };
}

export class EventStore {
  constructor(
    private readonly model: Model<StoredEvent>,
    private readonly context: Context,
    private readonly onStored: (type: string) => void = () => undefined,
    /** Stamps the events' time, so tests that move the clock see it in their events too. */
    private readonly clock: Clock = new SystemClock(),
  ) {}

  /**
   * Appends one event to an aggregate's stream at `expectedVersion + 1`. The unique
   * (aggregateId, version) index makes a concurrent writer fail instead of
   * overwriting: one command, one aggregate, one atomic insert.
   */
  async append<T>(
    aggregateId: string,
    expectedVersion: number,
    event: PendingEvent<T>,
    command: CommandContext,
    previousTime?: Date,
  ): Promise<EventEnvelope<T>> {
    assertValidPayload(event.definition.type, event.data);
    const version = expectedVersion + 1;
    // Never earlier than the stream's previous event, so "oldest first" keeps
    // each aggregate's order even when instances' clocks disagree.
    const now = new Date(Math.max(this.clock.now().getTime(), previousTime?.getTime() ?? 0));
    const envelope = buildEnvelope(this.context, aggregateId, version, event, command, now);
    try {
      await this.model.collection.insertOne(storedEventOf(envelope, now) as never);
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConcurrencyConflictError(aggregateId, expectedVersion);
      throw error;
    }
    this.onStored(event.definition.type);
    return envelope;
  }

  /** The aggregate's events after `afterVersion`, in order. */
  async load(aggregateId: string, afterVersion = 0): Promise<EventEnvelope[]> {
    const docs = await this.model
      .find({ aggregateId, version: { $gt: afterVersion } })
      .sort({ version: 1 })
      .lean()
      .exec();
    return docs.map((d) => d.envelope as unknown as EventEnvelope);
  }
}
