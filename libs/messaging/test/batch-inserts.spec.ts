import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Collection, Document } from 'mongodb';
import mongoose, { Connection } from 'mongoose';
import { EventEnvelope, OrganizationRegistered, OrganizationRegisteredData } from '@pb/contracts';
import { BatchInserts, Inbox, KafkaEventTransport } from '@pb/messaging';
import { ensureTopics } from '@pb/platform';
import { envelopeOf, exactProducer, infraEnv, uniqueName, waitFor } from '@pb/testing';

/**
 * Inserts a handler leaves to the end of its Kafka batch (the gateway's event
 * log) land exactly once, and a batch whose inserts fail is delivered again
 * instead of being committed without them.
 */
describe('inserts deferred to the end of a Kafka batch (real Kafka and database)', () => {
  const { KAFKA_BROKERS, MONGODB_URI } = infraEnv();
  const kafka = new Kafka({ clientId: 'batch-inserts-test', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  let connection: Connection;
  let app: INestMicroservice | undefined;

  beforeAll(async () => {
    connection = await mongoose.createConnection(MONGODB_URI, { dbName: uniqueName('t_batch') }).asPromise();
  });

  afterAll(async () => {
    await app?.close();
    await connection.close();
  });

  const events = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      envelopeOf(OrganizationRegistered, { ...OrganizationRegistered.example, organizationId: `org-${i}`, name: `组织${i}` }, { aggregateId: `org-${i}`, version: 1 }),
    );

  it('outside a batch inserts at once, and an entry already there is kept without an error', async () => {
    const log = connection.collection<Document>('log_direct');
    await BatchInserts.insert(log, { _id: 'e1', n: 1 });
    await BatchInserts.insert(log, { _id: 'e1', n: 2 });
    expect(await log.find().toArray()).toEqual([{ _id: 'e1', n: 1 }]);
  });

  it('stores every deferred entry once, and a batch whose inserts failed comes again and loses nothing', async () => {
    const topic = `test.batch.${randomUUID()}`;
    await ensureTopics(kafka, [{ topic, partitions: 1, replicationFactor: 1 }]);
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
        await BatchInserts.insert(flaky, { _id: e.id, name: e.data.name });
      }
    }
    @Module({ controllers: [Recorder] })
    class RecorderModule {}

    const sent = events(40);
    const producer = exactProducer(kafka);
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: sent.map((e) => ({ key: e.subject, value: JSON.stringify(e) })) });
    await producer.disconnect();

    const group = `batch-test-${randomUUID()}`;
    const transport = new KafkaEventTransport(kafka, new Inbox(connection, group), { groupId: group, topics: [topic], maxAttempts: 3, initialBackoffMs: 20 });
    app = await NestFactory.createMicroservice(RecorderModule, { strategy: transport, logger: false });
    await app.listen();

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
});
