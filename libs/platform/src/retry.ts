import { ConstantBackoff, ExponentialBackoff, handleWhen, retry as retryPolicy } from 'cockatiel';

export interface RetryOptions {
  /** How many times the action runs at most, the first try included. */
  attempts: number;
  /** Which failures are worth another try; the others are thrown at once. Default: all. */
  retryIf?: (error: Error) => boolean;
  /**
   * The wait before a retry: none (the default, for a lost race that is decided again at once),
   * a fixed delay, or one that grows exponentially (with jitter) from `initialMs` up to `maxMs`.
   */
  backoff?: { constantMs: number } | { initialMs: number; maxMs: number };
}

/**
 * Runs `action` until it succeeds, a failure is not worth retrying, or the attempts run out,
 * when the last failure is thrown. The one retry helper of the TypeScript code (the scripts use
 * cockatiel directly): a retry loop written by hand is a review finding.
 */
export function retry<T>(action: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const backoff = options.backoff;
  const policy = retryPolicy(
    handleWhen((error) => options.retryIf?.(error) ?? true),
    {
      maxAttempts: Math.max(0, options.attempts - 1),
      backoff:
        backoff === undefined
          ? new ConstantBackoff(0)
          : 'constantMs' in backoff
            ? new ConstantBackoff(backoff.constantMs)
            : new ExponentialBackoff({ initialDelay: backoff.initialMs, maxDelay: backoff.maxMs }),
    },
  );
  return policy.execute(({ attempt }) => action(attempt + 1));
}
