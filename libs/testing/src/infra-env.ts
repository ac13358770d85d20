import { CONTEXT_TOPICS } from '@pb/contracts';
import { TEST_INTERNAL_SECRET } from './auth';
import { randomBytes } from 'crypto';

/** The broker and database the test run provisioned (see test/global-setup.js). */
export function infraEnv(): { KAFKA_BROKERS: string; MONGODB_URI: string; INTERNAL_TOKEN_SECRET: string; KAFKA_TOPIC_PREFIX: string } {
  // Set by the unit project (test/unit-lane.js): its tests run without a broker or a database.
  if (process.env.PB_TEST_LANE === 'unit') {
    throw new Error('a unit test asked for Kafka and the database: a test that needs them is named *.e2e.spec.ts and runs in the e2e project');
  }
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
