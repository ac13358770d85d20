import { IsString, MinLength } from 'class-validator';
import { IsStrongSecret, ServiceConfig } from '@pb/platform';

export class AnalystStreamsConfig extends ServiceConfig {
  /** Nobody calls it but for health and metrics: it holds no internal-token key. */
  static override readonly verifiesInternalTokens = false;

  /**
   * Key of the keyed hash (HMAC-SHA256) that turns person ids into pseudonyms on the
   * analyst topics. Whoever holds it can link a pseudonym to a known id: it stays in
   * this app alone. Changing it changes every pseudonym (analysts lose continuity).
   */
  @IsString({ message: 'ANALYST_PSEUDONYM_KEY must be set' })
  @MinLength(32, { message: 'ANALYST_PSEUDONYM_KEY must be at least 32 characters' })
  @IsStrongSecret()
  ANALYST_PSEUDONYM_KEY!: string;
}

export const ANALYST_STREAMS_DEFAULTS = { PORT: 3005, MONGODB_DATABASE: 'analyst-streams' };
