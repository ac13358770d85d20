import { ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';

/**
 * The rate limits' guard (gateway.module.ts configures the limits): a refusal is the platform's
 * error shape with `Retry-After` (the throttler's own would name the header after the limit,
 * `Retry-After-sign-in`, which no client reads) and the wait in Chinese.
 */
@Injectable()
export class AddressRateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    throw new HttpException({ statusCode: 429, error: 'TOO_MANY_REQUESTS', message: `请求过于频繁，请 ${seconds} 秒后再试`, retryAfterSeconds: seconds }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
