import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import mongoose, { Connection } from 'mongoose';
import { EventEnvelope, OrganizationRenamed, OrganizationRenamedData } from '@pb/contracts';
import { Inbox, KafkaEventTransport, KafkaMessageBroker } from '@pb/messaging';
import { envelopeOf, infraEnv, publishEnvelopes, uniqueName, waitFor } from '@pb/testing';

/**
 * One partition holds many aggregates. Their events are handled side by side,
 * and each aggregate's events strictly in the order they were published.
 */
describe('consumption order: per aggregate in order, aggregates side by side (real Kafka)', () => {
  const { KAFKA_BROKERS, MONGODB_URI } = infraEnv();
  const broker = new KafkaMessageBroker(new Kafka({ clientId: 'key-order-test', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }));
  let connection: Connection;
  let app: INestMicroservice | undefined;

  beforeAll(async () => {
    connection = await mongoose.createConnection(MONGODB_URI, { dbName: uniqueName('t_order') }).asPromise();
  });

  afterAll(async () => {
    await app?.close();
    await broker.close();
    await connection.close();
  });

  it('keeps each aggregate’s order while different aggregates overlap', async () => {
    const topic = `test.order.${randomUUID()}`;
    await broker.ensureTopics([{ topic, partitions: 1, replicationFactor: 1 }]);
    const seen = new Map<string, number[]>();
    let inFlight = 0;
    let mostAtOnce = 0;

    @Controller()
    class Recorder {
      @EventPattern(OrganizationRenamed.type)
      async renamed(@Payload() e: EventEnvelope<OrganizationRenamedData>) {
        inFlight += 1;
        mostAtOnce = Math.max(mostAtOnce, inFlight);
        // Later versions finish sooner: any reordering within an aggregate would show.
        await new Promise((r) => setTimeout(r, 30 - e.aggregateversion * 5));
        seen.set(e.subject, [...(seen.get(e.subject) ?? []), e.aggregateversion]);
        inFlight -= 1;
      }
    }
    @Module({ controllers: [Recorder] })
    class RecorderModule {}

    const organizations = ['org-a', 'org-b', 'org-c', 'org-d'];
    const envelopes = [1, 2, 3, 4, 5].flatMap((version) =>
      organizations.map((id) => envelopeOf(OrganizationRenamed, { organizationId: id, name: `名称${version}` }, { aggregateId: id, version })),
    );
    await publishEnvelopes(KAFKA_BROKERS, topic, envelopes);

    const group = `order-test-${randomUUID()}`;
    const transport = new KafkaEventTransport(broker, new Inbox(connection, group), { groupId: group, topics: [topic], maxAttempts: 3, initialBackoffMs: 20 });
    app = await NestFactory.createMicroservice(RecorderModule, { strategy: transport, logger: false });
    await app.listen();

    await waitFor(async () => [...seen.values()].reduce((n, v) => n + v.length, 0) === envelopes.length, 'every event to be handled', 60_000);
    for (const id of organizations) expect(seen.get(id)).toEqual([1, 2, 3, 4, 5]);
    expect(mostAtOnce).toBeGreaterThan(1);
  });
});
