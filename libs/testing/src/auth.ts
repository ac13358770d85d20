import { Actor, signInternalToken } from '@pb/platform';

/** The secret every app under test is started with (tests only). */
export const TEST_INTERNAL_SECRET = 'test-internal-token-secret-0123456789abcdef';

export const CITY_ADMIN: Actor = { userId: 'test-city-admin', role: 'CITY_ADMIN', scope: { level: 'CITY' } };

/** An `Authorization` header value for the actor. */
export function bearer(actor: Actor = CITY_ADMIN, expiresInSeconds = 300): string {
  return `Bearer ${signInternalToken(actor, TEST_INTERNAL_SECRET, expiresInSeconds)}`;
}

/** The platform itself (demo data, scheduled work): registers jurisdictions, runs sweeps by hand. */
export const SYSTEM: Actor = { userId: 'test-system', role: 'SYSTEM', scope: { level: 'CITY' } };
