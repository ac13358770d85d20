import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'crypto';
import { SweepOverdueCases, SweepResult } from '../../application/case/sweep-overdue-cases.command';
import { SYSTEM_ACTOR } from '../../application/caller';
import { GovernanceConfig } from '../../governance.config';

/**
 * Runs the overdue sweep on a timer, as the platform (SYSTEM). Every instance
 * may run it: the sweep is idempotent, so overlapping instances raise nothing twice.
 */
@Injectable()
export class OverdueSweepTimer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OverdueSweep');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly commands: CommandBus,
    private readonly config: GovernanceConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.OVERDUE_SWEEP_INTERVAL_MS;
    if (!every) return;
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    const correlationId = `sweep-${randomUUID()}`;
    this.running = this.commands.execute<SweepOverdueCases, SweepResult>(new SweepOverdueCases({ actor: SYSTEM_ACTOR, context: { correlationId, actorId: SYSTEM_ACTOR.userId } }));
    try {
      const result = (await this.running) as SweepResult;
      if (result.overdue.length + result.escalated.length > 0) {
        this.logger.log({ overdue: result.overdue.length, escalated: result.escalated.length }, 'overdue sweep raised events');
      }
    } catch (error) {
      this.logger.error({ err: error }, 'overdue sweep failed; retried on the next tick');
    } finally {
      this.running = undefined;
    }
  }
}
