import type { Actor, Role } from '@pb/platform';

/**
 * 最小必要 (need-to-know): who sees the people in governance's records by name — admins,
 * organization secretaries and the platform itself. Grid workers, enterprise contacts and
 * analysts get the records without them (analysts work from the pseudonymised streams).
 */
const SEES_PERSONAL_DATA: readonly Role[] = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'ORG_SECRETARY', 'SYSTEM'];

export function seesPersonalData(actor: Actor): boolean {
  return SEES_PERSONAL_DATA.includes(actor.role);
}

/** Marks a record whose personal fields were left out for this caller (rather than being empty on record). */
type Withheld<T, K extends keyof T> = Omit<T, K> & { personalDataWithheld: true };

function without<T extends object, K extends keyof T>(record: T, fields: readonly K[]): Withheld<T, K> {
  const out = { ...record } as Record<string, unknown>;
  for (const field of fields) delete out[field as string];
  out.personalDataWithheld = true;
  return out as Withheld<T, K>;
}

/** 案件: the requester's name 诉求人 and the reporting user. */
export function caseFor<T extends { requesterName: string | null; reportedBy: string }>(
  actor: Actor,
  record: T,
  { single = false } = {},
): T | Withheld<T, 'requesterName' | 'reportedBy'> {
  // The grid worker who opens one case works it with the requester; lists never name them.
  if (seesPersonalData(actor) || (single && actor.role === 'GRID_WORKER')) return record;
  return without(record, ['requesterName', 'reportedBy']);
}

/** 网格员: their name. */
export function gridWorkerFor<T extends { name: string }>(actor: Actor, record: T): T | Withheld<T, 'name'> {
  return seesPersonalData(actor) ? record : without(record, ['name']);
}

/** 共治委员会: its members' names (residents, merchants, property staff). */
export function committeeFor<T extends { members?: { name: string }[] }>(actor: Actor, record: T): T | (T & { personalDataWithheld: true }) {
  if (seesPersonalData(actor) || !Array.isArray(record.members)) return record;
  return { ...record, members: record.members.map((m) => without(m, ['name'])), personalDataWithheld: true };
}

/** 矛盾纠纷调解: the parties' names. */
export function mediationFor<T extends { parties: { name: string }[] }>(actor: Actor, record: T): T | (T & { personalDataWithheld: true }) {
  if (seesPersonalData(actor)) return record;
  return { ...record, parties: record.parties.map((p) => without(p, ['name'])), personalDataWithheld: true };
}
