import type { EventEnvelope, VolunteerHoursApprovedData, VolunteerHoursRejectedData, VolunteerHoursReportedData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { localDateKey } from '../shared/time';

/** 志愿时长申报: self-reported hours waiting for the secretary. */
export type HoursClaim = VolunteerHoursReportedData & { status: 'PENDING' | 'APPROVED' | 'REJECTED'; reportedAt: string; decidedAt: string | null; rejectReason: string | null };

export function evolveHoursClaim(state: HoursClaim | null, event: EventEnvelope): HoursClaim {
  switch (event.type) {
    case 'activities.VolunteerHoursReported.v1':
      return { ...(event.data as unknown as VolunteerHoursReportedData), status: 'PENDING', reportedAt: event.time, decidedAt: null, rejectReason: null };
    case 'activities.VolunteerHoursApproved.v1':
      return { ...state!, status: 'APPROVED', decidedAt: event.time };
    case 'activities.VolunteerHoursRejected.v1':
      return { ...state!, status: 'REJECTED', decidedAt: event.time, rejectReason: (event.data as unknown as VolunteerHoursRejectedData).reason };
    default:
      throw new Error(`VolunteerHoursClaim cannot apply ${event.type}`);
  }
}

export function decideReport(existing: HoursClaim | null, request: VolunteerHoursReportedData, now: Date): VolunteerHoursReportedData {
  if (existing) throw new DomainError('conflict', 'CLAIM_EXISTS', `时长申报 ${request.claimId} 已存在`, { claimId: request.claimId });
  if (request.servedOn > localDateKey(now)) throw new DomainError('invalid', 'SERVED_IN_FUTURE', 'servedOn 不能晚于今天', { servedOn: request.servedOn });
  if (Math.round(request.hours * 2) !== request.hours * 2) throw new DomainError('invalid', 'HOURS_NOT_HALF', 'hours 须为 0.5 的整数倍', {});
  return { ...request, description: request.description.trim() };
}

function requirePending(claim: HoursClaim | null, claimId: string, action: string): HoursClaim {
  if (!claim) throw new DomainError('not_found', 'CLAIM_NOT_FOUND', `时长申报 ${claimId} 不存在`, { claimId });
  if (claim.status !== 'PENDING') {
    const zh = claim.status === 'APPROVED' ? '已通过' : '未通过';
    throw new DomainError('conflict', 'CLAIM_STATE_CONFLICT', `时长申报当前状态为“${zh}”，不能${action}；只有待审核的申报可以审核`, { claimId, status: claim.status });
  }
  return claim;
}

export function decideApprove(claim: HoursClaim | null, claimId: string): VolunteerHoursApprovedData {
  const c = requirePending(claim, claimId, '通过');
  return { claimId, memberId: c.memberId, hours: c.hours };
}

export function decideReject(claim: HoursClaim | null, claimId: string, reason: string): VolunteerHoursRejectedData {
  const c = requirePending(claim, claimId, '驳回');
  return { claimId, memberId: c.memberId, reason: reason.trim() };
}
