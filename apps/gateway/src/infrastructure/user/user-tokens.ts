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

/** The caller of a valid access token and its tokenVersion, or null for an expired, tampered or foreign one. */
export function verifyAccessToken(token: string, secret: string): { actor: Actor; tokenVersion: number } | null {
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
    };
  } catch {
    return null;
  }
}
