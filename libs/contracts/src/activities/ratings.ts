/**
 * 一个党员一颗星、一个支部一面旗: the one computation of points, stars and flags, shared by the
 * activities service (its ratings and branch flags) and the gateway (the dashboards' rankings),
 * so the same counters give the same stars and the same flag in both. Pure: counters in, verdict out.
 */

/** The numbers the rules weigh (PointsRulesSet's fields without its id). */
export interface PointsWeights {
  attendancePoints: number;
  volunteerHourPoints: number;
  pledgeKeptPoints: number;
  /** Ascending: the points for 1 star … 5 stars. */
  starThresholds: number[];
  flagAveragePoints: number;
}

/** Activities' defaults, in force until PointsRulesSet says otherwise. */
export const DEFAULT_POINTS_WEIGHTS: PointsWeights = {
  attendancePoints: 2,
  volunteerHourPoints: 1,
  pledgeKeptPoints: 5,
  starThresholds: [5, 15, 30, 50, 80],
  flagAveragePoints: 20,
};

/** What a member (or an organization, summed over its members) earned in a period. */
export interface PointsCounters {
  attended: number;
  volunteerHours: number;
  pledgesKept: number;
}

const tenth = (n: number) => Math.round(n * 10) / 10;

function rawPoints(rules: PointsWeights, c: PointsCounters): number {
  return c.attended * rules.attendancePoints + c.volunteerHours * rules.volunteerHourPoints + c.pledgesKept * rules.pledgeKeptPoints;
}

/** 一个党员一颗星: points to one decimal, then 0–5 stars by threshold. */
export function starsOf(rules: PointsWeights, counters: PointsCounters): { points: number; stars: number } {
  const points = tenth(rawPoints(rules, counters));
  return { points, stars: rules.starThresholds.filter((t) => points >= t).length };
}

/**
 * 一个支部一面旗 from the branch's counters: average points over the members who count in it
 * (those without points count as 0), and the flag for an average reaching `flagAveragePoints`
 * with no overdue 三会一课 unit in the period. Points are linear in the counters, so the branch's
 * summed counters give the same average as its members' points would.
 */
export function branchFlagOf(rules: PointsWeights, branch: PointsCounters, members: number, overdueUnits: number): { averagePoints: number; flag: boolean } {
  const averagePoints = members === 0 ? 0 : tenth(rawPoints(rules, branch) / members);
  return { averagePoints, flag: members > 0 && overdueUnits === 0 && averagePoints >= rules.flagAveragePoints };
}

/** Adds counters (a branch's from its members', or a period's from its months'). */
export function addCounters(a: PointsCounters, b: PointsCounters): PointsCounters {
  return { attended: a.attended + b.attended, volunteerHours: a.volunteerHours + b.volunteerHours, pledgesKept: a.pledgesKept + b.pledgesKept };
}

export const NO_POINTS: PointsCounters = { attended: 0, volunteerHours: 0, pledgesKept: 0 };
