import { Injectable } from '@nestjs/common';
import { ScheduledWork } from '@pb/platform';
import { AuthService } from '../../application/auth/auth.service';
import { GatewayConfig } from '../../gateway.config';

/** Deletes expired refresh tokens, sign-in attempts, rate-limit counts and revocations (SCHEDULE_SESSION_SWEEP, every 10 minutes by default). */
@Injectable()
export class SessionSweepJob extends ScheduledWork<'SESSION_SWEEP'> {
  constructor(
    private readonly auth: AuthService,
    config: GatewayConfig,
  ) {
    super('SESSION_SWEEP', config);
  }

  async run(): Promise<void> {
    const deleted = await this.auth.sweepExpired();
    if (Object.values(deleted).some((n) => n > 0)) this.logger.log(deleted, 'expired session records deleted');
  }
}
