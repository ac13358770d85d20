import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Connection } from 'mongoose';
import { EventEnvelope, OrganizationRegistered, OrganizationRegisteredData } from '@pb/contracts';
import { ProblemFilter } from '@pb/platform';
import { envelopeOf, exactProducer, infraEnv, openTestDatabase, readTopic, startConsumer, testBroker, waitFor } from '@pb/testing';

function envelopeFor(name: string, data: Partial<OrganizationRegisteredData> = {}): EventEnvelope {
  const organizationId = `org-${randomUUID()}`;
  return envelopeOf(OrganizationRegistered, { ...OrganizationRegistered.example, organizationId, name, ...data }, { aggregateId: organizationId, version: 1, districtId: 'rencheng' });
}

describe('poison messages go to the dead-letter topic and consumption carries on (real Kafka)', () => {
  const { KAFKA_BROKERS } = infraEnv();
  const topic = `test.dlq.${randomUUID()}`;
  const kafka = new Kafka({ clientId: 'dlq-test', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const broker = testBroker('dlq-test');
  let connection: Connection;
  let app: INestMicroservice | undefined;
  const handled: string[] = [];
  let failingAttempts = 0;

  @Controller()
  class Recorder {
    @EventPattern(OrganizationRegistered.type)
    async registered(@Payload() e: EventEnvelope<OrganizationRegisteredData>) {
      if (e.data.name === '总是失败') {
        failingAttempts += 1;
        throw new Error('handler cannot process this event');
      }
      handled.push(e.data.name);
    }
  }
  @Module({ controllers: [Recorder] })
  class RecorderModule {}

  beforeAll(async () => {
    connection = await openTestDatabase('t_dlq');
    // One partition: the poison messages sit between the good ones in one ordered log.
    await broker.ensureTopics([topic, `${topic}.dlq`].map((t) => ({ topic: t, partitions: 1, replicationFactor: 1 })));
  });

  afterAll(async () => {
    await app?.close();
    await broker.close();
    await connection.close();
  });

  it('dead-letters malformed, schema-breaking and failing messages with the error, and handles the rest', async () => {
    const producer = exactProducer(kafka);
    await producer.connect();
    const schemaBreaking = envelopeFor('坏数据');
    (schemaBreaking.data as Record<string, unknown>).type = 'NOT_A_TYPE';
    await producer.send({
      topic,
      messages: [
        { key: 'a', value: JSON.stringify(envelopeFor('第一条')) },
        { key: 'b', value: '{ this is not json' },
        { key: 'c', value: JSON.stringify({ hello: 'not an envelope' }) },
        { key: 'd', value: JSON.stringify(schemaBreaking) },
        { key: 'e', value: JSON.stringify(envelopeFor('总是失败')) },
        { key: 'f', value: JSON.stringify(envelopeFor('最后一条')) },
      ],
    });
    await producer.disconnect();

    ({ app } = await startConsumer(RecorderModule, { broker, connection, topics: [topic], filters: [new ProblemFilter()] }));

    await waitFor(async () => handled.length === 2, 'both good messages to be handled');
    // Each message has a key of its own, so only the set is fixed, not the order (order holds per key).
    expect([...handled].sort()).toEqual(['最后一条', '第一条'].sort());

    const dead = await readTopic(KAFKA_BROKERS, `${topic}.dlq`, (m) => m.length >= 4);
    expect(failingAttempts).toBe(3); // retried with back-off, then given up on
    expect(dead.map((m) => m.key).sort()).toEqual(['b', 'c', 'd', 'e']);
    const byKey = Object.fromEntries(dead.map((m) => [m.key, m]));
    for (const m of dead) {
      expect(m.headers['x-original-topic']).toBe(topic);
      expect(m.headers['x-error']).toBeTruthy();
    }
    expect(byKey.b.headers['x-error']).toMatch(/JSON/);
    expect(byKey.c.headers['x-error']).toMatch(/not a valid event envelope/);
    expect(byKey.d.headers['x-error']).toMatch(/\/type/);
    expect(byKey.e.headers['x-error']).toMatch(/handler cannot process this event/);
    // The original bytes are kept so the message can be inspected and replayed.
    expect(byKey.b.value).toBe('{ this is not json');
  });
});
