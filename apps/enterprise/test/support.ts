import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Kafka, logLevel } from 'kafkajs';
import { Connection } from 'mongoose';
import { CONTEXT_TOPICS, JurisdictionRegistered } from '@pb/contracts';
import { KafkaEventTransport } from '@pb/messaging';
import { Actor, createServiceApp, loadConfig, ManualClock } from '@pb/platform';
import { envelopeOf, infraEnv, publishEnvelopes, testTopic, uniqueName, waitFor } from '@pb/testing';
import { EnterpriseConfig } from '../src/enterprise.config';
import { EnterpriseModule } from '../src/enterprise.module';

export { newCreditCode } from './credit-codes';

export interface TestApp {
  app: INestApplication;
  db: Connection;
  close: () => Promise<void>;
}

/** The enterprise app on the real database and broker, with its own database and consumer group, the sweep timer off. */
export async function startEnterpriseApp(clock?: ManualClock): Promise<TestApp> {
  const groupId = uniqueName('enterprise-test');
  await startGroupAtEnd(groupId, CONTEXT_TOPICS.membership);
  const config = loadConfig(
    EnterpriseConfig,
    { ...infraEnv(), LOG_LEVEL: 'warn', KAFKA_GROUP_ID: groupId, SCHEDULE_OVERDUE_REQUESTS: 'off' },
    { PORT: 3004, MONGODB_DATABASE: uniqueName('t_enterprise') },
  );
  const app = await createServiceApp(EnterpriseModule.register(config, { clock }), { title: 'test', consumer: (a) => a.get(KafkaEventTransport) });
  await app.init();
  await app.startAllMicroservices();
  const db = app.get<Connection>(getConnectionToken());
  return {
    app,
    db,
    close: async () => {
      await app.close();
    },
  };
}

/**
 * The test's consumer group starts at the topic's current end: the events a test
 * relies on are the ones it publishes itself, and a backlog (when the topic is
 * shared, i.e. without a per-file KAFKA_TOPIC_PREFIX) would only slow it down.
 * Production groups read from the beginning.
 */
async function startGroupAtEnd(groupId: string, contextTopic: string): Promise<void> {
  const topic = testTopic(contextTopic);
  const admin = new Kafka({ clientId: 'enterprise-test-admin', brokers: infraEnv().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) return;
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
  } finally {
    await admin.disconnect();
  }
}

export interface TestZone {
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** Publishes the district, sub-district and zone as membership would, and waits until the app has learned them. */
export async function learnZone(t: TestApp, zone: TestZone, name = '测试片区'): Promise<void> {
  const base = { parentId: null, zoneKind: null, subDistrictId: null, zoneId: null };
  const events = [
    envelopeOf(JurisdictionRegistered, { ...base, jurisdictionId: zone.districtId, level: 'DISTRICT', name: '测试区', districtId: zone.districtId }, { aggregateId: zone.districtId, version: 1 }),
    envelopeOf(
      JurisdictionRegistered,
      { ...base, jurisdictionId: zone.subDistrictId, level: 'SUB_DISTRICT', name: '测试街道', parentId: zone.districtId, districtId: zone.districtId, subDistrictId: zone.subDistrictId },
      { aggregateId: zone.subDistrictId, version: 1 },
    ),
    envelopeOf(
      JurisdictionRegistered,
      { jurisdictionId: zone.zoneId, level: 'ZONE', name, parentId: zone.subDistrictId, districtId: zone.districtId, subDistrictId: zone.subDistrictId, zoneId: zone.zoneId, zoneKind: 'BUILDING' },
      { aggregateId: zone.zoneId, version: 1, districtId: zone.districtId, zoneId: zone.zoneId },
    ),
  ];
  await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, events);
  await waitFor(async () => (await t.db.collection('membership_jurisdictions').countDocuments({ _id: zone.zoneId } as never)) === 1, `zone ${zone.zoneId} to be learned`, 60000, 200);
}

export function newZone(): TestZone {
  const district = uniqueName('d');
  return { districtId: district, subDistrictId: `${district}-s`, zoneId: `${district}-zone` };
}

export const districtAdmin = (zone: TestZone, userId = 'district-admin'): Actor => ({ userId, role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: zone.districtId } });
export const zoneAdmin = (zone: TestZone): Actor => ({ userId: 'sub-admin', role: 'SUB_DISTRICT_ADMIN', scope: { level: 'SUB_DISTRICT', districtId: zone.districtId, subDistrictId: zone.subDistrictId } });
export const contactOf = (zone: TestZone, creditCode: string, userId = 'contact-1'): Actor => ({
  userId,
  role: 'ENTERPRISE_CONTACT',
  scope: { level: 'ZONE', districtId: zone.districtId, zoneId: zone.zoneId },
  enterpriseCode: creditCode,
});
export const SYSTEM: Actor = { userId: 'system-test', role: 'SYSTEM', scope: { level: 'CITY' } };

export function enterpriseBody(creditCode: string, zone: TestZone, overrides: Record<string, unknown> = {}) {
  return {
    creditCode,
    zoneId: zone.zoneId,
    name: '济宁海能电子商务有限公司',
    building: '海能电商园 A 座',
    industry: '电子商务',
    size: 'SMALL',
    employees: 30,
    youngGraduates: 12,
    contacts: [{ name: '李娜', title: '行政主管' }],
    tags: ['电商', '小微企业'],
    ...overrides,
  };
}

/** Documents per collection, to show that a refused request changed nothing. */
export async function counts(db: Connection, ...collections: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = { events: await db.collection('events').countDocuments() };
  for (const c of collections) out[c] = await db.collection(c).countDocuments();
  return out;
}
