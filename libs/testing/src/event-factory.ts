import { randomUUID } from 'crypto';
import { Kafka, logLevel } from 'kafkajs';
import { EventDefinition, EventEnvelope, eventSource } from '@pb/contracts';
import { exactProducer } from './exact-producer';
import { testTopic } from './infra-env';

export interface EnvelopeOptions {
  aggregateId: string;
  version: number;
  districtId?: string;
  zoneId?: string;
  time?: string;
  id?: string;
}

/** A well-formed envelope, as another service's relay would publish it. */
export function envelopeOf<T>(definition: EventDefinition<T> & { type: string }, data: T, options: EnvelopeOptions): EventEnvelope<T> {
  const id = options.id ?? randomUUID();
  return {
    specversion: '1.0',
    id,
    source: eventSource(definition.context),
    type: definition.type,
    subject: options.aggregateId,
    time: options.time ?? new Date().toISOString(),
    datacontenttype: 'application/json',
    dataschema: `schemas/${definition.context}/${definition.name}.v${definition.version}.json`,
    aggregatetype: definition.aggregateType,
    aggregateversion: options.version,
    districtid: options.districtId ?? '',
    zoneid: options.zoneId ?? '',
    correlationid: id,
    causationid: id,
    actorid: 'test',
    data,
  };
}

/** Publishes envelopes to a topic keyed by aggregate id, in the order given (duplicates allowed); context topics get the test file's prefix. */
export async function publishEnvelopes(brokers: string, topic: string, envelopes: EventEnvelope[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-publisher', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const producer = exactProducer(kafka);
  await producer.connect();
  try {
    await producer.send({ topic: testTopic(topic), acks: -1, messages: envelopes.map((e) => ({ key: e.subject, value: JSON.stringify(e) })) });
  } finally {
    await producer.disconnect();
  }
}
