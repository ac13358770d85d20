import { TEST_INTERNAL_SECRET, testKey } from './auth';
import { infraEnv, uniqueName } from './infra-env';

export type AppName = 'membership' | 'activities' | 'governance' | 'enterprise' | 'notifications' | 'gateway' | 'analyst-streams';

/**
 * The keys an app refuses to start without, beyond the platform's: fixed test values (strong
 * enough for the apps' start-up check), so a test can sign a user token or compute a pseudonym
 * with the same key. Never used outside tests. The gateway signs its internal tokens with the
 * one key all services under test verify (a suite that checks their separation gives each its own).
 */
export const TEST_KEYS = {
  MEMBERSHIP_DATA_KEY: testKey('MEMBERSHIP_DATA_KEY', 'base64'),
  ANALYST_PSEUDONYM_KEY: testKey('ANALYST_PSEUDONYM_KEY'),
  JWT_SECRET: testKey('JWT_SECRET'),
  INTERNAL_TOKEN_SECRET_MEMBERSHIP: TEST_INTERNAL_SECRET,
  INTERNAL_TOKEN_SECRET_ACTIVITIES: TEST_INTERNAL_SECRET,
  INTERNAL_TOKEN_SECRET_GOVERNANCE: TEST_INTERNAL_SECRET,
  INTERNAL_TOKEN_SECRET_ENTERPRISE: TEST_INTERNAL_SECRET,
  INTERNAL_TOKEN_SECRET_NOTIFICATIONS: TEST_INTERNAL_SECRET,
} as const;

const KEYS_OF: Partial<Record<AppName, (keyof typeof TEST_KEYS)[]>> = {
  membership: ['MEMBERSHIP_DATA_KEY'],
  'analyst-streams': ['ANALYST_PSEUDONYM_KEY'],
  gateway: [
    'JWT_SECRET',
    'INTERNAL_TOKEN_SECRET_MEMBERSHIP',
    'INTERNAL_TOKEN_SECRET_ACTIVITIES',
    'INTERNAL_TOKEN_SECRET_GOVERNANCE',
    'INTERNAL_TOKEN_SECRET_ENTERPRISE',
    'INTERNAL_TOKEN_SECRET_NOTIFICATIONS',
  ],
};

/** `SCHEDULE_<JOB>: 'off'` for every job a config class declares (each has a default schedule, so an instance shows them all). */
export function schedulesOff(config: new () => object): Record<string, string> {
  return Object.fromEntries(
    Object.keys(new config())
      .filter((key) => key.startsWith('SCHEDULE_'))
      .map((key) => [key, 'off']),
  );
}

export interface ServiceEnvOptions {
  /** The app's settings class: with it, every scheduled job is off (a test turns one on through `env`). */
  config?: new () => object;
  /** Anything else, or different: wins over the defaults. */
  env?: Record<string, string>;
}

/**
 * The environment an app is started with in a test, in process or as a process of its own: the
 * run's broker and database, the test file's topic prefix, a database and consumer group of its
 * own, its keys, warnings and errors logged only.
 */
export function serviceEnv(app: AppName, { config, env = {} }: ServiceEnvOptions = {}): Record<string, string> {
  return {
    ...infraEnv(),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    MONGODB_DATABASE: uniqueName(`t_${app}`),
    KAFKA_GROUP_ID: uniqueName(`${app}-test`),
    ...Object.fromEntries((KEYS_OF[app] ?? []).map((key) => [key, TEST_KEYS[key]])),
    ...(config ? schedulesOff(config) : {}),
    ...env,
  };
}
