import { readFileSync } from 'fs';
import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { Logger } from '@nestjs/common';

export const KAFKA = Symbol('KAFKA');

const LEVELS: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/**
 * A broker's answer that kafkajs retries by itself (leaders and coordinators still being elected on
 * a new broker or topic) or hands to the code that asked (topics that exist already). Only the
 * outcome counts, and that is reported when it fails (a consumer's crash, the caller's error).
 */
const ANSWER_THAT_SETTLES =
  /does not host this topic-partition|not the leader for that topic-partition|no leader for this topic-partition|coordinator is not available|coordinator is loading|not the correct coordinator|Topic creation errors/i;

/** kafkajs logs through Nest's logger so its lines are structured JSON like ours. */
function logCreator() {
  const logger = new Logger('kafkajs');
  return ({ level, log }: LogEntry) => {
    const { message, broker, error } = log as { message: string; broker?: string; error?: string };
    // A group rebalancing or a coordinator starting is routine, not an error.
    const method = LEVELS[level] ?? 'log';
    const settles = message.startsWith('Response ') && ANSWER_THAT_SETTLES.test(error ?? '');
    logger[settles ? 'debug' : method === 'error' && /coordinator|rebalanc/i.test(`${message} ${error}`) ? 'warn' : method](
      `${message}${broker ? ` broker=${broker}` : ''}${error ? ` error=${error}` : ''}`,
    );
  };
}

export interface KafkaSecurity {
  KAFKA_SSL?: boolean;
  KAFKA_SSL_CA_FILE?: string;
  KAFKA_SASL_MECHANISM?: 'scram-sha-256' | 'scram-sha-512' | 'plain';
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
}

export function createKafka(clientId: string, brokers: string, security: KafkaSecurity = {}): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = security;
  return new Kafka({
    clientId,
    brokers: brokers.split(',').map((b) => b.trim()),
    ssl: kafkaTls(security),
    sasl: mechanism && username && password ? ({ mechanism, username, password } as never) : undefined,
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
  });
}

/**
 * TLS to the brokers: off, on with the system's CAs, or on with a private CA read from a file
 * (a cluster CA is rarely a public one). A CA file means TLS even without KAFKA_SSL=true.
 */
export function kafkaTls(security: KafkaSecurity): boolean | { ca: Buffer[] } {
  if (security.KAFKA_SSL_CA_FILE) return { ca: [readFileSync(security.KAFKA_SSL_CA_FILE)] };
  return security.KAFKA_SSL === true;
}
