import { JwtService } from '@nestjs/jwt';
import type { Actor } from '@pb/platform';
import type { User } from '../../domain/user/user';

export const USER_AUDIENCE = 'party-building-users';
export const USER_ISSUER = 'party-building-gateway';

const jwt = new JwtService();

/** A user's access token: who they are, their role and jurisdiction, for a short while. */
export function signAccessToken(user: User, secret: string, expiresInSeconds: number): string {
  return jwt.sign(
    { sub: user.userId, role: user.role, scope: user.scope, org: user.organizationId, ent: user.enterpriseCode },
    { secret, audience: USER_AUDIENCE, issuer: USER_ISSUER, expiresIn: expiresInSeconds, algorithm: 'HS256' },
  );
}

/** The caller of a valid access token, or null for an expired, tampered or foreign one. */
export function verifyAccessToken(token: string, secret: string): Actor | null {
  try {
    const claims = jwt.verify<{ sub: string; role: Actor['role']; scope: Actor['scope']; org?: string; ent?: string }>(token, {
      secret,
      audience: USER_AUDIENCE,
      issuer: USER_ISSUER,
      algorithms: ['HS256'],
    });
    return { userId: claims.sub, role: claims.role, scope: claims.scope, organizationId: claims.org, enterpriseCode: claims.ent };
  } catch {
    return null;
  }
}
