import type {
  DeclarationDecision,
  EventEnvelope,
  IdentityDeclarationConcludedData,
  IdentityDeclarationRejectedData,
  IdentityDeclarationVerifiedData,
  IdentityDeclaredData,
} from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { isValidCalendarDate, PHONE_PATTERN } from '../member/id-number';

export type DeclarationStatus = 'DECLARED' | 'VERIFIED' | 'REJECTED';

/** 亮身份: a "pocket" member 口袋党员 makes their membership known to a local organization. */
export interface IdentityDeclaration extends Omit<IdentityDeclaredData, never> {
  status: DeclarationStatus;
  verifiedOn: string | null;
  rejectedOn: string | null;
  rejectionReason: string | null;
  /** 办结: what the verified declaration led to; absent (snapshots from before) or null = not yet. */
  conclusion?: { decision: DeclarationDecision; memberId: string; decidedOn: string } | null;
}

export function evolveIdentityDeclaration(state: IdentityDeclaration | null, event: EventEnvelope): IdentityDeclaration {
  switch (event.type) {
    case 'membership.IdentityDeclared.v1':
      return { ...(event.data as unknown as IdentityDeclaredData), status: 'DECLARED', verifiedOn: null, rejectedOn: null, rejectionReason: null, conclusion: null };
    case 'membership.IdentityDeclarationVerified.v1':
      return { ...state!, status: 'VERIFIED', verifiedOn: (event.data as unknown as IdentityDeclarationVerifiedData).verifiedOn };
    case 'membership.IdentityDeclarationRejected.v1': {
      const data = event.data as unknown as IdentityDeclarationRejectedData;
      return { ...state!, status: 'REJECTED', rejectedOn: data.rejectedOn, rejectionReason: data.reason };
    }
    case 'membership.IdentityDeclarationConcluded.v1': {
      const { decision, memberId, decidedOn } = event.data as unknown as IdentityDeclarationConcludedData;
      return { ...state!, conclusion: { decision, memberId, decidedOn } };
    }
    default:
      throw new Error(`IdentityDeclaration cannot apply ${event.type}`);
  }
}

export function decideDeclaration(existing: IdentityDeclaration | null, data: IdentityDeclaredData, phone: string, today: string): IdentityDeclaredData {
  if (existing) throw new DomainError('conflict', 'DECLARATION_EXISTS', `亮身份登记 ${data.declarationId} 已存在`, { declarationId: data.declarationId });
  if (!PHONE_PATTERN.test(phone)) throw new DomainError('invalid', 'INVALID_PHONE', 'phone 须为 11 位手机号码', { field: 'phone' });
  for (const field of ['declaredJoinedOn', 'declaredOn'] as const) {
    if (!isValidCalendarDate(data[field]) || data[field] > today) {
      throw new DomainError('invalid', 'INVALID_DATE', `${field} 须为不晚于今天的有效日期`, { field });
    }
  }
  return { ...data, name: data.name.trim() };
}

const STATUS_NAMES: Record<DeclarationStatus, string> = { DECLARED: '待核实', VERIFIED: '已核实', REJECTED: '未通过核实' };

function requirePending(existing: IdentityDeclaration | null, declarationId: string): IdentityDeclaration {
  if (!existing) throw new DomainError('not_found', 'DECLARATION_NOT_FOUND', `亮身份登记 ${declarationId} 不存在`, { declarationId });
  if (existing.status !== 'DECLARED') {
    throw new DomainError('conflict', 'DECLARATION_ALREADY_DECIDED', `亮身份登记当前状态为「${STATUS_NAMES[existing.status]}」(${existing.status})，只有待核实的登记可以核实或驳回`, {
      currentStatus: existing.status,
    });
  }
  return existing;
}

function checkOn(on: string, declaredOn: string, today: string): void {
  if (!isValidCalendarDate(on) || on > today || on < declaredOn) {
    throw new DomainError('invalid', 'INVALID_DATE', `on 须为不早于登记日期（${declaredOn}）且不晚于今天的有效日期`, { field: 'on' });
  }
}

export function decideVerification(existing: IdentityDeclaration | null, declarationId: string, on: string, today: string): IdentityDeclarationVerifiedData {
  const d = requirePending(existing, declarationId);
  checkOn(on, d.declaredOn, today);
  return { declarationId, verifiedOn: on };
}

export function decideRejection(existing: IdentityDeclaration | null, declarationId: string, reason: string, on: string, today: string): IdentityDeclarationRejectedData {
  const d = requirePending(existing, declarationId);
  checkOn(on, d.declaredOn, today);
  if (!reason.trim()) throw new DomainError('invalid', 'REASON_REQUIRED', 'reason 不能为空', { field: 'reason' });
  return { declarationId, reason: reason.trim(), rejectedOn: on };
}

const DECISION_NAMES: Record<DeclarationDecision, string> = { REGISTER_MEMBER: '登记为党员', RECORD_FLOATING: '登记为流动党员' };

/**
 * 亮身份办结: only a verified declaration leads to a record, and only once. The record itself
 * (member or floating member) is decided by the member's own rules; this says which and links it.
 */
export function decideConclusion(
  existing: IdentityDeclaration | null,
  declarationId: string,
  decision: DeclarationDecision,
  memberId: string,
  decidedOn: string,
  today: string,
): IdentityDeclarationConcludedData {
  if (!existing) throw new DomainError('not_found', 'DECLARATION_NOT_FOUND', `亮身份登记 ${declarationId} 不存在`, { declarationId });
  if (existing.conclusion) {
    const { decision: made, memberId: linked, decidedOn: on } = existing.conclusion;
    throw new DomainError('conflict', 'DECLARATION_ALREADY_CONCLUDED', `亮身份登记已于 ${on} 办结（${DECISION_NAMES[made]}，党员编号 ${linked}），不能再次决定`, {
      decision: made,
      memberId: linked,
    });
  }
  if (existing.status !== 'VERIFIED') {
    throw new DomainError('conflict', 'DECLARATION_NOT_VERIFIED', `亮身份登记当前状态为「${STATUS_NAMES[existing.status]}」(${existing.status})，只有已核实的登记可以办结`, {
      currentStatus: existing.status,
    });
  }
  if (!isValidCalendarDate(decidedOn) || decidedOn > today || decidedOn < existing.verifiedOn!) {
    throw new DomainError('invalid', 'INVALID_DATE', `decidedOn 须为不早于核实日期（${existing.verifiedOn}）且不晚于今天的有效日期`, { field: 'decidedOn' });
  }
  return { declarationId, decision, memberId, decidedOn };
}
