import { randomUUID } from 'crypto';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { KafkaMessageBroker, ReceivedBatch, Subscription } from '@pb/messaging';
import { infraEnv, readTopic, waitFor } from '@pb/testing';

/** The port's promises, kept by the Kafka adapter on the real broker. */
describe('KafkaMessageBroker (real Kafka)', () => {
  const { KAFKA_BROKERS } = infraEnv();
  const kafka = new Kafka({ clientId: 'broker-test', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const broker = new KafkaMessageBroker(kafka);
  const subscriptions: Subscription[] = [];

  afterAll(async () => {
    for (const subscription of subscriptions) await subscription.stop();
    await broker.close();
  });

  it('creates missing topics with unlimited retention and leaves existing ones as they are', async () => {
    const [kept, added] = [`test.broker.${randomUUID()}`, `test.broker.${randomUUID()}`];
    await broker.ensureTopics([{ topic: kept, partitions: 2, replicationFactor: 1 }]);
    await broker.ensureTopics([
      { topic: kept, partitions: 4, replicationFactor: 1 },
      { topic: added, partitions: 1, replicationFactor: 1 },
    ]);

    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [kept, added] });
      expect(Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]))).toEqual({ [kept]: 2, [added]: 1 });
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [kept, added].map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })),
      });
      expect(resources.map((r) => r.configEntries[0].configValue)).toEqual(['-1', '-1']);
    } finally {
      await admin.disconnect();
    }
  });

  it('publishes keyed messages with their headers, each key on one partition in the order published', async () => {
    const topic = `test.broker.${randomUUID()}`;
    await broker.ensureTopics([{ topic, partitions: 3, replicationFactor: 1 }]);
    const keys = ['org-a', 'org-b', 'org-c', 'org-d'];
    const message = (key: string, n: number) => ({ key, value: `${key}#${n}`, headers: { ce_id: `${key}-${n}` } });
    // Two calls, the keys interleaved in each: order holds per key across calls too.
    await broker.publish(
      topic,
      [0, 1, 2, 3, 4].flatMap((n) => keys.map((key) => message(key, n))),
    );
    await broker.publish(
      topic,
      [5, 6, 7, 8, 9].flatMap((n) => keys.map((key) => message(key, n))),
    );

    const read = await readTopic(KAFKA_BROKERS, topic, (m) => m.length >= 40);
    expect(read).toHaveLength(40);
    for (const key of keys) {
      const own = read.filter((m) => m.key === key);
      expect(own.map((m) => m.value)).toEqual(Array.from({ length: 10 }, (_, n) => `${key}#${n}`));
      expect(own.map((m) => m.headers.ce_id)).toEqual(Array.from({ length: 10 }, (_, n) => `${key}-${n}`));
      expect(new Set(own.map((m) => m.partition)).size).toBe(1);
    }
  });

  it('delivers a batch to the group again until it is acknowledged, and an acknowledged one never again', async () => {
    const topic = `test.broker.${randomUUID()}`;
    const groupId = `broker-test-${randomUUID()}`;
    await broker.ensureTopics([{ topic, partitions: 1, replicationFactor: 1 }]);
    await broker.publish(
      topic,
      ['m1', 'm2', 'm3'].map((value) => ({ key: 'org-a', value })),
    );
    const values = (batch: ReceivedBatch) => batch.messages.map((m) => m.value?.toString());

    // First delivery: returned from without an acknowledgement. Second: the callback fails. Then acknowledged.
    const deliveries: (string | undefined)[][] = [];
    const acknowledged: (string | undefined)[] = [];
    const first = await broker.subscribe({ groupId, topics: [topic], partitionsAtOnce: 1 }, async (batch) => {
      deliveries.push(values(batch));
      if (deliveries.length === 1) return;
      if (deliveries.length === 2) throw new Error('handler failed');
      batch.acknowledge();
      acknowledged.push(...values(batch));
    });
    subscriptions.push(first);
    await waitFor(async () => acknowledged.includes('m3'), 'the batch to be acknowledged', 60_000);
    expect(deliveries[0]).toEqual(['m1', 'm2', 'm3']);
    expect(deliveries[1]).toEqual(['m1', 'm2', 'm3']);
    expect(deliveries[2]).toEqual(['m1', 'm2', 'm3']);
    await first.stop();

    // Another member of the group starts after what was acknowledged.
    await broker.publish(topic, [{ key: 'org-a', value: 'm4' }]);
    const received: (string | undefined)[] = [];
    const second = await broker.subscribe({ groupId, topics: [topic], partitionsAtOnce: 1 }, async (batch) => {
      received.push(...values(batch));
      batch.acknowledge();
    });
    subscriptions.push(second);
    await waitFor(async () => received.includes('m4'), 'the new message', 60_000);
    expect(received).toEqual(['m4']);
  }, 90_000);

  it('answers readiness when the broker does, and fails it when no broker answers', async () => {
    await expect(broker.ping(5000)).resolves.toBeUndefined();
    const nowhere = new KafkaMessageBroker(new Kafka({ clientId: 'broker-test-nowhere', brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING }));
    try {
      await expect(nowhere.ping(2000)).rejects.toThrow();
    } finally {
      await nowhere.close();
    }
  });
});
