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
