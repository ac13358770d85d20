import { addCounters, branchFlagOf, DEFAULT_POINTS_WEIGHTS, NO_POINTS, starsOf } from '../src';

describe('一个党员一颗星、一个支部一面旗: the one shared computation', () => {
  const rules = DEFAULT_POINTS_WEIGHTS;

  it('gives stars by threshold from a member’s counters', () => {
    expect(starsOf(rules, NO_POINTS)).toEqual({ points: 0, stars: 0 });
    expect(starsOf(rules, { attended: 5, volunteerHours: 10.5, pledgesKept: 1 })).toEqual({ points: 25.5, stars: 2 });
    expect(starsOf(rules, { attended: 40, volunteerHours: 0, pledgesKept: 0 })).toEqual({ points: 80, stars: 5 });
  });

  it('decides a branch flag from its summed counters as its members’ points would: average, threshold, no overdue unit', () => {
    const members = [
      { attended: 10, volunteerHours: 4, pledgesKept: 1 }, // 29 points
      { attended: 3, volunteerHours: 0, pledgesKept: 1 }, // 11 points
      NO_POINTS, // counts as 0
    ];
    const branch = members.reduce(addCounters, NO_POINTS);
    const average = members.map((m) => starsOf(rules, m).points).reduce((a, b) => a + b, 0) / members.length;
    expect(branchFlagOf(rules, branch, members.length, 0).averagePoints).toBe(Math.round(average * 10) / 10);
    expect(branchFlagOf(rules, branch, 2, 0)).toEqual({ averagePoints: 20, flag: true });
    expect(branchFlagOf(rules, branch, 2, 1)).toEqual({ averagePoints: 20, flag: false });
    expect(branchFlagOf(rules, NO_POINTS, 0, 0)).toEqual({ averagePoints: 0, flag: false });
    expect(branchFlagOf({ ...rules, flagAveragePoints: 10 }, branch, 3, 0).flag).toBe(true);
  });
});
