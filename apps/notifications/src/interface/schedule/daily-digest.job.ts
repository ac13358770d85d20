import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ScheduledRun, ScheduledWork } from '@pb/platform';
import { DigestResult, MakeDailyDigests } from '../../application/channels/make-daily-digests.command';
import { NotificationsConfig } from '../../notifications.config';

/** 每日摘要: one digest per user per day (SCHEDULE_DIGEST, default 08:00 China time). */
@Injectable()
export class DailyDigestJob extends ScheduledWork<'DIGEST'> {
  constructor(
    private readonly commands: CommandBus,
    config: NotificationsConfig,
  ) {
    super('DIGEST', config);
  }

  async run(_run: ScheduledRun): Promise<void> {
    await this.sweep();
  }

  /** One round, with what it did (the operators' endpoint answers it). */
  async sweep(): Promise<DigestResult> {
    return this.commands.execute<MakeDailyDigests, DigestResult>(new MakeDailyDigests());
  }
}
