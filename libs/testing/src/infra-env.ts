import { CONTEXT_TOPICS } from '@pb/contracts';
import { TEST_INTERNAL_SECRET } from './auth';
import { randomBytes } from 'crypto';

/** The broker and database the test run provisioned (see test/global-setup.js). */
export function infraEnv(): { KAFKA_BROKERS: string; MONGODB_URI: string; INTERNAL_TOKEN_SECRET: string; KAFKA_TOPIC_PREFIX: string } {
  const { KAFKA_BROKERS, MONGODB_URI } = process.env;
  if (!KAFKA_BROKERS || !MONGODB_URI) throw new Error('KAFKA_BROKERS and MONGODB_URI must be set (run through `npm test`)');
  return { KAFKA_BROKERS, MONGODB_URI, INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET, KAFKA_TOPIC_PREFIX: testTopicPrefix() };
}

/** The current test file's topic prefix (see test/isolated-topics.js). */
export function testTopicPrefix(): string {
  return process.env.KAFKA_TOPIC_PREFIX ?? '';
}

/**
 * A context topic (`membership.events`, its `.dlq`) as the current test file's
 * apps name it; any other topic name is left as it is.
 */
export function testTopic(topic: string): string {
  const bare = topic.replace(/\.dlq$/, '');
  return (Object.values(CONTEXT_TOPICS) as string[]).includes(bare) ? testTopicPrefix() + topic : topic;
}

/** A database name of the test's own, so test files never see each other's records. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}
