import { assertMayReadCase, assigneeOf, Case, CaseActor, CaseRequest, decideEscalation, decideOverdue, decideReport, decideStep } from './case';
import { decideTimeLimit, DEFAULT_TIME_LIMITS, evolveDeadlinePolicy, timeLimitHours } from './deadline-policy';
import type { EventEnvelope } from '@pb/contracts';

const HOUR = 3_600_000;
const t0 = new Date('2024-03-01T08:00:00.000Z');
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);
const admin: CaseActor = { userId: 'da-1', role: 'DISTRICT_ADMIN' };

function reported(overrides: Partial<Case> = {}): Case {
  const data = decideReport(
    null,
    { caseId: 'c1', kind: 'DISPUTE', priority: 'HIGH', title: '纠纷', description: '退货纠纷', source: 'MERCHANT', requesterName: '张先生', gridId: 'g1', workerId: null },
    { grid: { gridId: 'g1', districtId: 'd', subDistrictId: 'sd', zoneId: 'z' }, worker: null, timeLimitHours: 24, now: t0 },
  );
  return {
    ...data,
    reportedBy: 'gw-1',
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
    const decision = decideStep(held, { action: 'resume' }, { now: at(12), actor: admin });
    expect(decision).toMatchObject({ event: 'CaseResumed', data: { toState: 'REPORTED', dueAt: at(34).toISOString() } });
  });

  it('closes on time only before the deadline and never once overdue', () => {
    const verified = reported({ status: 'VERIFIED' });
    expect(decideStep(verified, { action: 'close' }, { now: at(23), actor: admin }).data).toMatchObject({ onTime: true });
    expect(decideStep(verified, { action: 'close' }, { now: at(25), actor: admin }).data).toMatchObject({ onTime: false });
    expect(decideStep({ ...verified, overdue: true }, { action: 'close' }, { now: at(1), actor: admin }).data).toMatchObject({ onTime: false });
  });
});

describe('separation of duties in the case loop (职责分离)', () => {
  const reporter: CaseActor = { userId: 'gw-1', role: 'GRID_WORKER' };
  const colleague: CaseActor = { userId: 'gw-2', role: 'GRID_WORKER' };
  const secretary: CaseActor = { userId: 'sec-1', role: 'ORG_SECRETARY', organizationId: 'org-1' };
  const otherSecretary: CaseActor = { userId: 'sec-2', role: 'ORG_SECRETARY', organizationId: 'org-2' };
  const step = (state: Partial<Case>, request: CaseRequest, actor: CaseActor) => () => decideStep(reported(state), request, { now: at(1), actor });
  const toDepartment = { status: 'DISPATCHED', assignee: { kind: 'DEPARTMENT', id: 'dept-1' } } as const;
  const toOrganization = { status: 'DISPATCHED', assignee: { kind: 'ORGANIZATION', id: 'org-1' } } as const;

  it('keeps the reporter from verifying or rating their own case, whoever they are', () => {
    expect(step({ status: 'HANDLED' }, { action: 'verify', note: null }, reporter)).toThrow(expect.objectContaining({ code: 'REPORTER_CANNOT_VERIFY', kind: 'forbidden' }));
    expect(step({ status: 'CLOSED' }, { action: 'rate', satisfaction: 5, comment: null }, reporter)).toThrow(expect.objectContaining({ code: 'REPORTER_CANNOT_RATE' }));
    expect(step({ status: 'HANDLED', reportedBy: 'da-1' }, { action: 'verify', note: null }, admin)).toThrow(expect.objectContaining({ code: 'REPORTER_CANNOT_VERIFY' }));
    expect(step({ status: 'HANDLED' }, { action: 'verify', note: null }, admin)()).toMatchObject({ event: 'CaseVerified' });
    expect(step({ status: 'CLOSED' }, { action: 'rate', satisfaction: 5, comment: null }, admin)()).toMatchObject({ event: 'CaseRated' });
  });

  it('leaves handling and returning to the assignee (its secretary) or an admin, never a grid worker', () => {
    expect(step(toDepartment, { action: 'handle', feedback: '已处理' }, reporter)).toThrow(expect.objectContaining({ code: 'STEP_NOT_FOR_ROLE', kind: 'forbidden' }));
    expect(step(toDepartment, { action: 'return', reason: '非本单位' }, colleague)).toThrow(expect.objectContaining({ code: 'STEP_NOT_FOR_ROLE' }));
    expect(step(toDepartment, { action: 'handle', feedback: '已处理' }, secretary)).toThrow(expect.objectContaining({ code: 'NOT_CASE_ASSIGNEE' }));
    expect(step(toOrganization, { action: 'handle', feedback: '已处理' }, otherSecretary)).toThrow(expect.objectContaining({ code: 'NOT_CASE_ASSIGNEE' }));
    expect(step(toOrganization, { action: 'handle', feedback: '已处理' }, secretary)()).toMatchObject({ event: 'CaseHandled' });
    expect(step(toOrganization, { action: 'return', reason: '非本单位' }, secretary)()).toMatchObject({ event: 'CaseReturned' });
    expect(step(toDepartment, { action: 'handle', feedback: '已处理' }, admin)()).toMatchObject({ event: 'CaseHandled' });
  });

  it("answers a step the state does not allow with the state machine's 409 before any duty", () => {
    expect(step({ status: 'REPORTED' }, { action: 'verify', note: null }, reporter)).toThrow(expect.objectContaining({ code: 'CASE_TRANSITION_NOT_ALLOWED' }));
  });

  it("keeps only the case's own grid worker checking it among grid workers", () => {
    expect(step({ status: 'HANDLED', workerId: 'gw-3', reportedBy: 'da-1' }, { action: 'verify', note: null }, colleague)).toThrow(expect.objectContaining({ code: 'NOT_CASE_WORKER' }));
    expect(step({ status: 'HANDLED', workerId: 'gw-2', reportedBy: 'da-1' }, { action: 'verify', note: null }, colleague)()).toMatchObject({ event: 'CaseVerified' });
  });

  it('knows a grid worker by the worker record their account is linked to, not by their user id', () => {
    const linked: CaseActor = { userId: 'user-7f3a', role: 'GRID_WORKER', gridWorkerId: 'gw-3' };
    expect(step({ status: 'HANDLED', workerId: 'gw-3', reportedBy: 'da-1' }, { action: 'verify', note: null }, linked)()).toMatchObject({ event: 'CaseVerified' });
    expect(step({ status: 'HANDLED', workerId: 'user-7f3a', reportedBy: 'da-1' }, { action: 'verify', note: null }, linked)).toThrow(
      expect.objectContaining({ code: 'NOT_CASE_WORKER' }),
    );
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

describe('department staff 职能部门工作人员 in the case loop', () => {
  const staffA: CaseActor = { userId: 'staff-a', role: 'DEPARTMENT_STAFF', departmentId: 'dept-a' };
  const toA = reported({ status: 'DISPATCHED', assignee: { kind: 'DEPARTMENT', id: 'dept-a' } });
  const toB = reported({ status: 'DISPATCHED', assignee: { kind: 'DEPARTMENT', id: 'dept-b' } });
  const toOrg = reported({ status: 'DISPATCHED', assignee: { kind: 'ORGANIZATION', id: 'dept-a' } });
  const step = (c: Case, request: CaseRequest, actor: CaseActor) => () => decideStep(c, request, { now: t0, actor });

  it("handles and returns the cases dispatched to their own department, and no other's", () => {
    expect(step(toA, { action: 'handle', feedback: '已修复' }, staffA)()).toMatchObject({ event: 'CaseHandled', data: { assignee: { kind: 'DEPARTMENT', id: 'dept-a' } } });
    expect(step(toA, { action: 'return', reason: '非本部门职责' }, staffA)()).toMatchObject({ event: 'CaseReturned' });
    expect(step(toB, { action: 'handle', feedback: '已修复' }, staffA)).toThrow(expect.objectContaining({ code: 'NOT_CASE_ASSIGNEE' }));
    // An organization with the same id is not their department.
    expect(step(toOrg, { action: 'handle', feedback: '已修复' }, staffA)).toThrow(expect.objectContaining({ code: 'NOT_CASE_ASSIGNEE' }));
    expect(step(toA, { action: 'handle', feedback: '已修复' }, { userId: 'staff-x', role: 'DEPARTMENT_STAFF' })).toThrow(expect.objectContaining({ code: 'NOT_CASE_ASSIGNEE' }));
  });

  it('takes no other step of the loop', () => {
    const steps: [Case, CaseRequest][] = [
      [reported(), { action: 'accept' }],
      [reported(), { action: 'reject', reason: '无效' }],
      [reported({ status: 'ACCEPTED' }), { action: 'dispatch', assignee: { kind: 'DEPARTMENT', id: 'dept-a' }, instructions: null }],
      [reported({ status: 'HANDLED', assignee: { kind: 'DEPARTMENT', id: 'dept-a' } }), { action: 'verify', note: null }],
      [reported({ status: 'VERIFIED', assignee: { kind: 'DEPARTMENT', id: 'dept-a' } }), { action: 'close' }],
      [toA, { action: 'hold', reason: '等待' }],
    ];
    for (const [c, request] of steps) expect(step(c, request, staffA)).toThrow(expect.objectContaining({ code: 'STEP_NOT_FOR_ROLE' }));
  });

  it("reads only their department's cases, and lists them as theirs", () => {
    expect(() => assertMayReadCase(staffA, toA)).not.toThrow();
    expect(() => assertMayReadCase(staffA, toB)).toThrow(expect.objectContaining({ code: 'NOT_DEPARTMENT_CASE' }));
    expect(() => assertMayReadCase(staffA, reported())).toThrow(expect.objectContaining({ code: 'NOT_DEPARTMENT_CASE' }));
    expect(() => assertMayReadCase(admin, toB)).not.toThrow();
    expect(assigneeOf(staffA)).toEqual({ kind: 'DEPARTMENT', id: 'dept-a' });
    expect(assigneeOf({ userId: 's', role: 'ORG_SECRETARY', organizationId: 'org-1' })).toEqual({ kind: 'ORGANIZATION', id: 'org-1' });
    expect(() => assigneeOf(admin)).toThrow(expect.objectContaining({ code: 'NO_ASSIGNEE' }));
  });
});
