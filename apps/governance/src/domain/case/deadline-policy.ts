import type { CaseKind, CasePriority, CaseTimeLimitSetData, EventEnvelope } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';

/** Limits are keyed `KIND:PRIORITY` (no dots: it becomes a document key). */
export type TimeLimits = Record<string, number>;

/** 办理时限 of a district: hours per kind and priority, over the defaults. */
export interface DeadlinePolicy {
  policyId: string;
  districtId: string;
  limits: TimeLimits;
}

/** Sensible defaults until a district sets its own: disputes fastest, opinions slowest. */
export const DEFAULT_TIME_LIMITS: Readonly<Record<CaseKind, Readonly<Record<CasePriority, number>>>> = {
  DISPUTE: { HIGH: 24, NORMAL: 48, LOW: 72 },
  LIVELIHOOD_SERVICE: { HIGH: 24, NORMAL: 72, LOW: 120 },
  PUBLIC_OPINION: { HIGH: 48, NORMAL: 120, LOW: 168 },
};

export const limitKey = (kind: CaseKind, priority: CasePriority) => `${kind}:${priority}`;
export const policyIdOf = (districtId: string) => `deadline-policy-${districtId}`;

export function evolveDeadlinePolicy(state: DeadlinePolicy | null, event: EventEnvelope): DeadlinePolicy {
  if (event.type !== 'governance.CaseTimeLimitSet.v1') throw new Error(`DeadlinePolicy cannot apply ${event.type}`);
  const d = event.data as CaseTimeLimitSetData;
  const base = state ?? { policyId: d.policyId, districtId: d.districtId, limits: {} };
  return { ...base, limits: { ...base.limits, [limitKey(d.kind, d.priority)]: d.hours } };
}

export function timeLimitHours(policy: DeadlinePolicy | null, kind: CaseKind, priority: CasePriority): number {
  return policy?.limits[limitKey(kind, priority)] ?? DEFAULT_TIME_LIMITS[kind][priority];
}

export function decideTimeLimit(policy: DeadlinePolicy | null, request: { districtId: string; kind: CaseKind; priority: CasePriority; hours: number }): CaseTimeLimitSetData {
  if (timeLimitHours(policy, request.kind, request.priority) === request.hours) {
    throw new DomainError('conflict', 'TIME_LIMIT_UNCHANGED', `${request.kind}/${request.priority} 的办理时限已是 ${request.hours} 小时`, { ...request });
  }
  return { policyId: policyIdOf(request.districtId), districtId: request.districtId, kind: request.kind, priority: request.priority, hours: request.hours };
}

/** The full table a district works with: its own limits over the defaults. */
export function effectiveLimits(policy: DeadlinePolicy | null): { kind: CaseKind; priority: CasePriority; hours: number; isDefault: boolean }[] {
  return (Object.keys(DEFAULT_TIME_LIMITS) as CaseKind[]).flatMap((kind) =>
    (Object.keys(DEFAULT_TIME_LIMITS[kind]) as CasePriority[]).map((priority) => ({
      kind,
      priority,
      hours: timeLimitHours(policy, kind, priority),
      isDefault: policy?.limits[limitKey(kind, priority)] === undefined,
    })),
  );
}
