import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ScheduledRun, ScheduledWork } from '@pb/platform';
import { SweepResult, SweepTermReminders } from '../../application/organization/sweep-term-reminders.command';
import { MembershipConfig } from '../../membership.config';

/** 换届提醒 over the whole city on its schedule (SCHEDULE_TERM_REMINDERS, daily by default), every page of it in one run. */
@Injectable()
export class TermRemindersJob extends ScheduledWork<'TERM_REMINDERS'> {
  constructor(
    private readonly commands: CommandBus,
    config: MembershipConfig,
  ) {
    super('TERM_REMINDERS', config);
  }

  async run({ context }: ScheduledRun): Promise<void> {
    let reminded = 0;
    for (;;) {
      const page = await this.commands.execute<SweepTermReminders, SweepResult>(new SweepTermReminders({}, context));
      reminded += page.reminded.length;
      // A page that reminded nothing (its organizations changed meanwhile) would come back unchanged: the next run looks again.
      if (!page.more || page.reminded.length === 0) break;
    }
    if (reminded > 0) this.logger.log({ reminded }, 'term reminders raised');
  }
}
