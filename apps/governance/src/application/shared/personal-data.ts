import { Actor, seesPersonalData, withhold as without, Withheld } from '@pb/platform';

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
