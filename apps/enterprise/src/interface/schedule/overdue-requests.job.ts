import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ScheduledRun, ScheduledWork } from '@pb/platform';
import { SweepOverdueRequests, SweepResult } from '../../application/request/sweep-overdue-requests.command';
import { EnterpriseConfig } from '../../enterprise.config';

/** 超时巡检: escalates requests that missed a service target, on its schedule (SCHEDULE_OVERDUE_REQUESTS). */
@Injectable()
export class OverdueRequestsJob extends ScheduledWork<'OVERDUE_REQUESTS'> {
  constructor(
    private readonly commands: CommandBus,
    config: EnterpriseConfig,
  ) {
    super('OVERDUE_REQUESTS', config);
  }

  async run({ context }: ScheduledRun): Promise<void> {
    const result = await this.commands.execute<SweepOverdueRequests, SweepResult>(new SweepOverdueRequests(context));
    if (result.escalated.length) this.logger.log(`escalated ${result.escalated.length} missed targets`);
  }
}
