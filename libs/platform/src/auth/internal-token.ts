import { Actor, ROLES, SCOPE_LEVELS } from './actor';
import { hs256Signer } from './hs256-signer';

export const INTERNAL_AUDIENCE = 'party-building-services';
export const INTERNAL_ISSUER = 'party-building-gateway';
const ID = /^[A-Za-z0-9_.:@-]{1,128}$/;

/**
 * The token the gateway attaches to every call it routes: the caller's
 * identity, role and scope, signed with INTERNAL_TOKEN_SECRET. Services trust
 * nothing else about the caller.
 */
export function signInternalToken(actor: Actor, secret: string, expiresInSeconds = 300): string {
  return hs256Signer(secret).sign({ ...actor }, { audience: INTERNAL_AUDIENCE, issuer: INTERNAL_ISSUER, expiresIn: expiresInSeconds });
}

/** The actor in a valid token, or null for a token that is expired, tampered with or malformed. */
export function verifyInternalToken(token: string, secret: string): Actor | null {
  try {
    const claims = hs256Signer(secret).verify<Actor & Record<string, unknown>>(token, { audience: INTERNAL_AUDIENCE, issuer: INTERNAL_ISSUER });
    return isActor(claims) ? { userId: claims.userId, role: claims.role, scope: claims.scope, organizationId: claims.organizationId, enterpriseCode: claims.enterpriseCode } : null;
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
