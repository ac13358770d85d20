import type { JurisdictionScope, Role } from '@pb/platform/auth/actor';
import { DomainError } from '@pb/platform/domain-error';

/** A person who signs in to the platform (平台用户), bound to one role and one jurisdiction. */
export interface User {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  scope: JurisdictionScope;
  organizationId?: string;
  enterpriseCode?: string;
  disabled: boolean;
}

/** The jurisdiction level each role works at; secretaries, contacts and analysts may sit at any level. */
const LEVEL_OF_ROLE: Partial<Record<Role, JurisdictionScope['level']>> = {
  CITY_ADMIN: 'CITY',
  DISTRICT_ADMIN: 'DISTRICT',
  SUB_DISTRICT_ADMIN: 'SUB_DISTRICT',
  GRID_WORKER: 'ZONE',
};

export function assertRoleFitsScope(role: Role, scope: JurisdictionScope, organizationId?: string, enterpriseCode?: string): void {
  if (role === 'SYSTEM') throw new DomainError('invalid', 'ROLE_NOT_ASSIGNABLE', 'SYSTEM 角色只供平台内部使用，不能分配给用户');
  const level = LEVEL_OF_ROLE[role];
  if (level && scope.level !== level) {
    throw new DomainError('invalid', 'ROLE_SCOPE_MISMATCH', `角色 ${role} 须绑定到 ${level} 级辖区，而不是 ${scope.level}`);
  }
  if (role === 'ORG_SECRETARY' && !organizationId) {
    throw new DomainError('invalid', 'ORGANIZATION_REQUIRED', '党组织书记须指定所在党组织 organizationId');
  }
  if (role === 'ENTERPRISE_CONTACT' && !enterpriseCode) {
    throw new DomainError('invalid', 'ENTERPRISE_REQUIRED', '企业联络人须指定企业统一社会信用代码 enterpriseCode');
  }
}

/** At least 12 characters and not one character repeated: long beats clever. */
export function assertAcceptablePassword(password: string, username: string): void {
  if (password.length < 12) throw new DomainError('invalid', 'PASSWORD_TOO_SHORT', '密码至少 12 位');
  if (password.length > 256) throw new DomainError('invalid', 'PASSWORD_TOO_LONG', '密码最多 256 位');
  if (new Set(password).size < 4) throw new DomainError('invalid', 'PASSWORD_TOO_SIMPLE', '密码过于简单');
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw new DomainError('invalid', 'PASSWORD_CONTAINS_USERNAME', '密码不能包含用户名');
  }
}

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

/**
 * Repeated failures lock the account for the rest of the window: after
 * LOCKOUT_THRESHOLD failures within LOCKOUT_WINDOW_MS, sign-in waits until the
 * oldest of them leaves the window. Returns the wait in ms (0 = may try).
 */
export function lockoutRemaining(failures: Date[], now: Date): number {
  const recent = failures.filter((f) => now.getTime() - f.getTime() < LOCKOUT_WINDOW_MS).sort((a, b) => a.getTime() - b.getTime());
  if (recent.length < LOCKOUT_THRESHOLD) return 0;
  const oldestCounted = recent[recent.length - LOCKOUT_THRESHOLD];
  return LOCKOUT_WINDOW_MS - (now.getTime() - oldestCounted.getTime());
}
