// Reads analyst topics with a consumer group: where to start (resume, from the
// beginning, from a time), when to stop (caught up, --max, Ctrl-C), and committing
// only what was written so a named group resumes exactly where it stopped.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export class BrokerUnreachable extends Error {}
export class UsageError extends Error {}

export function kafkaClient(options) {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const sasl = options.saslUsername ? { mechanism: options.saslMechanism ?? 'scram-sha-512', username: options.saslUsername, password: options.saslPassword ?? '' } : undefined;
  return new Kafka({
    clientId: 'analyst-cli',
    brokers: options.brokers.split(',').map((b) => b.trim()),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 15000,
    retry: { retries: options.retries ?? 2, initialRetryTime: 300, maxRetryTime: 2000 },
    ssl: options.ssl || undefined,
    sasl,
  });
}

/** kafkajs says "connection error" in several ways; all mean the same to an analyst. */
export function isUnreachable(error) {
  const names = new Set();
  for (let e = error; e; e = e.originalError ?? e.cause) names.add(e.name);
  return (
    [
      'KafkaJSConnectionError',
      'KafkaJSNumberOfRetriesExceeded',
      'KafkaJSBrokerNotFound',
      'KafkaJSNoBrokerAvailableError',
      'KafkaJSRequestTimeoutError',
      'KafkaJSConnectionClosedError',
    ].some((n) => names.has(n)) || /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|Connection timeout/i.test(String(error?.message))
  );
}

export async function withAdmin(kafka, fn) {
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw isUnreachable(error) ? new BrokerUnreachable(error.message) : error;
  }
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Topic name → offset of the next message per partition, and where each partition ends now. */
async function plan(admin, { topics, groupId, mode, since, fresh }) {
  const positions = new Map();
  const ends = new Map();
  const committed = new Map();
  if (!fresh) {
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
      for (const p of partitions) committed.set(`${topic}:${p.partition}`, Number(p.offset));
    }
  }
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsets(topic);
    const byTime = since !== undefined ? await admin.fetchTopicOffsetsByTimestamp(topic, since) : [];
    const partitions = [];
    for (const o of offsets) {
      const key = `${topic}:${o.partition}`;
      const low = Number(o.low);
      const high = Number(o.high);
      ends.set(key, high);
      let start;
      if (since !== undefined) {
        const found = Number(byTime.find((b) => b.partition === o.partition)?.offset ?? -1);
        start = found < 0 ? high : found;
      } else if (mode === 'beginning') start = low;
      else if (committed.has(key) && committed.get(key) >= 0) start = Math.max(committed.get(key), low);
      else start = mode === 'replay' ? low : high;
      positions.set(key, start);
      partitions.push({ partition: o.partition, offset: String(start) });
    }
    // Written to the group before it starts: the consumer then begins exactly here.
    await admin.setOffsets({ groupId, topic, partitions });
  }
  return { positions, ends };
}

/**
 * Streams matching events to `write(event)`. `mode`: 'live' (resume or start at the end),
 * 'replay' (resume, or from the beginning for a new group), 'beginning' (always from the
 * beginning). Resolves with counts once caught up (unless `follow`), after `max` events,
 * or when `signal` aborts.
 */
export async function subscribe(kafka, options, write) {
  const { topics, filter, follow, max, signal } = options;
  const fresh = !options.group;
  const groupId = options.group ?? `${options.groupPrefix ?? 'analyst-cli'}-tmp-${randomBytes(6).toString('hex')}`;
  const { positions, ends } = await withAdmin(kafka, (admin) => plan(admin, { topics, groupId, mode: options.mode, since: options.since, fresh }));
  const caughtUp = () => [...ends].every(([key, end]) => positions.get(key) >= end);

  const consumer = kafka.consumer({
    groupId,
    // Bounded fetches: at most ~1 MB per partition and 8 MB per request are held at once.
    maxBytesPerPartition: 1024 * 1024,
    maxBytes: 8 * 1024 * 1024,
    maxWaitTimeInMs: 500,
    retry: { retries: 5 },
  });
  const stats = { read: 0, written: 0 };
  let finish;
  const done = new Promise((resolve) => (finish = resolve));
  if (!follow && caughtUp()) finish();
  signal?.addEventListener('abort', () => finish(), { once: true });

  try {
    await consumer.connect();
  } catch (error) {
    throw isUnreachable(error) ? new BrokerUnreachable(error.message) : error;
  }
  let stopping = false;
  try {
    await consumer.subscribe({ topics, fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const key = `${batch.topic}:${batch.partition}`;
        let last;
        for (const message of batch.messages) {
          if (stopping || !isRunning() || isStale()) break;
          stats.read++;
          let event;
          try {
            event = JSON.parse(message.value.toString('utf8'));
          } catch {
            event = undefined;
          }
          if (event && filter(event)) {
            await write(event);
            stats.written++;
          }
          last = message.offset;
          resolveOffset(message.offset);
          positions.set(key, Number(message.offset) + 1);
          if (max !== undefined && stats.written >= max) {
            stopping = true;
            break;
          }
          if (stats.read % 500 === 0) await heartbeat();
        }
        // Only what was written is committed: a named group resumes right after it.
        if (!fresh && last !== undefined) {
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(Number(last) + 1) }]);
        }
        if (stopping || (!follow && caughtUp())) finish();
      },
    });
    await done;
    stopping = true;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    if (fresh) await withAdmin(kafka, (admin) => admin.deleteGroups([groupId])).catch(() => undefined);
  }
  return { ...stats, groupId };
}
