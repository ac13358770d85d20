import { Kafka } from 'kafkajs';
import { retry } from '@pb/platform/retry';
import { TopicSpec } from '../broker/message-broker';

/**
 * On a broker that has just started or is busy, a just-created topic can be listed before its
 * partitions have leaders ("does not host this topic-partition"); creating is idempotent, so the
 * whole step is simply tried again.
 */
const NOT_SETTLED = /does not host this topic-partition|leader/i;

/** Creates missing topics; existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[]): Promise<void> {
  await retry(() => createMissing(kafka, specs), {
    attempts: 10,
    retryIf: (error) => NOT_SETTLED.test(error.message),
    backoff: { initialMs: 300, maxMs: 3000 },
  });
}

async function createMissing(kafka: Kafka, specs: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.partitions,
          replicationFactor: s.replicationFactor,
          configEntries: topicConfig(s),
        })),
      });
    } catch (error) {
      // Another instance may have created them at the same moment; on a broker that has just
      // started, waiting for the leaders can see the topic before its partitions: both settle below.
      if (!/already exists|does not host this topic-partition|leader not available/i.test(String((error as Error).message))) throw error;
    }
    await waitForMetadata(
      admin,
      missing.map((s) => s.topic),
    );
  } finally {
    await admin.disconnect();
  }
}

/** The settings a topic is created with (only at creation: an existing topic keeps its own). */
export function topicConfig(spec: TopicSpec): { name: string; value: string }[] {
  return [
    // Read models and analysts replay from the beginning: keep events unless the spec bounds them.
    { name: 'retention.ms', value: String(spec.retentionMs ?? -1) },
    ...(spec.minInsyncReplicas !== undefined ? [{ name: 'min.insync.replicas', value: String(spec.minInsyncReplicas) }] : []),
  ];
}

/** A new topic's leaders can take a moment to be known to every broker; wait for it. */
async function waitForMetadata(admin: ReturnType<Kafka['admin']>, topics: string[]): Promise<void> {
  await retry(
    async () => {
      const { topics: described } = await admin.fetchTopicMetadata({ topics });
      if (!described.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) {
        throw new Error(`topics ${topics.join(', ')} have no leaders yet`);
      }
    },
    { attempts: 41, backoff: { constantMs: 250 } },
  );
}
