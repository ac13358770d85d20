import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope } from '@pb/contracts';
import { BatchWrites, EVERY_EVENT, VERSION_GUARDED } from '@pb/messaging';
import { EVENT_LOG, EventLogEntry } from '../../infrastructure/read-models/event-log';
import { Freshness } from './freshness';

/** Keeps every event once, for timelines and record histories, and notes each source's freshness. */
@Controller()
export class EventLogRecorder {
  constructor(
    @InjectModel(EVENT_LOG) private readonly log: Model<EventLogEntry>,
    private readonly freshness: Freshness,
  ) {}

  // Keyed by the event id, an entry already there kept: a redelivery changes nothing, no inbox needed.
  @EventPattern(EVERY_EVENT, VERSION_GUARDED)
  async record(@Payload() event: EventEnvelope): Promise<void> {
    // With the rest of its Kafka batch (one insert for many events); an entry already there is kept.
    await BatchWrites.insert(this.log.collection, {
      _id: event.id,
      type: event.type,
      context: event.source.split('/').pop()!,
      subject: event.subject,
      aggregateType: event.aggregatetype,
      version: event.aggregateversion,
      time: new Date(event.time),
      districtId: event.districtid,
      zoneId: event.zoneid,
      actorId: event.actorid,
      correlationId: event.correlationid,
      data: event.data as Record<string, unknown>,
    });
    this.freshness.saw(event);
  }
}
