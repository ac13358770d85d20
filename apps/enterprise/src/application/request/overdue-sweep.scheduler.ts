import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'crypto';
import { SweepOverdueRequests, SweepResult } from './sweep-overdue-requests.command';

export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');

/**
 * Runs the overdue sweep on a timer (0 disables it; tests sweep through the
 * endpoint with a manual clock). Several instances may sweep at once: each
 * escalation is one guarded append, so a race costs a skipped conflict, not a duplicate.
 */
@Injectable()
export class OverdueSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OverdueSweep');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly commands: CommandBus,
    @Inject(SWEEP_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const id = `sweep-${randomUUID()}`;
      const result = await this.commands.execute<SweepOverdueRequests, SweepResult>(new SweepOverdueRequests({ correlationId: id, actorId: 'system' }));
      if (result.escalated.length) this.logger.log(`escalated ${result.escalated.length} missed targets`);
    } catch (error) {
      this.logger.warn(`overdue sweep failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
