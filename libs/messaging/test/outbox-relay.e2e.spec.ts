import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { Connection, Model, Schema } from 'mongoose';
import { EventEnvelope, OrganizationRegistered, OrganizationRenamed } from '@pb/contracts';
import {
  AggregateRepository,
  applyIfNewer,
  defineAggregate,
  EventStore,
  KafkaMessageBroker,
  OutboxEntry,
  OutboxRelay,
  outboxModelOn,
  ownJurisdiction,
  SnapshotCatchUp,
  SNAPSHOTTED_WRITES_COLLECTION,
  STORED_EVENT_MODEL,
  StoredEvent,
  StoredEventSchema,
} from '@pb/messaging';
import { Lease, ManualClock, relayOrphans } from '@pb/platform';
import { infraEnv, openTestDatabase, readTopic, startConsumer, testBroker, waitFor, waitForGroupAtEnd } from '@pb/testing';

const AGGREGATES = 6;
const EVENTS_PER_AGGREGATE = 10;
const TOTAL = AGGREGATES * EVENTS_PER_AGGREGATE;
const BATCH = 25;

const counter = async (metric: typeof relayOrphans, topic: string) => (await metric.get()).values.find((v) => v.labels.topic === topic)?.value ?? 0;

interface View {
  _id: string;
  name: string;
  version: number;
}

/** An event store whose outbox is on the real database, and the real broker. */
async function openOutbox(clientId: string, database: string, topics: string[]) {
  const connection = await openTestDatabase(database);
  const events = connection.model<StoredEvent>(STORED_EVENT_MODEL, StoredEventSchema);
  const outbox = outboxModelOn(connection);
  await Promise.all([events.syncIndexes(), outbox.syncIndexes()]);
  const broker = testBroker(clientId);
  await broker.ensureTopics(topics.map((topic) => ({ topic, partitions: 3, replicationFactor: 1 })));
  const store = new EventStore(events, 'membership');
  const command = { correlationId: randomUUID(), actorId: 'tester' };
  const jurisdiction = { districtId: 'rencheng', zoneId: 'zone-taibailou' };
  return {
    connection,
    events,
    outbox,
    broker,
    store,
    register: (id: string) => store.append(id, 0, { definition: OrganizationRegistered, data: { ...OrganizationRegistered.example, organizationId: id }, jurisdiction }, command),
    rename: (id: string, version: number) =>
      store.append(id, version, { definition: OrganizationRenamed, data: { organizationId: id, name: `名称 v${version + 1}` }, jurisdiction }, command),
  };
}

type Outbox = Awaited<ReturnType<typeof openOutbox>>;

/** An outbox of the describe block's own: opened before its tests, closed after them. */
function outboxOfBlock(clientId: string, database: string, topics: string[]): Outbox {
  const opened = {} as Outbox;
  beforeAll(async () => {
    Object.assign(opened, await openOutbox(clientId, database, topics));
  });
  afterAll(async () => {
    await opened.broker?.close();
    await opened.connection?.close();
  });
  return opened;
}

describe('outbox relay crash between publish and delete (real Kafka and database)', () => {
  const { KAFKA_BROKERS } = infraEnv();
  const topic = `test.relay.${randomUUID()}`;
  let connection: Connection;
  let events: Model<StoredEvent>;
  let outbox: Model<OutboxEntry>;
  let broker: KafkaMessageBroker;
  let register: (id: string) => Promise<unknown>;
  let rename: (id: string, version: number) => Promise<unknown>;
  let consumerApp: INestMicroservice | undefined;
  const ids: string[] = [];

  beforeAll(async () => {
    ({ connection, events, outbox, broker, register, rename } = await openOutbox('relay-test', 't_relay', [topic, `${topic}.dlq`]));
    for (let a = 0; a < AGGREGATES; a++) {
      const id = `org-${a}-${randomUUID().slice(0, 8)}`;
      ids.push(id);
      await register(id);
    }
    // Interleave the aggregates' renames so batches cut across streams.
    for (let v = 1; v < EVENTS_PER_AGGREGATE; v++) {
      for (const id of ids) {
        await rename(id, v);
      }
    }
  });

  afterAll(async () => {
    await consumerApp?.close();
    await broker.close();
    await connection.close();
  });

  it('loses nothing, keeps each aggregate in order, and the consumer applies every event exactly once', async () => {
    const options = { topic, batchSize: BATCH, idleMs: 50 };
    let batches = 0;
    const crashing = new OutboxRelay(events, broker, new Lease(connection, 'outbox-relay', 'crashing', 10_000), options, {
      afterSend: async () => {
        batches += 1;
        if (batches === 2) throw new Error('relay killed after publishing, before deleting the entries');
      },
    });
    expect(await crashing.publishOnce()).toBe(BATCH);
    await expect(crashing.publishOnce()).rejects.toThrow('relay killed');
    expect(await outbox.countDocuments()).toBe(TOTAL - BATCH);

    // A new relay (another process after the restart) takes over through the lease loop.
    const restarted = new OutboxRelay(events, broker, new Lease(connection, 'outbox-relay', 'restarted', 10_000), options);
    restarted.start();
    await waitFor(async () => (await outbox.countDocuments()) === 0, 'the backlog to drain');
    await restarted.stop();

    const messages = await readTopic(KAFKA_BROKERS, topic, (m) => new Set(m.map((x) => x.headers.ce_id)).size === TOTAL && m.length >= TOTAL + BATCH);
    const distinct = new Set(messages.map((m) => m.headers.ce_id));
    expect(distinct.size).toBe(TOTAL); // nothing lost
    expect(messages.length).toBe(TOTAL + BATCH); // exactly the batch still in the outbox went out twice
    for (const id of ids) {
      const versions = messages.filter((m) => m.key === id).map((m) => (JSON.parse(m.value!) as EventEnvelope).aggregateversion);
      const firstSeen = versions.filter((v, i) => versions.indexOf(v) === i);
      expect(firstSeen).toEqual(Array.from({ length: EVENTS_PER_AGGREGATE }, (_, i) => i + 1));
      // All of one aggregate's events share a partition (keyed by aggregate id).
      expect(new Set(messages.filter((m) => m.key === id).map((m) => m.partition)).size).toBe(1);
    }

    // Downstream: a consumer sees the duplicates and must absorb them.
    const applications = connection.model('Application', new Schema({ _id: String, count: Number }, { collection: 'applications' }));
    const views = connection.model<View>('View', new Schema<View>({ _id: String, name: String, version: Number }, { collection: 'views' }));

    @Controller()
    class CountingProjector {
      @EventPattern(OrganizationRegistered.type)
      async registered(@Payload() e: EventEnvelope<{ organizationId: string; name: string }>) {
        await applications.updateOne({ _id: e.id }, { $inc: { count: 1 } }, { upsert: true });
        await applyIfNewer(views, e.data.organizationId, e.aggregateversion, { name: e.data.name });
      }

      @EventPattern(OrganizationRenamed.type)
      async renamed(@Payload() e: EventEnvelope<{ organizationId: string; name: string }>) {
        await applications.updateOne({ _id: e.id }, { $inc: { count: 1 } }, { upsert: true });
        await applyIfNewer(views, e.data.organizationId, e.aggregateversion, { name: e.data.name });
      }
    }
    @Module({ controllers: [CountingProjector] })
    class ConsumerModule {}

    const consumer = await startConsumer(ConsumerModule, { broker, connection, topics: [topic] });
    consumerApp = consumer.app;

    await waitFor(async () => (await applications.countDocuments()) === TOTAL, 'every event to be applied', 30000);
    // Everything on the topic, the batch published twice included, has been handled: then nothing counted twice.
    await waitForGroupAtEnd(consumer.groupId, [topic]);
    const counts = await applications.find().lean<{ _id: string; count: number }[]>();
    expect(counts).toHaveLength(TOTAL);
    expect(counts.filter((c) => c.count !== 1)).toEqual([]);
    const finalViews = await views.find().lean<View[]>();
    expect(finalViews).toHaveLength(AGGREGATES);
    for (const v of finalViews) expect(v).toMatchObject({ version: EVENTS_PER_AGGREGATE, name: `名称 v${EVENTS_PER_AGGREGATE}` });
  });
});

describe('outbox relay with a backlog larger than the database connection pool (real Kafka and database)', () => {
  // The local FerretDB's pool has 250 connections; a write of one statement per event in a single
  // command once waited forever on a batch this size.
  const BACKLOG = 320;
  const { KAFKA_BROKERS } = infraEnv();
  const topic = `test.relay-large.${randomUUID()}`;
  let connection: Connection;
  let events: Model<StoredEvent>;
  let broker: KafkaMessageBroker;

  beforeAll(async () => {
    const outbox = await openOutbox('relay-large-test', 't_relay_large', [topic]);
    ({ connection, events, broker } = outbox);
    for (let i = 0; i < BACKLOG; i++) await outbox.register(`org-${i}-${randomUUID().slice(0, 8)}`);
  }, 120_000);

  afterAll(async () => {
    await broker.close();
    await connection.close();
  });

  it('publishes the whole backlog in one batch and empties the outbox', async () => {
    const relay = new OutboxRelay(events, broker, new Lease(connection, 'outbox-relay', 'large', 10_000), { topic, batchSize: 1000, idleMs: 50 });
    expect(await relay.publishOnce()).toBe(BACKLOG);
    expect(await outboxModelOn(connection).countDocuments()).toBe(0);
    // The streams stay as they were.
    expect(await events.countDocuments()).toBe(BACKLOG);
    const messages = await readTopic(KAFKA_BROKERS, topic, (m) => m.length >= BACKLOG);
    expect(new Set(messages.map((m) => m.headers.ce_id)).size).toBe(BACKLOG);
  }, 60_000);
});

describe('outbox relay with a backlog larger than a batch, stored out of order (real Kafka and database)', () => {
  // The relay reads a batch of the outbox in the order the database keeps it, without a sort (FerretDB
  // would sort the whole backlog for every batch). An aggregate's later event stored ahead of its earlier
  // one must still reach the topic after it.
  const { KAFKA_BROKERS } = infraEnv();
  const topic = `test.relay-order.${randomUUID()}`;
  const outbox = outboxOfBlock('relay-order-test', 't_relay_order', [topic]);

  it("publishes each aggregate's earlier events before its later ones, whichever batch found them", async () => {
    const command = { correlationId: randomUUID(), actorId: 'tester' };
    const jurisdiction = { districtId: 'rencheng', zoneId: 'zone-taibailou' };
    const clock = new ManualClock();
    const store = new EventStore(outbox.events, 'membership', undefined, clock);
    const stored = (aggregateId: string, version: number, at: number) => {
      const event =
        version === 1
          ? { definition: OrganizationRegistered, data: { ...OrganizationRegistered.example, organizationId: aggregateId }, jurisdiction }
          : { definition: OrganizationRenamed, data: { organizationId: aggregateId, name: `名称 v${version}` }, jurisdiction };
      clock.set(new Date(at));
      return store.append(aggregateId, version - 1, event as never, command);
    };
    const late = `org-late-${randomUUID().slice(0, 8)}`;
    const others = Array.from({ length: 4 }, (_, i) => `org-${i}-${randomUUID().slice(0, 8)}`);
    const t0 = Date.now();
    // Written in this order (no command would: each appends after the version it loaded): the late
    // aggregate's second and third events first, then other aggregates' events, then its first.
    await stored(late, 2, t0 + 1);
    await stored(late, 3, t0 + 2);
    for (const [i, id] of others.entries()) await stored(id, 1, t0 + 3 + i);
    await stored(late, 1, t0);

    const relay = new OutboxRelay(outbox.events, outbox.broker, new Lease(outbox.connection, 'outbox-relay', 'order', 10_000), { topic, batchSize: 2, idleMs: 50 });
    let published = 0;
    for (let n = await relay.publishOnce(); n > 0; n = await relay.publishOnce()) published += n;
    expect(published).toBe(7);
    expect(await outbox.outbox.countDocuments()).toBe(0);

    const messages = await readTopic(KAFKA_BROKERS, topic, (m) => m.length >= 7);
    expect(new Set(messages.map((m) => m.headers.ce_id)).size).toBe(7);
    const versionsOf = (id: string) => messages.filter((m) => m.key === id).map((m) => (JSON.parse(m.value!) as EventEnvelope).aggregateversion);
    expect(versionsOf(late)).toEqual([1, 2, 3]);
  });

  it("deletes a write's entries together only once all of them went out: a batch that cut a write in two leaves the rest to publish", async () => {
    const topic2 = `test.relay-write.${randomUUID()}`;
    await outbox.broker.ensureTopics([{ topic: topic2, partitions: 3, replicationFactor: 1 }]);
    const command = { correlationId: randomUUID(), actorId: 'tester' };
    const jurisdiction = { districtId: 'rencheng', zoneId: 'zone-taibailou' };
    const store = new EventStore(outbox.events, 'membership');
    const id = `org-write-${randomUUID().slice(0, 8)}`;
    await store.appendMany(
      id,
      0,
      [
        { definition: OrganizationRegistered, data: { ...OrganizationRegistered.example, organizationId: id }, jurisdiction },
        ...[2, 3, 4].map((v) => ({ definition: OrganizationRenamed, data: { organizationId: id, name: `名称 v${v}` }, jurisdiction })),
      ],
      command,
    );
    const relay = new OutboxRelay(outbox.events, outbox.broker, new Lease(outbox.connection, 'outbox-relay', 'write', 10_000), { topic: topic2, batchSize: 3, idleMs: 50 });
    // Three of the write's four entries (four, should the read have begun past the first: its predecessor is added).
    const first = await relay.publishOnce();
    expect(await outbox.outbox.countDocuments({ aggregateId: id })).toBe(4 - first);
    if (first < 4) expect(await relay.publishOnce()).toBe(4 - first);
    expect(await outbox.outbox.countDocuments({ aggregateId: id })).toBe(0);
    const messages = await readTopic(KAFKA_BROKERS, topic2, (m) => m.length >= 4);
    expect(messages.map((m) => (JSON.parse(m.value!) as EventEnvelope).aggregateversion)).toEqual([1, 2, 3, 4]);
  });
});

describe('outbox relay and entries whose events are not stored (real Kafka and database)', () => {
  // The writer inserts an event's outbox entry first, then the event. Between the two (or dead
  // there) the outbox holds an entry without its event: it must never reach the topic.
  const { KAFKA_BROKERS } = infraEnv();
  const topic = `test.relay-orphans.${randomUUID()}`;
  const GRACE_MS = 30_000;
  const o = outboxOfBlock('relay-orphans-test', 't_relay_orphans', [topic]);

  it("holds an aggregate whose event is not stored yet, publishes it once stored, and deletes a dead writer's entry unpublished after the grace period", async () => {
    const clock = new ManualClock();
    const store = new EventStore(o.events, 'membership', undefined, clock);
    const command = { correlationId: randomUUID(), actorId: 'tester' };
    const jurisdiction = { districtId: 'rencheng', zoneId: 'zone-taibailou' };
    const register = (id: string) => store.append(id, 0, { definition: OrganizationRegistered, data: { ...OrganizationRegistered.example, organizationId: id }, jurisdiction }, command);
    const rename = (id: string) => store.append(id, 1, { definition: OrganizationRenamed, data: { organizationId: id, name: '新名称' }, jurisdiction }, command);
    /** What a writer between its two inserts leaves: its entries, not yet its events (taken out here, put back later). */
    const eventsTakenOut = async (id: string) => {
      const taken = await o.events.find({ aggregateId: id }).lean<StoredEvent[]>();
      await o.events.deleteMany({ aggregateId: id });
      return taken;
    };
    const slow = `org-slow-${randomUUID().slice(0, 8)}`;
    const dead = `org-dead-${randomUUID().slice(0, 8)}`;
    const others = Array.from({ length: 3 }, (_, i) => `org-${i}-${randomUUID().slice(0, 8)}`);
    await register(slow);
    await rename(slow);
    await register(dead);
    for (const id of others) await register(id);
    const slowEvents = await eventsTakenOut(slow);
    await eventsTakenOut(dead);
    const orphansBefore = await counter(relayOrphans, topic);
    const relay = new OutboxRelay(
      o.events,
      o.broker,
      new Lease(o.connection, 'outbox-relay', 'orphans', 10_000),
      { topic, batchSize: 1000, idleMs: 50, orphanGraceMs: GRACE_MS },
      {},
      clock,
    );

    // Only the others go out; the entries without events are held, not deleted: their writers may be mid-way.
    expect(await relay.publishOnce()).toBe(others.length);
    expect((await o.outbox.find().lean<OutboxEntry[]>()).map((e) => e.aggregateId).sort()).toEqual([dead, slow, slow].sort());
    clock.advance(GRACE_MS - 1000);
    expect(await relay.publishOnce()).toBe(0);
    expect(await o.outbox.countDocuments()).toBe(3);

    // The slow writer's events land: both go out, in order.
    await o.events.collection.insertMany(slowEvents as never[]);
    expect(await relay.publishOnce()).toBe(2);

    // Past the grace period the dead writer's entry is an orphan: deleted, never published.
    clock.advance(2000);
    expect(await relay.publishOnce()).toBe(0);
    expect(await o.outbox.countDocuments()).toBe(0);
    expect(await counter(relayOrphans, topic)).toBe(orphansBefore + 1);

    const messages = await readTopic(KAFKA_BROKERS, topic, (m) => m.length >= others.length + 2);
    expect(messages).toHaveLength(others.length + 2);
    expect(messages.filter((m) => m.key === dead)).toEqual([]);
    expect(messages.filter((m) => m.key === slow).map((m) => (JSON.parse(m.value!) as EventEnvelope).aggregateversion)).toEqual([1, 2]);
    // Nothing but its entry was lost: the dead writer's aggregate can be written afresh.
    await expect(register(dead)).resolves.toMatchObject({ aggregateversion: 1 });
  });
});

describe('outbox relay on a database written before the outbox had its own collection (real Kafka and database)', () => {
  const { KAFKA_BROKERS } = infraEnv();
  const topic = `test.relay-upgrade.${randomUUID()}`;
  const o = outboxOfBlock('relay-upgrade-test', 't_relay_upgrade', [topic]);

  it('moves the unpublished events into the outbox once, at start, and publishes them; the published ones stay as they are', async () => {
    const ids = Array.from({ length: 4 }, (_, i) => `org-${i}-${randomUUID().slice(0, 8)}`);
    for (const id of ids) await o.register(id);
    for (const id of ids.slice(0, 2)) await o.rename(id, 1);
    // As the previous version left them: no outbox, `published` on every event (the first aggregate's already published), and its index.
    await o.outbox.deleteMany({});
    await o.events.collection.updateMany({}, { $set: { published: false, publishedAt: null } });
    await o.events.collection.updateMany({ aggregateId: ids[0] }, { $set: { published: true, publishedAt: new Date() } });
    await o.events.collection.createIndex({ published: 1, storedAt: 1, aggregateId: 1, version: 1 });

    const relay = new OutboxRelay(o.events, o.broker, new Lease(o.connection, 'outbox-relay', 'upgrade', 10_000), { topic, batchSize: 1000, idleMs: 50 });
    relay.start();
    const messages = await readTopic(KAFKA_BROKERS, topic, (m) => m.length >= 4);
    await waitFor(async () => (await o.outbox.countDocuments()) === 0, 'the moved backlog to drain');
    await relay.stop();

    expect(messages.map((m) => m.key).sort()).toEqual([ids[1], ids[1], ids[2], ids[3]].sort());
    expect(messages.filter((m) => m.key === ids[1]).map((m) => (JSON.parse(m.value!) as EventEnvelope).aggregateversion)).toEqual([1, 2]);
    // Once: the old index is gone, so no later start moves anything again.
    expect((await o.events.collection.indexes()).filter((index) => 'published' in index.key)).toEqual([]);
  });
});

describe('outbox relay and the snapshots of bulk writes (real Kafka and database)', () => {
  // An import's events reach the relay with their snapshots written and noted: the relay publishes them
  // without looking up a snapshot per aggregate. A bulk write whose snapshots are missing is not noted,
  // and the relay brings them up to date before its events go out.
  const { KAFKA_BROKERS } = infraEnv();
  const topic = `test.relay-snapshots.${randomUUID()}`;
  const outbox = outboxOfBlock('relay-snapshots-test', 't_relay_snapshots', [topic]);

  it('skips the catch-up for a noted bulk write, catches up one without a note, and removes the note with its write', async () => {
    const Orgs = defineAggregate<{ organizationId: string; name: string; districtId: string; zoneId: string | null }>({
      type: 'Organization',
      evolve: (_, event) => {
        const { organizationId, name, districtId, zoneId } = event.data as { organizationId: string; name: string; districtId: string; zoneId: string | null };
        return { organizationId, name, districtId, zoneId };
      },
      collection: 'organizations',
      jurisdiction: ownJurisdiction,
    });
    const snapshots = outbox.connection.model(Orgs.snapshotModel, Orgs.snapshotSchema);
    const orgs = new AggregateRepository(snapshots as never, outbox.store, Orgs);
    const catchUp = new SnapshotCatchUp();
    catchUp.add(orgs);
    const caughtUp: string[] = [];
    const relay = new OutboxRelay(
      outbox.events,
      outbox.broker,
      new Lease(outbox.connection, 'outbox-relay', 'snapshots', 10_000),
      { topic, batchSize: 100, idleMs: 50 },
      {
        beforePublish: async (events) => {
          caughtUp.push(...events.map((e) => e.aggregateId));
          await catchUp.run(events);
        },
      },
    );
    const command = { correlationId: randomUUID(), actorId: 'tester' };
    const first = (id: string) => ({ id, event: { definition: OrganizationRegistered, data: { ...OrganizationRegistered.example, organizationId: id } } });
    const imported = [0, 1, 2].map((i) => `org-imp-${i}-${randomUUID().slice(0, 8)}`);
    expect(await orgs.createMany(imported.map(first), command)).toEqual(imported);
    const notes = outbox.connection.collection(SNAPSHOTTED_WRITES_COLLECTION);
    expect(await notes.countDocuments()).toBe(1);

    expect(await relay.publishOnce()).toBe(3);
    expect(caughtUp).toEqual([]);
    expect(await notes.countDocuments()).toBe(0);

    // A bulk write whose writer stopped before its snapshots: its events are stored, nothing is noted.
    const unsnapshotted = [0, 1].map((i) => `org-lag-${i}-${randomUUID().slice(0, 8)}`);
    await outbox.store.appendNew(
      unsnapshotted.map((id) => ({ aggregateId: id, event: first(id).event })),
      command,
      { locate: () => ({ districtId: 'rencheng', zoneId: 'zone-taibailou' }) },
    );
    expect(await relay.publishOnce()).toBe(2);
    expect(caughtUp.sort()).toEqual([...unsnapshotted].sort());
    for (const id of unsnapshotted) expect(await snapshots.findById(id).lean().exec()).toMatchObject({ version: 1, organizationId: id });

    const messages = await readTopic(KAFKA_BROKERS, topic, (m) => m.length >= 5);
    expect(new Set(messages.map((m) => m.key))).toEqual(new Set([...imported, ...unsnapshotted]));
  }, 60_000);
});

describe('outbox relay idling (real Kafka and database)', () => {
  const topic = `test.relay-idle.${randomUUID()}`;
  const outbox = outboxOfBlock('relay-idle-test', 't_relay_idle', [topic]);

  it('asks for its lease again only after half of its TTL, not on every idle tick, and still publishes what comes', async () => {
    const lease = new Lease(outbox.connection, 'outbox-relay', 'idle', 10_000);
    const acquire = jest.spyOn(lease, 'acquire');
    const relay = new OutboxRelay(outbox.events, outbox.broker, lease, { topic, batchSize: 100, idleMs: 20 });
    const publishOnce = jest.spyOn(relay, 'publishOnce');
    relay.start();
    try {
      await waitFor(async () => publishOnce.mock.calls.length >= 10, 'ten idle ticks');
      expect(acquire).toHaveBeenCalledTimes(1);
      await outbox.register(`org-idle-${randomUUID().slice(0, 8)}`);
      await waitFor(async () => (await outbox.outbox.countDocuments()) === 0, 'the new event to go out');
    } finally {
      await relay.stop();
    }
  }, 60_000);
});
