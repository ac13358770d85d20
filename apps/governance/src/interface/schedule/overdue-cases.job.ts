import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ScheduledRun, ScheduledWork } from '@pb/platform';
import { SweepOverdueCases, SweepResult } from '../../application/case/sweep-overdue-cases.command';
import { GovernanceConfig } from '../../governance.config';

/** 超期巡查 over the whole city on its schedule (SCHEDULE_OVERDUE_CASES). */
@Injectable()
export class OverdueCasesJob extends ScheduledWork<'OVERDUE_CASES'> {
  constructor(
    private readonly commands: CommandBus,
    config: GovernanceConfig,
  ) {
    super('OVERDUE_CASES', config);
  }

  async run(caller: ScheduledRun): Promise<void> {
    const result = await this.commands.execute<SweepOverdueCases, SweepResult>(new SweepOverdueCases(caller));
    if (result.overdue.length + result.escalated.length > 0) {
      this.logger.log({ overdue: result.overdue.length, escalated: result.escalated.length }, 'overdue sweep raised events');
    }
  }
}
