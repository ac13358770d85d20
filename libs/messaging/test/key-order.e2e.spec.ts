import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import { Connection } from 'mongoose';
import { EventEnvelope, OrganizationRenamed, OrganizationRenamedData } from '@pb/contracts';
import { envelopeOf, infraEnv, openTestDatabase, publishEnvelopes, startConsumer, testBroker, waitFor } from '@pb/testing';

/**
 * One partition holds many aggregates. Their events are handled side by side,
 * and each aggregate's events strictly in the order they were published.
 */
describe('consumption order: per aggregate in order, aggregates side by side (real Kafka)', () => {
  const { KAFKA_BROKERS } = infraEnv();
  const broker = testBroker('key-order-test');
  let connection: Connection;
  let app: INestMicroservice | undefined;

  beforeAll(async () => {
    connection = await openTestDatabase('t_order');
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

    ({ app } = await startConsumer(RecorderModule, { broker, connection, topics: [topic] }));

    await waitFor(async () => [...seen.values()].reduce((n, v) => n + v.length, 0) === envelopes.length, 'every event to be handled', 60_000);
    for (const id of organizations) expect(seen.get(id)).toEqual([1, 2, 3, 4, 5]);
    expect(mostAtOnce).toBeGreaterThan(1);
  });
});
