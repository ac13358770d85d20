import { Injectable } from '@nestjs/common';
import { Actor, ActorVerifier, ServiceConfig } from '@pb/platform';
import { VerifiedAccessToken, verifyAccessToken } from './user-tokens';
import { SessionRevocations } from './session-revocations';
import type { GatewayConfig } from '../../gateway.config';

/** Tokens remembered at once: a signed-in console polls with one token for 15 minutes, so a few per user. */
export const REMEMBERED_TOKENS = 10_000;

/**
 * At the gateway a bearer token is a user's access token, not an internal one, and not one whose
 * sessions were revoked since.
 *
 * A verified token is remembered until it expires (HMAC and claims cost a share of every read):
 * a bounded LRU keyed by the token string, so only the exact bytes that were verified are ever
 * trusted again, and never past `exp`. Revocation (sign-out, disabling, a new role, a password
 * reset) is checked on every request as before, against the in-memory revocation versions.
 */
@Injectable()
export class UserTokenVerifier extends ActorVerifier {
  private readonly remembered = new Map<string, VerifiedAccessToken>();

  constructor(
    private readonly config: ServiceConfig,
    private readonly revocations: SessionRevocations,
  ) {
    super();
  }

  verify(token: string): Actor | null {
    const verified = this.verified(token);
    if (!verified || this.revocations.isRevoked(verified.actor.userId, verified.tokenVersion)) return null;
    return verified.actor;
  }

  private verified(token: string): VerifiedAccessToken | null {
    const now = Date.now();
    const known = this.remembered.get(token);
    if (known) {
      this.remembered.delete(token);
      // Expired as jsonwebtoken counts it (whole seconds): forgotten, then refused below.
      if (Math.floor(now / 1000) * 1000 < known.expiresAtMs) {
        this.remembered.set(token, known);
        return known;
      }
    }
    const verified = verifyAccessToken(token, (this.config as GatewayConfig).JWT_SECRET);
    if (verified && Math.floor(now / 1000) * 1000 < verified.expiresAtMs) {
      // Shared by every request that presents the token: nobody may change it.
      Object.freeze(verified.actor.scope);
      Object.freeze(verified.actor);
      if (this.remembered.size >= REMEMBERED_TOKENS) this.remembered.delete(this.remembered.keys().next().value as string);
      this.remembered.set(token, verified);
    }
    return verified;
  }
}
