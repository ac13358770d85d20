import { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { randomUUID } from 'crypto';
import { Model } from 'mongoose';
import { CONTEXT_TOPICS, GuidanceVisitRecorded } from '@pb/contracts';
import { envelopeOf, infraEnv, newZone, publishEnvelopes, startServiceApp, waitFor, zoneRegistered } from '@pb/testing';
import { EVENT_LOG, EventLogEntry } from '../src/infrastructure/read-models/event-log';
import { GATEWAY } from './gateway-app';

/**
 * Free text people write spans lines (a guidance visit's summary, a case's description). The
 * request pipe refuses line breaks outside fields declared multi-line; its consumers inherit it,
 * and it once judged events as if they were requests, dead-lettering every such event.
 */
describe('events whose free text spans lines (real Kafka and database)', () => {
  const zone = newZone();
  let app: INestApplication;

  beforeAll(async () => {
    app = (await startServiceApp(GATEWAY)).app;
  }, 120000);

  afterAll(async () => {
    await app?.close();
  });

  it('are consumed like any other: a guidance visit with a multi-line summary reaches the event log', async () => {
    const visitId = `gv-${randomUUID()}`;
    const visit = envelopeOf(
      GuidanceVisitRecorded,
      {
        visitId,
        instructorId: `ins-${randomUUID()}`,
        organizationId: `org-${randomUUID()}`,
        visitedOn: '2026-12-01',
        summary: '一、检查“三会一课”记录；\n二、指导支部换届准备。\r\n\t下次回访：一月。',
        districtId: zone.districtId,
        subDistrictId: zone.subDistrictId,
        zoneId: zone.zoneId,
      },
      { aggregateId: visitId, version: 1, districtId: zone.districtId, zoneId: zone.zoneId },
    );
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, [...zoneRegistered(zone), visit]);
    const log = app.get<Model<EventLogEntry>>(getModelToken(EVENT_LOG));
    await waitFor(async () => (await log.exists({ _id: visit.id }).exec()) !== null, 'the guidance visit in the event log', 60000);
  }, 90000);
});
