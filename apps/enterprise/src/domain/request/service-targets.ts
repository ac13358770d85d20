import type { EventEnvelope, ServiceTarget, ServiceTargetsSetData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { addWorkingDays } from './working-days';

/** 办理时限: first contact within minutes, interim reply and closure within working days. */
export type ServiceTargets = ServiceTargetsSetData;

/** The platform's defaults until an admin sets others: 1 hour / 3 working days / 5 working days. */
export const DEFAULT_SERVICE_TARGETS: ServiceTargets = { firstContactMinutes: 60, interimReplyWorkingDays: 3, closureWorkingDays: 5, holidays: [] };

/** The single aggregate holding the targets in force. */
export const SERVICE_TARGETS_ID = 'service-targets';

export function evolveServiceTargets(_state: ServiceTargets | null, event: EventEnvelope): ServiceTargets {
  if (event.type !== 'enterprise.ServiceTargetsSet.v1') throw new Error(`ServiceTargets cannot apply ${event.type}`);
  return { ...(event.data as ServiceTargetsSetData) };
}

export function decideServiceTargets(current: ServiceTargets | null, next: ServiceTargets): ServiceTargetsSetData {
  if (next.interimReplyWorkingDays > next.closureWorkingDays) {
    throw new DomainError('invalid', 'INTERIM_AFTER_CLOSURE', `阶段答复时限（${next.interimReplyWorkingDays} 个工作日）不能晚于办结时限（${next.closureWorkingDays} 个工作日）`, {});
  }
  const holidays = [...new Set(next.holidays)].sort();
  for (const day of holidays) {
    if (Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      throw new DomainError('invalid', 'HOLIDAY_INVALID', `节假日 ${day} 不是有效日期`, { day });
    }
  }
  const decided = { ...next, holidays };
  if (JSON.stringify(decided) === JSON.stringify(current ?? DEFAULT_SERVICE_TARGETS)) {
    throw new DomainError('conflict', 'TARGETS_UNCHANGED', '办理时限与当前设置一致，无需调整', {});
  }
  return decided;
}

export interface Deadlines {
  firstContactDue: string;
  interimReplyDue: string;
  closureDue: string;
}

export function deadlinesFor(submittedAt: Date, targets: ServiceTargets): Deadlines {
  return {
    firstContactDue: new Date(submittedAt.getTime() + targets.firstContactMinutes * 60_000).toISOString(),
    interimReplyDue: addWorkingDays(submittedAt, targets.interimReplyWorkingDays, targets.holidays).toISOString(),
    closureDue: addWorkingDays(submittedAt, targets.closureWorkingDays, targets.holidays).toISOString(),
  };
}

/** 红黄绿灯 */
export type TargetLight = 'GREEN' | 'AMBER' | 'RED';

/** Amber once this share of the allowed time is used without the target being met. */
export const AMBER_SHARE = 0.8;

/**
 * Green when met in time or well within it; amber when 80 % of the time is used
 * and the target is still open; red when it was missed (met late, or still open past due).
 */
export function targetLight(startedAt: string, dueAt: string, metAt: string | null, now: Date): TargetLight {
  const due = Date.parse(dueAt);
  if (metAt) return Date.parse(metAt) <= due ? 'GREEN' : 'RED';
  if (now.getTime() > due) return 'RED';
  const start = Date.parse(startedAt);
  return now.getTime() - start >= AMBER_SHARE * (due - start) ? 'AMBER' : 'GREEN';
}

export const TARGET_NAMES: Record<ServiceTarget, string> = { FIRST_CONTACT: '首次联系', INTERIM_REPLY: '阶段答复', CLOSURE: '办结' };
