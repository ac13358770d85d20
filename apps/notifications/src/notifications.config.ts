import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsSchedule, ServiceConfig } from '@pb/platform';

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Notifications' settings on top of every service's. */
export class NotificationsConfig extends ServiceConfig {
  /** 到期提醒: when due deadline reminders are sent (cron, China time), or `off`. */
  @IsSchedule()
  SCHEDULE_REMINDERS = '* * * * *';

  /**
   * 通知时效: a notice (or reminder) whose fact is older than this many hours is not stored, so a
   * rebuild from the start of the topics tells nobody about last year. To-dos are always kept.
   */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  NOTICE_HORIZON_HOURS = 72;
}
