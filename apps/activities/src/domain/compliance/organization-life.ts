import type { OrganizationLifeKind, OrganizationLifeOverdueData } from '@pb/contracts';
import { ORGANIZATION_LIFE_KINDS } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { fromLocal, localFields } from '../shared/time';

/**
 * 三会一课 required frequency: branch assembly 支部党员大会 and Party lecture 党课 once a
 * quarter, committee meeting 支委会 and group meeting 党小组会 once a month.
 */
export const REQUIRED_FREQUENCY: Record<OrganizationLifeKind, 'MONTH' | 'QUARTER'> = {
  BRANCH_ASSEMBLY: 'QUARTER',
  COMMITTEE_MEETING: 'MONTH',
  GROUP_MEETING: 'MONTH',
  PARTY_LECTURE: 'QUARTER',
};

/** The organization types that owe 三会一课. */
export const BRANCH_TYPES = ['BRANCH', 'JOINT_BRANCH', 'GENERAL_BRANCH'] as const;

/** A month 'YYYY-MM' or quarter 'YYYY-Qn' in local time, with its bounds. */
export interface PeriodUnit {
  key: string;
  start: Date;
  end: Date;
}

const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

export function parsePeriod(period: string): PeriodUnit {
  const m = PERIOD.exec(period);
  if (!m) throw new DomainError('invalid', 'BAD_PERIOD', 'period 须为 YYYY、YYYY-MM 或 YYYY-Qn', { period });
  const year = Number(m[1]);
  if (m[2]) {
    const month = Number(m[2]) - 1;
    return { key: period, start: fromLocal(year, month), end: fromLocal(year, month + 1) };
  }
  if (m[3]) {
    const q = Number(m[3]) - 1;
    return { key: period, start: fromLocal(year, q * 3), end: fromLocal(year, q * 3 + 3) };
  }
  return { key: period, start: fromLocal(year, 0), end: fromLocal(year + 1, 0) };
}

function monthKey(instant: Date): string {
  return localFields(instant).toISOString().slice(0, 7);
}

function quarterKey(instant: Date): string {
  const l = localFields(instant);
  return `${l.getUTCFullYear()}-Q${Math.floor(l.getUTCMonth() / 3) + 1}`;
}

export function unitKeyOf(kind: OrganizationLifeKind, instant: Date): string {
  return REQUIRED_FREQUENCY[kind] === 'MONTH' ? monthKey(instant) : quarterKey(instant);
}

/** The months or quarters (as the kind requires) that lie wholly inside the period. */
export function unitsWithin(kind: OrganizationLifeKind, period: PeriodUnit): PeriodUnit[] {
  const units: PeriodUnit[] = [];
  const step = REQUIRED_FREQUENCY[kind] === 'MONTH' ? 1 : 3;
  let cursor = period.start;
  while (cursor < period.end) {
    const l = localFields(cursor);
    const month = l.getUTCMonth();
    const startMonth = step === 3 ? month - (month % 3) : month;
    const start = fromLocal(l.getUTCFullYear(), startMonth);
    const end = fromLocal(l.getUTCFullYear(), startMonth + step);
    if (start >= period.start && end <= period.end) units.push({ key: unitKeyOf(kind, start), start, end });
    cursor = end;
  }
  return units;
}

/** The last month or quarter (as the kind requires) that has fully ended at `now`. */
export function lastEndedUnit(kind: OrganizationLifeKind, now: Date): PeriodUnit {
  const l = localFields(now);
  const step = REQUIRED_FREQUENCY[kind] === 'MONTH' ? 1 : 3;
  const month = l.getUTCMonth();
  const currentStart = step === 3 ? month - (month % 3) : month;
  const start = fromLocal(l.getUTCFullYear(), currentStart - step);
  return { key: unitKeyOf(kind, start), start, end: fromLocal(l.getUTCFullYear(), currentStart) };
}

export type UnitStatus = 'MET' | 'OVERDUE' | 'DUE' | 'NOT_APPLICABLE';

export interface UnitReport {
  unit: string;
  held: number;
  status: UnitStatus;
}

/**
 * A session counts as held once its minutes are recorded 有记录. A unit that ended without one is
 * overdue; one still running is due; one that ended before the branch was registered does not apply.
 */
export function assessUnit(unit: PeriodUnit, held: number, now: Date, registeredAt: Date | null): UnitReport {
  if (registeredAt && unit.end <= registeredAt) return { unit: unit.key, held, status: 'NOT_APPLICABLE' };
  if (held >= 1) return { unit: unit.key, held, status: 'MET' };
  return { unit: unit.key, held, status: unit.end <= now ? 'OVERDUE' : 'DUE' };
}

export interface KindReport {
  kind: OrganizationLifeKind;
  frequency: 'MONTH' | 'QUARTER';
  required: number;
  held: number;
  overdue: number;
  units: UnitReport[];
}

/** heldAt: start instants of the branch's held sessions of each kind. */
export function complianceOf(period: PeriodUnit, heldAt: Record<OrganizationLifeKind, Date[]>, now: Date, registeredAt: Date | null): { kinds: KindReport[]; compliant: boolean } {
  const kinds = ORGANIZATION_LIFE_KINDS.map((kind) => {
    const units = unitsWithin(kind, period).map((u) => assessUnit(u, heldAt[kind].filter((t) => t >= u.start && t < u.end).length, now, registeredAt));
    const applicable = units.filter((u) => u.status !== 'NOT_APPLICABLE');
    return {
      kind,
      frequency: REQUIRED_FREQUENCY[kind],
      required: applicable.length,
      held: heldAt[kind].filter((t) => t >= period.start && t < period.end).length,
      overdue: units.filter((u) => u.status === 'OVERDUE').length,
      units,
    };
  });
  return { kinds, compliant: kinds.every((k) => k.overdue === 0) };
}

/** The sweep's finding for one branch and kind, or null when nothing is overdue. */
export function decideOverdue(
  organizationId: string,
  kind: OrganizationLifeKind,
  unit: PeriodUnit,
  held: number,
  now: Date,
  registeredAt: Date | null,
): OrganizationLifeOverdueData | null {
  const report = assessUnit(unit, held, now, registeredAt);
  return report.status === 'OVERDUE' ? { organizationId, kind, period: unit.key, required: 1, held } : null;
}

export function findingId(organizationId: string, kind: OrganizationLifeKind, period: string): string {
  return `olf-${organizationId}-${kind}-${period}`;
}
