import { Kafka, Producer } from 'kafkajs';

/**
 * A producer for tests that count what reaches a topic. It is idempotent: when kafkajs retries
 * a request that failed only for some partitions, a plain producer writes the others twice (on
 * a busy broker: 10 messages where 7 were sent). Sends need `acks: -1`, the default.
 */
export function exactProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
}
