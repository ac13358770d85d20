import { Injectable } from '@nestjs/common';
import { Actor, ActorVerifier, ServiceConfig } from '@pb/platform';
import { verifyAccessToken } from './user-tokens';
import type { GatewayConfig } from '../../gateway.config';

/** At the gateway a bearer token is a user's access token, not an internal one. */
@Injectable()
export class UserTokenVerifier extends ActorVerifier {
  constructor(private readonly config: ServiceConfig) {
    super();
  }

  verify(token: string): Actor | null {
    return verifyAccessToken(token, (this.config as GatewayConfig).JWT_SECRET);
  }
}
