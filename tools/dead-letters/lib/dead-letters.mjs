// Reading dead-letter topics and the re-drive record, and re-driving entries to their source topics.
import { randomBytes } from 'node:crypto';

/** The record of re-driven entries: one message per dead-letter entry, keyed by its id. */
export const REDRIVEN_TOPIC = 'dead-letters.redriven';

/** An entry's id, as `list` prints it and `redrive` takes it: the dead-letter topic, partition and offset. */
export const entryId = (topic, partition, offset) => `${topic}:${partition}:${offset}`;

/** Digit runs as long as phone and ID numbers, and quoted text, are left out of what is printed. */
export function redact(text) {
  return String(text ?? '')
    .replace(/\d{7,}[\dXx]?/g, '[number]')
    .replace(/"[^"]{0,200}"|“[^”]{0,200}”|「[^」]{0,200}」/g, '"…"');
}

/** Every message of the topics from their beginning up to where they end now. */
export async function readAll(kafka, topics, timeoutMs = 30_000) {
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map();
  try {
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        if (Number(p.high) > Number(p.low)) remaining.set(`${topic}:${p.partition}`, Number(p.high) - 1);
      }
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const messages = [];
  if (remaining.size === 0) return messages;
  const groupId = `dead-letters-cli-tmp-${randomBytes(6).toString('hex')}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 300, retry: { retries: 5 } });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topics.join(', ')} took longer than ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            messages.push({ topic, partition, ...message });
            const key = `${topic}:${partition}`;
            if (remaining.has(key) && Number(message.offset) >= remaining.get(key)) remaining.delete(key);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin2 = kafka.admin();
    await admin2
      .connect()
      .then(() => admin2.deleteGroups([groupId]))
      .catch(() => undefined)
      .finally(() => admin2.disconnect().catch(() => undefined));
  }
  return messages;
}

const header = (message, name) => message.headers?.[name]?.toString('utf8');

/** A dead-letter message as `list` shows it: where it came from, why, when; of its content only the event's type and id. */
export function describe(message, redriven, showErrors = false) {
  let type = '(不是事件 / not an event)';
  let eventId;
  let isEvent = false;
  try {
    const value = JSON.parse(message.value?.toString('utf8') ?? '');
    if (value && typeof value === 'object' && typeof value.type === 'string' && typeof value.id === 'string') {
      type = value.type;
      eventId = value.id;
      isEvent = true;
    }
  } catch {
    /* not JSON */
  }
  const id = entryId(message.topic, message.partition, message.offset);
  return {
    id,
    dlqTopic: message.topic,
    sourceTopic: header(message, 'x-original-topic') ?? message.topic.replace(/\.dlq$/, ''),
    sourcePartition: header(message, 'x-original-partition'),
    sourceOffset: header(message, 'x-original-offset'),
    group: header(message, 'x-consumer-group') ?? '',
    type,
    eventId,
    isEvent,
    // What failed (the error's class and the rule's code); its words only when asked for (they may name people).
    error: [header(message, 'x-error-type') ?? (header(message, 'x-error') ?? '').split(':')[0], header(message, 'x-error-code')].filter(Boolean).join(' '),
    ...(showErrors ? { errorText: redact(header(message, 'x-error') ?? '').slice(0, 300) } : {}),
    failedAt: header(message, 'x-failed-at') ?? new Date(Number(message.timestamp)).toISOString(),
    redrivenAt: redriven.get(id)?.at,
  };
}

/** Entry id → what the record says of its re-drive. */
export async function readRedriven(kafka, prefix) {
  const topic = prefix + REDRIVEN_TOPIC;
  const admin = kafka.admin();
  await admin.connect();
  let exists;
  try {
    exists = (await admin.listTopics()).includes(topic);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const redriven = new Map();
  if (!exists) return redriven;
  for (const m of await readAll(kafka, [topic])) {
    try {
      redriven.set(m.key.toString('utf8'), JSON.parse(m.value.toString('utf8')));
    } catch {
      /* not ours */
    }
  }
  return redriven;
}

export async function ensureRedrivenTopic(kafka, prefix, replicationFactor) {
  const topic = prefix + REDRIVEN_TOPIC;
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(topic)) return;
    await admin
      .createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor, configEntries: [{ name: 'retention.ms', value: '-1' }] }] })
      .catch((error) => {
        if (!/already exists/i.test(String(error.message))) throw error;
      });
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Publishes each chosen entry's original key and value to its source topic once, then records
 * it (and every other entry of the same source message: every group reads the source topic again,
 * and each skips what its inbox has seen). An entry already recorded is skipped, so a second run
 * publishes nothing again. Returns what was done per entry.
 */
export async function redrive(kafka, prefix, entries, byId, redriven) {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  const results = [];
  try {
    for (const entry of entries) {
      if (redriven.has(entry.id)) {
        results.push({ id: entry.id, outcome: 'already', at: redriven.get(entry.id).at });
        continue;
      }
      if (!entry.isEvent) {
        results.push({ id: entry.id, outcome: 'not-an-event' });
        continue;
      }
      const message = byId.get(entry.id);
      const at = new Date().toISOString();
      await producer.send({
        topic: entry.sourceTopic,
        acks: -1,
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: { 'x-redriven-from': entry.id, 'x-redriven-at': at, 'content-type': 'application/cloudevents+json' },
          },
        ],
      });
      // Same source message, dead-lettered by other groups too: covered by this one re-drive.
      const covered = [...byId.values()]
        .map((m) => describe(m, redriven))
        .filter(
          (other) =>
            other.sourceTopic === entry.sourceTopic && other.sourcePartition === entry.sourcePartition && other.sourceOffset === entry.sourceOffset && other.sourceOffset !== undefined,
        );
      const ids = [...new Set([entry.id, ...covered.map((c) => c.id)])];
      await producer.send({
        topic: prefix + REDRIVEN_TOPIC,
        acks: -1,
        messages: ids.map((id) => ({ key: id, value: JSON.stringify({ at, to: entry.sourceTopic, by: entry.id, eventId: entry.eventId }) })),
      });
      for (const id of ids) redriven.set(id, { at, to: entry.sourceTopic, by: entry.id });
      results.push({ id: entry.id, outcome: 'redriven', to: entry.sourceTopic, at, covered: ids.filter((id) => id !== entry.id) });
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  return results;
}
