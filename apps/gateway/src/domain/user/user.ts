import type { JurisdictionScope, Role } from '@pb/platform/auth/actor';
import { scopeCovers } from '@pb/platform/auth/jurisdiction-scope';
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
  /** Links to what the account acts as, checked against the owning service when set (账号关联). */
  memberId?: string;
  gridWorkerId?: string;
  /** For department staff 职能部门工作人员: the department they act for. */
  departmentId?: string;
  /** 已停用: cannot sign in or refresh; its access tokens are refused. */
  disabled: boolean;
  /** Set by an administrator's password reset: the user chooses a new password before anything else. */
  mustChangePassword?: boolean;
}

/** The jurisdiction level each role works at; secretaries, contacts and analysts may sit at any level. */
const LEVEL_OF_ROLE: Partial<Record<Role, JurisdictionScope['level']>> = {
  CITY_ADMIN: 'CITY',
  DISTRICT_ADMIN: 'DISTRICT',
  SUB_DISTRICT_ADMIN: 'SUB_DISTRICT',
  GRID_WORKER: 'ZONE',
};

/** Where a user acts and what the account is linked to (账号关联): set at creation, changed by 调整角色和辖区. */
export interface Placement {
  role: Role;
  scope: JurisdictionScope;
  organizationId?: string;
  enterpriseCode?: string;
  memberId?: string;
  gridWorkerId?: string;
  departmentId?: string;
}

export function assertRoleFitsScope({ role, scope, organizationId, enterpriseCode, gridWorkerId, departmentId }: Placement): void {
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
  if (gridWorkerId && role !== 'GRID_WORKER') {
    throw new DomainError('invalid', 'GRID_WORKER_LINK_FOR_GRID_WORKERS', 'gridWorkerId 只能关联到网格员账号');
  }
  if (role === 'DEPARTMENT_STAFF' && !departmentId) {
    throw new DomainError('invalid', 'DEPARTMENT_REQUIRED', '职能部门工作人员须指定所在职能部门 departmentId');
  }
  if (departmentId && role !== 'DEPARTMENT_STAFF') {
    throw new DomainError('invalid', 'DEPARTMENT_LINK_FOR_DEPARTMENT_STAFF', 'departmentId 只能关联到职能部门工作人员账号');
  }
}

/** What the owning services answered for each link of a placement; null: no such record. Absent: not asked. */
export interface LinkedRecords {
  organization?: { organizationId: string; name?: string; districtId: string; subDistrictId?: string | null; zoneId?: string | null } | null;
  member?: { memberId: string; organizationId: string; status?: string | null } | null;
  enterprise?: { creditCode: string; name?: string } | null;
  gridWorker?: { workerId: string; name?: string; districtId: string; subDistrictId?: string | null; zoneId?: string | null } | null;
  department?: { departmentId: string; name?: string; districtId: string; subDistrictId?: string | null } | null;
}

/**
 * 账号关联: an account acts as records other services keep, so each link must name a record that
 * exists and fits: the organization and the grid worker inside the user's jurisdiction, a
 * secretary's own member record a member of the organization they lead.
 */
export function assertLinksHold(placement: Placement, found: LinkedRecords): void {
  const { role, scope, organizationId, enterpriseCode, memberId, gridWorkerId, departmentId } = placement;
  if (organizationId) {
    const org = found.organization;
    if (!org) throw new DomainError('invalid', 'ORGANIZATION_NOT_FOUND', `organizationId：党组织 ${organizationId} 不存在`);
    if (!scopeCovers(scope, org)) throw new DomainError('invalid', 'ORGANIZATION_OUTSIDE_SCOPE', `organizationId：党组织 ${org.name ?? organizationId} 不在该用户的辖区内`);
  }
  if (memberId) {
    const member = found.member;
    if (!member) throw new DomainError('invalid', 'MEMBER_NOT_FOUND', `memberId：党员 ${memberId} 不存在`);
    if (member.status === 'ENDED') throw new DomainError('invalid', 'MEMBERSHIP_ENDED', `memberId：党员 ${memberId} 的党籍已终止，不能关联账号`);
    if (role === 'ORG_SECRETARY' && member.organizationId !== organizationId) {
      throw new DomainError('invalid', 'MEMBER_NOT_IN_ORGANIZATION', `memberId：党员 ${memberId} 不是党组织 ${organizationId} 的党员，书记的本人档案须在所领导的党组织`);
    }
  }
  if (enterpriseCode && !found.enterprise) throw new DomainError('invalid', 'ENTERPRISE_NOT_FOUND', `enterpriseCode：企业 ${enterpriseCode} 未登记`);
  if (gridWorkerId) {
    const worker = found.gridWorker;
    if (!worker) throw new DomainError('invalid', 'GRID_WORKER_NOT_FOUND', `gridWorkerId：网格员档案 ${gridWorkerId} 不存在`);
    if (!scopeCovers(scope, worker)) throw new DomainError('invalid', 'GRID_WORKER_OUTSIDE_SCOPE', `gridWorkerId：网格员 ${worker.name ?? gridWorkerId} 不在该用户的片区`);
  }
  if (departmentId) {
    const department = found.department;
    if (!department) throw new DomainError('invalid', 'DEPARTMENT_NOT_FOUND', `departmentId：职能部门 ${departmentId} 不存在`);
    if (!scopeCovers(scope, department)) {
      throw new DomainError('invalid', 'DEPARTMENT_OUTSIDE_SCOPE', `departmentId：职能部门 ${department.name ?? departmentId} 不在该用户的辖区内`);
    }
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

/** One sign-in attempt on a username (登录尝试): still being checked, refused or accepted. */
export interface SignInAttempt {
  at: Date;
  outcome: 'pending' | 'failed' | 'ok';
}

/**
 * Repeated failures lock the username for the rest of the window. `previous` are the
 * LOCKOUT_THRESHOLD attempts just before this one (fewer when there were fewer in the
 * window): when all of them are within LOCKOUT_WINDOW_MS and none succeeded, this attempt
 * waits until the oldest leaves the window. An attempt still being checked counts as a
 * failure, so parallel attempts cannot get past the threshold while the first are checked.
 * Returns the wait in ms (0 = may try).
 */
export function lockoutRemaining(previous: SignInAttempt[], now: Date): number {
  const counted = previous.filter((a) => now.getTime() - a.at.getTime() < LOCKOUT_WINDOW_MS);
  if (counted.length < LOCKOUT_THRESHOLD || counted.some((a) => a.outcome === 'ok')) return 0;
  const oldest = Math.min(...counted.map((a) => a.at.getTime()));
  return LOCKOUT_WINDOW_MS - (now.getTime() - oldest);
}

/** Roles a district administrator may hand out, and manage, inside their district. */
export const DELEGABLE_BY_DISTRICT: readonly Role[] = ['SUB_DISTRICT_ADMIN', 'ORG_SECRETARY', 'GRID_WORKER', 'ENTERPRISE_CONTACT', 'ANALYST', 'DEPARTMENT_STAFF'];

/** What an administrator may do to an account (账号管理): who acts, on whom. */
export type AccountChange = 'disable' | 'enable' | 'reassign' | 'reset-password' | 'revoke-sessions';

/**
 * Administrators other than the city's manage only the delegable roles (checked by the caller
 * against their jurisdiction too); nobody disables, reassigns or resets themselves, which could
 * leave the platform without an administrator. Revoking one's own sessions (sign out everywhere) is fine.
 */
export function assertMayChangeAccount(actor: { userId: string; role: Role }, target: Pick<User, 'userId' | 'role'>, change: AccountChange): void {
  if (actor.userId === target.userId && change !== 'revoke-sessions') {
    throw new DomainError('forbidden', 'OWN_ACCOUNT', '不能对自己的账号执行此操作，请联系上级管理员');
  }
  if (actor.role !== 'CITY_ADMIN' && !DELEGABLE_BY_DISTRICT.includes(target.role) && actor.userId !== target.userId) {
    throw new DomainError('forbidden', 'ROLE_NOT_MANAGEABLE', `${actor.role} 不能管理角色为 ${target.role} 的用户`);
  }
}
