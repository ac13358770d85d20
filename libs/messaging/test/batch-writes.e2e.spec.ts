import { Controller, INestMicroservice, Module, Type } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { Collection, Document } from 'mongodb';
import { Connection, Model, Schema } from 'mongoose';
import { EventEnvelope, OrganizationRegistered, OrganizationRegisteredData, OrganizationRenamed, OrganizationRenamedData } from '@pb/contracts';
import { applyIfNewerWithBatch, BatchWrites } from '@pb/messaging';
import { envelopeOf, infraEnv, openTestDatabase, publishEnvelopes, startConsumer, testBroker, uniqueName, waitFor } from '@pb/testing';

/**
 * Writes a handler leaves to the end of its Kafka batch (the gateway's event
 * log, versioned views) land exactly once and in order, and a batch whose
 * writes fail is delivered again instead of being committed without them.
 */
describe('writes deferred to the end of a Kafka batch (real Kafka and database)', () => {
  const { KAFKA_BROKERS } = infraEnv();
  const broker = testBroker('batch-inserts-test');
  let connection: Connection;
  let app: INestMicroservice | undefined;

  beforeAll(async () => {
    connection = await openTestDatabase('t_batch');
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await broker.close();
    await connection.close();
  });

  /** Publishes the events in order and starts a consumer of the topic in a new group with the handlers of `module`. */
  async function consume(topic: string, sent: EventEnvelope[], module: Type<unknown>): Promise<string> {
    await publishEnvelopes(KAFKA_BROKERS, topic, sent);
    let groupId: string;
    ({ app, groupId } = await startConsumer(module, { broker, connection, topics: [topic] }));
    return groupId;
  }

  const events = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      envelopeOf(OrganizationRegistered, { ...OrganizationRegistered.example, organizationId: `org-${i}`, name: `组织${i}` }, { aggregateId: `org-${i}`, version: 1 }),
    );

  it('outside a batch inserts at once, and an entry already there is kept without an error', async () => {
    const log = connection.collection<Document>('log_direct');
    await BatchWrites.insert(log, { _id: 'e1', n: 1 });
    await BatchWrites.insert(log, { _id: 'e1', n: 2 });
    expect(await log.find().toArray()).toEqual([{ _id: 'e1', n: 1 }]);
  });

  it('stores every deferred entry once, and a batch whose inserts failed comes again and loses nothing', async () => {
    const topic = `test.batch.${randomUUID()}`;
    await broker.ensureTopics([{ topic, partitions: 1, replicationFactor: 1 }]);
    const log = connection.collection<{ _id: string; name?: string }>(uniqueName('log'));
    // The real collection, except that the first bulk insert fails as a dropped connection would.
    let failuresLeft = 1;
    const flaky = Object.create(log) as Collection<Document>;
    flaky.insertMany = ((docs: Document[], options: object) => {
      if (failuresLeft-- > 0) return Promise.reject(new Error('connection to the database was lost'));
      return log.insertMany(docs as never, options);
    }) as Collection<Document>['insertMany'];
    const handledTimes = new Map<string, number>();

    @Controller()
    class Recorder {
      @EventPattern(OrganizationRegistered.type)
      async registered(@Payload() e: EventEnvelope<OrganizationRegisteredData>) {
        handledTimes.set(e.id, (handledTimes.get(e.id) ?? 0) + 1);
        await BatchWrites.insert(flaky, { _id: e.id, name: e.data.name });
      }
    }
    @Module({ controllers: [Recorder] })
    class RecorderModule {}

    const sent = events(40);
    const group = await consume(topic, sent, RecorderModule);

    await waitFor(async () => (await log.countDocuments()) === sent.length, 'every entry to be stored', 60_000);
    const stored = await log.find().sort({ _id: 1 }).toArray();
    expect(stored.map((d) => d._id)).toEqual(sent.map((e) => e.id).sort());
    expect(stored.find((d) => d._id === sent[7].id)?.name).toBe('组织7');
    // The failed batch was handled again (its inserts were not committed without being stored) …
    expect(failuresLeft).toBeLessThan(0);
    expect(Math.max(...handledTimes.values())).toBeGreaterThan(1);
    // … and once stored, the inbox has every event, so nothing is handled a third time.
    expect(Math.max(...handledTimes.values())).toBeLessThanOrEqual(2);
    const inboxed = await connection.collection('inbox').countDocuments({ _id: { $regex: `^${group}:` } } as never);
    expect(inboxed).toBe(sent.length);
  });

  interface NameView {
    _id: string;
    name: string;
    kind: string;
    version: number;
  }
  const viewModel = (name: string): Model<NameView> =>
    connection.model<NameView>(
      name,
      new Schema<NameView>({ _id: String, name: String, kind: { type: String, default: '党组织' }, version: Number }, { collection: name, versionKey: false }),
    );

  it('outside a batch, a versioned update is written at once, with the schema defaults, and an older version changes nothing', async () => {
    const views = viewModel(uniqueName('names_direct'));
    await applyIfNewerWithBatch(views, 'org-1', 2, { name: '新名' });
    await applyIfNewerWithBatch(views, 'org-1', 1, { name: '旧名' });
    expect(await views.find().lean().exec()).toEqual([{ _id: 'org-1', name: '新名', kind: '党组织', version: 2 }]);
  });

  it("creates documents and applies each one's deferred updates in order, skips older versions, and a batch whose writes failed comes again", async () => {
    const topic = `test.batch.${randomUUID()}`;
    await broker.ensureTopics([{ topic, partitions: 1, replicationFactor: 1 }]);
    const views = viewModel(uniqueName('names'));
    // The real model, except that its first bulk write and its first insert fail as a dropped connection would.
    let failuresLeft = 1;
    const bulkWrite = views.bulkWrite.bind(views);
    views.bulkWrite = ((ops: never, options: never) => {
      if (failuresLeft-- > 0) return Promise.reject(new Error('connection to the database was lost'));
      return bulkWrite(ops, options);
    }) as typeof views.bulkWrite;
    let insertFailuresLeft = 1;
    const insertMany = views.collection.insertMany.bind(views.collection);
    views.collection.insertMany = ((docs: never, options: never) => {
      if (insertFailuresLeft-- > 0) return Promise.reject(new Error('connection to the database was lost'));
      return insertMany(docs, options);
    }) as typeof views.collection.insertMany;
    // A document that exists before its aggregate's first event (a fact written whatever the version, at version 0).
    await views.collection.insertOne({ _id: 'org-50', kind: '联合党组织', version: 0 } as never);

    @Controller()
    class NameProjector {
      @EventPattern(OrganizationRegistered.type)
      async registered(@Payload() e: EventEnvelope<OrganizationRegisteredData>) {
        await applyIfNewerWithBatch(views, e.data.organizationId, e.aggregateversion, { name: e.data.name });
      }

      @EventPattern(OrganizationRenamed.type)
      async renamed(@Payload() e: EventEnvelope<OrganizationRenamedData>) {
        await applyIfNewerWithBatch(views, e.data.organizationId, e.aggregateversion, { name: e.data.name });
      }
    }
    @Module({ controllers: [NameProjector] })
    class NameModule {}

    const registered = (i: number) =>
      envelopeOf(OrganizationRegistered, { ...OrganizationRegistered.example, organizationId: `org-${i}`, name: `组织${i}` }, { aggregateId: `org-${i}`, version: 1 });
    const renamed = (i: number, version: number) =>
      envelopeOf(OrganizationRenamed, { organizationId: `org-${i}`, name: `组织${i}第${version}名` }, { aggregateId: `org-${i}`, version });
    const sent: EventEnvelope[] = [];
    for (let i = 0; i < 30; i++) {
      sent.push(registered(i), renamed(i, 2), renamed(i, 3));
      // An older event delivered late (a new id, so the inbox cannot know it): the version guard drops it.
      if (i % 3 === 0) sent.push(renamed(i, 2));
      // So does a first event delivered again: its document exists and has seen later versions.
      if (i % 5 === 0) sent.push(registered(i));
    }
    sent.push(registered(50));
    // More updates of one document than one bulk write holds.
    for (let version = 2; version <= 25; version++) sent.push(renamed(99, version));
    sent.splice(sent.length - 24, 0, registered(99));
    const group = await consume(topic, sent, NameModule);

    const inboxed = () => connection.collection('inbox').countDocuments({ _id: { $regex: `^${group}:` } } as never);
    await waitFor(async () => (await inboxed()) === sent.length, 'every event to be handled', 60_000);
    expect(failuresLeft).toBeLessThan(0);
    expect(insertFailuresLeft).toBeLessThan(0);
    const stored = await views.find().lean().exec();
    const expected = [
      ...Array.from({ length: 30 }, (_, i) => ({ _id: `org-${i}`, name: `组织${i}第3名`, kind: '党组织', version: 3 })),
      { _id: 'org-50', name: '组织50', kind: '联合党组织', version: 1 },
      { _id: 'org-99', name: '组织99第25名', kind: '党组织', version: 25 },
    ];
    expect(stored.sort((a, b) => a._id.localeCompare(b._id))).toEqual(expected.sort((a, b) => a._id.localeCompare(b._id)));
  });
});
