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

export interface MemberTotals {
  attended: number;
  volunteerHours: number;
  pledgesKept: number;
}

export function pointsOf(rules: PointsRules, t: MemberTotals): { points: number; stars: number } {
  const points = Math.round((t.attended * rules.attendancePoints + t.volunteerHours * rules.volunteerHourPoints + t.pledgesKept * rules.pledgeKeptPoints) * 10) / 10;
  return { points, stars: rules.starThresholds.filter((threshold) => points >= threshold).length };
}

export function flagOf(rules: PointsRules, memberPoints: number[], overdueUnits: number): { averagePoints: number; flag: boolean } {
  const averagePoints = memberPoints.length === 0 ? 0 : Math.round((memberPoints.reduce((a, b) => a + b, 0) / memberPoints.length) * 10) / 10;
  return { averagePoints, flag: memberPoints.length > 0 && overdueUnits === 0 && averagePoints >= rules.flagAveragePoints };
}

/** Rate to three decimals, or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}
