import { TEST_INTERNAL_SECRET } from './auth';
import { randomBytes } from 'crypto';

/** The broker and database the test run provisioned (see test/global-setup.js). */
export function infraEnv(): { KAFKA_BROKERS: string; MONGODB_URI: string; INTERNAL_TOKEN_SECRET: string } {
  const { KAFKA_BROKERS, MONGODB_URI } = process.env;
  if (!KAFKA_BROKERS || !MONGODB_URI) throw new Error('KAFKA_BROKERS and MONGODB_URI must be set (run through `npm test`)');
  return { KAFKA_BROKERS, MONGODB_URI, INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET };
}

/** A database name of the test's own, so test files never see each other's records. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}
