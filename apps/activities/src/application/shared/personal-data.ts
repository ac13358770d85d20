import { Actor, seesPersonalData, withhold, Withheld } from '@pb/platform';

/** A row about a member as this caller may see it: without `name` where the role has no need to know. */
export function personFor<T extends { name?: string | null }>(actor: Actor, row: T): T | Withheld<T, 'name'> {
  return seesPersonalData(actor) ? row : withhold(row, ['name']);
}
