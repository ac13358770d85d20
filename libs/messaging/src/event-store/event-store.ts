import { randomUUID } from 'crypto';
import { Model } from 'mongoose';
import { assertValidPayload, EventDefinition, EventEnvelope, eventSource, Context } from '@pb/contracts';
import { Clock, SystemClock } from '@pb/platform/clock';
import { ConcurrencyConflictError } from './concurrency-conflict.error';
import { StoredEvent } from './stored-event.schema';

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

const DUPLICATE_KEY = 11000;

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
    const id = randomUUID();
    const envelope: EventEnvelope<T> = {
      specversion: '1.0',
      id,
      source: eventSource(this.context),
      type: event.definition.type,
      subject: aggregateId,
      time: now.toISOString(),
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
    try {
      await this.model.collection.insertOne({
        _id: id,
        aggregateId,
        aggregateType: event.definition.aggregateType,
        version,
        type: event.definition.type,
        envelope: envelope as unknown as Record<string, unknown>,
        storedAt: now,
        publishedAt: null,
      } as never);
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) throw new ConcurrencyConflictError(aggregateId, expectedVersion);
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
