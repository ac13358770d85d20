import type { EventEnvelope, IdentityDeclarationRejectedData, IdentityDeclarationVerifiedData, IdentityDeclaredData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { isValidCalendarDate, PHONE_PATTERN } from '../member/id-number';

export type DeclarationStatus = 'DECLARED' | 'VERIFIED' | 'REJECTED';

/** 亮身份: a "pocket" member 口袋党员 makes their membership known to a local organization. */
export interface IdentityDeclaration extends Omit<IdentityDeclaredData, never> {
  status: DeclarationStatus;
  verifiedOn: string | null;
  rejectedOn: string | null;
  rejectionReason: string | null;
}

export function evolveIdentityDeclaration(state: IdentityDeclaration | null, event: EventEnvelope): IdentityDeclaration {
  switch (event.type) {
    case 'membership.IdentityDeclared.v1':
      return { ...(event.data as unknown as IdentityDeclaredData), status: 'DECLARED', verifiedOn: null, rejectedOn: null, rejectionReason: null };
    case 'membership.IdentityDeclarationVerified.v1':
      return { ...state!, status: 'VERIFIED', verifiedOn: (event.data as unknown as IdentityDeclarationVerifiedData).verifiedOn };
    case 'membership.IdentityDeclarationRejected.v1': {
      const data = event.data as unknown as IdentityDeclarationRejectedData;
      return { ...state!, status: 'REJECTED', rejectedOn: data.rejectedOn, rejectionReason: data.reason };
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
