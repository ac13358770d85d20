import { Controller, INestMicroservice, Module, Type } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { Collection, Document } from 'mongodb';
import { Connection, Model, Schema } from 'mongoose';
import { EventEnvelope, OrganizationRegistered, OrganizationRegisteredData, OrganizationRenamed, OrganizationRenamedData } from '@pb/contracts';
import { applyIfNewerWithBatch, BatchWrites, EVERY_EVENT, VERSION_GUARDED } from '@pb/messaging';
import { envelopeOf, infraEnv, openTestDatabase, publishEnvelopes, startConsumer, testBroker, uniqueName, waitFor, waitForGroupAtEnd } from '@pb/testing';

/**
 * A batch delivered again (the same events published once more, or a batch whose flush failed)
 * changes nothing twice: for a handler the inbox guards (its effect is not idempotent), and for a
 * version-guarded one registered without the inbox, which runs again and writes the same.
 */
describe('redelivered batches (real Kafka and database)', () => {
  const { KAFKA_BROKERS } = infraEnv();
  const broker = testBroker('redelivery-test');
  let connection: Connection;
  let app: INestMicroservice | undefined;

  beforeAll(async () => {
    connection = await openTestDatabase('t_redeliver');
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await broker.close();
    await connection.close();
  });

  const registered = (i: number) =>
    envelopeOf(OrganizationRegistered, { ...OrganizationRegistered.example, organizationId: `org-${i}`, name: `组织${i}` }, { aggregateId: `org-${i}`, version: 1 });
  const renamed = (i: number, version: number) => envelopeOf(OrganizationRenamed, { organizationId: `org-${i}`, name: `组织${i}第${version}名` }, { aggregateId: `org-${i}`, version });

  /** The collection, except that its first `failures` bulk inserts fail as a dropped connection would (nothing stored). */
  function flaky<T extends Document>(collection: Collection<T>, failures: number): { collection: Collection<Document>; failuresLeft: () => number } {
    let left = failures;
    const wrapped = Object.create(collection) as Collection<Document>;
    wrapped.insertMany = ((docs: Document[], options: object) => {
      if (left-- > 0) return Promise.reject(new Error('connection to the database was lost'));
      return collection.insertMany(docs as never, options);
    }) as Collection<Document>['insertMany'];
    return { collection: wrapped, failuresLeft: () => left };
  }

  async function newTopic(): Promise<string> {
    const topic = `test.redeliver.${randomUUID()}`;
    await broker.ensureTopics([{ topic, partitions: 1, replicationFactor: 1 }]);
    return topic;
  }

  async function consume(topic: string, module: Type<unknown>): Promise<string> {
    let groupId: string;
    ({ app, groupId } = await startConsumer(module, { broker, connection, topics: [topic] }));
    return groupId;
  }

  const inboxOf = (group: string) => connection.collection('inbox').countDocuments({ _id: { $regex: `^${group}:` } } as never);

  it('an inbox-guarded handler takes each event once: a batch whose flush failed comes again before its inbox entries are written, and events published again are skipped', async () => {
    const topic = await newTopic();
    // Notifications: every run of the handler makes a new one, so only the inbox keeps them single.
    const notes = flaky(connection.collection<Document>(uniqueName('notes')), 1);
    // The event log beside it, version-guarded (keyed by the event id), failing once as well.
    const log = flaky(connection.collection<Document>(uniqueName('log')), 1);
    const runs = new Map<string, number>();

    @Controller()
    class Notifier {
      @EventPattern([OrganizationRegistered.type, OrganizationRenamed.type])
      async notify(@Payload() e: EventEnvelope) {
        runs.set(e.id, (runs.get(e.id) ?? 0) + 1);
        await BatchWrites.insert(notes.collection, { _id: randomUUID(), eventId: e.id });
      }
    }
    @Controller()
    class EventLog {
      @EventPattern(EVERY_EVENT, VERSION_GUARDED)
      async record(@Payload() e: EventEnvelope) {
        await BatchWrites.insert(log.collection, { _id: e.id, type: e.type });
      }
    }
    @Module({ controllers: [Notifier, EventLog] })
    class NotifierModule {}

    const sent: EventEnvelope[] = [];
    for (let i = 0; i < 20; i++) sent.push(registered(i), renamed(i, 2));
    await publishEnvelopes(KAFKA_BROKERS, topic, sent);
    const group = await consume(topic, NotifierModule);
    await waitForGroupAtEnd(group, [topic]);
    expect(notes.failuresLeft()).toBeLessThan(0);
    expect(log.failuresLeft()).toBeLessThan(0);

    // The relay publishing the same events again (a crash between its send and its mark).
    await publishEnvelopes(KAFKA_BROKERS, topic, sent);
    await waitForGroupAtEnd(group, [topic]);

    const noted = await connection.collection(notes.collection.collectionName).find().toArray();
    const perEvent = new Map<string, number>();
    for (const n of noted) perEvent.set(n.eventId as string, (perEvent.get(n.eventId as string) ?? 0) + 1);
    expect([...perEvent.keys()].sort()).toEqual(sent.map((e) => e.id).sort());
    expect(Math.max(...perEvent.values())).toBe(1);
    // The failed batch ran again; the second publication ran nothing.
    expect(Math.max(...runs.values())).toBe(2);
    expect(await connection.collection(log.collection.collectionName).countDocuments()).toBe(sent.length);
    expect(await inboxOf(group)).toBe(sent.length);
  });

  it('a version-guarded handler needs no inbox: a batch whose flush failed, and events published again, run it again and leave the same views', async () => {
    const topic = await newTopic();
    interface NameView {
      _id: string;
      name: string;
      kind: string;
      version: number;
    }
    const viewName = uniqueName('names');
    const views: Model<NameView> = connection.model<NameView>(
      viewName,
      new Schema<NameView>({ _id: String, name: String, kind: { type: String, default: '党组织' }, version: Number }, { collection: viewName, versionKey: false }),
    );
    // The views' first insert (the batch's new documents) fails once.
    let insertFailuresLeft = 1;
    const insertMany = views.collection.insertMany.bind(views.collection);
    views.collection.insertMany = ((docs: never, options: never) => {
      if (insertFailuresLeft-- > 0) return Promise.reject(new Error('connection to the database was lost'));
      return insertMany(docs, options);
    }) as typeof views.collection.insertMany;
    const log = flaky(connection.collection<Document>(uniqueName('log')), 1);
    const runs = new Map<string, number>();

    @Controller()
    class NameProjector {
      @EventPattern(OrganizationRegistered.type, VERSION_GUARDED)
      async registered(@Payload() e: EventEnvelope<OrganizationRegisteredData>) {
        runs.set(e.id, (runs.get(e.id) ?? 0) + 1);
        await applyIfNewerWithBatch(views, e.data.organizationId, e.aggregateversion, { name: e.data.name });
        await BatchWrites.insert(log.collection, { _id: e.id });
      }

      @EventPattern(OrganizationRenamed.type, VERSION_GUARDED)
      async renamed(@Payload() e: EventEnvelope<OrganizationRenamedData>) {
        runs.set(e.id, (runs.get(e.id) ?? 0) + 1);
        await applyIfNewerWithBatch(views, e.data.organizationId, e.aggregateversion, { name: e.data.name });
        await BatchWrites.insert(log.collection, { _id: e.id });
      }
    }
    @Module({ controllers: [NameProjector] })
    class NameModule {}

    const first: EventEnvelope[] = [];
    for (let i = 0; i < 20; i++) first.push(registered(i), renamed(i, 2), renamed(i, 3));
    await publishEnvelopes(KAFKA_BROKERS, topic, first);
    const group = await consume(topic, NameModule);
    await waitForGroupAtEnd(group, [topic]);
    expect(insertFailuresLeft).toBeLessThan(0);
    expect(log.failuresLeft()).toBeLessThan(0);

    // Published again: every event runs again (no inbox), and finds its version already applied.
    await publishEnvelopes(KAFKA_BROKERS, topic, first);
    await waitFor(async () => first.every((e) => (runs.get(e.id) ?? 0) >= 2), 'every event to run again');
    await waitForGroupAtEnd(group, [topic]);

    const stored = await views.find().lean().exec();
    expect(stored.sort((a, b) => a._id.localeCompare(b._id))).toEqual(
      Array.from({ length: 20 }, (_, i) => ({ _id: `org-${i}`, name: `组织${i}第3名`, kind: '党组织', version: 3 })).sort((a, b) => a._id.localeCompare(b._id)),
    );
    expect(await connection.collection(log.collection.collectionName).countDocuments()).toBe(first.length);
    // Neither looked up nor recorded in the inbox.
    expect(await inboxOf(group)).toBe(0);
  });
});
