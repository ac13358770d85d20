import {
  ActivityCancelled,
  ActivityMinutesRecorded,
  ActivityPublished,
  ActivityRescheduled,
  ActivityScheduled,
  CaseAccepted,
  CaseClosed,
  CaseDispatched,
  CaseEscalated,
  CaseHandled,
  CaseOverdue,
  CaseReported,
  CaseReturned,
  CaseReworkRequested,
  CaseVerified,
  EVENT_CATALOGUE,
  IdentityDeclarationConcluded,
  IdentityDeclarationVerified,
  IdentityDeclared,
  LeaveRequested,
  MemberRegistered,
  MemberSignedUp,
  MemberTransferApproved,
  MemberTransferCompleted,
  MemberTransferRequested,
  MemberTransferResubmitted,
  MemberTransferReturned,
  OrganizationLifeOverdue,
  OrganizationRegistered,
  OrganizationTermEnding,
  OrganizationTermStarted,
  PolicyMatched,
  ServiceRequestClosed,
  ServiceRequestEscalated,
  ServiceRequestEscalatedV2,
  ServiceRequestFirstContacted,
  ServiceRequestSubmitted,
  SignUpWithdrawn,
  VolunteerHoursApproved,
  VolunteerHoursReported,
} from '@pb/contracts';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Actor } from '@pb/platform/auth/actor';
import { audiencesOf, type Decision, type NotificationDraft } from '../src/domain/notification';
import { chinaTime, RULE_CATALOGUE, RULES } from '../src/domain/rules';
import { closed, EventStream, told } from './event-stream';

/** Every draft any test made: checked at the end for what must never be in a notification. */
const drafts: NotificationDraft[] = [];
const keep = (decision: Decision) => {
  drafts.push(...decision.notify);
  return decision;
};

const MEMBER_EXAMPLE = MemberRegistered.example;

describe('组织关系转接: the receiving organization approves and receives, the sending one corrects', () => {
  const requested = { ...MemberTransferRequested.example, memberId: 'mem-0001', transferId: 'tr-0001', fromOrganizationId: 'org-wanda-branch', toOrganizationId: 'org-suning-branch' };

  function memberWithTransfer() {
    const member = new EventStream('mem-0001');
    keep(member.apply(MemberRegistered, { ...MEMBER_EXAMPLE, memberId: 'mem-0001', organizationId: 'org-wanda-branch' }));
    return member;
  }

  it('a request is a to-do of the receiving organization only, in its jurisdiction', () => {
    const member = memberWithTransfer();
    const decision = keep(member.apply(MemberTransferRequested, { ...requested, toDistrictId: 'jiaxiang', toSubDistrictId: 'jx-town', toZoneId: null }));
    expect(told(decision)).toEqual(['transfer.approve → org:org-suning-branch']);
    const [todo] = decision.notify;
    expect(todo).toMatchObject({ kind: 'TODO', record: { type: 'membership.Transfer', id: 'tr-0001' }, link: '/transfers/mem-0001', districtId: 'jiaxiang' });
    expect(todo.zoneId).toBeUndefined();
  });

  it('returned → the sending organization corrects; resubmitted → the receiving one approves again; approved → receives; completed → done', () => {
    const member = memberWithTransfer();
    keep(member.apply(MemberTransferRequested, requested));

    const returned = keep(member.apply(MemberTransferReturned, { memberId: 'mem-0001', transferId: 'tr-0001', reason: '介绍信缺少党费交纳截止月份', returnedOn: '2026-11-03' }));
    expect(closed(returned)).toEqual(['transfer.approve@tr-0001']);
    expect(told(returned)).toEqual(['transfer.correct → org:org-wanda-branch', 'transfer.progress → member:mem-0001']);

    const resubmitted = keep(member.apply(MemberTransferResubmitted, { memberId: 'mem-0001', transferId: 'tr-0001', note: '已补充', resubmittedOn: '2026-11-05' }));
    expect(closed(resubmitted)).toEqual(['transfer.correct@tr-0001']);
    expect(told(resubmitted)).toEqual(['transfer.approve → org:org-suning-branch']);

    const approved = keep(member.apply(MemberTransferApproved, { memberId: 'mem-0001', transferId: 'tr-0001', approvedOn: '2026-11-10' }));
    expect(closed(approved)).toEqual(['transfer.approve@tr-0001']);
    expect(told(approved)).toEqual(['transfer.receive → org:org-suning-branch', 'transfer.progress → member:mem-0001']);

    const completed = keep(member.apply(MemberTransferCompleted, { ...MemberTransferCompleted.example, memberId: 'mem-0001', transferId: 'tr-0001' }));
    expect(closed(completed)).toEqual(['transfer.receive@tr-0001']);
    expect(told(completed)).toEqual(['transfer.progress → member:mem-0001']);
    expect(member.context).toMatchObject({ type: 'Member', transfer: null });
  });
});

describe('亮身份 and 志愿时长: the secretary verifies and approves', () => {
  it('a declaration asks the secretary to verify, then to conclude', () => {
    const declaration = new EventStream('idd-0001');
    const declared = keep(declaration.apply(IdentityDeclared, IdentityDeclared.example));
    expect(told(declared)).toEqual(['identity.verify → org:org-taibailou-joint']);
    // The declarer's name travels in the event; the to-do does not repeat it.
    expect(JSON.stringify(declared.notify)).not.toContain(IdentityDeclared.example.name);

    const verified = keep(declaration.apply(IdentityDeclarationVerified, { declarationId: 'idd-0001', verifiedOn: '2026-03-15' }));
    expect(closed(verified)).toEqual(['identity.verify@idd-0001']);
    expect(told(verified)).toEqual(['identity.conclude → org:org-taibailou-joint']);

    const concluded = keep(declaration.apply(IdentityDeclarationConcluded, IdentityDeclarationConcluded.example));
    expect(closed(concluded)).toEqual(['identity.conclude@idd-0001']);
    expect(concluded.notify).toEqual([]);
  });

  it('an hour claim is the secretary’s to-do; the approval closes it and tells the member', () => {
    const claim = new EventStream('vh-0001');
    const reported = keep(claim.apply(VolunteerHoursReported, { ...VolunteerHoursReported.example, claimId: 'vh-0001' }));
    expect(told(reported)).toEqual([`volunteer.approve → org:${VolunteerHoursReported.example.organizationId}`]);
    const approved = keep(claim.apply(VolunteerHoursApproved, { claimId: 'vh-0001', memberId: VolunteerHoursReported.example.memberId, hours: VolunteerHoursReported.example.hours }));
    expect(closed(approved)).toEqual(['volunteer.approve@vh-0001']);
    expect(told(approved)).toEqual([`volunteer.decided → member:${VolunteerHoursReported.example.memberId}`]);
  });
});

describe('案件: the closed loop, each step a to-do for whoever acts next', () => {
  const reported = { ...CaseReported.example, caseId: 'case-0001', workerId: 'gw-taibailou-01', at: '2026-03-01T01:00:00.000Z', dueAt: '2026-03-02T01:00:00.000Z' };
  const department = { kind: 'DEPARTMENT' as const, id: 'dept-rencheng-cg' };

  function reportedCase() {
    const c = new EventStream('case-0001');
    // Reported by a grid worker's user; the platform's desk takes the next steps.
    expect(told(keep(c.apply(CaseReported, reported, { actor: 'user-gw' })))).toEqual([]);
    return c;
  }

  it('dispatch → the department’s to-do and a notice to the reporter; nobody else is told', () => {
    const c = reportedCase();
    expect(told(keep(c.apply(CaseAccepted, { caseId: 'case-0001', at: '2026-03-01T01:10:00.000Z' })))).toEqual(['case.moved → user:user-gw']);
    const dispatched = keep(c.apply(CaseDispatched, { caseId: 'case-0001', assignee: department, instructions: null, at: '2026-03-01T01:20:00.000Z' }, { actor: 'user-desk' }));
    expect(told(dispatched)).toEqual(['case.assigned → department:dept-rencheng-cg', 'case.moved → user:user-gw']);
    expect(dispatched.notify[0]).toMatchObject({
      kind: 'TODO',
      record: { type: 'governance.Case', id: 'case-0001' },
      link: '/cases/case-0001',
      districtId: 'rencheng',
      zoneId: 'zone-taibailou',
    });
    expect(dispatched.notify[0].title).toContain('case-0001');
  });

  it('the reporter is not told of their own step', () => {
    const c = reportedCase();
    expect(told(keep(c.apply(CaseAccepted, { caseId: 'case-0001', at: '2026-03-01T01:10:00.000Z' }, { actor: 'user-gw' })))).toEqual([]);
  });

  it('returned → closes the department’s to-do and goes back to whoever dispatched; a new dispatch closes that', () => {
    const c = reportedCase();
    keep(c.apply(CaseDispatched, { caseId: 'case-0001', assignee: department, instructions: null, at: '2026-03-01T01:20:00.000Z' }, { actor: 'user-desk' }));
    const returned = keep(c.apply(CaseReturned, { caseId: 'case-0001', assignee: department, reason: '属市场监管职责', at: '2026-03-01T02:00:00.000Z' }, { actor: 'user-cg' }));
    expect(closed(returned)).toEqual(['case.assigned@case-0001', 'case.rework@case-0001']);
    expect(told(returned)).toEqual(['case.returned → user:user-desk']);
    // The reason is free text the department wrote: not repeated.
    expect(JSON.stringify(returned.notify)).not.toContain('市场监管职责');

    const again = keep(
      c.apply(
        CaseDispatched,
        { caseId: 'case-0001', assignee: { kind: 'ORGANIZATION', id: 'org-wanda-branch' }, instructions: null, at: '2026-03-01T03:00:00.000Z' },
        { actor: 'user-desk' },
      ),
    );
    expect(closed(again)).toEqual(['case.returned@case-0001']);
    expect(told(again)).toEqual(['case.assigned → org:org-wanda-branch', 'case.moved → user:user-gw']);
  });

  it('handled → the grid worker verifies; rework → back to the assignee; verified and closed → done', () => {
    const c = reportedCase();
    keep(c.apply(CaseDispatched, { caseId: 'case-0001', assignee: department, instructions: null, at: '2026-03-01T01:20:00.000Z' }));
    const handled = keep(c.apply(CaseHandled, { caseId: 'case-0001', assignee: department, feedback: '已处理', at: '2026-03-01T05:00:00.000Z' }, { actor: 'user-cg' }));
    expect(closed(handled)).toEqual(['case.assigned@case-0001', 'case.rework@case-0001']);
    expect(told(handled)).toEqual(['case.verify → gridworker:gw-taibailou-01', 'case.moved → user:user-gw']);

    const rework = keep(
      c.apply(CaseReworkRequested, { caseId: 'case-0001', assignee: department, reason: '未处理到位', reworkCount: 1, at: '2026-03-01T06:00:00.000Z' }, { actor: 'user-gw2' }),
    );
    expect(closed(rework)).toEqual(['case.verify@case-0001']);
    expect(told(rework)).toEqual(['case.rework → department:dept-rencheng-cg']);

    keep(c.apply(CaseHandled, { caseId: 'case-0001', assignee: department, feedback: '已返工', at: '2026-03-01T08:00:00.000Z' }, { actor: 'user-cg' }));
    const verified = keep(c.apply(CaseVerified, { caseId: 'case-0001', note: null, at: '2026-03-01T09:00:00.000Z' }, { actor: 'user-gw2' }));
    expect(closed(verified)).toEqual(['case.verify@case-0001']);
    const closing = keep(c.apply(CaseClosed, { caseId: 'case-0001', onTime: true, at: '2026-03-01T10:00:00.000Z' }));
    expect(closed(closing)).toEqual(expect.arrayContaining(['case.assigned@case-0001', 'case.returned@case-0001', 'case.verify@case-0001', 'case.escalated@case-0001']));
    expect(told(closing)).toEqual(['case.moved → user:user-gw']);
  });

  it('a case the grid worker reported themself is verified by the sub-district desk, not by them', () => {
    const c = new EventStream('case-0002');
    keep(c.apply(CaseReported, { ...reported, caseId: 'case-0002', source: 'GRID_WORKER', requesterName: null }, { actor: 'user-gw' }));
    keep(c.apply(CaseDispatched, { caseId: 'case-0002', assignee: department, instructions: null, at: '2026-03-01T01:20:00.000Z' }, { actor: 'user-gw' }));
    const handled = keep(c.apply(CaseHandled, { caseId: 'case-0002', assignee: department, feedback: '已处理', at: '2026-03-01T05:00:00.000Z' }, { actor: 'user-cg' }));
    expect(told(handled)).toEqual(['case.verify → desk:SUB_DISTRICT:fuqiao', 'case.moved → user:user-gw']);
  });

  it('escalated → the desk of that level; escalated again → the next desk, and the previous desk’s to-do closes', () => {
    const c = reportedCase();
    const first = keep(
      c.apply(CaseEscalated, { caseId: 'case-0001', fromLevel: 'ZONE', toLevel: 'SUB_DISTRICT', toJurisdictionId: 'fuqiao', at: '2026-03-02T01:01:00.000Z' }, { actor: 'system' }),
    );
    expect(told(first)).toEqual(['case.escalated → desk:SUB_DISTRICT:fuqiao']);
    const second = keep(
      c.apply(CaseEscalated, { caseId: 'case-0001', fromLevel: 'SUB_DISTRICT', toLevel: 'DISTRICT', toJurisdictionId: 'rencheng', at: '2026-03-03T01:01:00.000Z' }, { actor: 'system' }),
    );
    expect(told(second)).toEqual(['case.escalated → desk:DISTRICT:rencheng']);
    expect(closed(second)).toEqual(['case.escalated@case-0001/desk:SUB_DISTRICT:fuqiao']);

    // A district administrator sees it, a sub-district one of another sub-district does not.
    const district: Actor = { userId: 'u-d', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: 'rencheng' } };
    const otherDesk: Actor = { userId: 'u-s', role: 'SUB_DISTRICT_ADMIN', scope: { level: 'SUB_DISTRICT', districtId: 'rencheng', subDistrictId: 'guhuai' } };
    expect(audiencesOf(district)).toContain(second.notify[0].audience);
    expect(audiencesOf(otherDesk)).not.toContain(second.notify[0].audience);
  });

  it('overdue → a notice to whoever has the case in hand: the assignee, then after handling the grid worker', () => {
    const c = reportedCase();
    keep(c.apply(CaseDispatched, { caseId: 'case-0001', assignee: department, instructions: null, at: '2026-03-01T01:20:00.000Z' }));
    expect(told(keep(c.apply(CaseOverdue, { caseId: 'case-0001', dueAt: reported.dueAt, at: '2026-03-02T01:01:00.000Z' }, { actor: 'system' })))).toEqual([
      'case.overdue → department:dept-rencheng-cg',
    ]);
    const handledLate = reportedCase();
    keep(handledLate.apply(CaseDispatched, { caseId: 'case-0001', assignee: department, instructions: null, at: '2026-03-01T01:20:00.000Z' }));
    keep(handledLate.apply(CaseHandled, { caseId: 'case-0001', assignee: department, feedback: '已处理', at: '2026-03-02T00:00:00.000Z' }));
    expect(told(keep(handledLate.apply(CaseOverdue, { caseId: 'case-0001', dueAt: reported.dueAt, at: '2026-03-02T01:01:00.000Z' }, { actor: 'system' })))).toEqual([
      'case.overdue → gridworker:gw-taibailou-01',
    ]);
  });

  it('a redelivered event (same version) decides nothing and leaves the context as it was', () => {
    const c = reportedCase();
    keep(c.apply(CaseDispatched, { caseId: 'case-0001', assignee: department, instructions: null, at: '2026-03-01T01:20:00.000Z' }));
    const before = c.context;
    const redelivered = c.deliver(c.events[1]);
    expect(redelivered).toEqual({ notify: [], close: [] });
    expect(c.context).toBe(before);
    // An older one too (a replay from an earlier offset).
    expect(c.deliver(c.events[0])).toEqual({ notify: [], close: [] });
    expect(c.context).toBe(before);
  });
});

describe('企业诉求: routed, escalated, closed', () => {
  const submitted = { ...ServiceRequestSubmitted.example, requestId: 'req-0001' };
  const code = submitted.creditCode;

  function submittedRequest() {
    const r = new EventStream('req-0001', { districtId: 'rencheng', zoneId: 'zone-haineng' });
    const decision = keep(r.apply(ServiceRequestSubmitted, submitted, { actor: 'user-contact' }));
    expect(told(decision)).toEqual(['request.routed → desk:SUB_DISTRICT:xianying']);
    expect(decision.notify[0].body).toContain('金融部门');
    expect(decision.notify[0].body).toContain(chinaTime(submitted.firstContactDue));
    // The request's own text is the enterprise's: not repeated to the desk.
    expect(JSON.stringify(decision.notify)).not.toContain(submitted.description);
    return r;
  }

  it('moves tell the enterprise; a missed target is the next desk’s to-do and a red notice to the enterprise', () => {
    const r = submittedRequest();
    expect(told(keep(r.apply(ServiceRequestFirstContacted, { requestId: 'req-0001', contactedAt: '2026-03-02T01:40:00.000Z', note: '已联系' })))).toEqual([
      `request.moved → enterprise:${code}`,
    ]);
    const escalated = keep(
      r.apply(
        ServiceRequestEscalatedV2,
        { ...ServiceRequestEscalatedV2.example, requestId: 'req-0001', target: 'INTERIM_REPLY', toLevel: 'SUB_DISTRICT', fromLevel: 'ZONE', toJurisdictionId: 'xianying' },
        { actor: 'system' },
      ),
    );
    expect(told(escalated)).toEqual(['request.escalated → desk:SUB_DISTRICT:xianying', `request.overdue → enterprise:${code}`]);
    const higher = keep(
      r.apply(
        ServiceRequestEscalatedV2,
        { ...ServiceRequestEscalatedV2.example, requestId: 'req-0001', target: 'CLOSURE', fromLevel: 'SUB_DISTRICT', toLevel: 'DISTRICT', toJurisdictionId: 'rencheng' },
        { actor: 'system' },
      ),
    );
    expect(told(higher)).toEqual(['request.escalated → desk:DISTRICT:rencheng', `request.overdue → enterprise:${code}`]);
    expect(closed(higher)).toEqual(['request.escalated@req-0001/desk:SUB_DISTRICT:xianying']);

    const done = keep(r.apply(ServiceRequestClosed, { requestId: 'req-0001', closedAt: '2026-03-10T08:00:00.000Z', result: '已放款', onTime: false }));
    expect(closed(done)).toEqual(['request.routed@req-0001', 'request.escalated@req-0001']);
    expect(told(done)).toEqual([`request.moved → enterprise:${code}`]);
  });

  it('a v1 escalation (no level) goes to the district desk', () => {
    const r = submittedRequest();
    expect(told(keep(r.apply(ServiceRequestEscalated, { ...ServiceRequestEscalated.example, requestId: 'req-0001' }, { actor: 'system' })))).toEqual([
      'request.escalated → desk:DISTRICT:rencheng',
      `request.overdue → enterprise:${code}`,
    ]);
  });

  it('another enterprise’s contact is not told', () => {
    const r = submittedRequest();
    const decision = keep(r.apply(ServiceRequestFirstContacted, { requestId: 'req-0001', contactedAt: '2026-03-02T01:40:00.000Z', note: '已联系' }));
    const other: Actor = {
      userId: 'u-x',
      role: 'ENTERPRISE_CONTACT',
      scope: { level: 'ZONE', districtId: 'rencheng', subDistrictId: 'xianying', zoneId: 'zone-haineng' },
      enterpriseCode: '91370811MA3HN0002R',
    };
    const mine: Actor = { ...other, enterpriseCode: code };
    expect(decision.notify.filter((d) => audiencesOf(other).includes(d.audience))).toEqual([]);
    expect(decision.notify.filter((d) => audiencesOf(mine).includes(d.audience))).toHaveLength(1);
  });

  it('a matched policy is a notice to the enterprise, titled by the policy', () => {
    const match = new EventStream(PolicyMatched.example.matchId);
    const decision = keep(match.apply(PolicyMatched, PolicyMatched.example, { actor: 'system' }));
    expect(told(decision)).toEqual([`policy.matched → enterprise:${PolicyMatched.example.creditCode}`]);
    expect(decision.notify[0]).toMatchObject({ kind: 'NOTICE', link: `/policies/${PolicyMatched.example.policyId}` });
    expect(decision.notify[0].title).toContain(PolicyMatched.example.policyTitle);
    expect(JSON.stringify(decision.notify)).not.toContain(PolicyMatched.example.enterpriseName);
  });
});

describe('党组织: 换届 and 三会一课', () => {
  it('a term ending is the secretary’s to-do until the new term starts', () => {
    const org = new EventStream('org-wanda-branch');
    keep(org.apply(OrganizationRegistered, { ...OrganizationRegistered.example, organizationId: 'org-wanda-branch' }));
    const ending = keep(org.apply(OrganizationTermEnding, { organizationId: 'org-wanda-branch', termNumber: 2, termEnd: '2027-01-31', daysLeft: 60 }, { actor: 'system' }));
    expect(told(ending)).toEqual(['term.due → org:org-wanda-branch']);
    expect(ending.notify[0].body).toContain('2027-01-31');
    const started = keep(org.apply(OrganizationTermStarted, { organizationId: 'org-wanda-branch', termNumber: 3, termStart: '2027-01-20', termEnd: '2032-01-19' }));
    expect(closed(started)).toEqual(['term.due@org-wanda-branch']);
  });

  it('organization life overdue is the branch’s to-do, closed by minutes of a session of that kind it organized', () => {
    const finding = new EventStream('olf-org-wanda-branch-PARTY_LECTURE-2026-Q3');
    const overdue = keep(
      finding.apply(OrganizationLifeOverdue, { organizationId: 'org-wanda-branch', kind: 'PARTY_LECTURE', period: '2026-Q3', required: 1, held: 0 }, { actor: 'system' }),
    );
    expect(told(overdue)).toEqual(['orglife.overdue → org:org-wanda-branch']);
    expect(overdue.notify[0].record).toEqual({ type: 'activities.OrganizationLife', id: 'org-wanda-branch:PARTY_LECTURE' });

    const other = new EventStream('act-meeting');
    keep(other.apply(ActivityScheduled, { ...ActivityScheduled.example, activityId: 'act-meeting', kind: 'COMMITTEE_MEETING', organizerIds: ['org-wanda-branch'] }));
    // Another kind of session answers another kind of finding, not this one.
    expect(closed(keep(other.apply(ActivityMinutesRecorded, { activityId: 'act-meeting', minutes: '会议纪要' })))).toEqual(['orglife.overdue@org-wanda-branch:COMMITTEE_MEETING']);

    const lecture = new EventStream('act-lecture');
    keep(lecture.apply(ActivityScheduled, { ...ActivityScheduled.example, activityId: 'act-lecture', kind: 'PARTY_LECTURE', organizerIds: ['org-wanda-branch'] }));
    expect(closed(keep(lecture.apply(ActivityMinutesRecorded, { activityId: 'act-lecture', minutes: '党课纪要' })))).toEqual(['orglife.overdue@org-wanda-branch:PARTY_LECTURE']);
  });
});

describe('活动: who signed up learns of cancellation, rescheduling and promotion', () => {
  function activityWithSignUps() {
    const a = new EventStream('act-0001');
    keep(
      a.apply(ActivityScheduled, {
        ...ActivityScheduled.example,
        activityId: 'act-0001',
        title: '主题党日：重温入党誓词',
        capacity: 1,
        startsAt: '2026-12-20T01:00:00.000Z',
        endsAt: '2026-12-20T03:00:00.000Z',
      }),
    );
    keep(a.apply(ActivityPublished, { activityId: 'act-0001' }));
    keep(a.apply(MemberSignedUp, { activityId: 'act-0001', memberId: 'mem-1', organizationId: 'org-wanda-branch', waitlisted: false }));
    keep(a.apply(MemberSignedUp, { activityId: 'act-0001', memberId: 'mem-2', organizationId: 'org-wanda-branch', waitlisted: true }));
    keep(a.apply(MemberSignedUp, { activityId: 'act-0001', memberId: 'mem-3', organizationId: 'org-wanda-branch', waitlisted: true }));
    return a;
  }

  it('a withdrawal promotes the first on the waiting list, who is told', () => {
    const a = activityWithSignUps();
    const withdrawn = keep(a.apply(SignUpWithdrawn, { activityId: 'act-0001', memberId: 'mem-1', promotedMemberId: 'mem-2' }));
    expect(told(withdrawn)).toEqual(['activity.promoted → member:mem-2']);
    expect(withdrawn.notify[0].title).toContain('主题党日：重温入党誓词');
    expect(a.context).toMatchObject({ signedUp: ['mem-2'], waitlist: ['mem-3'] });
    const leave = keep(a.apply(LeaveRequested, { activityId: 'act-0001', memberId: 'mem-2', reason: '出差', promotedMemberId: 'mem-3' }));
    expect(told(leave)).toEqual(['activity.promoted → member:mem-3']);
  });

  it('a cancellation tells everyone signed up or waiting, and no one who withdrew', () => {
    const a = activityWithSignUps();
    keep(a.apply(SignUpWithdrawn, { activityId: 'act-0001', memberId: 'mem-1', promotedMemberId: 'mem-2' }));
    const cancelled = keep(a.apply(ActivityCancelled, { activityId: 'act-0001', reason: '场地维修' }));
    expect(told(cancelled).sort()).toEqual(['activity.cancelled → member:mem-2', 'activity.cancelled → member:mem-3']);
    expect(cancelled.notify[0]).toMatchObject({ kind: 'NOTICE', link: '/activities/act-0001', record: { type: 'activities.Activity', id: 'act-0001' } });
  });

  it('a reschedule tells them the new time', () => {
    const a = activityWithSignUps();
    const moved = keep(
      a.apply(ActivityRescheduled, { activityId: 'act-0001', startsAt: '2026-12-21T06:00:00.000Z', endsAt: '2026-12-21T08:00:00.000Z', roomId: null, venue: '太白楼路党群服务中心' }),
    );
    expect(told(moved)).toHaveLength(3);
    expect(moved.notify[0].body).toContain('2026-12-21 14:00');
  });

  it('a contact number typed into a venue does not travel in the notice', () => {
    const a = activityWithSignUps();
    const moved = keep(
      a.apply(ActivityRescheduled, {
        activityId: 'act-0001',
        startsAt: '2026-12-21T06:00:00.000Z',
        endsAt: '2026-12-21T08:00:00.000Z',
        roomId: null,
        venue: '三楼会议室（联系 13905371234）',
      }),
    );
    expect(moved.notify[0].body).toContain('三楼会议室');
    expect(moved.notify[0].body).not.toContain('13905371234');
  });
});

describe('the rule table', () => {
  it('every rule is in the catalogue once, with a zh-CN label; every to-do is closed by some fact', () => {
    const ids = RULE_CATALOGUE.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) expect(ids).toContain(rule.id);
    for (const entry of RULE_CATALOGUE) expect(entry.label).toMatch(/[\u4e00-\u9fa5]/);
    for (const rule of RULES.filter((r) => r.kind === 'TODO')) expect(rule.closedBy?.length).toBeGreaterThan(0);
  });

  it('every event type of the catalogue goes through the rules (each aggregate’s examples in a row) and makes only well-formed drafts', () => {
    const streams = new Map<string, EventStream>();
    for (const definition of EVENT_CATALOGUE) {
      // One stream per aggregate type, so later examples meet the context the earlier ones built.
      const stream = streams.get(definition.aggregateType) ?? new EventStream(`agg-${definition.aggregateType}`);
      streams.set(definition.aggregateType, stream);
      const decision = keep(stream.apply(definition as never, definition.example as never, { actor: 'user-example' }));
      for (const draft of decision.notify) {
        expect(draft).toEqual(
          expect.objectContaining({
            rule: expect.any(String),
            audience: expect.stringMatching(/^[a-z]+:/),
            title: expect.any(String),
            body: expect.any(String),
            at: expect.any(String),
          }),
        );
        expect(RULE_CATALOGUE.map((r) => r.id)).toContain(draft.rule);
        expect(draft.body).not.toMatch(/undefined|null|NaN/);
        expect(draft.title).not.toMatch(/undefined|null|NaN/);
      }
    }
  });

  it('docs/services/notifications-rules.md lists every rule', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/services/notifications-rules.md'), 'utf8');
    for (const { id } of RULE_CATALOGUE) expect(doc).toContain(`| \`${id}\``);
  });

  it('no notification made in these tests carries a phone number, an ID number or a name from the events', () => {
    expect(drafts.length).toBeGreaterThan(30);
    const names = [IdentityDeclared.example.name, MemberRegistered.example.name, CaseReported.example.requesterName!];
    for (const draft of drafts) {
      const text = `${draft.title} ${draft.body} ${draft.link ?? ''}`;
      expect(text).not.toMatch(/1[3-9]\d{9}/);
      expect(text).not.toMatch(/\d{17}[\dXx]/);
      for (const name of names) expect(text).not.toContain(name);
      expect(draft.title.length).toBeGreaterThan(0);
      expect(draft.districtId).not.toBe('');
    }
  });
});
