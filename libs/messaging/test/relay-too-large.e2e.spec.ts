import { randomUUID } from 'crypto';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { Connection, Model } from 'mongoose';
import { OrganizationRegistered, OrganizationRenamed } from '@pb/contracts';
import { EventStore, KafkaMessageBroker, OutboxEntry, OutboxRelay, outboxModelOn, SET_ASIDE_COLLECTION, STORED_EVENT_MODEL, StoredEvent, StoredEventSchema } from '@pb/messaging';
import { Lease, relayRefusedBatches, relaySetAside } from '@pb/platform';
import { infraEnv, openTestDatabase, readTopic, testBroker } from '@pb/testing';

/** What the topic accepts in one request per partition: a few events, never a whole batch. */
const TOPIC_MAX_MESSAGE_BYTES = 6000;
const AGGREGATES = 5;
const RENAMES = 7;
const TOTAL = AGGREGATES * (1 + RENAMES);

const counter = async (metric: typeof relaySetAside, topic: string) => (await metric.get()).values.find((v) => v.labels.topic === topic)?.value ?? 0;

describe('outbox relay and a topic that refuses large requests (real Kafka and database)', () => {
  const { KAFKA_BROKERS } = infraEnv();
  const kafka = new Kafka({ clientId: 'relay-too-large', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  let connection: Connection;
  let events: Model<StoredEvent>;
  let outbox: Model<OutboxEntry>;
  let broker: KafkaMessageBroker;

  /** A topic of its own with a small max.message.bytes, and an outbox holding every aggregate's events (and one event too large ever to fit). */
  async function outboxFor(topic: string, oversized: boolean): Promise<{ ids: string[]; tooLarge?: string }> {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 2, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: String(TOPIC_MAX_MESSAGE_BYTES) }] }],
    });
    await admin.disconnect();
    await Promise.all([events.deleteMany({}), outbox.deleteMany({})]);
    const store = new EventStore(events, 'membership');
    const command = { correlationId: randomUUID(), actorId: 'tester' };
    const jurisdiction = { districtId: 'rencheng', zoneId: 'zone-taibailou' };
    const ids = Array.from({ length: AGGREGATES }, (_, a) => `org-${a}-${randomUUID().slice(0, 8)}`);
    for (const id of ids) await store.append(id, 0, { definition: OrganizationRegistered, data: { ...OrganizationRegistered.example, organizationId: id }, jurisdiction }, command);
    for (let v = 1; v <= RENAMES; v++) {
      for (const id of ids) await store.append(id, v, { definition: OrganizationRenamed, data: { organizationId: id, name: `名称 v${v + 1}` }, jurisdiction }, command);
    }
    if (!oversized) return { ids };
    // An event no send can carry: its envelope alone is over the topic's limit (written straight into the stored event).
    const [victim] = await events.find({ aggregateId: ids[2], version: 4 }).lean<StoredEvent[]>();
    await events.collection.updateOne({ _id: victim._id } as never, { $set: { 'envelope.data.name': '超长名称'.repeat(1000) } });
    return { ids, tooLarge: victim._id };
  }

  beforeAll(async () => {
    connection = await openTestDatabase('t_relay_large_msg');
    events = connection.model<StoredEvent>(STORED_EVENT_MODEL, StoredEventSchema);
    outbox = outboxModelOn(connection);
    await Promise.all([events.syncIndexes(), outbox.syncIndexes()]);
    broker = testBroker('relay-too-large');
  });

  afterAll(async () => {
    await broker.close();
    await connection.close();
  });

  it('splits a batch the broker refuses as too large, sets aside the one event that never fits, and publishes the rest in order', async () => {
    const topic = `test.relay-too-large.${randomUUID()}`;
    const { ids, tooLarge } = await outboxFor(topic, true);
    const [refusedBefore, setAsideBefore] = [await counter(relayRefusedBatches, topic), await counter(relaySetAside, topic)];
    // No cap of its own: the relay learns the topic's limit from the refusals.
    const relay = new OutboxRelay(events, broker, new Lease(connection, 'outbox-relay', 'too-large', 10_000), { topic, batchSize: 1000, idleMs: 50 });

    expect(await relay.publishOnce()).toBe(TOTAL);

    expect(await outbox.countDocuments()).toBe(0);
    // Noted where the docs say, with what it takes to put it back into the outbox.
    const setAside = await connection.collection(SET_ASIDE_COLLECTION).find().toArray();
    expect(setAside.map((e) => e._id)).toEqual([tooLarge]);
    expect(setAside[0]).toMatchObject({ aggregateId: ids[2], version: 4, type: OrganizationRenamed.type, storedAt: expect.any(Date) });
    expect(setAside[0].setAside).toMatchObject({ reason: expect.stringMatching(/MESSAGE_TOO_LARGE|RECORD_LIST_TOO_LARGE/), bytes: expect.any(Number) });
    expect(setAside[0].setAside.bytes).toBeGreaterThan(TOPIC_MAX_MESSAGE_BYTES);
    expect(await counter(relaySetAside, topic)).toBe(setAsideBefore + 1);
    expect(await counter(relayRefusedBatches, topic)).toBeGreaterThan(refusedBefore + 1);

    const messages = await readTopic(KAFKA_BROKERS, topic, (m) => new Set(m.map((x) => x.headers.ce_id)).size >= TOTAL - 1);
    const distinct = new Set(messages.map((m) => m.headers.ce_id));
    expect(distinct.size).toBe(TOTAL - 1);
    expect(distinct.has(tooLarge!)).toBe(false);
    for (const id of ids) {
      const versions = messages.filter((m) => m.key === id).map((m) => (JSON.parse(m.value!) as { aggregateversion: number }).aggregateversion);
      const firstSeen = versions.filter((v, i) => versions.indexOf(v) === i);
      expect(firstSeen).toEqual(Array.from({ length: 1 + RENAMES }, (_, i) => i + 1).filter((v) => id !== ids[2] || v !== 4));
    }

    // As docs/architecture.md says: once the topic takes it, the noted entry put back into the outbox publishes it.
    const admin = kafka.admin();
    await admin.connect();
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'max.message.bytes', value: '1048576' }] }] });
    await admin.disconnect();
    const { _id, aggregateId, version, storedAt } = setAside[0];
    await outbox.collection.insertOne({ _id, aggregateId, version, storedAt } as never);
    await connection.collection(SET_ASIDE_COLLECTION).deleteOne({ _id });
    expect(await relay.publishOnce()).toBe(1);
    const after = await readTopic(KAFKA_BROKERS, topic, (m) => m.some((x) => x.headers.ce_id === tooLarge));
    expect(after.filter((m) => m.headers.ce_id === tooLarge)).toHaveLength(1);
  });

  it('keeps every send under the configured bytes per partition, so the broker refuses none', async () => {
    const topic = `test.relay-capped.${randomUUID()}`;
    await outboxFor(topic, false);
    const refusedBefore = await counter(relayRefusedBatches, topic);
    const relay = new OutboxRelay(events, broker, new Lease(connection, 'outbox-relay', 'capped', 10_000), {
      topic,
      batchSize: 1000,
      idleMs: 50,
      maxBytesPerPartition: TOPIC_MAX_MESSAGE_BYTES - 500,
    });

    expect(await relay.publishOnce()).toBe(TOTAL);

    expect(await counter(relayRefusedBatches, topic)).toBe(refusedBefore);
    expect(await outbox.countDocuments()).toBe(0);
    const messages = await readTopic(KAFKA_BROKERS, topic, (m) => m.length >= TOTAL);
    expect(messages).toHaveLength(TOTAL);
  });
});
