// The raw baselines, measured in the same run on the same broker and database:
// single-document inserts with the official MongoDB driver, bulk inserts,
// kafkajs produce-and-consume of same-size messages, kafkajs consumption of a
// whole topic.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { round, summary } from './load.mjs';

export function kafkaClient(brokers, clientId = 'bench') {
  return new Kafka({ clientId, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}

/** A document shaped like a stored event (envelope inside), `size` bytes of JSON give or take. */
export function eventLikeDocument(size) {
  const id = randomUUID();
  const doc = {
    _id: id,
    aggregateId: `mem-${id}`,
    aggregateType: 'Member',
    version: 1,
    type: 'membership.MemberRegistered.v1',
    envelope: { id, pad: '' },
    storedAt: new Date(),
    published: false,
    publishedAt: null,
  };
  const missing = size - JSON.stringify(doc).length;
  doc.envelope.pad = 'x'.repeat(Math.max(0, missing));
  return doc;
}

/** Single-document inserts, `concurrency` in flight, for `durationMs`; `sample()` (CPU) runs over the inserts alone. */
export async function rawSingleInserts({ uri, database, size, concurrency, durationMs, sample }) {
  const client = new MongoClient(uri, { maxPoolSize: concurrency + 2 });
  await client.connect();
  const collection = client.db(database).collection('raw_inserts');
  await collection.createIndex({ aggregateId: 1, version: 1 }, { unique: true }).catch(() => undefined);
  const latencies = [];
  let count = 0;
  const sampler = sample?.();
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await collection.insertOne(eventLikeDocument(size));
        latencies.push(performance.now() - t0);
        count += 1;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpuMs = sampler?.stop() ?? null;
  await client
    .db(database)
    .dropDatabase()
    .catch(() => undefined);
  await client.close();
  return { inserts: count, seconds: round(seconds, 2), perSecond: round(count / seconds), latencyMs: summary(latencies), cpuMs };
}

/** insertMany in batches of `batch` (what a bulk import can at best do per row). */
export async function rawBulkInserts({ uri, database, size, total, batch = 500 }) {
  const client = new MongoClient(uri);
  await client.connect();
  const collection = client.db(database).collection('raw_bulk');
  const start = performance.now();
  for (let i = 0; i < total; i += batch) {
    await collection.insertMany(
      Array.from({ length: Math.min(batch, total - i) }, () => eventLikeDocument(size)),
      { ordered: false },
    );
  }
  const seconds = (performance.now() - start) / 1000;
  await client
    .db(database)
    .dropDatabase()
    .catch(() => undefined);
  await client.close();
  return { documents: total, seconds: round(seconds, 2), perSecond: round(total / seconds) };
}

export async function createTopic(brokers, topic, partitions = 6) {
  const admin = kafkaClient(brokers, 'bench-admin').admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }] });
  await admin.disconnect();
}

export async function deleteTopics(brokers, predicate) {
  const admin = kafkaClient(brokers, 'bench-admin').admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter(predicate);
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30000 });
    return topics.length;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Produce-and-consume: `concurrency` producers each send one message at a time
 * (acks from all in-sync replicas, like the relay) for `durationMs`; a consumer
 * in its own group reads them. Throughput counts messages consumed, latency is
 * send-to-consume.
 */
export async function rawProduceConsume({ brokers, topic, size, concurrency, durationMs }) {
  await createTopic(brokers, topic);
  const kafka = kafkaClient(brokers, 'bench-raw');
  const consumer = kafka.consumer({ groupId: `${topic}-reader`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const latencies = [];
  let consumed = 0;
  let lastConsumedAt = 0;
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const now = performance.timeOrigin + performance.now();
      for (const m of batch.messages) {
        latencies.push(now - Number(m.headers.sent.toString()));
        consumed += 1;
      }
      lastConsumedAt = performance.now();
    },
  });
  await new Promise((r) => setTimeout(r, 1500)); // group joined and assigned
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const pad = 'x'.repeat(size);
  let sent = 0;
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const key = randomUUID();
        await producer.send({ topic, acks: -1, messages: [{ key, value: pad, headers: { sent: String(performance.timeOrigin + performance.now()) } }] });
        sent += 1;
      }
    }),
  );
  const deadline = Date.now() + 30000;
  while (consumed < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const seconds = (lastConsumedAt - start) / 1000;
  await producer.disconnect();
  await consumer.disconnect();
  return { messages: consumed, sent, seconds: round(seconds, 2), perSecond: round(consumed / seconds), lagMs: summary(latencies) };
}

/** Offsets at the end of a topic, summed over partitions. */
export async function topicSize(brokers, topic) {
  const admin = kafkaClient(brokers, 'bench-admin').admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return offsets.reduce((s, o) => s + Number(o.high) - Number(o.low), 0);
}

/** Consumes a whole topic from the beginning in a fresh group (parse only): events/s. */
export async function rawConsumeAll({ brokers, topic, expected }) {
  const kafka = kafkaClient(brokers, 'bench-raw-replay');
  const consumer = kafka.consumer({ groupId: `${topic}-raw-${randomUUID().slice(0, 8)}`, maxWaitTimeInMs: 100, maxBytes: 50 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let consumed = 0;
  let first = 0;
  let last = 0;
  let done;
  const finished = new Promise((r) => (done = r));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      if (!first) first = performance.now();
      // Parsed like a consumer must, so the baseline does the minimum real work.
      for (const m of batch.messages) JSON.parse(m.value.toString('utf8'));
      consumed += batch.messages.length;
      last = performance.now();
      if (consumed >= expected) done();
    },
  });
  const started = performance.now();
  await Promise.race([finished, new Promise((r) => setTimeout(r, 600000))]);
  await consumer.disconnect();
  const seconds = (last - started) / 1000;
  return { events: consumed, seconds: round(seconds, 2), perSecond: round(consumed / seconds) };
}
