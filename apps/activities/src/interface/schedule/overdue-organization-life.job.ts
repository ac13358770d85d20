import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ScheduledRun, ScheduledWork } from '@pb/platform';
import { ActivitiesConfig } from '../../activities.config';
import { SweepOverdueOrganizationLife } from '../../application/compliance/sweep-overdue-organization-life.command';

/** 组织生活逾期巡检 over every branch on its schedule (SCHEDULE_OVERDUE_ORGANIZATION_LIFE). */
@Injectable()
export class OverdueOrganizationLifeJob extends ScheduledWork<'OVERDUE_ORGANIZATION_LIFE'> {
  constructor(
    private readonly commands: CommandBus,
    config: ActivitiesConfig,
  ) {
    super('OVERDUE_ORGANIZATION_LIFE', config);
  }

  async run({ context }: ScheduledRun): Promise<void> {
    const result = await this.commands.execute<SweepOverdueOrganizationLife, { raised: string[] }>(new SweepOverdueOrganizationLife({}, context));
    if (result.raised.length > 0) this.logger.log(`raised ${result.raised.length} overdue findings`);
  }
}
