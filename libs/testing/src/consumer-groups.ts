import { Admin, Kafka, logLevel } from 'kafkajs';
import { retry } from '@pb/platform/retry';
import { infraEnv, testTopic } from './infra-env';
import { waitFor } from './wait-for';

async function withAdmin<T>(brokers: string, use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ clientId: 'test-admin', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Commits a group's offsets at the current end of each topic, before the group first joins: it
 * then handles only what is published from now on, as a deployment that has caught up would.
 * A topic that does not exist yet is left alone (the group will start at its beginning).
 * Context topics get the test file's prefix.
 */
export async function startGroupAtEnd(groupId: string, topics: string[], brokers = infraEnv().KAFKA_BROKERS): Promise<void> {
  await withAdmin(brokers, async (admin) => {
    const existing = new Set(await admin.listTopics());
    for (const topic of topics.map(testTopic).filter((t) => existing.has(t))) {
      // A broker that has just started may not know a new topic's leaders yet (a retriable error).
      const offsets = await retry(() => admin.fetchTopicOffsets(topic), { attempts: 20, backoff: { constantMs: 250 }, retryIf: isRetriable });
      await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
    }
  });
}

const isRetriable = (error: Error) => (error as Error & { retriable?: boolean }).retriable === true;

/**
 * Whether the group has handled everything on the topics so far (consumer lag 0): on every
 * partition its committed offset is the partition's end. An empty partition counts as handled.
 */
export async function consumerGroupAtEnd(groupId: string, topics: string[], brokers = infraEnv().KAFKA_BROKERS): Promise<boolean> {
  return withAdmin(brokers, async (admin) => {
    const prefixed = topics.map(testTopic);
    const committed = await admin.fetchOffsets({ groupId, topics: prefixed });
    for (const topic of prefixed) {
      const ends = await admin.fetchTopicOffsets(topic);
      const offsets = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const end of ends) {
        const at = Number(offsets.find((p) => p.partition === end.partition)?.offset ?? -1);
        if (at < Number(end.high) && Number(end.low) < Number(end.high)) return false;
      }
    }
    return true;
  });
}

/** Waits until the group is at the end of every topic: everything published before the call has been handled and acknowledged. */
export async function waitForGroupAtEnd(groupId: string, topics: string[], timeoutMs = 60_000, brokers = infraEnv().KAFKA_BROKERS): Promise<void> {
  await waitFor(() => consumerGroupAtEnd(groupId, topics, brokers), `consumer group ${groupId} to reach the end of ${topics.join(', ')}`, timeoutMs, 250);
}
