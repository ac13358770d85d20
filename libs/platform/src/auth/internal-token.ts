import { Actor, ROLES, SCOPE_LEVELS } from './actor';
import { hs256Signer } from './hs256-signer';

export const INTERNAL_ISSUER = 'party-building-gateway';
const ID = /^[A-Za-z0-9_.:@-]{1,128}$/;

/**
 * The audience of the internal tokens meant for one service (`party-building:membership`). A token
 * for one service is refused by every other even where two were given the same key by mistake.
 */
export function internalAudience(service: string): string {
  return `party-building:${service}`;
}

/**
 * The token the gateway attaches to every call it routes: the caller's identity, role and scope,
 * signed with the receiving service's own key (the gateway holds one per service, the service only
 * its own), so that no service can mint a token another service accepts. Services trust nothing
 * else about the caller. `audience`: `internalAudience(service)`; tests that call several services
 * with one key name them all.
 */
export function signInternalToken(actor: Actor, secret: string, audience: string | string[], expiresInSeconds = 300): string {
  return hs256Signer(secret).sign({ ...actor }, { audience, issuer: INTERNAL_ISSUER, expiresIn: expiresInSeconds });
}

/** The actor in a valid token for `audience`, or null for a token that is expired, tampered with, for another service or malformed. */
export function verifyInternalToken(token: string, secret: string, audience: string): Actor | null {
  try {
    const claims = hs256Signer(secret).verify<Actor & Record<string, unknown>>(token, { audience, issuer: INTERNAL_ISSUER });
    if (!isActor(claims)) return null;
    const { userId, role, scope, organizationId, enterpriseCode, memberId, gridWorkerId, departmentId } = claims;
    return { userId, role, scope, organizationId, enterpriseCode, memberId, gridWorkerId, departmentId };
  } catch {
    return null;
  }
}

function isActor(value: Record<string, unknown>): value is Actor & Record<string, unknown> {
  const scope = value.scope as Record<string, unknown> | undefined;
  if (typeof value.userId !== 'string' || !ID.test(value.userId)) return false;
  if (!ROLES.includes(value.role as never)) return false;
  if (!scope || !SCOPE_LEVELS.includes(scope.level as never)) return false;
  const needs = { CITY: [], DISTRICT: ['districtId'], SUB_DISTRICT: ['districtId', 'subDistrictId'], ZONE: ['districtId', 'zoneId'] }[scope.level as string]!;
  return needs.every((k) => typeof scope[k] === 'string' && ID.test(scope[k] as string));
}
