import { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CONTEXT_TOPICS, GuidanceVisitRecorded } from '@pb/contracts';
import { envelopeOf, infraEnv, newZone, publishEnvelopes, startServiceApp, waitFor } from '@pb/testing';
import { EVENT_LOG, EventLogEntry } from '../src/infrastructure/read-models/event-log';
import { GATEWAY } from './gateway-app';

/**
 * Events are not request bodies: the HTTP input pipe (which refuses line breaks outside fields
 * declared multi-line) must not judge them. A guidance visit's summary written on several lines
 * is a valid event, and every consumer takes it.
 */
describe('events with multi-line text (real Kafka and database)', () => {
  const zone = newZone();
  let app: INestApplication;

  beforeAll(async () => {
    app = (await startServiceApp(GATEWAY)).app;
  }, 120000);

  afterAll(async () => {
    await app?.close();
  });

  it('records an event whose free text spans several lines', async () => {
    const visitId = `visit-${zone.zoneId}`;
    const event = envelopeOf(
      GuidanceVisitRecorded,
      {
        visitId,
        instructorId: `ins-${zone.zoneId}`,
        organizationId: `org-${zone.zoneId}`,
        visitedOn: '2026-03-01',
        summary: '指导支部完善“三会一课”记录\n商定亮身份安排',
        districtId: zone.districtId,
        subDistrictId: zone.subDistrictId,
        zoneId: zone.zoneId,
      },
      { aggregateId: visitId, version: 1, districtId: zone.districtId, zoneId: zone.zoneId },
    );
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, [event]);
    const log = app.get<Model<EventLogEntry>>(getModelToken(EVENT_LOG));
    await waitFor(async () => (await log.countDocuments({ _id: event.id }).exec()) === 1, 'the multi-line event in the event log', 30000);
  }, 60000);
});
