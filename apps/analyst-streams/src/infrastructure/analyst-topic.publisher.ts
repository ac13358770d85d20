import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { Counter } from 'prom-client';
import { ANALYST_TOPICS } from '@pb/contracts';
import { ensureTopics, KAFKA, metricsRegistry } from '@pb/platform';
import { AnalystStreamsConfig } from '../analyst-streams.config';
import { AnalystRecord } from '../domain/analyst-event';

export const analystEventsPublished = new Counter({
  name: 'pb_analyst_events_published_total',
  help: 'Pseudonymised events written to analyst topics',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

/** Writes analyst records; creates the analyst topics at start (retention unlimited, like the context topics). */
@Injectable()
export class AnalystTopicPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly producer: Producer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly config: AnalystStreamsConfig,
  ) {
    // One request in flight: a retried send cannot overtake the next one, so a subject's events keep their order.
    this.producer = kafka.producer({ allowAutoTopicCreation: false, maxInFlightRequests: 1 });
  }

  topicName(topic: string): string {
    return this.config.KAFKA_TOPIC_PREFIX + topic;
  }

  async onApplicationBootstrap(): Promise<void> {
    const specs = Object.values(ANALYST_TOPICS).map((topic) => ({
      topic: this.topicName(topic),
      partitions: this.config.KAFKA_PARTITIONS,
      replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
    }));
    // A just-created topic's metadata can lag behind on a busy broker ("does not host this
    // topic-partition"); creating is idempotent, so a few tries ride it out.
    for (let attempt = 1; ; attempt++) {
      try {
        await ensureTopics(this.kafka, specs);
        break;
      } catch (error) {
        if (attempt >= 10 || !/does not host this topic-partition|leader/i.test(String((error as Error).message))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
      }
    }
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }

  /** Returns once all in-sync replicas have the record; a failure throws, so the transport retries. */
  async publish(record: AnalystRecord): Promise<void> {
    const topic = this.topicName(record.topic);
    await this.producer.send({
      topic,
      acks: -1,
      messages: [{ key: record.key, value: record.value, headers: { 'ce-id': record.id } }],
    });
    analystEventsPublished.inc({ topic: record.topic });
  }
}
