import { randomUUID } from 'crypto';
import { IHeaders, Kafka, logLevel } from 'kafkajs';
import { testTopic } from './infra-env';

export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
  /** The record's Kafka timestamp (epoch milliseconds). */
  timestamp: string;
}

/**
 * Reads a topic from the beginning with a throw-away consumer group until
 * `done(messages)` holds or the timeout passes; what a real subscriber sees.
 * A context topic is read under the current test file's prefix.
 */
export async function readTopic(brokers: string, topic: string, done: (messages: ReadMessage[]) => boolean, timeoutMs = 20000): Promise<ReadMessage[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: testTopic(topic), fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${messages.length} messages from ${topic} without meeting the condition`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          messages.push({
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            headers: headersToStrings(message.headers),
            partition,
            offset: message.offset,
            timestamp: message.timestamp,
          });
          if (done(messages)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v ?? '');
  return out;
}
