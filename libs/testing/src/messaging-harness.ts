import { ExceptionFilter, INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, logLevel } from 'kafkajs';
import mongoose, { Connection } from 'mongoose';
import { Inbox, KafkaEventTransport, KafkaMessageBroker, MessageBroker } from '@pb/messaging';
import { infraEnv, uniqueName } from './infra-env';

/*
 * For tests of the libraries below the apps: the pieces an app's messaging is made of, on the
 * run's broker and database, without an app around them.
 */

/** A database of the test's own (`<prefix>_<random>`) on the run's server. */
export function openTestDatabase(prefix: string): Promise<Connection> {
  return mongoose.createConnection(infraEnv().MONGODB_URI, { dbName: uniqueName(prefix) }).asPromise();
}

/** The run's broker behind the platform's port, as an app's messaging reaches it; the client's own logs are silenced. */
export function testBroker(clientId: string): KafkaMessageBroker {
  return new KafkaMessageBroker(new Kafka({ clientId, brokers: infraEnv().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }));
}

export interface ConsumerOptions {
  broker: MessageBroker;
  /** Where the consumer group's inbox is kept. */
  connection: Connection;
  topics: string[];
  /** A new group (reading from the beginning) unless given. */
  groupId?: string;
  /** Quick retries: handlers that fail do so on purpose here. */
  maxAttempts?: number;
  initialBackoffMs?: number;
  /** The longest wait between attempts (an infrastructure outage reaches it). */
  maxBackoffMs?: number;
  filters?: ExceptionFilter[];
}

/** Serves the module's `@EventPattern` handlers from the topics through `KafkaEventTransport`, as an app's consumer does. */
export async function startConsumer(module: Type<unknown>, options: ConsumerOptions): Promise<{ app: INestMicroservice; groupId: string }> {
  const groupId = options.groupId ?? uniqueName('consumer');
  const transport = new KafkaEventTransport(options.broker, new Inbox(options.connection, groupId), {
    groupId,
    topics: options.topics,
    maxAttempts: options.maxAttempts ?? 3,
    initialBackoffMs: options.initialBackoffMs ?? 20,
    maxBackoffMs: options.maxBackoffMs ?? 500,
  });
  const app = await NestFactory.createMicroservice(module, { strategy: transport, logger: false });
  if (options.filters) app.useGlobalFilters(...options.filters);
  await app.listen();
  return { app, groupId };
}
