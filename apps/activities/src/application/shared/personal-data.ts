import type { Actor, Role } from '@pb/platform';

/**
 * 最小必要 (need-to-know): who sees members by name — admins, organization secretaries and the
 * platform itself. Grid workers, enterprise contacts and analysts get the same rows without the
 * person (analysts work from the pseudonymised streams).
 */
const SEES_PERSONAL_DATA: readonly Role[] = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'ORG_SECRETARY', 'SYSTEM'];

export function seesPersonalData(actor: Actor): boolean {
  return SEES_PERSONAL_DATA.includes(actor.role);
}

/** A row about a member as this caller may see it: without `name` (and a mark saying so) where the role has no need to know. */
export function personFor<T extends { name?: string | null }>(actor: Actor, row: T): T | (Omit<T, 'name'> & { personalDataWithheld: true }) {
  if (seesPersonalData(actor)) return row;
  const { name: _, ...rest } = row;
  return { ...rest, personalDataWithheld: true };
}
