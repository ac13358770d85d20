import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import request from 'supertest';
import { EventEnvelope, CONTEXT_TOPICS } from '@pb/contracts';
import { Actor, Clock, createServiceApp, loadConfig } from '@pb/platform';
import { bearer, infraEnv, readTopic, uniqueName } from '@pb/testing';
import { MembershipConfig } from '../src/membership.config';
import { MembershipModule } from '../src/membership.module';

/** Any 32-byte key: the members part of the service refuses to start without one. */
const DATA_KEY = Buffer.alloc(32, 9).toString('base64');

export const SYSTEM: Actor = { userId: 'test-system', role: 'SYSTEM', scope: { level: 'CITY' } };

/** The membership app on a database of its own, its term-reminder schedule off unless `env` sets it. */
export async function startMembership(clock?: Clock, env: Record<string, string> = {}): Promise<{ app: INestApplication; db: Connection }> {
  const config = loadConfig(
    MembershipConfig,
    { ...infraEnv(), LOG_LEVEL: 'warn', MEMBERSHIP_DATA_KEY: DATA_KEY, KAFKA_GROUP_ID: uniqueName('membership-test'), SCHEDULE_TERM_REMINDERS: 'off', ...env },
    { PORT: 3001, MONGODB_DATABASE: uniqueName('t_membership') },
  );
  const app = await createServiceApp(MembershipModule.register(config, { clock }), { title: 'test' });
  await app.init();
  return { app, db: app.get(getConnectionToken()) };
}

/** Registers 济宁市 → a district → 阜桥街道 → 太白楼路商圈 (ids made unique per district). */
export async function registerPlaces(app: INestApplication, district: string): Promise<void> {
  const server = app.getHttpServer();
  const post = (body: object) => request(server).post('/jurisdictions').set('authorization', bearer(SYSTEM)).send(body);
  const city = await post({ jurisdictionId: 'jining', level: 'CITY', name: '济宁市' });
  if (![201, 409].includes(city.status)) throw new Error(`city: ${city.status} ${JSON.stringify(city.body)}`);
  for (const body of [
    { jurisdictionId: district, level: 'DISTRICT', name: '任城区', parentId: 'jining' },
    { jurisdictionId: 'fuqiao', level: 'SUB_DISTRICT', name: '阜桥街道', parentId: district },
    { jurisdictionId: 'zone-taibailou', level: 'ZONE', name: '太白楼路商圈', parentId: 'fuqiao', zoneKind: 'BUSINESS_DISTRICT' },
  ]) {
    const res = await post(body);
    if (res.status !== 201) throw new Error(`${body.jurisdictionId}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** The envelopes of one aggregate on the membership topic, once `count` of them are there. */
export async function eventsOf(subject: string, count = 1): Promise<EventEnvelope[]> {
  const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, (m) => m.filter((x) => x.key === subject).length >= count);
  return messages
    .filter((m) => m.key === subject)
    .map((m) => JSON.parse(m.value!) as EventEnvelope)
    .sort((a, b) => a.aggregateversion - b.aggregateversion);
}
