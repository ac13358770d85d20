import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Counter } from 'prom-client';
import { ANALYST_TOPICS } from '@pb/contracts';
import { MessageBroker, OutgoingMessage } from '@pb/messaging';
import { metricsRegistry } from '@pb/platform';
import { AnalystStreamsConfig } from '../analyst-streams.config';
import { AnalystRecord } from '../domain/analyst-event';

export const analystEventsPublished = new Counter({
  name: 'pb_analyst_events_published_total',
  help: 'Pseudonymised events written to analyst topics',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

/** Records per produce request, and their bytes: well below the broker's request limit. */
const RECORDS_PER_SEND = 100;
const BYTES_PER_SEND = 512 * 1024;

interface Waiting {
  record: AnalystRecord;
  message: OutgoingMessage;
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Writes analyst records; creates the analyst topics at start (retention unlimited, like the context topics).
 *
 * Records published at the same time (the events of a batch run side by side, and partitions too)
 * share one produce request per topic: those that arrive while one is being sent go together in
 * the next. Each `publish` still returns only once its own record is acknowledged, and one key's
 * records keep their order (a key's next event is handled only after its previous one was published).
 */
@Injectable()
export class AnalystTopicPublisher implements OnApplicationBootstrap {
  /** Per (prefixed) topic: the records waiting, and whether a send of that topic is planned or running. */
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly busy = new Set<string>();

  constructor(
    private readonly broker: MessageBroker,
    private readonly config: AnalystStreamsConfig,
  ) {}

  topicName(topic: string): string {
    return this.config.KAFKA_TOPIC_PREFIX + topic;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.broker.ensureTopics(
      Object.values(ANALYST_TOPICS).map((topic) => ({
        topic: this.topicName(topic),
        partitions: this.config.KAFKA_PARTITIONS,
        replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
        minInsyncReplicas: this.config.KAFKA_MIN_INSYNC_REPLICAS,
      })),
    );
  }

  /** Returns once all in-sync replicas have the record; a failure throws, so the transport retries. */
  publish(record: AnalystRecord): Promise<void> {
    // The Kafka timestamp is the day too: the time the record is written would match the source event's to the millisecond.
    const message: OutgoingMessage = { key: record.key, value: record.value, headers: { 'ce-id': record.id }, timestamp: record.timestamp };
    const topic = this.topicName(record.topic);
    return new Promise((resolve, reject) => {
      const bytes = Buffer.byteLength(record.value) + record.key.length + record.id.length;
      const queue = this.waiting.get(topic);
      if (queue) queue.push({ record, message, bytes, resolve, reject });
      else this.waiting.set(topic, [{ record, message, bytes, resolve, reject }]);
      if (this.busy.has(topic)) return;
      this.busy.add(topic);
      // After the events being handled right now have had their turn to join.
      setImmediate(() => void this.sendWaiting(topic));
    });
  }

  /** Sends the topic's waiting records, a request at a time, until none is left. */
  private async sendWaiting(topic: string): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(topic) ?? [];
      if (queue.length === 0) break;
      let count = 0;
      let bytes = 0;
      while (count < queue.length && count < RECORDS_PER_SEND && (count === 0 || bytes + queue[count]!.bytes <= BYTES_PER_SEND)) bytes += queue[count++]!.bytes;
      const taken = queue.splice(0, count);
      try {
        await this.broker.publish(
          topic,
          taken.map((w) => w.message),
        );
      } catch (error) {
        // Some may have been written: their events come again and produce the very same records.
        for (const w of taken) w.reject(error);
        continue;
      }
      for (const w of taken) {
        analystEventsPublished.inc({ topic: w.record.topic });
        w.resolve();
      }
    }
    this.waiting.delete(topic);
    this.busy.delete(topic);
  }
}
