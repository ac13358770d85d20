import { Inject, Injectable, Logger } from '@nestjs/common';
import { internalAudience, signInternalToken, SYSTEM_ACTOR } from '@pb/platform';
import type { User } from '../../domain/user/user';
import { GatewayConfig } from '../../gateway.config';

const TIMEOUT_MS = 3_000;

/**
 * What the notifications service is told of a user (`PUT /recipients/:userId`): the actor their
 * tokens carry, less the id (in the path), and whether the account is active. The service works out
 * the audiences (`audiencesOf`) from it, as it does for the user's own calls.
 */
export function recipientOf(user: User) {
  return {
    role: user.role,
    scope: user.scope,
    organizationId: user.organizationId,
    enterpriseCode: user.enterpriseCode,
    memberId: user.memberId,
    gridWorkerId: user.gridWorkerId,
    departmentId: user.departmentId,
    active: !user.disabled,
  };
}

/**
 * 通知接收人: tells the notifications service who a user is when the gateway creates a user,
 * changes their role, jurisdiction or links, disables or enables them (`PUT /recipients/:userId`,
 * as the platform itself), so that channels other than the console (webhook, digest) reach the
 * right people. Never fails the user change: a service that is down or refuses is logged (without
 * personal data) and the service also learns a user from their own next call.
 */
@Injectable()
export class RecipientDirectory {
  private readonly logger = new Logger(RecipientDirectory.name);
  /** Whether the last call reached the service: an outage is logged once, not at every user change. */
  private reachable = true;

  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {}

  /** What became of it: taken, refused (logged), or the service unreachable (logged once per outage, unless `quiet`). */
  async tell(user: User, quiet = false): Promise<'taken' | 'refused' | 'unreachable'> {
    try {
      const token = signInternalToken(SYSTEM_ACTOR, this.config.INTERNAL_TOKEN_SECRET_NOTIFICATIONS, internalAudience('notifications'), 60);
      const res = await fetch(`${this.config.NOTIFICATIONS_URL}/recipients/${encodeURIComponent(user.userId)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(recipientOf(user)),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.body?.cancel();
      this.reachable = true;
      if (res.ok) return 'taken';
      this.logger.warn(`notifications refused a recipient update (${res.status}); the service learns the user on their next call or the next sync`);
      return 'refused';
    } catch (error) {
      if (!quiet && this.reachable)
        this.logger.warn(
          `notifications unreachable for a recipient update (${(error as Error).name}); the service learns users on their next call or the next sync; not logged again until it answers`,
        );
      this.reachable = false;
      return 'unreachable';
    }
  }
}
