import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, ValidateIf } from 'class-validator';
import { IsSchedule, IsStrongSecret, ServiceConfig, toInt } from '@pb/platform';
import { IsWebhookUrls } from './application/channels/channel-settings';

/** Notifications' settings on top of every service's. */
export class NotificationsConfig extends ServiceConfig {
  /** 到期提醒: when due deadline reminders are sent (cron, China time), or `off`. */
  @IsSchedule()
  SCHEDULE_REMINDERS = '* * * * *';

  /**
   * 通知时效: a notice (or reminder) whose fact is older than this many hours is not stored, so a
   * rebuild from the start of the topics tells nobody about last year. To-dos are always kept.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  NOTICE_HORIZON_HOURS = 72;

  // ── Channels (webhook 外发, daily digest 每日摘要): docs/services/notifications-channels.md ──

  /**
   * Receiving URL per district: a JSON object district id → URL, `"*"` for every other district
   * (e.g. `{"rencheng":"https://sms.rencheng.example/pb","*":"https://wx.example/pb"}`). Empty: the webhook channel is off.
   */
  @IsOptional()
  @IsWebhookUrls()
  WEBHOOK_URLS = '';

  /** The HMAC-SHA256 key of `X-PB-Signature`, shared with the receivers; needed once `WEBHOOK_URLS` names one. */
  @ValidateIf((c: NotificationsConfig) => !!c.WEBHOOK_URLS?.trim() || c.WEBHOOK_SECRET !== undefined)
  @IsString({ message: 'WEBHOOK_SECRET must be set when WEBHOOK_URLS is (the key the receivers check the signature with)' })
  @IsStrongSecret()
  WEBHOOK_SECRET?: string;

  /** Tries per delivery before it is dead-lettered (kept, listed, re-queued by an administrator). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** How long one try waits for the receiver's answer. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** The wait after the first failed try; it doubles after each (half jitter), up to `WEBHOOK_RETRY_MAX_MS`. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 3600_000)
  WEBHOOK_RETRY_INITIAL_MS = 60_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 3600_000)
  WEBHOOK_RETRY_MAX_MS = 2 * 3600_000;

  /**
   * The fan-out reads notifications stored at least this long ago, so that one stored a moment
   * earlier but committed later (another instance, a slow write) is not passed by its cursor.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  WEBHOOK_FANOUT_LAG_MS = 5_000;

  /** 外发投递: fan-out and sending (cron with seconds, China time), or `off`. */
  @IsSchedule()
  SCHEDULE_WEBHOOK_DELIVERIES = '*/10 * * * * *';

  /** 每日摘要: when the daily digest is made (cron, China time), or `off`. */
  @IsSchedule()
  SCHEDULE_DIGEST = '0 8 * * *';
}
