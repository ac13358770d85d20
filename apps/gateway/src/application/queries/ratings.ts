import type { PointsCounters } from '@pb/contracts';

/**
 * 一个党员一颗星、一个支部一面旗, the same rules as the activities service
 * applies (points per attendance, volunteer hour and kept pledge; stars by
 * threshold; a flag for enough average points and no overdue 三会一课).
 */
export interface PointsRules {
  attendancePoints: number;
  volunteerHourPoints: number;
  pledgeKeptPoints: number;
  starThresholds: number[];
  flagAveragePoints: number;
}

/** Activities' defaults, in force until it publishes PointsRulesSet. */
export const DEFAULT_POINTS_RULES: PointsRules = {
  attendancePoints: 2,
  volunteerHourPoints: 1,
  pledgeKeptPoints: 5,
  starThresholds: [5, 15, 30, 50, 80],
  flagAveragePoints: 20,
};

export type MemberTotals = PointsCounters;

/** Stars and flags: the one shared computation, as activities applies it (libs/contracts). */
export { branchFlagOf, starsOf as pointsOf } from '@pb/contracts';

/** Rate to three decimals, or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

/** A branch as the dashboard ranks it (一个支部一面旗). */
export interface RankedBranch {
  organizationId: string;
  name: string | undefined;
  members: number;
  overdueUnits: number;
  averagePoints: number;
  flag: boolean;
}

/** The dashboard's order of branches: flagged first, then by average points, then by id (unique, so the order is total). */
export function byFlagRank(a: RankedBranch, b: RankedBranch): number {
  return Number(b.flag) - Number(a.flag) || b.averagePoints - a.averagePoints || a.organizationId.localeCompare(b.organizationId);
}

/** The shared cursor's key of a ranked branch: its flag and average, `1:23.5`. */
export function flagRankKey(b: Pick<RankedBranch, 'flag' | 'averagePoints'>): string {
  return `${b.flag ? 1 : 0}:${b.averagePoints}`;
}

/** The rank a cursor's key names, or null when it is not one of this list's keys. */
export function parseFlagRankKey(key: string): Pick<RankedBranch, 'flag' | 'averagePoints'> | null {
  const m = /^([01]):(-?\d+(?:\.\d+)?)$/.exec(key);
  return m ? { flag: m[1] === '1', averagePoints: Number(m[2]) } : null;
}
