import type { Actor, Role } from './actor';

/**
 * 最小必要 (need-to-know): who sees the people in a service's records by name and number —
 * administrators, organization secretaries and the platform itself. Grid workers, enterprise
 * contacts and analysts get the same rows without them (analysts work from the pseudonymised
 * streams). One rule for every service.
 */
const SEES_PERSONAL_DATA: readonly Role[] = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'ORG_SECRETARY', 'SYSTEM'];

export function seesPersonalData(actor: Actor): boolean {
  return SEES_PERSONAL_DATA.includes(actor.role);
}

/** A record whose personal fields were left out for this caller, marked so (rather than looking empty on record). */
export type Withheld<T, K extends keyof T> = Omit<T, K> & { personalDataWithheld: true };

export function withhold<T extends object, K extends keyof T>(record: T, fields: readonly K[]): Withheld<T, K> {
  const out = { ...record } as Record<string, unknown>;
  for (const field of fields) delete out[field as string];
  out.personalDataWithheld = true;
  return out as Withheld<T, K>;
}
