import type { Department, EventEnvelope, RequestCategory, ServiceDayConcludedData, ServiceDayIssueRaisedData, ServiceDayKind, ServiceDayScheduledData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import type { Enterprise } from '../enterprise/enterprise';
import { KnownZone, requireKnownZone } from '../shared/zone';

export interface ServiceDayIssue {
  issueId: string;
  creditCode: string;
  category: RequestCategory;
  description: string;
}

/** 上门服务日 (or 银企对接会 when kind is MATCHMAKING). */
export interface ServiceDay extends ServiceDayScheduledData {
  status: 'SCHEDULED' | 'CONCLUDED';
  issues: ServiceDayIssue[];
  enterprisesServed: string[];
  outcome: string | null;
}

/** Bounded so a snapshot stays small. */
export const MAX_ISSUES_PER_DAY = 500;

export function evolveServiceDay(state: ServiceDay | null, event: EventEnvelope): ServiceDay {
  if (event.type === 'enterprise.ServiceDayScheduled.v1') {
    return { ...(event.data as ServiceDayScheduledData), status: 'SCHEDULED', issues: [], enterprisesServed: [], outcome: null };
  }
  if (!state) throw new Error(`${event.type} before ServiceDayScheduled for ${event.subject}`);
  switch (event.type) {
    case 'enterprise.ServiceDayIssueRaised.v1': {
      const { serviceDayId: _id, ...issue } = event.data as ServiceDayIssueRaisedData;
      return { ...state, issues: [...state.issues, issue] };
    }
    case 'enterprise.ServiceDayConcluded.v1': {
      const d = event.data as ServiceDayConcludedData;
      return { ...state, status: 'CONCLUDED', enterprisesServed: d.enterprisesServed, outcome: d.outcome };
    }
    default:
      throw new Error(`ServiceDay cannot apply ${event.type}`);
  }
}

export function requireServiceDay(state: ServiceDay | null, serviceDayId: string): ServiceDay {
  if (!state) throw new DomainError('not_found', 'SERVICE_DAY_NOT_FOUND', `上门服务日 ${serviceDayId.slice(0, 64)} 不存在`, { serviceDayId: serviceDayId.slice(0, 64) });
  return state;
}

export function decideServiceDaySchedule(
  existing: ServiceDay | null,
  zone: KnownZone | null,
  request: { serviceDayId: string; department: Department; kind: ServiceDayKind; title: string; date: string; zoneId: string },
): ServiceDayScheduledData {
  if (existing) throw new DomainError('conflict', 'SERVICE_DAY_EXISTS', `上门服务日 ${request.serviceDayId} 已安排`, { serviceDayId: request.serviceDayId });
  const known = requireKnownZone(zone, request.zoneId);
  return {
    serviceDayId: request.serviceDayId,
    department: request.department,
    kind: request.kind,
    title: request.title.trim(),
    date: request.date,
    districtId: known.districtId,
    subDistrictId: known.subDistrictId,
    zoneId: known.zoneId,
  };
}

/** Issues come from enterprises of the day's zone, while the day is open; an issue id is used once. */
export function decideIssue(state: ServiceDay | null, enterprise: Enterprise | null, issue: ServiceDayIssue & { serviceDayId: string }): ServiceDayIssueRaisedData {
  const day = requireServiceDay(state, issue.serviceDayId);
  if (day.status === 'CONCLUDED') {
    throw new DomainError('conflict', 'SERVICE_DAY_CONCLUDED', `上门服务日「${day.title}」当前状态为「已结束」，不能再登记问题；可进行的操作：无`, { status: day.status, allowed: [] });
  }
  if (day.issues.some((i) => i.issueId === issue.issueId)) {
    throw new DomainError('conflict', 'ISSUE_EXISTS', `问题 ${issue.issueId} 已登记`, { issueId: issue.issueId });
  }
  if (day.issues.length >= MAX_ISSUES_PER_DAY) throw new DomainError('invalid', 'TOO_MANY_ISSUES', `一次上门服务最多登记 ${MAX_ISSUES_PER_DAY} 个问题`, {});
  if (!enterprise) throw new DomainError('invalid', 'ENTERPRISE_UNKNOWN', `统一社会信用代码 ${issue.creditCode} 的企业尚未登记`, { creditCode: issue.creditCode });
  if (enterprise.zoneId !== day.zoneId) {
    throw new DomainError('invalid', 'ENTERPRISE_OUTSIDE_ZONE', `企业「${enterprise.name}」不在本次上门服务的片区 ${day.zoneId}`, { creditCode: issue.creditCode });
  }
  return { serviceDayId: day.serviceDayId, issueId: issue.issueId, creditCode: issue.creditCode, category: issue.category, description: issue.description.trim() };
}

export function decideConclusion(state: ServiceDay | null, serviceDayId: string, served: Enterprise[], requestedCodes: string[], outcome: string): ServiceDayConcludedData {
  const day = requireServiceDay(state, serviceDayId);
  if (day.status === 'CONCLUDED') {
    throw new DomainError('conflict', 'SERVICE_DAY_CONCLUDED', `上门服务日「${day.title}」当前状态为「已结束」，不能重复结束；可进行的操作：无`, { status: day.status, allowed: [] });
  }
  const known = new Set(served.filter((e) => e.zoneId === day.zoneId).map((e) => e.creditCode));
  const unknown = requestedCodes.filter((c) => !known.has(c));
  if (unknown.length) {
    throw new DomainError('invalid', 'ENTERPRISE_UNKNOWN', `以下企业未在片区 ${day.zoneId} 登记：${unknown.slice(0, 5).join('、')}`, { creditCodes: unknown.slice(0, 20) });
  }
  // Enterprises that raised issues were served too.
  const codes = [...new Set([...requestedCodes, ...day.issues.map((i) => i.creditCode)])];
  return { serviceDayId, enterprisesServed: codes, outcome: outcome.trim() };
}

export function findIssue(day: ServiceDay, issueId: string): ServiceDayIssue {
  const issue = day.issues.find((i) => i.issueId === issueId);
  if (!issue) throw new DomainError('not_found', 'ISSUE_NOT_FOUND', `上门服务日 ${day.serviceDayId} 没有问题 ${issueId.slice(0, 64)}`, { issueId: issueId.slice(0, 64) });
  return issue;
}
