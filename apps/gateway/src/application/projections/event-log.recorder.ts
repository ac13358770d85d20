import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope } from '@pb/contracts';
import { EVERY_EVENT } from '@pb/messaging';
import { EVENT_LOG, EventLogEntry } from '../../infrastructure/read-models/event-log';
import { Freshness } from './freshness';
import { isDuplicateKey } from '@pb/platform';


/** Keeps every event once, for timelines and record histories, and notes each source's freshness. */
@Controller()
export class EventLogRecorder {
  constructor(
    @InjectModel(EVENT_LOG) private readonly log: Model<EventLogEntry>,
    private readonly freshness: Freshness,
  ) {}

  @EventPattern(EVERY_EVENT)
  async record(@Payload() event: EventEnvelope): Promise<void> {
    try {
      await this.log.collection.insertOne({
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
      } as never);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    this.freshness.saw(event);
  }
}
