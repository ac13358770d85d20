import { Injectable } from '@nestjs/common';
import { ScheduledWork } from '@pb/platform';
import { UserAccounts } from '../../application/auth/user-accounts';
import { GatewayConfig } from '../../gateway.config';

/** Tells the notifications service who every user is (SCHEDULE_RECIPIENT_SYNC, hourly by default). */
@Injectable()
export class RecipientSyncJob extends ScheduledWork<'RECIPIENT_SYNC'> {
  constructor(
    private readonly accounts: UserAccounts,
    config: GatewayConfig,
  ) {
    super('RECIPIENT_SYNC', config);
  }

  async run(): Promise<void> {
    const { told, reachable } = await this.accounts.tellNotificationsAll();
    if (reachable) this.logger.log(`notifications told of ${told} users`);
    else this.logger.warn(`notifications unreachable after telling it of ${told} users; the next run starts again`);
  }
}
