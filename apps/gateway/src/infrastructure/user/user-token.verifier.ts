import { Injectable } from '@nestjs/common';
import { Actor, ActorVerifier, ServiceConfig } from '@pb/platform';
import { verifyAccessToken } from './user-tokens';
import { SessionRevocations } from './session-revocations';
import type { GatewayConfig } from '../../gateway.config';

/** At the gateway a bearer token is a user's access token, not an internal one, and not one whose sessions were revoked since. */
@Injectable()
export class UserTokenVerifier extends ActorVerifier {
  constructor(
    private readonly config: ServiceConfig,
    private readonly revocations: SessionRevocations,
  ) {
    super();
  }

  verify(token: string): Actor | null {
    const verified = verifyAccessToken(token, (this.config as GatewayConfig).JWT_SECRET);
    if (!verified || this.revocations.isRevoked(verified.actor.userId, verified.tokenVersion)) return null;
    return verified.actor;
  }
}
