import { Transform } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { IsSchedule, IsStrongSecret, ServiceConfig } from '@pb/platform';

/** Membership's settings: the platform's, the key that protects members' personal data, the 换届 reminder's schedule. */
export class MembershipConfig extends ServiceConfig {
  /**
   * 32 random bytes, base64 (`openssl rand -base64 32`). Encrypts ID and phone
   * numbers at rest (AES-256-GCM) and keys their blind index (HMAC-SHA256).
   * Losing it makes the stored numbers unreadable; changing it needs a re-encryption.
   */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'MEMBERSHIP_DATA_KEY must be 32 bytes, base64-encoded (44 characters, e.g. `openssl rand -base64 32`)' })
  @IsStrongSecret()
  MEMBERSHIP_DATA_KEY!: string;

  /**
   * 导入限流: rows of bulk imports one user may have looked at within an hour (each row's ID
   * number is checked against the city's register, so unlimited imports would be a lookup
   * service). A demo seed is about 1,200 rows; raise it for a benchmark that imports more.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'MEMBER_IMPORT_ROWS_PER_HOUR must be a whole number of rows' })
  @Min(1)
  @Max(10_000_000)
  MEMBER_IMPORT_ROWS_PER_HOUR = 20_000;

  /** 换届提醒: when the term-reminder sweep runs (cron, China time), or `off`. */
  @IsSchedule()
  SCHEDULE_TERM_REMINDERS = '0 1 * * *';
}
