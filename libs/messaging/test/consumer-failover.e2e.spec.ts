import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import mongoose, { Connection } from 'mongoose';
import { EventEnvelope, OrganizationRegistered, OrganizationRegisteredData } from '@pb/contracts';
import { ProblemFilter } from '@pb/platform';
import { envelopeOf, exactProducer, infraEnv, openTestDatabase, startConsumer, TcpProxy, testBroker, uniqueName, waitFor } from '@pb/testing';

describe('a consumer whose database fails over retries its events and dead-letters none (real Kafka and database)', () => {
  const { KAFKA_BROKERS, MONGODB_URI } = infraEnv();
  const topic = `test.failover.${randomUUID()}`;
  const kafka = new Kafka({ clientId: 'failover-test', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const broker = testBroker('failover-test');
  // The view's database is reached through a proxy the test cuts: the shared database stays up for everyone else.
  const proxy = TcpProxy.forMongoUri(MONGODB_URI);
  let inboxConnection: Connection;
  let viewConnection: Connection;
  let app: INestMicroservice | undefined;
  const attempts = new Map<string, number>();

  @Controller()
  class Projector {
    @EventPattern(OrganizationRegistered.type)
    async registered(@Payload() e: EventEnvelope<OrganizationRegisteredData>) {
      attempts.set(e.data.name, (attempts.get(e.data.name) ?? 0) + 1);
      await viewConnection.collection('views').updateOne({ _id: e.data.organizationId } as never, { $set: { name: e.data.name } }, { upsert: true });
    }
  }
  @Module({ controllers: [Projector] })
  class ProjectorModule {}

  beforeAll(async () => {
    await proxy.start();
    inboxConnection = await openTestDatabase('t_failover_inbox');
    viewConnection = await mongoose
      .createConnection(proxy.uriFor(MONGODB_URI), { dbName: uniqueName('t_failover_view'), serverSelectionTimeoutMS: 500, bufferCommands: false })
      .asPromise();
    await broker.ensureTopics([topic, `${topic}.dlq`].map((t) => ({ topic: t, partitions: 1, replicationFactor: 1 })));
  });

  afterAll(async () => {
    await app?.close();
    await broker.close();
    await viewConnection.close();
    await inboxConnection.close();
    await proxy.stop();
  });

  it('keeps every event waiting while the database is away, far past maxAttempts, and applies them all once it is back', async () => {
    const names = ['第一支部', '第二支部', '第三支部'];
    proxy.cut();
    const producer = exactProducer(kafka);
    await producer.connect();
    await producer.send({
      topic,
      messages: names.map((name) => {
        const organizationId = `org-${randomUUID()}`;
        const e = envelopeOf(OrganizationRegistered, { ...OrganizationRegistered.example, organizationId, name }, { aggregateId: organizationId, version: 1, districtId: 'rencheng' });
        return { key: organizationId, value: JSON.stringify(e) };
      }),
    });
    await producer.disconnect();
    // maxAttempts 3: an event failing of its own making would be dead-lettered after its third attempt.
    ({ app } = await startConsumer(ProjectorModule, {
      broker,
      connection: inboxConnection,
      topics: [topic],
      maxAttempts: 3,
      initialBackoffMs: 20,
      maxBackoffMs: 200,
      filters: [new ProblemFilter()],
    }));

    await waitFor(async () => names.every((n) => (attempts.get(n) ?? 0) >= 8), 'every event to have failed 8 times while the database is away', 60_000);
    proxy.restore();
    await waitFor(async () => (await inboxConnection.useDb(viewConnection.name).collection('views').countDocuments()) === names.length, 'every event applied', 60_000);

    const admin = kafka.admin();
    await admin.connect();
    const dlq = await admin.fetchTopicOffsets(`${topic}.dlq`);
    await admin.disconnect();
    expect(dlq.reduce((n, p) => n + Number(p.high), 0)).toBe(0);
  });
});
