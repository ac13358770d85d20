import { createHash } from 'crypto';
import { Actor, internalAudience, signInternalToken } from '@pb/platform';

/**
 * A fixed key for tests that looks like a generated one (the apps refuse placeholders and keys of
 * little entropy at start): the same in every test process, so a test signs with what its apps verify.
 */
export function testKey(label: string, encoding: 'base64url' | 'base64' = 'base64url'): string {
  return createHash('sha256').update(`party-building test key: ${label}`).digest(encoding);
}

/** The internal-token key every service under test is started with (tests only; production gives each service its own). */
export const TEST_INTERNAL_SECRET = testKey('INTERNAL_TOKEN_SECRET');

/** Every app that takes internal tokens: a test token is good for any of them. */
const TEST_AUDIENCES = ['membership', 'activities', 'governance', 'enterprise', 'notifications', 'analyst-streams', 'gateway'].map(internalAudience);

export const CITY_ADMIN: Actor = { userId: 'test-city-admin', role: 'CITY_ADMIN', scope: { level: 'CITY' } };

/** An `Authorization` header value for the actor. */
export function bearer(actor: Actor = CITY_ADMIN, expiresInSeconds = 300): string {
  return `Bearer ${signInternalToken(actor, TEST_INTERNAL_SECRET, TEST_AUDIENCES, expiresInSeconds)}`;
}

/** The platform itself (demo data, scheduled work): registers jurisdictions, runs sweeps by hand. */
export const SYSTEM: Actor = { userId: 'test-system', role: 'SYSTEM', scope: { level: 'CITY' } };
