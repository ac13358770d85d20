import { Matches } from 'class-validator';
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

  /** 换届提醒: when the term-reminder sweep runs (cron, China time), or `off`. */
  @IsSchedule()
  SCHEDULE_TERM_REMINDERS = '0 1 * * *';
}
