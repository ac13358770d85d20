// Waiting on a condition, for the scripts: cockatiel's policies, loaded when a
// wait needs them (scripts/infra.mjs runs before `npm install` has).

/**
 * Calls `check` every `everyMs` until it returns something truthy or `limitMs` have passed,
 * and resolves that value (or the last falsy one). An exception from `check` ends the wait.
 */
export async function pollUntil(check, { limitMs, everyMs = 250 }) {
  const { ConstantBackoff, TimeoutStrategy, handleWhenResult, retry, timeout, wrap } = await import('cockatiel');
  const policy = wrap(
    timeout(limitMs, TimeoutStrategy.Cooperative),
    retry(
      handleWhenResult((value) => !value),
      { maxAttempts: Infinity, backoff: new ConstantBackoff(everyMs) },
    ),
  );
  return policy.execute(() => check());
}
