import {
  ActivityCancelled,
  ActivityPublished,
  ActivityRescheduled,
  ActivityScheduled,
  CaseAccepted,
  CaseClosed,
  CaseDispatched,
  CaseHeld,
  CaseReported,
  CaseResumed,
  MemberSignedUp,
  OrganizationDissolved,
  OrganizationTermStarted,
  ServiceRequestFirstContacted,
  ServiceRequestSubmitted,
} from '@pb/contracts';
import type { RecordContext } from '../src/domain/context';
import { dueReminders } from '../src/domain/reminders';
import { EventStream } from './event-stream';

const at = (iso: string) => new Date(iso);
const who = (r: ReturnType<typeof dueReminders>) => r.notify.map((d) => `${d.rule} → ${d.audience} @${d.stage}`);

/** Runs the job for a context at `now` and keeps the context it hands back, as the scheduled job does. */
function run(stream: EventStream, now: string) {
  const result = dueReminders(stream.context as RecordContext, at(now));
  stream.context = result.context;
  return result;
}

describe('案件 reminders: at 80 % of the time from acceptance to the deadline, once, to whoever has the case', () => {
  function dispatchedCase() {
    const c = new EventStream('case-0001');
    c.apply(CaseReported, { ...CaseReported.example, caseId: 'case-0001', at: '2026-03-01T00:00:00.000Z', dueAt: '2026-03-02T02:00:00.000Z', timeLimitHours: 26 }, { actor: 'user-gw' });
    c.apply(CaseAccepted, { caseId: 'case-0001', at: '2026-03-01T02:00:00.000Z' });
    c.apply(CaseDispatched, { caseId: 'case-0001', assignee: { kind: 'DEPARTMENT', id: 'dept-rencheng-cg' }, instructions: null, at: '2026-03-01T02:10:00.000Z' });
    return c;
  }

  it('falls due at 80 % and is sent once', () => {
    const c = dispatchedCase();
    // 02:00 + 0.8 × 24 h = next day 21:12 (UTC).
    expect(c.context?.nextReminderAt).toBe('2026-03-01T21:12:00.000Z');
    expect(run(c, '2026-03-01T21:00:00.000Z').notify).toEqual([]);
    const due = run(c, '2026-03-01T21:13:00.000Z');
    expect(who(due)).toEqual(['case.deadline → department:dept-rencheng-cg @due80:2026-03-02T02:00:00.000Z']);
    expect(due.notify[0]).toMatchObject({
      kind: 'NOTICE',
      record: { type: 'governance.Case', id: 'case-0001' },
      at: '2026-03-01T21:12:00.000Z',
      districtId: 'rencheng',
      link: '/cases/case-0001',
    });
    expect(due.context.nextReminderAt).toBeNull();
    expect(run(c, '2026-03-01T22:00:00.000Z').notify).toEqual([]);
  });

  it('none once the case is closed', () => {
    const c = dispatchedCase();
    c.apply(CaseClosed, { caseId: 'case-0001', onTime: true, at: '2026-03-01T10:00:00.000Z' });
    expect(c.context?.nextReminderAt).toBeNull();
    expect(run(c, '2026-03-01T21:13:00.000Z').notify).toEqual([]);
  });

  it('none while on hold; a resumed case with a later deadline gets its own stage', () => {
    const c = dispatchedCase();
    run(c, '2026-03-01T21:13:00.000Z');
    c.apply(CaseHeld, { caseId: 'case-0001', fromState: 'DISPATCHED', reason: '等待施工', at: '2026-03-01T22:00:00.000Z' });
    expect(c.context?.nextReminderAt).toBeNull();
    c.apply(CaseResumed, { caseId: 'case-0001', toState: 'DISPATCHED', dueAt: '2026-03-05T02:00:00.000Z', at: '2026-03-04T00:00:00.000Z' });
    expect(c.context?.nextReminderAt).not.toBeNull();
    expect(who(run(c, '2026-03-05T00:00:00.000Z'))).toEqual(['case.deadline → department:dept-rencheng-cg @due80:2026-03-05T02:00:00.000Z']);
  });

  it('a stage found only after its deadline sends nothing (the overdue facts speak instead)', () => {
    const c = dispatchedCase();
    const late = run(c, '2026-03-03T00:00:00.000Z');
    expect(late.notify).toEqual([]);
    expect(late.context.nextReminderAt).toBeNull();
  });
});

describe('企业诉求 reminders: each target not yet met, at 80 %; the enterprise sees the closure turn amber', () => {
  const submitted = {
    ...ServiceRequestSubmitted.example,
    requestId: 'req-0001',
    submittedAt: '2026-03-02T00:00:00.000Z',
    firstContactDue: '2026-03-02T01:00:00.000Z',
    interimReplyDue: '2026-03-05T00:00:00.000Z',
    closureDue: '2026-03-12T00:00:00.000Z',
  };

  it('first contact, interim reply and closure each once; a met target is not reminded', () => {
    const r = new EventStream('req-0001', { districtId: 'rencheng', zoneId: 'zone-haineng' });
    r.apply(ServiceRequestSubmitted, submitted);
    expect(r.context?.nextReminderAt).toBe('2026-03-02T00:48:00.000Z');
    expect(who(run(r, '2026-03-02T00:50:00.000Z'))).toEqual(['request.deadline → desk:SUB_DISTRICT:xianying @FIRST_CONTACT:80:2026-03-02T01:00:00.000Z']);
    r.apply(ServiceRequestFirstContacted, { requestId: 'req-0001', contactedAt: '2026-03-02T00:55:00.000Z', note: '已联系' });
    // Interim reply at 80 % of 3 days.
    expect(r.context?.nextReminderAt).toBe('2026-03-04T09:36:00.000Z');
    expect(who(run(r, '2026-03-04T10:00:00.000Z'))).toEqual(['request.deadline → desk:SUB_DISTRICT:xianying @INTERIM_REPLY:80:2026-03-05T00:00:00.000Z']);
    const closure = run(r, '2026-03-10T12:00:00.000Z');
    expect(who(closure)).toEqual([
      'request.deadline → desk:SUB_DISTRICT:xianying @CLOSURE:80:2026-03-12T00:00:00.000Z',
      `request.amber → enterprise:${submitted.creditCode} @CLOSURE:80:2026-03-12T00:00:00.000Z`,
    ]);
    expect(closure.context.nextReminderAt).toBeNull();
    expect(run(r, '2026-03-11T00:00:00.000Z').notify).toEqual([]);
  });
});

describe('活动 reminders: 24 h before the start, to every member holding a seat', () => {
  function published() {
    const a = new EventStream('act-0001');
    a.apply(ActivityScheduled, {
      ...ActivityScheduled.example,
      activityId: 'act-0001',
      title: '主题党日',
      capacity: 1,
      startsAt: '2026-12-20T01:00:00.000Z',
      endsAt: '2026-12-20T03:00:00.000Z',
    });
    a.apply(ActivityPublished, { activityId: 'act-0001' });
    a.apply(MemberSignedUp, { activityId: 'act-0001', memberId: 'mem-1', organizationId: 'org-wanda-branch', waitlisted: false });
    a.apply(MemberSignedUp, { activityId: 'act-0001', memberId: 'mem-2', organizationId: 'org-wanda-branch', waitlisted: true });
    return a;
  }

  it('tells the members with a seat, not the waiting list, once', () => {
    const a = published();
    expect(a.context?.nextReminderAt).toBe('2026-12-19T01:00:00.000Z');
    const due = run(a, '2026-12-19T01:05:00.000Z');
    expect(who(due)).toEqual(['activity.starting → member:mem-1 @start24h:2026-12-20T01:00:00.000Z']);
    expect(due.notify[0].title).toContain('主题党日');
    expect(run(a, '2026-12-19T02:00:00.000Z').notify).toEqual([]);
  });

  it('a rescheduled activity is reminded again before its new start; a cancelled one not at all', () => {
    const a = published();
    run(a, '2026-12-19T01:05:00.000Z');
    a.apply(ActivityRescheduled, { activityId: 'act-0001', startsAt: '2026-12-27T01:00:00.000Z', endsAt: '2026-12-27T03:00:00.000Z', roomId: null, venue: '党群服务中心' });
    expect(a.context?.nextReminderAt).toBe('2026-12-26T01:00:00.000Z');
    const cancelled = published();
    cancelled.apply(ActivityCancelled, { activityId: 'act-0001', reason: '天气原因' });
    expect(cancelled.context?.nextReminderAt).toBeNull();
    expect(run(cancelled, '2026-12-19T01:05:00.000Z').notify).toEqual([]);
  });
});

describe('换届 reminders: 30 days before the term ends', () => {
  it('tells the secretary once; none after the organization is dissolved', () => {
    const o = new EventStream('org-wanda-branch');
    o.apply(OrganizationTermStarted, { organizationId: 'org-wanda-branch', termNumber: 2, termStart: '2022-03-01', termEnd: '2027-02-28' });
    // 2027-02-28 00:00 China time, less 30 days.
    expect(o.context?.nextReminderAt).toBe('2027-01-28T16:00:00.000Z');
    expect(who(run(o, '2027-01-29T00:00:00.000Z'))).toEqual(['term.reminder → org:org-wanda-branch @term30:2027-02-28']);
    expect(run(o, '2027-01-30T00:00:00.000Z').notify).toEqual([]);

    const gone = new EventStream('org-gone');
    gone.apply(OrganizationTermStarted, { organizationId: 'org-gone', termNumber: 1, termStart: '2022-03-01', termEnd: '2027-02-28' });
    gone.apply(OrganizationDissolved, { organizationId: 'org-gone', dissolvedOn: '2026-12-01' });
    expect(gone.context?.nextReminderAt).toBeNull();
    expect(run(gone, '2027-01-29T00:00:00.000Z').notify).toEqual([]);
  });
});

describe('reminder texts', () => {
  it('carry no phone or ID number', () => {
    const c = new EventStream('case-9');
    c.apply(CaseReported, { ...CaseReported.example, caseId: 'case-9', at: '2026-03-01T00:00:00.000Z', dueAt: '2026-03-02T00:00:00.000Z' });
    const due = run(c, '2026-03-01T20:00:00.000Z');
    expect(due.notify).toHaveLength(1);
    for (const d of due.notify) {
      expect(`${d.title}${d.body}`).not.toMatch(/1[3-9]\d{9}|\d{17}[\dXx]/);
      expect(`${d.title}${d.body}`).not.toContain(CaseReported.example.requesterName!);
    }
    // Before dispatch the grid worker has the case in hand.
    expect(due.notify[0].audience).toBe(`gridworker:${CaseReported.example.workerId}`);
  });
});
