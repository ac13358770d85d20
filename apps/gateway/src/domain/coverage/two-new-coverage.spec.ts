import { coverageOf, coverageRate, UNCOVERED_FLAG_MEMBERS } from './two-new-coverage';

describe('两新 coverage rules', () => {
  it('flags an enterprise from three members without an organization, not below', () => {
    expect(UNCOVERED_FLAG_MEMBERS).toBe(3);
    expect(coverageOf(2, 0)).toEqual({ members: 2, organizations: 0, withMembers: true, covered: false, flagged: false });
    expect(coverageOf(3, 0)).toEqual({ members: 3, organizations: 0, withMembers: true, covered: false, flagged: true });
    expect(coverageOf(12, 0).flagged).toBe(true);
  });

  it('counts an enterprise with members and a hosted organization as covered, never flagged', () => {
    expect(coverageOf(3, 1)).toEqual({ members: 3, organizations: 1, withMembers: true, covered: true, flagged: false });
    expect(coverageOf(1, 2)).toMatchObject({ covered: true, flagged: false });
  });

  it('leaves an enterprise without members out of the rate, with or without an organization', () => {
    expect(coverageOf(0, 0)).toMatchObject({ withMembers: false, covered: false, flagged: false });
    expect(coverageOf(0, 1)).toMatchObject({ withMembers: false, covered: false, flagged: false });
  });

  it('gives the rate as covered over enterprises with members, null over none', () => {
    expect(coverageRate(1, 2)).toBe(0.5);
    expect(coverageRate(2, 3)).toBe(0.6667);
    expect(coverageRate(0, 0)).toBeNull();
  });
});
