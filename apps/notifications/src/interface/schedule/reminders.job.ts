import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ScheduledWork } from '@pb/platform';
import { RemindersSent, SendDueReminders } from '../../application/reminders/send-due-reminders.command';
import { NotificationsConfig } from '../../notifications.config';

/** 到期提醒: deadline reminders that fell due, on its schedule (SCHEDULE_REMINDERS), on one instance at a time. */
@Injectable()
export class RemindersJob extends ScheduledWork<'REMINDERS'> {
  constructor(
    private readonly commands: CommandBus,
    config: NotificationsConfig,
  ) {
    super('REMINDERS', config);
  }

  async run(): Promise<void> {
    const result = await this.commands.execute<SendDueReminders, RemindersSent>(new SendDueReminders());
    if (result.reminders) this.logger.log(`sent ${result.reminders} reminders for ${result.records} records`);
  }
}
