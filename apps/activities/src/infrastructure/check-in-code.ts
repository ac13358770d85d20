import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'crypto';
import { ServiceConfig } from '@pb/platform';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read aloud or typed from a poster

/**
 * 签到码: derived from the activity id and the code's generation with the service's secret, so the
 * code never appears in an event, cannot be guessed from one, and rotating (a new generation)
 * voids the old code. Eight characters from a 32-letter alphabet: 40 bits, short enough for a QR code or typing.
 */
@Injectable()
export class CheckInCodes {
  constructor(private readonly config: ServiceConfig) {}

  codeFor(activityId: string, generation: number): string {
    const digest = createHmac('sha256', this.config.INTERNAL_TOKEN_SECRET).update(`check-in-code|${activityId}|${generation}`).digest();
    let code = '';
    for (let i = 0; i < 8; i++) code += ALPHABET[digest[i] % 32];
    return code;
  }

  matches(activityId: string, generation: number, given: string): boolean {
    const expected = Buffer.from(this.codeFor(activityId, generation));
    const actual = Buffer.from(given.trim().toUpperCase());
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
