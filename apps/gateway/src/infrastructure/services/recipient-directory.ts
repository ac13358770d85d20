import { Inject, Injectable, Logger } from '@nestjs/common';
import { Actor, audiencesOf, internalAudience, signInternalToken, SYSTEM_ACTOR } from '@pb/platform';
import type { User } from '../../domain/user/user';
import { GatewayConfig } from '../../gateway.config';

const TIMEOUT_MS = 3_000;

/** The actor a user's access token would carry: what the notifications service addresses them by. */
export function actorOf(user: User): Actor {
  return {
    userId: user.userId,
    role: user.role,
    scope: user.scope,
    organizationId: user.organizationId,
    enterpriseCode: user.enterpriseCode,
    memberId: user.memberId,
    gridWorkerId: user.gridWorkerId,
    departmentId: user.departmentId,
  };
}

/** What the notifications service keeps of a user (collection `recipients`): the parts they play, where, whether active. */
export function recipientOf(user: User): { audiences: string[]; districtId: string | null; active: boolean } {
  return { audiences: audiencesOf(actorOf(user)), districtId: user.scope.districtId ?? null, active: !user.disabled };
}

/**
 * 通知接收人: tells the notifications service a user's audiences when the gateway creates a user,
 * changes their role, jurisdiction or links, disables or enables them (`PUT /recipients/:userId`,
 * as the platform itself), so that channels other than the console (webhook, digest) reach the
 * right people. Never fails the user change: a service that is down or refuses is logged (without
 * personal data) and the service also learns a user from their own next call.
 */
@Injectable()
export class RecipientDirectory {
  private readonly logger = new Logger(RecipientDirectory.name);

  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {}

  async tell(user: User): Promise<void> {
    try {
      const token = signInternalToken(SYSTEM_ACTOR, this.config.INTERNAL_TOKEN_SECRET_NOTIFICATIONS, internalAudience('notifications'), 60);
      const res = await fetch(`${this.config.NOTIFICATIONS_URL}/recipients/${encodeURIComponent(user.userId)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(recipientOf(user)),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.body?.cancel();
      if (!res.ok) this.logger.warn(`notifications refused a recipient update (${res.status}); the service learns the user on their next call`);
    } catch (error) {
      this.logger.warn(`notifications unreachable for a recipient update (${(error as Error).name}); the service learns the user on their next call`);
    }
  }
}
