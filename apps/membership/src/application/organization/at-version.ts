import type { Loaded } from '@pb/messaging';

/** A caller that read version N may only change version N: a stale edit becomes a 409 at the unique index. */
export function atVersion<S>(loaded: Loaded<S>, expectedVersion: number | undefined): Loaded<S> {
  return expectedVersion === undefined ? loaded : { ...loaded, version: expectedVersion };
}
