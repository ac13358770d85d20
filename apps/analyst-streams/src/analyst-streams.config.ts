import { IsString, MinLength } from 'class-validator';
import { ServiceConfig } from '@pb/platform';

export class AnalystStreamsConfig extends ServiceConfig {
  /**
   * Key of the keyed hash (HMAC-SHA256) that turns person ids into pseudonyms on the
   * analyst topics. Whoever holds it can link a pseudonym to a known id: it stays in
   * this app alone. Changing it changes every pseudonym (analysts lose continuity).
   */
  @IsString({ message: 'ANALYST_PSEUDONYM_KEY must be set' })
  @MinLength(32, { message: 'ANALYST_PSEUDONYM_KEY must be at least 32 characters' })
  ANALYST_PSEUDONYM_KEY!: string;
}

export const ANALYST_STREAMS_DEFAULTS = { PORT: 3005, MONGODB_DATABASE: 'analyst-streams' };
