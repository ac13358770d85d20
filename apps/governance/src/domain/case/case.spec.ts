import { Case, decideEscalation, decideOverdue, decideReport, decideStep } from './case';
import { decideTimeLimit, DEFAULT_TIME_LIMITS, evolveDeadlinePolicy, timeLimitHours } from './deadline-policy';
import type { EventEnvelope } from '@pb/contracts';

const HOUR = 3_600_000;
const t0 = new Date('2024-03-01T08:00:00.000Z');
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);

function reported(overrides: Partial<Case> = {}): Case {
  const data = decideReport(
    null,
    { caseId: 'c1', kind: 'DISPUTE', priority: 'HIGH', title: '纠纷', description: '退货纠纷', source: 'MERCHANT', requesterName: '张先生', gridId: 'g1', workerId: null },
    { grid: { gridId: 'g1', districtId: 'd', subDistrictId: 'sd', zoneId: 'z' }, worker: null, timeLimitHours: 24, now: t0 },
  );
  return {
    ...data,
    status: 'REPORTED',
    reportedAt: data.at,
    assignee: null,
    handledBy: null,
    heldFrom: null,
    heldAt: null,
    holdReason: null,
    rejectionReason: null,
    duplicateOf: null,
    feedback: null,
    returnCount: 0,
    reworkCount: 0,
    overdue: false,
    overdueAt: null,
    escalationLevel: 'ZONE',
    escalatedTo: null,
    closedAt: null,
    onTime: null,
    satisfaction: null,
    ratingComment: null,
    updatedAt: data.at,
    ...overrides,
  };
}

describe('case deadlines (pure rules)', () => {
  it('sets the deadline from the time limit at report time', () => {
    expect(reported().dueAt).toBe(at(24).toISOString());
  });

  it('raises overdue only past the deadline, only once, and not while on hold or closed', () => {
    expect(decideOverdue(reported(), at(24))).toBeNull();
    expect(decideOverdue(reported(), at(24.01))).toMatchObject({ caseId: 'c1', dueAt: at(24).toISOString() });
    expect(decideOverdue(reported({ overdue: true }), at(30))).toBeNull();
    expect(decideOverdue(reported({ status: 'ON_HOLD' }), at(30))).toBeNull();
    expect(decideOverdue(reported({ status: 'CLOSED' }), at(30))).toBeNull();
  });

  it('escalates one level at once and one more per further time limit, up to the city', () => {
    const c = reported({ overdue: true });
    expect(decideEscalation(c, at(25), { cityId: 'jining' })).toMatchObject({ fromLevel: 'ZONE', toLevel: 'SUB_DISTRICT', toJurisdictionId: 'sd' });
    expect(decideEscalation({ ...c, escalationLevel: 'SUB_DISTRICT' }, at(25), { cityId: 'jining' })).toBeNull();
    expect(decideEscalation({ ...c, escalationLevel: 'SUB_DISTRICT' }, at(49), { cityId: 'jining' })).toMatchObject({ toLevel: 'DISTRICT', toJurisdictionId: 'd' });
    expect(decideEscalation({ ...c, escalationLevel: 'DISTRICT' }, at(73), { cityId: 'jining' })).toMatchObject({ toLevel: 'CITY', toJurisdictionId: 'jining' });
    expect(decideEscalation({ ...c, escalationLevel: 'CITY' }, at(500), { cityId: 'jining' })).toBeNull();
    expect(decideEscalation(reported(), at(25), { cityId: 'jining' })).toBeNull();
  });

  it('moves the deadline on by the time spent on hold', () => {
    const held = reported({ status: 'ON_HOLD', heldFrom: 'REPORTED', heldAt: at(2).toISOString() });
    const decision = decideStep(held, { action: 'resume' }, { now: at(12) });
    expect(decision).toMatchObject({ event: 'CaseResumed', data: { toState: 'REPORTED', dueAt: at(34).toISOString() } });
  });

  it('closes on time only before the deadline and never once overdue', () => {
    const verified = reported({ status: 'VERIFIED' });
    expect(decideStep(verified, { action: 'close' }, { now: at(23) }).data).toMatchObject({ onTime: true });
    expect(decideStep(verified, { action: 'close' }, { now: at(25) }).data).toMatchObject({ onTime: false });
    expect(decideStep({ ...verified, overdue: true }, { action: 'close' }, { now: at(1) }).data).toMatchObject({ onTime: false });
  });
});

describe('time limits per kind and priority', () => {
  it('uses the defaults until a district sets its own', () => {
    expect(timeLimitHours(null, 'DISPUTE', 'HIGH')).toBe(24);
    expect(DEFAULT_TIME_LIMITS.PUBLIC_OPINION.LOW).toBeGreaterThan(DEFAULT_TIME_LIMITS.DISPUTE.HIGH);
    const data = decideTimeLimit(null, { districtId: 'd', kind: 'DISPUTE', priority: 'HIGH', hours: 12 });
    const policy = evolveDeadlinePolicy(null, { type: 'governance.CaseTimeLimitSet.v1', data } as EventEnvelope);
    expect(timeLimitHours(policy, 'DISPUTE', 'HIGH')).toBe(12);
    expect(timeLimitHours(policy, 'DISPUTE', 'NORMAL')).toBe(48);
    expect(() => decideTimeLimit(policy, { districtId: 'd', kind: 'DISPUTE', priority: 'HIGH', hours: 12 })).toThrow(/已是 12 小时/);
  });
});
