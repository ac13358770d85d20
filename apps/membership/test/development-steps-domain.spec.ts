import {
  countedPlaceOf,
  EventDefinition,
  MembershipApplicationSubmitted,
  AdmissionApproved,
  AdmissionNoticePublished,
  DevelopmentStageAdvanced,
  DevelopmentTrainingCompleted,
  FloatingMemberRegistered,
  MembershipApplicationResubmitted,
  MembershipApplicationWithdrawn,
  MemberRegistered,
  OathTaken,
  PoliticalReviewPassed,
  ProbationaryMembershipCancelled,
  ProbationExtended,
  RecommendationRecorded,
} from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { envelopeOf, idNumberFor } from '@pb/testing';
import { workingDaysBetween } from '../src/domain/member/development';
import {
  decideAdmissionApproval,
  decideAdmissionAsFull,
  decideAdvance,
  decideFloatingRegistration,
  decideNotice,
  decideOath,
  decideProbationCancellation,
  decideProbationExtension,
  decideReapplication,
  decideRegistration,
  decideTraining,
  decideWithdrawal,
  evolveMember,
  Member,
  OrganizationRef,
} from '../src/domain/member/member';
import { evolveRecommendation } from '../src/domain/member/recommendation';

const TODAY = '2027-09-01';
const BRANCH: OrganizationRef = { organizationId: 'org-a', name: '甲支部', type: 'BRANCH', districtId: 'd', subDistrictId: 's', zoneId: 'z', parentId: 'org-c' };
const COMMITTEE: OrganizationRef = { organizationId: 'org-c', name: '商圈党委', type: 'DISTRICT_COMMITTEE', districtId: 'd', subDistrictId: 's', zoneId: 'z', parentId: null };

let version = 0;
function apply<T>(member: Member | null, definition: EventDefinition<T> & { type: string }, data: T): Member {
  version += 1;
  return evolveMember(member, envelopeOf(definition, data, { aggregateId: 'mem-1', version }));
}

function rejects(fn: () => unknown, code: string): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return error as DomainError;
  }
  throw new Error(`expected ${code}`);
}

/** A development target listed on 2025-06-01 after a year as activist. */
function developmentTarget(): Member {
  version = 0;
  let m = apply(null, MembershipApplicationSubmitted, {
    ...MembershipApplicationSubmitted.example,
    memberId: 'mem-1',
    organizationId: 'org-a',
    districtId: 'd',
    subDistrictId: 's',
    zoneId: 'z',
    appliedOn: '2024-03-01',
  });
  const base = { memberId: 'mem-1', recommendationId: null };
  m = apply(m, DevelopmentStageAdvanced, { ...base, fromStage: 'APPLICANT', toStage: 'ACTIVIST', advancedOn: '2024-05-01', introducerMemberIds: ['mem-8'] });
  return apply(m, DevelopmentStageAdvanced, { ...base, fromStage: 'ACTIVIST', toStage: 'DEVELOPMENT_TARGET', advancedOn: '2025-06-01', introducerMemberIds: ['mem-8', 'mem-9'] });
}

function readyForAdmission(): Member {
  let m = developmentTarget();
  m = apply(m, DevelopmentTrainingCompleted, decideTraining(m, 'mem-1', { completedOn: '2025-07-01', hours: 24, certificateId: null }, TODAY));
  m = apply(m, PoliticalReviewPassed, { memberId: 'mem-1', passedOn: '2025-07-10', reviewingOrganizationId: 'org-a' });
  m = apply(m, AdmissionNoticePublished, decideNotice(m, 'mem-1', { startsOn: '2025-07-14', endsOn: '2025-07-18' }, TODAY));
  return apply(m, AdmissionApproved, decideAdmissionApproval(m, 'mem-1', { approvedOn: '2025-07-25', approvingOrganizationId: 'org-c' }, [COMMITTEE], TODAY));
}

const toProbationary = (m: Member, on: string) => decideAdvance(m, 'mem-1', { toStage: 'PROBATIONARY', on, introducerMemberIds: [], recommendationId: null }, [], TODAY);

describe('发展党员的程序: the steps between the stages', () => {
  it('lists a development target only after a year of cultivation as activist', () => {
    version = 0;
    let m = apply(null, MembershipApplicationSubmitted, { ...MembershipApplicationSubmitted.example, memberId: 'mem-1', appliedOn: '2024-03-01' });
    m = apply(m, DevelopmentStageAdvanced, {
      memberId: 'mem-1',
      recommendationId: null,
      fromStage: 'APPLICANT',
      toStage: 'ACTIVIST',
      advancedOn: '2024-05-01',
      introducerMemberIds: [],
    });
    const error = rejects(
      () => decideAdvance(m, 'mem-1', { toStage: 'DEVELOPMENT_TARGET', on: '2025-04-30', introducerMemberIds: ['mem-8', 'mem-9'], recommendationId: null }, [], TODAY),
      'CULTIVATION_YEAR_INCOMPLETE',
    );
    expect(error.message).toContain('最早 2025-05-01');
  });

  it('refuses admission as probationary naming every step still missing, and admits once all are recorded', () => {
    const target = developmentTarget();
    const error = rejects(() => toProbationary(target, '2025-08-01'), 'PREREQUISITES_MISSING');
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe('接收为预备党员前须先完成：集中培训（training）、政治审查（political-review）、公示（public-notice）、上级党委审批（approval）');
    const ready = readyForAdmission();
    rejects(() => toProbationary(ready, '2025-07-18'), 'PREREQUISITES_MISSING'); // on the notice's last day
    expect(toProbationary(ready, '2025-07-21')).toMatchObject({ kind: 'registered', data: { status: 'PROBATIONARY', joinedOn: '2025-07-21' } });
  });

  it('keeps the steps in order: training hours or a certificate, notice after them for 5 working days, approval from above after the notice', () => {
    const target = developmentTarget();
    rejects(() => decideTraining(target, 'mem-1', { completedOn: '2025-07-01', hours: null, certificateId: null }, TODAY), 'TRAINING_EVIDENCE_REQUIRED');
    rejects(() => decideTraining(target, 'mem-1', { completedOn: '2025-07-01', hours: 8, certificateId: null }, TODAY), 'TRAINING_TOO_SHORT');
    expect(decideTraining(target, 'mem-1', { completedOn: '2025-07-01', hours: null, certificateId: 'JN-2025-001' }, TODAY).certificateId).toBe('JN-2025-001');
    rejects(() => decideNotice(target, 'mem-1', { startsOn: '2025-07-14', endsOn: '2025-07-18' }, TODAY), 'PREREQUISITES_MISSING');

    let m = apply(target, DevelopmentTrainingCompleted, { memberId: 'mem-1', completedOn: '2025-07-01', hours: 24, certificateId: null });
    m = apply(m, PoliticalReviewPassed, { memberId: 'mem-1', passedOn: '2025-07-10', reviewingOrganizationId: 'org-a' });
    // Thursday to the next Tuesday: 4 working days.
    expect(workingDaysBetween('2025-07-17', '2025-07-22')).toBe(4);
    rejects(() => decideNotice(m, 'mem-1', { startsOn: '2025-07-17', endsOn: '2025-07-22' }, TODAY), 'NOTICE_TOO_SHORT');
    m = apply(m, AdmissionNoticePublished, decideNotice(m, 'mem-1', { startsOn: '2025-07-17', endsOn: '2025-07-23' }, TODAY));
    rejects(() => decideAdmissionApproval(m, 'mem-1', { approvedOn: '2025-07-23', approvingOrganizationId: 'org-c' }, [COMMITTEE], TODAY), 'PREREQUISITES_MISSING');
    rejects(() => decideAdmissionApproval(m, 'mem-1', { approvedOn: '2025-07-25', approvingOrganizationId: 'org-a' }, [COMMITTEE], TODAY), 'APPROVER_NOT_ABOVE');
    rejects(
      () => decideAdmissionApproval(m, 'mem-1', { approvedOn: '2025-07-25', approvingOrganizationId: 'org-c' }, [{ ...COMMITTEE, dissolvedOn: '2025-01-01' }], TODAY),
      'ORGANIZATION_DISSOLVED',
    );
  });

  it('admits as full only after the oath, and after an extended probation once extended', () => {
    let m = apply(readyForAdmission(), MemberRegistered, toProbationary(readyForAdmission(), '2025-07-21').data as never);
    rejects(() => decideAdmissionAsFull(m, 'mem-1', '2026-07-21', TODAY), 'PREREQUISITES_MISSING');
    m = apply(m, OathTaken, decideOath(m, 'mem-1', '2025-08-01', TODAY));
    rejects(() => decideOath(m, 'mem-1', '2025-08-02', TODAY), 'STEP_ALREADY_RECORDED');
    rejects(
      () => decideProbationExtension(m, 'mem-1', { extendedOn: '2026-07-21', months: 13, reason: '未达转正条件', approvingOrganizationId: 'org-c' }, [COMMITTEE], TODAY),
      'INVALID_MONTHS',
    );
    const extension = decideProbationExtension(m, 'mem-1', { extendedOn: '2026-07-21', months: 6, reason: '未达转正条件', approvingOrganizationId: 'org-c' }, [COMMITTEE], TODAY);
    expect(extension.probationEndsOn).toBe('2027-01-21');
    m = apply(m, ProbationExtended, extension);
    rejects(
      () => decideProbationExtension(m, 'mem-1', { extendedOn: '2026-08-01', months: 1, reason: '再延', approvingOrganizationId: 'org-c' }, [COMMITTEE], TODAY),
      'PROBATION_ALREADY_EXTENDED',
    );
    expect(rejects(() => decideAdmissionAsFull(m, 'mem-1', '2026-07-21', TODAY), 'PROBATION_NOT_OVER').message).toContain('最早 2027-01-21');
    expect(decideAdmissionAsFull(m, 'mem-1', '2027-01-21', TODAY)).toEqual({ memberId: 'mem-1', admittedOn: '2027-01-21' });
  });

  it('ends the pipeline for good on withdrawal, and a cancelled probationary member counts nowhere', () => {
    const target = developmentTarget();
    const withdrawn = apply(target, MembershipApplicationWithdrawn, decideWithdrawal(target, 'mem-1', '2025-09-01', TODAY));
    expect(withdrawn.pipelineExit).toMatchObject({ kind: 'WITHDRAWN', stage: 'DEVELOPMENT_TARGET' });
    expect(rejects(() => decideTraining(withdrawn, 'mem-1', { completedOn: '2025-09-02', hours: 24, certificateId: null }, TODAY), 'DEVELOPMENT_ENDED').message).toContain(
      '本人撤回入党申请',
    );

    const ready = readyForAdmission();
    const probationary = apply(ready, MemberRegistered, toProbationary(ready, '2025-07-21').data as never);
    expect(probationary.countedIn).not.toBeNull();
    const cancelled = apply(
      probationary,
      ProbationaryMembershipCancelled,
      decideProbationCancellation(probationary, 'mem-1', { cancelledOn: '2026-01-05', reason: '严重违纪', approvingOrganizationId: 'org-c' }, [COMMITTEE], TODAY),
    );
    expect(cancelled).toMatchObject({ status: 'ENDED', countedIn: null, pipelineExit: { kind: 'CANCELLED' } });
    expect(countedPlaceOf({ status: cancelled.status, placement: cancelled, checkedIn: null, checkedOut: false })).toBeNull();
  });

  it('lets a person who withdrew or was not admitted apply again on the same record, the pipeline afresh (重新递交入党申请)', () => {
    const target = developmentTarget();
    rejects(() => decideReapplication(target, 'mem-1', BRANCH, 'org-a', '2025-10-01', TODAY), 'CANNOT_REAPPLY');
    const withdrawn = apply(target, MembershipApplicationWithdrawn, decideWithdrawal(target, 'mem-1', '2025-09-01', TODAY));
    rejects(() => decideReapplication(withdrawn, 'mem-1', BRANCH, 'org-a', '2025-09-01', TODAY), 'DATE_OUT_OF_ORDER');
    rejects(() => decideReapplication(withdrawn, 'mem-1', BRANCH, 'org-a', '2025-08-01', TODAY), 'DATE_OUT_OF_ORDER');
    rejects(() => decideReapplication(withdrawn, 'mem-1', { ...BRANCH, dissolvedOn: '2025-09-15' }, 'org-a', '2025-10-01', TODAY), 'ORGANIZATION_DISSOLVED');
    const data = decideReapplication(withdrawn, 'mem-1', BRANCH, 'org-a', '2025-10-01', TODAY);
    expect(data).toMatchObject({ memberId: 'mem-1', appliedOn: '2025-10-01', previousExit: 'WITHDRAWN', organizationId: 'org-a' });
    const again = apply(withdrawn, MembershipApplicationResubmitted, data);
    expect(again).toMatchObject({
      stage: 'APPLICANT',
      appliedOn: '2025-10-01',
      activistOn: null,
      developmentTargetOn: null,
      introducerMemberIds: [],
      development: null,
      pipelineExit: null,
    });
    expect(again.earlierExits).toEqual([withdrawn.pipelineExit]);
    // The steps go on from the new application: an activist no earlier than it.
    rejects(() => decideAdvance(again, 'mem-1', { toStage: 'ACTIVIST', on: '2025-09-30', introducerMemberIds: [], recommendationId: null }, [], TODAY), 'DATE_OUT_OF_ORDER');

    const ready = readyForAdmission();
    const probationary = apply(ready, MemberRegistered, toProbationary(ready, '2025-07-21').data as never);
    rejects(() => decideReapplication(probationary, 'mem-1', BRANCH, 'org-a', '2025-10-01', TODAY), 'CANNOT_REAPPLY');
  });

  it('checks a cited recommendation: for this person, of a kind that leads to the stage, once', () => {
    version = 0;
    const applicant = apply(null, MembershipApplicationSubmitted, { ...MembershipApplicationSubmitted.example, memberId: 'mem-1', appliedOn: '2024-03-01' });
    const rec = (kind: 'MODEL_EMPLOYEE_TO_ACTIVIST' | 'VANGUARD_MEMBER_TO_CADRE', memberId: string | null) =>
      evolveRecommendation(null, envelopeOf(RecommendationRecorded, { ...RecommendationRecorded.example, kind, memberId }, { aggregateId: 'rec-1', version: 1 }));
    const advance = (r: ReturnType<typeof rec> | null) =>
      decideAdvance(applicant, 'mem-1', { toStage: 'ACTIVIST', on: '2024-05-01', introducerMemberIds: [], recommendationId: 'rec-1' }, [], TODAY, r);
    rejects(() => advance(null), 'RECOMMENDATION_NOT_FOUND');
    rejects(() => advance(rec('MODEL_EMPLOYEE_TO_ACTIVIST', 'mem-2')), 'RECOMMENDATION_FOR_OTHER_PERSON');
    rejects(() => advance(rec('VANGUARD_MEMBER_TO_CADRE', 'mem-1')), 'RECOMMENDATION_WRONG_KIND');
    expect(advance(rec('MODEL_EMPLOYEE_TO_ACTIVIST', 'mem-1')).data).toMatchObject({ recommendationId: 'rec-1' });
  });
});

describe('流动党员登记', () => {
  it('records a floating member checked in with the local organization, counted there as floating', () => {
    const request = {
      memberId: 'mem-f',
      name: '刘洋',
      gender: 'MALE' as const,
      birthDate: '1992-04-01',
      idNumber: idNumberFor('1992-04-01', 7),
      phone: '13900000007',
      employerName: null,
      employerCreditCode: null,
      status: 'FULL' as const,
      joinedOn: '2016-07-01',
      homeOrganizationName: ' 菏泽市牡丹区某村党支部 ',
      checkedInOn: '2026-03-02',
    };
    const { data } = decideFloatingRegistration(null, BRANCH, 'org-a', request, TODAY);
    expect(data).toMatchObject({ homeOrganizationName: '菏泽市牡丹区某村党支部', organizationId: 'org-a', checkedInOn: '2026-03-02', status: 'FULL' });
    version = 0;
    const member = apply(null, FloatingMemberRegistered, data);
    expect(member).toMatchObject({
      isFloating: true,
      floating: { organizationId: 'org-a', homeOrganizationName: '菏泽市牡丹区某村党支部' },
      countedIn: { zoneId: 'z', floating: true },
    });
    rejects(() => decideFloatingRegistration(null, BRANCH, 'org-a', { ...request, homeOrganizationName: ' ' }, TODAY), 'HOME_ORGANIZATION_REQUIRED');
    rejects(() => decideFloatingRegistration(null, { ...BRANCH, dissolvedOn: '2026-01-01' }, 'org-a', request, TODAY), 'ORGANIZATION_DISSOLVED');
    rejects(() => decideRegistration(null, { ...BRANCH, dissolvedOn: '2026-01-01' }, 'org-a', request, TODAY), 'ORGANIZATION_DISSOLVED');
  });
});
