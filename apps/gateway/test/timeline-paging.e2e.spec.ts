import { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { randomUUID } from 'crypto';
import { Model } from 'mongoose';
import request from 'supertest';
import { CONTEXT_TOPICS, EventEnvelope, MemberRegistered } from '@pb/contracts';
import { envelopeOf, infraEnv, newZone, publishEnvelopes, startServiceApp, TEST_KEYS, waitFor, zoneRegistered } from '@pb/testing';
import { EVENT_LOG, EventLogEntry } from '../src/infrastructure/read-models/event-log';
import { signAccessToken } from '../src/infrastructure/user/user-tokens';
import { GATEWAY } from './gateway-app';

/**
 * Paging a zone's timeline (时间线) after an import (#18, item 4): an import batch stamps hundreds of
 * events with one time, and a cursor of that bare time lost the rest of the batch at each page's end.
 */
describe('timeline paging (real Kafka and database)', () => {
  const zone = newZone();
  const city = `Bearer ${signAccessToken({ userId: `u-${randomUUID()}`, username: 'x', displayName: 'x', disabled: false, role: 'CITY_ADMIN', scope: { level: 'CITY' } }, TEST_KEYS.JWT_SECRET, 600)}`;
  const BATCH = 300;
  const batchTime = '2026-03-02T08:00:00.000Z';
  const earlierTime = '2026-03-01T08:00:00.000Z';
  let app: INestApplication;
  let batchIds: string[];
  let earlierId: string;

  const registration = (time: string) => {
    const memberId = `mem-${randomUUID()}`;
    const { districtId, subDistrictId, zoneId } = zone;
    return envelopeOf(
      MemberRegistered,
      {
        memberId,
        name: '王芳',
        gender: 'FEMALE',
        birthYear: 1990,
        status: 'FULL',
        joinedOn: '2015-07-01',
        organizationId: 'org-import',
        employerName: null,
        employerCreditCode: null,
        districtId,
        subDistrictId,
        zoneId,
      },
      { aggregateId: memberId, version: 1, districtId, zoneId, time },
    );
  };
  const timeline = (query: string) => request(app.getHttpServer()).get(`/api/timeline?scope=zone&id=${zone.zoneId}${query}`).set('authorization', city);

  beforeAll(async () => {
    app = (await startServiceApp(GATEWAY)).app;
    // The import's registrations share one time; one registration came the day before.
    const batch: EventEnvelope[] = Array.from({ length: BATCH }, () => registration(batchTime));
    const earlier = registration(earlierTime);
    batchIds = batch.map((e) => e.id);
    earlierId = earlier.id;
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, [...zoneRegistered(zone), earlier, ...batch]);
    const log = app.get<Model<EventLogEntry>>(getModelToken(EVENT_LOG));
    await waitFor(async () => (await log.countDocuments({ zoneId: zone.zoneId, type: MemberRegistered.type }).exec()) === BATCH + 1, 'the registrations in the event log', 60000);
    await waitFor(async () => (await timeline('&limit=1')).status === 200, 'the zone to be known');
  }, 120000);

  afterAll(async () => {
    await app?.close();
  });

  it('pages a zone timeline through an import batch of one time, every event exactly once, newest first', async () => {
    const seen: string[] = [];
    const times: number[] = [];
    let before: string | null = null;
    for (let page = 0; page < 200; page++) {
      const query: string = `&limit=7${before ? `&before=${encodeURIComponent(before)}` : ''}`;
      const answer: { body: { events: { eventId: string; type: string; time: string }[]; next: string | null } } = await timeline(query).expect(200);
      for (const e of answer.body.events) {
        if (e.type !== MemberRegistered.type) continue;
        seen.push(e.eventId);
        times.push(new Date(e.time).getTime());
      }
      before = answer.body.next;
      if (!before) break;
    }
    expect(before).toBeNull();
    expect(seen).toHaveLength(BATCH + 1);
    expect(new Set(seen).size).toBe(BATCH + 1);
    expect([...seen].sort()).toEqual([...batchIds, earlierId].sort());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('still takes a bare ISO time as `before` (older clients): everything older than it', async () => {
    const answer = await timeline(`&limit=50&before=${encodeURIComponent(batchTime)}`).expect(200);
    const ids = (answer.body.events as { eventId: string; type: string }[]).filter((e) => e.type === MemberRegistered.type).map((e) => e.eventId);
    expect(ids).toEqual([earlierId]);
  });

  it('answers a malformed `before` with a 400 that names it', async () => {
    for (const bad of ['not-a-cursor', Buffer.from('["x"]').toString('base64url'), Buffer.from('["yesterday","e-1"]').toString('base64url')]) {
      const answer = await timeline(`&before=${encodeURIComponent(bad)}`);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body.message)).toContain('before 无效');
    }
  });
});
