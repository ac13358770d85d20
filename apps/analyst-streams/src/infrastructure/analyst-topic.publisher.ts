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

/** Writes analyst records; creates the analyst topics at start (retention unlimited, like the context topics). */
@Injectable()
export class AnalystTopicPublisher implements OnApplicationBootstrap {
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
  async publish(record: AnalystRecord): Promise<void> {
    // The Kafka timestamp is the day too: the time the record is written would match the source event's to the millisecond.
    const message: OutgoingMessage = { key: record.key, value: record.value, headers: { 'ce-id': record.id }, timestamp: record.timestamp };
    await this.broker.publish(this.topicName(record.topic), [message]);
    analystEventsPublished.inc({ topic: record.topic });
  }
}
