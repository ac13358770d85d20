/**
 * 两新组织党建覆盖 (Party coverage of "two new" organizations: non-public enterprises and social
 * organizations). An enterprise "has members" when at least one Party member names it as their
 * employer (统一社会信用代码), and is covered when a Party organization is hosted by it (依托单位).
 * An enterprise with UNCOVERED_FLAG_MEMBERS or more members and no organization of its own
 * should set one up (应建未建): it is flagged.
 */

/** 党员 3 人以上的单位应建立党组织: the members at which an uncovered enterprise is flagged. */
export const UNCOVERED_FLAG_MEMBERS = 3;

export interface EnterpriseCoverage {
  /** Members who name the enterprise as their employer and still count (not ended). */
  members: number;
  /** Party organizations hosted by the enterprise. */
  organizations: number;
  /** Counts in the coverage rate's denominator. */
  withMembers: boolean;
  /** Counts in its numerator: has members and an organization. */
  covered: boolean;
  /** 应建未建: members at the threshold or above, and no organization. */
  flagged: boolean;
}

export function coverageOf(members: number, organizations: number): EnterpriseCoverage {
  const withMembers = members > 0;
  return { members, organizations, withMembers, covered: withMembers && organizations > 0, flagged: members >= UNCOVERED_FLAG_MEMBERS && organizations === 0 };
}

/** 覆盖率: covered ÷ enterprises with members, rounded to 4 places; null when no enterprise has members. */
export function coverageRate(covered: number, withMembers: number): number | null {
  return withMembers === 0 ? null : Math.round((covered / withMembers) * 10000) / 10000;
}
