import { countedPlaceOf } from '@pb/contracts';
import type {
  CountedPlace,
  DevelopmentStage,
  DevelopmentStageAdvancedData,
  EducationLevel,
  AdmissionApprovedData,
  AdmissionNoticePublishedData,
  AdmissionRejectedData,
  DevelopmentTrainingCompletedData,
  EventEnvelope,
  FloatingMemberCheckedInData,
  FloatingMemberRegisteredData,
  MembershipApplicationResubmittedData,
  MembershipApplicationWithdrawnData,
  OathTakenData,
  PoliticalReviewPassedData,
  ProbationaryMembershipCancelledData,
  ProbationExtendedData,
  FloatingMemberCheckedOutData,
  MemberAdmittedAsFullData,
  MemberIdNumberCorrectedData,
  MemberRecordCorrectedData,
  MemberRecordStatus,
  MemberRegisteredData,
  MemberStatus,
  MembershipEndedData,
  MembershipEndKind,
  MemberTransferApprovedData,
  MemberTransferCancelledData,
  MemberTransferCompletedData,
  MemberTransferRequestedData,
  MemberTransferReturnedData,
  MemberTransferResubmittedData,
  MembershipApplicationSubmittedData,
} from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { addYears } from './dates';
import { addMonths, canAdvance, describeTransition, DevelopmentSteps, EXIT_NAMES, missingForProbationary, NO_STEPS, PipelineExit, STAGE_NAMES, workingDaysBetween } from './development';
import { ID_NUMBER_PROBLEM_MESSAGES, idNumberProblem, isValidCalendarDate, normalizeIdNumber, PHONE_PATTERN } from './id-number';
import type { Recommendation } from './recommendation';

/** Where an organization sits, as a member's rules need it. */
export interface OrganizationRef {
  organizationId: string;
  name: string;
  type: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  /** The organization above (absent on lookups that do not need it). */
  parentId?: string | null;
  /** 撤销 or 合并: a dissolved organization keeps its record but takes no one in. */
  dissolvedOn?: string | null;
  mergedIntoId?: string | null;
}

/** 流动党员报到: the local organization a member whose membership is held elsewhere reported to. */
export interface FloatingStay {
  organizationId: string;
  homeOrganizationName: string;
  checkedInOn: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}

/** 党籍终止: how, when and by whose approval the membership ended; the status before it. */
export interface MembershipEnding {
  kind: MembershipEndKind;
  endedOn: string;
  approvingOrganizationId: string;
  letterNumber: string | null;
  statusBefore: MemberStatus;
}

export type TransferStatus = 'REQUESTED' | 'RETURNED' | 'APPROVED';

/** 组织关系转接 in progress; the member still belongs to `fromOrganizationId`. */
export interface OpenTransfer {
  transferId: string;
  fromOrganizationId: string;
  toOrganizationId: string;
  toDistrictId: string;
  toSubDistrictId: string;
  toZoneId: string | null;
  toZoneJointCommittee: boolean;
  status: TransferStatus;
  reason: string;
  requestedOn: string;
  returnReason: string | null;
  approvedOn: string | null;
}

/**
 * 党员 (and, before admission, 入党申请人): one stream per person, from the
 * application or the registration on. ID number and phone are not part of it:
 * they never enter an event (see MemberPersonalData).
 */
export interface Member {
  memberId: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthYear: number;
  stage: DevelopmentStage;
  /** null while still in the pipeline (applicant, activist, development target); ENDED once the membership ended. */
  status: MemberRecordStatus | null;
  organizationId: string;
  employerName: string | null;
  employerCreditCode: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  appliedOn: string | null;
  activistOn: string | null;
  developmentTargetOn: string | null;
  /** 培养联系人 while an activist. */
  contactMemberIds: string[];
  /** 入党介绍人, fixed when listed as a development target. */
  introducerMemberIds: string[];
  joinedOn: string | null;
  admittedOn: string | null;
  isFloating: boolean;
  floating: FloatingStay | null;
  /** 流动党员离开: the last check-out, until a check-in or a completed transfer places the member again. */
  checkedOutOn: string | null;
  transfer: OpenTransfer | null;
  registeredAt: string;
  /** 学历; null (or absent on records from before corrections) until recorded. */
  education?: EducationLevel | null;
  /** 党籍终止; null (or absent on older records) while the membership stands. */
  ending?: MembershipEnding | null;
  /** 发展党员的程序: the steps recorded between the stages (absent on records from before them). */
  development?: DevelopmentSteps | null;
  /** 撤回申请、不予接收、取消预备党员资格: the pipeline ended; absent or null while it goes on. */
  pipelineExit?: PipelineExit | null;
  /** How earlier attempts ended, before the person applied again (重新递交入党申请); absent when none. */
  earlierExits?: PipelineExit[];
  /** 三优三推 recommendations cited by this person's stage advances (each once). */
  recommendationIds?: string[];
  /** Where the member counts in the zone's figures and above (countedPlaceOf); null: nowhere. */
  countedIn: CountedPlace | null;
}

/** The state after the event, with where the member counts kept up to date (the one rule, @pb/contracts). */
export function evolveMember(state: Member | null, event: EventEnvelope): Member {
  const member = applyMemberEvent(state, event);
  const countedIn = countedPlaceOf({
    status: member.status,
    placement: member,
    checkedIn: member.floating,
    checkedOut: Boolean(member.checkedOutOn),
  });
  return { ...member, countedIn };
}

function applyMemberEvent(state: Member | null, event: EventEnvelope): Omit<Member, 'countedIn'> & { countedIn?: CountedPlace | null } {
  switch (event.type) {
    case 'membership.MembershipApplicationSubmitted.v1': {
      const { appliedOn, ...data } = event.data as unknown as MembershipApplicationSubmittedData;
      return {
        ...data,
        stage: 'APPLICANT',
        status: null,
        appliedOn,
        activistOn: null,
        developmentTargetOn: null,
        contactMemberIds: [],
        introducerMemberIds: [],
        joinedOn: null,
        admittedOn: null,
        isFloating: false,
        floating: null,
        checkedOutOn: null,
        transfer: null,
        registeredAt: event.time,
      };
    }
    case 'membership.DevelopmentStageAdvanced.v1': {
      const data = event.data as unknown as DevelopmentStageAdvancedData;
      const s = requireState(state, event);
      const cited = data.recommendationId ? { recommendationIds: [...(s.recommendationIds ?? []), data.recommendationId] } : {};
      return data.toStage === 'ACTIVIST'
        ? { ...s, ...cited, stage: 'ACTIVIST', activistOn: data.advancedOn, contactMemberIds: data.introducerMemberIds }
        : { ...s, ...cited, stage: 'DEVELOPMENT_TARGET', developmentTargetOn: data.advancedOn, introducerMemberIds: data.introducerMemberIds };
    }
    case 'membership.MemberRegistered.v1': {
      const { joinedOn, status, ...data } = event.data as unknown as MemberRegisteredData;
      const base: Omit<Member, 'countedIn'> = state ?? {
        ...data,
        stage: status,
        status,
        appliedOn: null,
        activistOn: null,
        developmentTargetOn: null,
        contactMemberIds: [],
        introducerMemberIds: [],
        joinedOn,
        admittedOn: null,
        isFloating: false,
        floating: null,
        checkedOutOn: null,
        transfer: null,
        registeredAt: event.time,
      };
      return { ...base, ...data, stage: status, status, joinedOn };
    }
    case 'membership.MemberAdmittedAsFull.v1': {
      const data = event.data as unknown as MemberAdmittedAsFullData;
      return { ...requireState(state, event), stage: 'FULL', status: 'FULL', admittedOn: data.admittedOn };
    }
    case 'membership.FloatingMemberCheckedIn.v1': {
      const { memberId: _, ...stay } = event.data as unknown as FloatingMemberCheckedInData;
      return { ...requireState(state, event), isFloating: true, floating: stay, checkedOutOn: null };
    }
    case 'membership.FloatingMemberCheckedOut.v1': {
      const { checkedOutOn } = event.data as unknown as FloatingMemberCheckedOutData;
      return { ...requireState(state, event), isFloating: false, floating: null, checkedOutOn };
    }
    case 'membership.MemberTransferRequested.v1': {
      const { memberId: _, ...data } = event.data as unknown as MemberTransferRequestedData;
      return { ...requireState(state, event), transfer: { ...data, status: 'REQUESTED', returnReason: null, approvedOn: null } };
    }
    case 'membership.MemberTransferReturned.v1': {
      const data = event.data as unknown as MemberTransferReturnedData;
      const s = requireState(state, event);
      return { ...s, transfer: { ...s.transfer!, status: 'RETURNED', returnReason: data.reason } };
    }
    case 'membership.MemberTransferResubmitted.v1': {
      const s = requireState(state, event);
      return { ...s, transfer: { ...s.transfer!, status: 'REQUESTED' } };
    }
    case 'membership.MemberTransferApproved.v1': {
      const data = event.data as unknown as MemberTransferApprovedData;
      const s = requireState(state, event);
      return { ...s, transfer: { ...s.transfer!, status: 'APPROVED', approvedOn: data.approvedOn } };
    }
    case 'membership.MemberTransferCancelled.v1':
      return { ...requireState(state, event), transfer: null };
    case 'membership.MemberRecordCorrected.v1': {
      const { memberId: _, corrected: __, reason: ___, ...fields } = event.data as unknown as MemberRecordCorrectedData;
      return { ...requireState(state, event), ...fields };
    }
    case 'membership.MemberIdNumberCorrected.v1': {
      const { birthYear } = event.data as unknown as MemberIdNumberCorrectedData;
      return { ...requireState(state, event), birthYear };
    }
    case 'membership.MembershipEnded.v1': {
      const data = event.data as unknown as MembershipEndedData;
      const s = requireState(state, event);
      return {
        ...s,
        status: 'ENDED',
        ending: {
          kind: data.kind,
          endedOn: data.endedOn,
          approvingOrganizationId: data.approvingOrganizationId,
          letterNumber: data.letterNumber,
          statusBefore: s.status as MemberStatus,
        },
      };
    }
    case 'membership.FloatingMemberRegistered.v1': {
      const { joinedOn, status, homeOrganizationName, checkedInOn, ...data } = event.data as unknown as FloatingMemberRegisteredData;
      const stay: FloatingStay = {
        organizationId: data.organizationId,
        homeOrganizationName,
        checkedInOn,
        districtId: data.districtId,
        subDistrictId: data.subDistrictId,
        zoneId: data.zoneId,
      };
      return {
        ...data,
        stage: status,
        status,
        appliedOn: null,
        activistOn: null,
        developmentTargetOn: null,
        contactMemberIds: [],
        introducerMemberIds: [],
        joinedOn,
        admittedOn: null,
        isFloating: true,
        floating: stay,
        checkedOutOn: null,
        transfer: null,
        registeredAt: event.time,
      };
    }
    case 'membership.DevelopmentTrainingCompleted.v1': {
      const { memberId: _, ...training } = event.data as unknown as DevelopmentTrainingCompletedData;
      return withSteps(requireState(state, event), { training });
    }
    case 'membership.PoliticalReviewPassed.v1': {
      const { memberId: _, ...politicalReview } = event.data as unknown as PoliticalReviewPassedData;
      return withSteps(requireState(state, event), { politicalReview });
    }
    case 'membership.AdmissionNoticePublished.v1': {
      const { startsOn, endsOn, workingDays } = event.data as unknown as AdmissionNoticePublishedData;
      return withSteps(requireState(state, event), { notice: { startsOn, endsOn, workingDays } });
    }
    case 'membership.AdmissionApproved.v1': {
      const { memberId: _, ...approval } = event.data as unknown as AdmissionApprovedData;
      return withSteps(requireState(state, event), { approval });
    }
    case 'membership.OathTaken.v1':
      return withSteps(requireState(state, event), { oathOn: (event.data as unknown as OathTakenData).takenOn });
    case 'membership.ProbationExtended.v1': {
      const { memberId: _, ...probationExtension } = event.data as unknown as ProbationExtendedData;
      return withSteps(requireState(state, event), { probationExtension });
    }
    case 'membership.MembershipApplicationWithdrawn.v1': {
      const data = event.data as unknown as MembershipApplicationWithdrawnData;
      return { ...requireState(state, event), pipelineExit: { kind: 'WITHDRAWN', on: data.withdrawnOn, stage: data.stage, reason: null } };
    }
    case 'membership.MembershipApplicationResubmitted.v1': {
      const { appliedOn, organizationId, districtId, subDistrictId, zoneId } = event.data as unknown as MembershipApplicationResubmittedData;
      const before = requireState(state, event);
      // The pipeline starts afresh: no stage dates, contacts, introducers or steps of the earlier attempt.
      return {
        ...before,
        stage: 'APPLICANT',
        appliedOn,
        activistOn: null,
        developmentTargetOn: null,
        contactMemberIds: [],
        introducerMemberIds: [],
        development: null,
        pipelineExit: null,
        earlierExits: [...(before.earlierExits ?? []), ...(before.pipelineExit ? [before.pipelineExit] : [])],
        organizationId,
        districtId,
        subDistrictId,
        zoneId,
      };
    }
    case 'membership.AdmissionRejected.v1': {
      const data = event.data as unknown as AdmissionRejectedData;
      return { ...requireState(state, event), pipelineExit: { kind: 'REJECTED', on: data.rejectedOn, stage: data.stage, reason: data.reason } };
    }
    case 'membership.ProbationaryMembershipCancelled.v1': {
      const data = event.data as unknown as ProbationaryMembershipCancelledData;
      // No longer a member: the record stays, counted nowhere (status ENDED, like an ended membership).
      return { ...requireState(state, event), status: 'ENDED', pipelineExit: { kind: 'CANCELLED', on: data.cancelledOn, stage: 'PROBATIONARY', reason: data.reason } };
    }
    case 'membership.MemberTransferCompleted.v1': {
      const data = event.data as unknown as MemberTransferCompletedData;
      return {
        ...requireState(state, event),
        organizationId: data.toOrganizationId,
        districtId: data.districtId,
        subDistrictId: data.subDistrictId,
        zoneId: data.zoneId,
        // Placed in a local organization again: a member who had checked out counts there.
        checkedOutOn: null,
        transfer: null,
      };
    }
    default:
      throw new Error(`Member cannot apply ${event.type}`);
  }
}

function withSteps(member: Member, steps: Partial<DevelopmentSteps>): Member {
  return { ...member, development: { ...NO_STEPS, ...member.development, ...steps } };
}

function requireState(state: Member | null, event: EventEnvelope): Member {
  if (!state) throw new Error(`${event.type} before the member's first event for ${event.subject}`);
  return state;
}

// ---------------------------------------------------------------- registration

/** What a registration or an application asks for, including the personal data kept out of events. */
export interface PersonRequest {
  memberId: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  idNumber: string;
  phone: string;
  employerName: string | null;
  employerCreditCode: string | null;
}

export interface RegistrationRequest extends PersonRequest {
  status: MemberStatus;
  joinedOn: string;
}

export interface ApplicationRequest extends PersonRequest {
  appliedOn: string;
}

function invalid(code: string, field: string, message: string): DomainError {
  return new DomainError('invalid', code, message, { field });
}

/** A registration's member id is no member's yet: 409 naming the stage of the one on record. */
export function requireMissing(existing: Member | null, memberId: string): void {
  if (existing) {
    throw new DomainError('conflict', 'MEMBER_EXISTS', `党员 ${memberId} 已登记（当前阶段：${STAGE_NAMES[existing.stage]}）`, { memberId });
  }
}

/**
 * The organization a person is registered with, transferred to or checks in with: it exists and
 * still stands (a dissolved or merged one keeps its record for history but takes no one in).
 */
export function requireOrganization(organization: OrganizationRef | null, organizationId: string, field = 'organizationId'): OrganizationRef {
  if (!organization) throw new DomainError('invalid', 'ORGANIZATION_NOT_FOUND', `党组织 ${organizationId} 不存在`, { field, organizationId });
  if (organization.dissolvedOn) {
    const how = organization.mergedIntoId ? `已于 ${organization.dissolvedOn} 并入 ${organization.mergedIntoId}` : `已于 ${organization.dissolvedOn} 撤销`;
    throw new DomainError('invalid', 'ORGANIZATION_DISSOLVED', `党组织 ${organization.name}（${organizationId}）${how}，不能再接收党员（${field}）`, {
      field,
      organizationId,
    });
  }
  return organization;
}

/** Rules every person on record meets: valid ID number matching the birth date, mobile phone, dates not in the future. */
function checkPerson(request: PersonRequest, today: string): { idNumber: string } {
  if (!isValidCalendarDate(request.birthDate) || request.birthDate > today || request.birthDate < '1900-01-01') {
    throw invalid('INVALID_BIRTH_DATE', 'birthDate', 'birthDate 须为不晚于今天的有效日期（YYYY-MM-DD）');
  }
  const problem = idNumberProblem(request.idNumber, today, request.birthDate);
  if (problem) throw invalid('INVALID_ID_NUMBER', 'idNumber', ID_NUMBER_PROBLEM_MESSAGES[problem]);
  if (!PHONE_PATTERN.test(request.phone)) throw invalid('INVALID_PHONE', 'phone', 'phone 须为 11 位手机号码');
  if (!request.name.trim()) throw invalid('INVALID_NAME', 'name', 'name 不能为空');
  return { idNumber: normalizeIdNumber(request.idNumber) };
}

function checkDay(field: string, value: string, today: string, notBefore?: { field: string; value: string | null }): void {
  if (!isValidCalendarDate(value)) throw invalid('INVALID_DATE', field, `${field} 须为有效日期（YYYY-MM-DD）`);
  if (value > today) throw invalid('DATE_IN_FUTURE', field, `${field} 不能晚于今天（${today}）`);
  if (notBefore?.value && value < notBefore.value) {
    throw invalid('DATE_OUT_OF_ORDER', field, `${field} 不能早于 ${notBefore.field}（${notBefore.value}）`);
  }
}

/** What a registration and an application both record of the person and where they belong. */
function personOnRecord(request: PersonRequest & { memberId: string }, org: OrganizationRef) {
  return {
    memberId: request.memberId,
    name: request.name.trim(),
    gender: request.gender,
    birthYear: Number(request.birthDate.slice(0, 4)),
    organizationId: org.organizationId,
    employerName: request.employerName?.trim() || null,
    employerCreditCode: request.employerCreditCode ?? null,
    districtId: org.districtId,
    subDistrictId: org.subDistrictId,
    zoneId: org.zoneId,
  };
}

/** 党员登记: a person already a member (full or probationary) is put on record with their organization. */
export function decideRegistration(
  existing: Member | null,
  organization: OrganizationRef | null,
  organizationId: string,
  request: RegistrationRequest,
  today: string,
): { data: MemberRegisteredData; idNumber: string } {
  requireMissing(existing, request.memberId);
  const org = requireOrganization(organization, organizationId);
  const { idNumber } = checkPerson(request, today);
  checkDay('joinedOn', request.joinedOn, today);
  // 年满十八岁: the Party admits no one younger.
  if (request.joinedOn < addYears(request.birthDate, 18)) {
    throw invalid('TOO_YOUNG_AT_JOINING', 'joinedOn', `入党时须年满十八周岁（joinedOn 不能早于 ${addYears(request.birthDate, 18)}）`);
  }
  return {
    idNumber,
    data: {
      ...personOnRecord(request, org),
      status: request.status,
      joinedOn: request.joinedOn,
    },
  };
}

/** 递交入党申请: the first step of the pipeline. */
export function decideApplication(
  existing: Member | null,
  organization: OrganizationRef | null,
  organizationId: string,
  request: ApplicationRequest,
  today: string,
): { data: MembershipApplicationSubmittedData; idNumber: string } {
  requireMissing(existing, request.memberId);
  const org = requireOrganization(organization, organizationId);
  const { idNumber } = checkPerson(request, today);
  checkDay('appliedOn', request.appliedOn, today);
  if (request.appliedOn < addYears(request.birthDate, 18)) {
    throw invalid('TOO_YOUNG_AT_APPLICATION', 'appliedOn', `递交入党申请时须年满十八周岁（appliedOn 不能早于 ${addYears(request.birthDate, 18)}）`);
  }
  return {
    idNumber,
    data: {
      ...personOnRecord(request, org),
      appliedOn: request.appliedOn,
    },
  };
}

export function requireMember(existing: Member | null, memberId: string): Member {
  if (!existing) throw new DomainError('not_found', 'MEMBER_NOT_FOUND', `党员 ${memberId} 不存在`, { memberId });
  return existing;
}

export const END_KIND_NAMES: Record<MembershipEndKind, string> = {
  STOPPED: '停止党籍',
  EXPELLED: '开除党籍（出党）',
  REMOVED: '除名',
  WITHDRAWN: '退党',
  DECEASED: '死亡',
  TRANSFERRED_OUT: '组织关系转出本市',
};

/** A member whose membership ended takes no further step (transfer, check-in, advance …): 409 saying why. */
export function requireActiveMember(existing: Member | null, memberId: string): Member {
  const member = requireMember(existing, memberId);
  if (member.pipelineExit) {
    const exit = member.pipelineExit;
    throw new DomainError('conflict', 'DEVELOPMENT_ENDED', `${memberId} 已于 ${exit.on} ${EXIT_NAMES[exit.kind]}，发展流程已终止，不能再办理此项业务`, {
      memberId,
      kind: exit.kind,
      on: exit.on,
    });
  }
  if (member.status === 'ENDED' && member.ending) {
    throw new DomainError(
      'conflict',
      'MEMBERSHIP_ENDED',
      `党员 ${memberId} 已于 ${member.ending.endedOn} ${END_KIND_NAMES[member.ending.kind]}，党籍（组织关系）已终止，不能再办理此项业务`,
      { memberId, kind: member.ending.kind, endedOn: member.ending.endedOn },
    );
  }
  return member;
}

// ---------------------------------------------------------------- development pipeline

export interface AdvanceRequest {
  toStage: DevelopmentStage;
  on: string;
  introducerMemberIds: string[];
  recommendationId: string | null;
}

/** The pipeline's decisions: which event a step to `toStage` is. */
export type AdvanceDecision =
  { kind: 'stage'; data: DevelopmentStageAdvancedData } | { kind: 'registered'; data: MemberRegisteredData } | { kind: 'admitted'; data: MemberAdmittedAsFullData };

/** 三优三推: the stage each kind of recommendation leads to (优秀员工 → 入党积极分子); the others lead to no stage. */
const RECOMMENDATION_LEADS_TO: Partial<Record<Recommendation['kind'], DevelopmentStage>> = { MODEL_EMPLOYEE_TO_ACTIVIST: 'ACTIVIST' };

/** A cited recommendation exists, is for this person, leads to this stage and was not cited before. */
function checkRecommendation(member: Member, recommendationId: string | null, recommendation: Recommendation | null, toStage: DevelopmentStage): void {
  if (!recommendationId) return;
  const field = 'recommendationId';
  if (!recommendation) throw invalid('RECOMMENDATION_NOT_FOUND', field, `推荐 ${recommendationId} 不存在`);
  if (recommendation.memberId !== member.memberId) {
    throw invalid('RECOMMENDATION_FOR_OTHER_PERSON', field, `推荐 ${recommendationId} 不是对 ${member.memberId} 的推荐`);
  }
  if (RECOMMENDATION_LEADS_TO[recommendation.kind] !== toStage) {
    throw invalid('RECOMMENDATION_WRONG_KIND', field, `推荐 ${recommendationId}（${recommendation.kind}）不能作为转为「${STAGE_NAMES[toStage]}」的依据`);
  }
  if ((member.recommendationIds ?? []).includes(recommendationId)) {
    throw new DomainError('conflict', 'RECOMMENDATION_ALREADY_USED', `推荐 ${recommendationId} 已被使用过，不能重复作为依据`, { field, recommendationId });
  }
}

/**
 * One step along 申请人 → 积极分子 → 发展对象 → 预备党员 → 正式党员. Skipping or going
 * back is a 409 naming the current stage and the one allowed next; a step whose prerequisites
 * are not recorded (the year of cultivation, training, political review, public notice, the
 * committee above's approval, the oath) is a 422 naming what is missing.
 * `introducers` are the member records of the ids given (missing ones absent); `recommendation`
 * the one cited, if found.
 */
export function decideAdvance(
  existing: Member | null,
  memberId: string,
  request: AdvanceRequest,
  introducers: Member[],
  today: string,
  recommendation: Recommendation | null = null,
): AdvanceDecision {
  const member = requireActiveMember(existing, memberId);
  if (!canAdvance(member.stage, request.toStage)) {
    throw new DomainError('conflict', 'INVALID_STAGE_TRANSITION', `不能转为「${STAGE_NAMES[request.toStage]}」：${describeTransition(member.stage)}`, {
      currentStage: member.stage,
      requestedStage: request.toStage,
    });
  }
  checkRecommendation(member, request.recommendationId, recommendation, request.toStage);
  switch (request.toStage) {
    case 'ACTIVIST':
    case 'DEVELOPMENT_TARGET': {
      const previous = member.stage === 'APPLICANT' ? { field: 'appliedOn', value: member.appliedOn } : { field: 'activistOn', value: member.activistOn };
      checkDay('on', request.on, today, previous);
      // 培养教育考察: an activist is cultivated for at least a year before becoming a development target.
      if (request.toStage === 'DEVELOPMENT_TARGET' && member.activistOn && request.on < addYears(member.activistOn, 1)) {
        throw invalid(
          'CULTIVATION_YEAR_INCOMPLETE',
          'on',
          `列为发展对象前须经一年以上培养教育考察：确定为入党积极分子于 ${member.activistOn}，最早 ${addYears(member.activistOn, 1)} 可列为发展对象`,
        );
      }
      checkIntroducers(member, request.introducerMemberIds, introducers, request.toStage === 'DEVELOPMENT_TARGET' ? 2 : 0);
      return {
        kind: 'stage',
        data: {
          memberId,
          fromStage: member.stage as 'APPLICANT' | 'ACTIVIST',
          toStage: request.toStage,
          advancedOn: request.on,
          introducerMemberIds: request.introducerMemberIds,
          recommendationId: request.recommendationId,
        },
      };
    }
    case 'PROBATIONARY': {
      checkDay('on', request.on, today, { field: 'developmentTargetOn', value: member.developmentTargetOn });
      // 两名正式党员作入党介绍人, fixed when the person became a development target.
      if (member.introducerMemberIds.length !== 2) {
        throw new DomainError('conflict', 'INTRODUCERS_MISSING', '接收为预备党员须有两名入党介绍人', { memberId });
      }
      const missing = missingForProbationary(member.development ?? NO_STEPS, request.on);
      if (missing.length > 0) {
        throw new DomainError('invalid', 'PREREQUISITES_MISSING', `接收为预备党员前须先完成：${missing.join('、')}`, { field: 'toStage', missing });
      }
      const { name, gender, birthYear, organizationId, employerName, employerCreditCode, districtId, subDistrictId, zoneId } = member;
      return {
        kind: 'registered',
        data: { memberId, name, gender, birthYear, status: 'PROBATIONARY', joinedOn: request.on, organizationId, employerName, employerCreditCode, districtId, subDistrictId, zoneId },
      };
    }
    case 'FULL':
      return { kind: 'admitted', data: decideAdmissionAsFull(member, memberId, request.on, today) };
    default:
      throw new Error(`unexpected stage ${request.toStage}`);
  }
}

function checkIntroducers(member: Member, ids: string[], found: Member[], required: number): void {
  if (required > 0 && ids.length !== required) {
    throw invalid('INTRODUCERS_REQUIRED', 'introducerMemberIds', `列为发展对象须确定 ${required} 名入党介绍人（introducerMemberIds）`);
  }
  if (new Set(ids).size !== ids.length) throw invalid('INTRODUCERS_DUPLICATE', 'introducerMemberIds', 'introducerMemberIds 不能重复');
  for (const id of ids) {
    if (id === member.memberId) throw invalid('INTRODUCER_IS_SELF', 'introducerMemberIds', '本人不能作为自己的入党介绍人或培养联系人');
    const introducer = found.find((m) => m.memberId === id);
    if (!introducer) throw invalid('INTRODUCER_NOT_FOUND', 'introducerMemberIds', `党员 ${id} 不存在`);
    if (introducer.status !== 'FULL') throw invalid('INTRODUCER_NOT_FULL_MEMBER', 'introducerMemberIds', `党员 ${id} 不是正式党员，不能担任入党介绍人或培养联系人`);
  }
}

/** 预备党员转正: only a probationary member, only after a full year of probation, never in the future. */
export function decideAdmissionAsFull(existing: Member | null, memberId: string, admittedOn: string, today: string): MemberAdmittedAsFullData {
  const member = requireActiveMember(existing, memberId);
  if (member.stage !== 'PROBATIONARY') {
    throw new DomainError('conflict', 'INVALID_STAGE_TRANSITION', `不能转为正式党员：${describeTransition(member.stage)}`, {
      currentStage: member.stage,
      requestedStage: 'FULL',
    });
  }
  checkDay('admittedOn', admittedOn, today, { field: 'joinedOn', value: member.joinedOn });
  const extension = member.development?.probationExtension ?? null;
  const earliest = extension?.probationEndsOn ?? addYears(member.joinedOn!, 1);
  if (admittedOn < earliest) {
    const why = extension ? `预备期已延长 ${extension.months} 个月` : '预备期未满一年';
    throw new DomainError('conflict', 'PROBATION_NOT_OVER', `${why}：入党日期 ${member.joinedOn}，最早 ${earliest} 可转正`, { memberId, earliest });
  }
  // 入党宣誓: required of those admitted through this pipeline (a registered probationary member's oath was elsewhere).
  if (member.developmentTargetOn && !member.development?.oathOn) {
    throw new DomainError('invalid', 'PREREQUISITES_MISSING', '转为正式党员前须先完成：入党宣誓（oath）', { field: 'admittedOn', missing: ['入党宣誓（oath）'] });
  }
  return { memberId, admittedOn };
}

// ---------------------------------------------------------------- floating members

function requirePartyMember(existing: Member | null, memberId: string): Member {
  const member = requireActiveMember(existing, memberId);
  if (!member.status) {
    throw new DomainError('conflict', 'NOT_YET_A_MEMBER', `${member.memberId} 尚在发展流程中（${STAGE_NAMES[member.stage]}），不是党员`, { memberId });
  }
  return member;
}

/** 流动党员报到: once; a second check-in without checking out is a 409. */
export function decideCheckIn(
  existing: Member | null,
  memberId: string,
  organization: OrganizationRef | null,
  organizationId: string,
  homeOrganizationName: string,
  checkedInOn: string,
  today: string,
): FloatingMemberCheckedInData {
  const member = requirePartyMember(existing, memberId);
  const org = requireOrganization(organization, organizationId);
  if (member.floating) {
    throw new DomainError('conflict', 'ALREADY_CHECKED_IN', `流动党员已于 ${member.floating.checkedInOn} 向党组织 ${member.floating.organizationId} 报到，不能重复报到；请先办理离开`, {
      memberId,
      organizationId: member.floating.organizationId,
    });
  }
  checkDay('checkedInOn', checkedInOn, today);
  const home = homeOrganizationName.trim();
  if (!home) throw invalid('HOME_ORGANIZATION_REQUIRED', 'homeOrganizationName', 'homeOrganizationName 不能为空');
  return { memberId, organizationId: org.organizationId, homeOrganizationName: home, checkedInOn, districtId: org.districtId, subDistrictId: org.subDistrictId, zoneId: org.zoneId };
}

export function decideCheckOut(existing: Member | null, memberId: string, checkedOutOn: string, today: string): FloatingMemberCheckedOutData {
  const member = requirePartyMember(existing, memberId);
  if (!member.floating) throw new DomainError('conflict', 'NOT_CHECKED_IN', '该党员当前没有流动报到记录，无需办理离开', { memberId });
  checkDay('checkedOutOn', checkedOutOn, today, { field: 'checkedInOn', value: member.floating.checkedInOn });
  return { memberId, organizationId: member.floating.organizationId, checkedOutOn };
}

// ---------------------------------------------------------------- transfers

const TRANSFER_STATUS_NAMES: Record<TransferStatus, string> = { REQUESTED: '待接收方审批', RETURNED: '已退回待补正', APPROVED: '已同意待完成' };

/** 组织关系转接申请: one open transfer per member; the member stays where they are until completion. */
export function decideTransferRequest(
  existing: Member | null,
  memberId: string,
  target: OrganizationRef | null,
  toOrganizationId: string,
  request: { transferId: string; reason: string; requestedOn: string; toZoneJointCommittee: boolean },
  today: string,
): MemberTransferRequestedData {
  const member = requirePartyMember(existing, memberId);
  if (member.transfer) {
    throw new DomainError(
      'conflict',
      'TRANSFER_ALREADY_OPEN',
      `党员已有进行中的组织关系转接 ${member.transfer.transferId}（${TRANSFER_STATUS_NAMES[member.transfer.status]}），不能再次申请`,
      { memberId, transferId: member.transfer.transferId },
    );
  }
  const org = requireOrganization(target, toOrganizationId, 'toOrganizationId');
  if (org.organizationId === member.organizationId) {
    throw invalid('SAME_ORGANIZATION', 'toOrganizationId', '接收党组织与当前所在党组织相同');
  }
  checkDay('requestedOn', request.requestedOn, today);
  return {
    memberId,
    transferId: request.transferId,
    fromOrganizationId: member.organizationId,
    toOrganizationId: org.organizationId,
    toDistrictId: org.districtId,
    toSubDistrictId: org.subDistrictId,
    toZoneId: org.zoneId,
    toZoneJointCommittee: request.toZoneJointCommittee,
    reason: request.reason.trim(),
    requestedOn: request.requestedOn,
  };
}

const TRANSFER_NEXT: Record<TransferStatus, string> = {
  REQUESTED: '同意接收（approval）、退回补正（return）或撤回（cancellation）',
  RETURNED: '重新提交（resubmission）或撤回（cancellation）',
  APPROVED: '完成转接（completion）',
};

type TransferStep = 'approve' | 'return' | 'resubmit' | 'complete' | 'cancel';
const STEP_FROM: Record<TransferStep, TransferStatus[]> = {
  approve: ['REQUESTED'],
  return: ['REQUESTED'],
  resubmit: ['RETURNED'],
  complete: ['APPROVED'],
  cancel: ['REQUESTED', 'RETURNED'],
};

/** The open transfer with that id, in a state where `step` is allowed. */
export function requireTransferStep(existing: Member | null, memberId: string, transferId: string, step: TransferStep): { member: Member; transfer: OpenTransfer } {
  const member = requireActiveMember(existing, memberId);
  const transfer = member.transfer;
  if (!transfer || transfer.transferId !== transferId) {
    throw new DomainError('not_found', 'TRANSFER_NOT_FOUND', `党员 ${memberId} 没有进行中的组织关系转接 ${transferId}`, { memberId, transferId });
  }
  if (!STEP_FROM[step].includes(transfer.status)) {
    throw new DomainError(
      'conflict',
      'INVALID_TRANSFER_TRANSITION',
      `转接当前状态为「${TRANSFER_STATUS_NAMES[transfer.status]}」(${transfer.status})，下一步只能是${TRANSFER_NEXT[transfer.status]}`,
      {
        currentStatus: transfer.status,
      },
    );
  }
  return { member, transfer };
}

export function decideTransferStep(
  existing: Member | null,
  memberId: string,
  transferId: string,
  step: TransferStep,
  on: string,
  today: string,
  text = '',
): MemberTransferApprovedData | MemberTransferReturnedData | MemberTransferResubmittedData | MemberTransferCancelledData | MemberTransferCompletedData {
  const { transfer } = requireTransferStep(existing, memberId, transferId, step);
  checkDay('on', on, today, { field: 'requestedOn', value: transfer.requestedOn });
  const needsText = step === 'return' || step === 'resubmit' || step === 'cancel';
  if (needsText && !text.trim()) throw invalid('REASON_REQUIRED', 'reason', step === 'resubmit' ? 'note 不能为空' : 'reason 不能为空');
  switch (step) {
    case 'approve':
      return { memberId, transferId, approvedOn: on };
    case 'return':
      return { memberId, transferId, reason: text.trim(), returnedOn: on };
    case 'resubmit':
      return { memberId, transferId, note: text.trim(), resubmittedOn: on };
    case 'cancel':
      return { memberId, transferId, reason: text.trim(), cancelledOn: on };
    case 'complete':
      if (transfer.approvedOn && on < transfer.approvedOn) throw invalid('DATE_OUT_OF_ORDER', 'on', `完成日期不能早于同意接收日期（${transfer.approvedOn}）`);
      return {
        memberId,
        transferId,
        fromOrganizationId: transfer.fromOrganizationId,
        toOrganizationId: transfer.toOrganizationId,
        districtId: transfer.toDistrictId,
        subDistrictId: transfer.toSubDistrictId,
        zoneId: transfer.toZoneId,
        completedOn: on,
      };
  }
}

/**
 * 联合党委/联合党支部 of a zone: where members of enterprises too small for their
 * own organization are placed. A joint branch is preferred (members belong to
 * branches); a zone with none uses its joint committee.
 */
export function pickZoneJointOrganization(zoneId: string, organizations: OrganizationRef[]): OrganizationRef {
  const inZone = organizations.filter((o) => o.zoneId === zoneId);
  const branches = inZone.filter((o) => o.type === 'JOINT_BRANCH');
  const committees = inZone.filter((o) => o.type === 'JOINT_COMMITTEE');
  const pick = branches.length === 1 ? branches[0] : branches.length === 0 && committees.length === 1 ? committees[0] : undefined;
  if (pick) return pick;
  if (branches.length + committees.length === 0) {
    throw new DomainError('invalid', 'NO_JOINT_ORGANIZATION', `片区 ${zoneId} 尚无联合党委或联合党支部`, { field: 'zoneId', zoneId });
  }
  throw new DomainError('invalid', 'AMBIGUOUS_JOINT_ORGANIZATION', `片区 ${zoneId} 有多个联合党支部，请直接指定党组织`, { field: 'zoneId', zoneId });
}

// ---------------------------------------------------------------- corrections 修改党员信息

/** What a correction asks for: only the keys given are corrected (employer: name and credit code together). */
export interface CorrectionRequest {
  reason: string;
  name?: string;
  phone?: string;
  /** A part left out stays as recorded. */
  employer?: { employerName?: string | null; employerCreditCode?: string | null };
  education?: EducationLevel | null;
  organizationId?: string;
}

/**
 * 修改党员信息: corrects what was recorded wrongly or has changed, with a reason (须说明原因).
 * A field given with the value on record is no correction; nothing to correct is a 422.
 * A new organization corrects where the member was placed (a registration's error, not a
 * transfer): it must exist, and no transfer may be open. `currentPhone` is the number on record
 * (kept out of the state); the new phone, if any, goes to the encrypted store, never the event.
 */
export function decideCorrection(
  existing: Member | null,
  memberId: string,
  request: CorrectionRequest,
  currentPhone: string | null,
  organization: OrganizationRef | null,
): { data: MemberRecordCorrectedData; phone: string | null } {
  const member = requireMember(existing, memberId);
  const reason = request.reason.trim();
  if (!reason) throw invalid('REASON_REQUIRED', 'reason', '修改党员信息须说明原因（reason 不能为空）');
  const corrected: MemberRecordCorrectedData['corrected'] = [];
  let { name, employerName, employerCreditCode, organizationId, districtId, subDistrictId, zoneId } = member;
  let education = member.education ?? null;
  let phone: string | null = null;
  if (request.name !== undefined) {
    const next = request.name.trim();
    if (!next) throw invalid('INVALID_NAME', 'name', 'name 不能为空');
    if (next !== member.name) {
      name = next;
      corrected.push('name');
    }
  }
  if (request.phone !== undefined) {
    if (!PHONE_PATTERN.test(request.phone)) throw invalid('INVALID_PHONE', 'phone', 'phone 须为 11 位手机号码');
    if (request.phone !== currentPhone) {
      phone = request.phone;
      corrected.push('phone');
    }
  }
  if (request.employer !== undefined) {
    const given = request.employer;
    const nextName = given.employerName === undefined ? member.employerName : given.employerName?.trim() || null;
    const nextCode = given.employerCreditCode === undefined ? member.employerCreditCode : given.employerCreditCode;
    if (nextName !== member.employerName || nextCode !== member.employerCreditCode) {
      employerName = nextName;
      employerCreditCode = nextCode;
      corrected.push('employer');
    }
  }
  if (request.education !== undefined && request.education !== education) {
    education = request.education;
    corrected.push('education');
  }
  if (request.organizationId !== undefined && request.organizationId !== member.organizationId) {
    if (member.status === 'ENDED') {
      throw new DomainError('conflict', 'MEMBERSHIP_ENDED', `党员 ${memberId} 的党籍（组织关系）已终止，不能更改所在党组织`, { memberId });
    }
    if (member.transfer) {
      throw new DomainError('conflict', 'TRANSFER_OPEN', `党员有进行中的组织关系转接 ${member.transfer.transferId}，请待转接完成或撤回后再更正所在党组织`, {
        memberId,
        transferId: member.transfer.transferId,
      });
    }
    const org = requireOrganization(organization, request.organizationId);
    ({ organizationId, districtId, subDistrictId, zoneId } = org);
    corrected.push('organization');
  }
  if (corrected.length === 0) {
    throw new DomainError(
      'invalid',
      'NOTHING_TO_CORRECT',
      '没有需要修改的内容：所填信息与现有记录相同（可修改 name、phone、employerName/employerCreditCode、education、organizationId）',
      {
        field: 'name',
      },
    );
  }
  return {
    phone,
    data: { memberId, corrected, reason, name, employerName, employerCreditCode, education, organizationId, districtId, subDistrictId, zoneId },
  };
}

/** 更正身份证号: a valid number, different from the one on record; the birth year follows it. */
export function decideIdNumberCorrection(
  existing: Member | null,
  memberId: string,
  request: { idNumber: string; reason: string },
  currentIdNumber: string | null,
  today: string,
): { data: MemberIdNumberCorrectedData; idNumber: string } {
  requireMember(existing, memberId);
  const reason = request.reason.trim();
  if (!reason) throw invalid('REASON_REQUIRED', 'reason', '更正身份证号须说明原因（reason 不能为空）');
  const problem = idNumberProblem(request.idNumber, today);
  if (problem) throw invalid('INVALID_ID_NUMBER', 'idNumber', ID_NUMBER_PROBLEM_MESSAGES[problem]);
  const idNumber = normalizeIdNumber(request.idNumber);
  if (idNumber === currentIdNumber) throw invalid('NOTHING_TO_CORRECT', 'idNumber', 'idNumber 与现有记录相同，无需更正');
  return { idNumber, data: { memberId, reason, birthYear: Number(idNumber.slice(6, 10)) } };
}

// ---------------------------------------------------------------- ending a membership 党籍终止

export interface EndingRequest {
  kind: MembershipEndKind;
  endedOn: string;
  approvingOrganizationId: string;
  letterNumber: string | null;
}

/**
 * 党籍终止: only a member (full or probationary) whose membership stands, on a date not in the
 * future nor before they joined, approved by an existing organization. A transfer out of the
 * city (转出本市) names its introduction letter; no other way does. An open transfer within the
 * city is finished or withdrawn first (409).
 */
export function decideEnding(existing: Member | null, memberId: string, approving: OrganizationRef | null, request: EndingRequest, today: string): MembershipEndedData {
  const member = requirePartyMember(existing, memberId);
  if (member.transfer) {
    throw new DomainError('conflict', 'TRANSFER_OPEN', `党员有进行中的组织关系转接 ${member.transfer.transferId}，请先完成或撤回转接`, {
      memberId,
      transferId: member.transfer.transferId,
    });
  }
  const org = approving;
  if (!org) {
    throw new DomainError('invalid', 'ORGANIZATION_NOT_FOUND', `批准组织 ${request.approvingOrganizationId} 不存在`, {
      field: 'approvingOrganizationId',
      organizationId: request.approvingOrganizationId,
    });
  }
  checkDay('endedOn', request.endedOn, today, { field: 'joinedOn', value: member.joinedOn });
  const letter = request.letterNumber?.trim() || null;
  if (request.kind === 'TRANSFERRED_OUT' && !letter) {
    throw invalid('LETTER_NUMBER_REQUIRED', 'letterNumber', '转出本市须填写组织关系介绍信编号（letterNumber）');
  }
  if (request.kind !== 'TRANSFERRED_OUT' && letter) {
    throw invalid('LETTER_NUMBER_NOT_EXPECTED', 'letterNumber', 'letterNumber（介绍信编号）仅在转出本市（TRANSFERRED_OUT）时填写');
  }
  return {
    memberId,
    kind: request.kind,
    endedOn: request.endedOn,
    approvingOrganizationId: org.organizationId,
    letterNumber: letter,
    organizationId: member.organizationId,
  };
}

// ---------------------------------------------------------------- the pipeline's steps and exits 发展党员的程序

function requireStage(existing: Member | null, memberId: string, stage: DevelopmentStage, what: string): Member {
  const member = requireActiveMember(existing, memberId);
  if (member.stage !== stage) {
    throw new DomainError('conflict', 'INVALID_STAGE_FOR_STEP', `${what}须在「${STAGE_NAMES[stage]}」阶段办理；${member.memberId} 当前为「${STAGE_NAMES[member.stage]}」`, {
      memberId,
      currentStage: member.stage,
    });
  }
  return member;
}

function stepsOf(member: Member): DevelopmentSteps {
  return member.development ?? NO_STEPS;
}

function requireNotRecorded(recorded: unknown, what: string, memberId: string): void {
  if (recorded) throw new DomainError('conflict', 'STEP_ALREADY_RECORDED', `${what}已记录，不能重复记录`, { memberId });
}

/**
 * The organization that approves (上级党委): one of the organizations above the member's own.
 * `above` is the chain of the member's organization's ancestors, nearest first.
 */
function requireAbove(member: Member, approvingOrganizationId: string, above: OrganizationRef[]): OrganizationRef {
  const field = 'approvingOrganizationId';
  const org = above.find((o) => o.organizationId === approvingOrganizationId);
  if (!org) {
    const names = above.map((o) => `${o.name}（${o.organizationId}）`).join('、');
    throw invalid('APPROVER_NOT_ABOVE', field, `${field} 须为党员所在党组织 ${member.organizationId} 的上级党委${names ? `：${names}` : '（该党组织没有上级党委）'}`);
  }
  if (org.dissolvedOn) throw invalid('ORGANIZATION_DISSOLVED', field, `党组织 ${org.name}（${org.organizationId}）已于 ${org.dissolvedOn} 撤销，不能审批`);
  return org;
}

/** 集中培训: a development target's training, with hours (at least 24) or a certificate number. */
export function decideTraining(
  existing: Member | null,
  memberId: string,
  request: { completedOn: string; hours: number | null; certificateId: string | null },
  today: string,
): DevelopmentTrainingCompletedData {
  const member = requireStage(existing, memberId, 'DEVELOPMENT_TARGET', '集中培训');
  requireNotRecorded(stepsOf(member).training, '集中培训', memberId);
  checkDay('completedOn', request.completedOn, today, { field: 'developmentTargetOn', value: member.developmentTargetOn });
  const certificateId = request.certificateId?.trim() || null;
  if (request.hours === null && !certificateId) throw invalid('TRAINING_EVIDENCE_REQUIRED', 'hours', '集中培训须填写学时（hours）或结业证书编号（certificateId）');
  // 短期集中培训一般不少于 24 学时; a certificate stands for itself.
  if (!certificateId && request.hours !== null && request.hours < 24)
    throw invalid('TRAINING_TOO_SHORT', 'hours', '集中培训不少于 24 学时（hours），或填写结业证书编号（certificateId）');
  return { memberId, completedOn: request.completedOn, hours: request.hours, certificateId };
}

/** 政治审查合格, concluded by an existing organization. */
export function decidePoliticalReview(
  existing: Member | null,
  memberId: string,
  request: { passedOn: string; reviewingOrganizationId: string },
  reviewing: OrganizationRef | null,
  today: string,
): PoliticalReviewPassedData {
  const member = requireStage(existing, memberId, 'DEVELOPMENT_TARGET', '政治审查');
  requireNotRecorded(stepsOf(member).politicalReview, '政治审查', memberId);
  const org = requireOrganization(reviewing, request.reviewingOrganizationId, 'reviewingOrganizationId');
  checkDay('passedOn', request.passedOn, today, { field: 'developmentTargetOn', value: member.developmentTargetOn });
  return { memberId, passedOn: request.passedOn, reviewingOrganizationId: org.organizationId };
}

/** 公示: after training and the political review, at least 5 working days. The end may lie ahead. */
export function decideNotice(existing: Member | null, memberId: string, request: { startsOn: string; endsOn: string }, today: string): AdmissionNoticePublishedData {
  const member = requireStage(existing, memberId, 'DEVELOPMENT_TARGET', '公示');
  const steps = stepsOf(member);
  requireNotRecorded(steps.notice, '公示', memberId);
  const before = [!steps.training && '集中培训（training）', !steps.politicalReview && '政治审查（political-review）'].filter((x): x is string => Boolean(x));
  if (before.length > 0) throw new DomainError('invalid', 'PREREQUISITES_MISSING', `公示前须先完成：${before.join('、')}`, { field: 'startsOn', missing: before });
  const latest = [steps.training!.completedOn, steps.politicalReview!.passedOn].sort().at(-1)!;
  checkDay('startsOn', request.startsOn, today, { field: '集中培训和政治审查的日期', value: latest });
  if (!isValidCalendarDate(request.endsOn) || request.endsOn < request.startsOn) throw invalid('INVALID_DATE', 'endsOn', 'endsOn 须为不早于 startsOn 的有效日期');
  const workingDays = workingDaysBetween(request.startsOn, request.endsOn);
  if (workingDays < 5) throw invalid('NOTICE_TOO_SHORT', 'endsOn', `公示期不少于 5 个工作日（${request.startsOn} 至 ${request.endsOn} 仅 ${workingDays} 个工作日）`);
  if (workingDays > 100) throw invalid('NOTICE_TOO_LONG', 'endsOn', '公示期不超过 100 个工作日');
  return { memberId, startsOn: request.startsOn, endsOn: request.endsOn, workingDays, organizationId: member.organizationId };
}

/** 上级党委审批: after the notice has run its course, by a committee above the member's organization. */
export function decideAdmissionApproval(
  existing: Member | null,
  memberId: string,
  request: { approvedOn: string; approvingOrganizationId: string },
  above: OrganizationRef[],
  today: string,
): AdmissionApprovedData {
  const member = requireStage(existing, memberId, 'DEVELOPMENT_TARGET', '上级党委审批');
  const steps = stepsOf(member);
  requireNotRecorded(steps.approval, '上级党委审批', memberId);
  const missing = missingForProbationary({ ...steps, approval: { approvedOn: request.approvedOn, approvingOrganizationId: '' } }, request.approvedOn);
  if (missing.length > 0) throw new DomainError('invalid', 'PREREQUISITES_MISSING', `上级党委审批前须先完成：${missing.join('、')}`, { field: 'approvedOn', missing });
  checkDay('approvedOn', request.approvedOn, today);
  const org = requireAbove(member, request.approvingOrganizationId, above);
  return { memberId, approvedOn: request.approvedOn, approvingOrganizationId: org.organizationId };
}

/** 入党宣誓: a probationary member, once, not before joining. */
export function decideOath(existing: Member | null, memberId: string, takenOn: string, today: string): OathTakenData {
  const member = requireStage(existing, memberId, 'PROBATIONARY', '入党宣誓');
  requireNotRecorded(stepsOf(member).oathOn, '入党宣誓', memberId);
  checkDay('takenOn', takenOn, today, { field: 'joinedOn', value: member.joinedOn });
  return { memberId, takenOn, organizationId: member.organizationId };
}

function requireInPipeline(existing: Member | null, memberId: string, what: string): Member & { stage: 'APPLICANT' | 'ACTIVIST' | 'DEVELOPMENT_TARGET' } {
  const member = requireActiveMember(existing, memberId);
  if (member.status !== null) {
    throw new DomainError('conflict', 'NOT_IN_PIPELINE', `${memberId} 已是${STAGE_NAMES[member.stage]}，不在发展流程中，不能${what}`, { memberId, currentStage: member.stage });
  }
  return member as Member & { stage: 'APPLICANT' | 'ACTIVIST' | 'DEVELOPMENT_TARGET' };
}

function lastStepOn(member: Member): string | null {
  return (
    [member.appliedOn, member.activistOn, member.developmentTargetOn]
      .filter((d): d is string => Boolean(d))
      .sort()
      .at(-1) ?? null
  );
}

/** 本人撤回入党申请: an applicant, activist or development target leaves of their own will. */
export function decideWithdrawal(existing: Member | null, memberId: string, withdrawnOn: string, today: string): MembershipApplicationWithdrawnData {
  const member = requireInPipeline(existing, memberId, '撤回入党申请');
  checkDay('withdrawnOn', withdrawnOn, today, { field: '上一阶段的日期', value: lastStepOn(member) });
  return { memberId, withdrawnOn, stage: member.stage, organizationId: member.organizationId };
}

/**
 * 重新递交入党申请: only after a withdrawal or a rejection (a cancelled probation ended the
 * record as a member's does), on a day after that end, to a standing organization.
 */
export function decideReapplication(
  existing: Member | null,
  memberId: string,
  organization: OrganizationRef | null,
  organizationId: string,
  appliedOn: string,
  today: string,
): MembershipApplicationResubmittedData {
  const member = requireMember(existing, memberId);
  const exit = member.pipelineExit;
  if (!exit || exit.kind === 'CANCELLED') {
    const why = exit ? `已于 ${exit.on} ${EXIT_NAMES[exit.kind]}` : member.status === null ? `仍在发展流程中（${STAGE_NAMES[member.stage]}）` : `已是${STAGE_NAMES[member.stage]}`;
    throw new DomainError('conflict', 'CANNOT_REAPPLY', `${memberId} ${why}，只有撤回入党申请或未被接收的人才能重新递交入党申请`, { memberId, currentStage: member.stage });
  }
  const org = requireOrganization(organization, organizationId);
  checkDay('appliedOn', appliedOn, today, { field: `${EXIT_NAMES[exit.kind]}的日期`, value: exit.on });
  if (appliedOn === exit.on) throw invalid('DATE_OUT_OF_ORDER', 'appliedOn', `appliedOn 须晚于${EXIT_NAMES[exit.kind]}的日期（${exit.on}）`);
  return {
    memberId,
    appliedOn,
    previousExit: exit.kind,
    organizationId: org.organizationId,
    districtId: org.districtId,
    subDistrictId: org.subDistrictId,
    zoneId: org.zoneId,
  };
}

/** 不予接收, with the reason. */
export function decideRejection(existing: Member | null, memberId: string, request: { rejectedOn: string; reason: string }, today: string): AdmissionRejectedData {
  const member = requireInPipeline(existing, memberId, '作出不予接收的决定');
  const reason = request.reason.trim();
  if (!reason) throw invalid('REASON_REQUIRED', 'reason', '不予接收须说明原因（reason 不能为空）');
  checkDay('rejectedOn', request.rejectedOn, today, { field: '上一阶段的日期', value: lastStepOn(member) });
  return { memberId, rejectedOn: request.rejectedOn, stage: member.stage, reason, organizationId: member.organizationId };
}

/** 延长预备期: once, by 1 to 12 months, approved above the branch, while still probationary. */
export function decideProbationExtension(
  existing: Member | null,
  memberId: string,
  request: { extendedOn: string; months: number; reason: string; approvingOrganizationId: string },
  above: OrganizationRef[],
  today: string,
): ProbationExtendedData {
  const member = requireStage(existing, memberId, 'PROBATIONARY', '延长预备期');
  const previous = stepsOf(member).probationExtension;
  if (previous) {
    throw new DomainError('conflict', 'PROBATION_ALREADY_EXTENDED', `预备期已于 ${previous.extendedOn} 延长过 ${previous.months} 个月，只能延长一次`, { memberId });
  }
  if (!Number.isInteger(request.months) || request.months < 1 || request.months > 12) throw invalid('INVALID_MONTHS', 'months', '预备期延长 1 至 12 个月（months），最长一年');
  const reason = request.reason.trim();
  if (!reason) throw invalid('REASON_REQUIRED', 'reason', '延长预备期须说明原因（reason 不能为空）');
  checkDay('extendedOn', request.extendedOn, today, { field: 'joinedOn', value: member.joinedOn });
  const org = requireAbove(member, request.approvingOrganizationId, above);
  const probationEndsOn = addMonths(addYears(member.joinedOn!, 1), request.months);
  return { memberId, extendedOn: request.extendedOn, months: request.months, probationEndsOn, reason, approvingOrganizationId: org.organizationId };
}

/** 取消预备党员资格: approved above the branch; the person counts nowhere afterwards. */
export function decideProbationCancellation(
  existing: Member | null,
  memberId: string,
  request: { cancelledOn: string; reason: string; approvingOrganizationId: string },
  above: OrganizationRef[],
  today: string,
): ProbationaryMembershipCancelledData {
  const member = requireStage(existing, memberId, 'PROBATIONARY', '取消预备党员资格');
  if (member.transfer) {
    throw new DomainError('conflict', 'TRANSFER_OPEN', `党员有进行中的组织关系转接 ${member.transfer.transferId}，请先完成或撤回转接`, {
      memberId,
      transferId: member.transfer.transferId,
    });
  }
  const reason = request.reason.trim();
  if (!reason) throw invalid('REASON_REQUIRED', 'reason', '取消预备党员资格须说明原因（reason 不能为空）');
  checkDay('cancelledOn', request.cancelledOn, today, { field: 'joinedOn', value: member.joinedOn });
  const org = requireAbove(member, request.approvingOrganizationId, above);
  return { memberId, cancelledOn: request.cancelledOn, reason, approvingOrganizationId: org.organizationId, organizationId: member.organizationId };
}

// ---------------------------------------------------------------- 流动党员登记

export interface FloatingRegistrationRequest extends PersonRequest {
  status: MemberStatus;
  joinedOn: string;
  homeOrganizationName: string;
  checkedInOn: string;
}

/**
 * 流动党员登记: a member whose membership is held by another city's organization is recorded with
 * the local organization they attach to, checked in there at once; not a local member.
 */
export function decideFloatingRegistration(
  existing: Member | null,
  organization: OrganizationRef | null,
  organizationId: string,
  request: FloatingRegistrationRequest,
  today: string,
): { data: FloatingMemberRegisteredData; idNumber: string } {
  const { data, idNumber } = decideRegistration(existing, organization, organizationId, request, today);
  const home = request.homeOrganizationName.trim();
  if (!home) throw invalid('HOME_ORGANIZATION_REQUIRED', 'homeOrganizationName', 'homeOrganizationName（组织关系所在党组织）不能为空');
  checkDay('checkedInOn', request.checkedInOn, today);
  const { status, joinedOn, ...person } = data;
  return { idNumber, data: { ...person, status, joinedOn, homeOrganizationName: home, checkedInOn: request.checkedInOn } };
}
