// The user access token's format, in one place: sign-in (application/auth) writes it and the
// platform's guard reads it through UserTokenVerifier, beside it here.
import { Actor, hs256Signer } from '@pb/platform';
import type { User } from '../../domain/user/user';

export const USER_AUDIENCE = 'party-building-users';
export const USER_ISSUER = 'party-building-gateway';

/** A user's access token: who they are, their role and jurisdiction, and the tokenVersion it was issued under, for a short while. */
export function signAccessToken(user: User, secret: string, expiresInSeconds: number, tokenVersion = 0): string {
  return hs256Signer(secret).sign(
    {
      sub: user.userId,
      role: user.role,
      scope: user.scope,
      org: user.organizationId,
      ent: user.enterpriseCode,
      mem: user.memberId,
      gw: user.gridWorkerId,
      dep: user.departmentId,
      tv: tokenVersion,
    },
    { audience: USER_AUDIENCE, issuer: USER_ISSUER, expiresIn: expiresInSeconds },
  );
}

/** A verified access token: its caller, the tokenVersion it was issued under and when it expires (ms since the epoch). */
export interface VerifiedAccessToken {
  actor: Actor;
  tokenVersion: number;
  expiresAtMs: number;
}

/** The caller of a valid access token and its tokenVersion, or null for an expired, tampered or foreign one. */
export function verifyAccessToken(token: string, secret: string): VerifiedAccessToken | null {
  try {
    const claims = hs256Signer(secret).verify<{
      sub: string;
      role: Actor['role'];
      scope: Actor['scope'];
      org?: string;
      ent?: string;
      mem?: string;
      gw?: string;
      dep?: string;
      tv?: number;
      exp: number;
    }>(token, {
      audience: USER_AUDIENCE,
      issuer: USER_ISSUER,
    });
    return {
      actor: {
        userId: claims.sub,
        role: claims.role,
        scope: claims.scope,
        organizationId: claims.org,
        enterpriseCode: claims.ent,
        memberId: claims.mem,
        gridWorkerId: claims.gw,
        departmentId: claims.dep,
      },
      tokenVersion: typeof claims.tv === 'number' ? claims.tv : 0,
      // Our tokens always carry `exp`; one without it is never remembered (UserTokenVerifier).
      expiresAtMs: typeof claims.exp === 'number' ? claims.exp * 1000 : 0,
    };
  } catch {
    return null;
  }
}
