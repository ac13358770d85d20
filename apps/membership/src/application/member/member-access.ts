import { ForbiddenException } from '@nestjs/common';
import { Actor, assertInScope, RecordJurisdiction } from '@pb/platform';

const ADMINS = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'SYSTEM'];

/** Who may change an organization's members: admins and the platform within their jurisdiction, a secretary only in their own organization. */
export function assertMayManage(actor: Actor, organization: RecordJurisdiction & { organizationId: string }, what = '该党组织'): void {
  assertInScope(actor, organization, what);
  if (ADMINS.includes(actor.role)) return;
  if (actor.role === 'ORG_SECRETARY' && actor.organizationId === organization.organizationId) return;
  throw new ForbiddenException(`角色 ${actor.role} 只能办理本党组织的党员事务（${what} ${organization.organizationId}）`);
}

/**
 * The part of assertMayManage that needs no record, checked before anything is read: the role,
 * and a secretary's own organization where the request names it. The jurisdiction follows once
 * the organization is read.
 */
export function assertMayManageRole(actor: Actor, organizationId: string | undefined, what = '该党组织'): void {
  if (ADMINS.includes(actor.role)) return;
  if (actor.role === 'ORG_SECRETARY' && (organizationId === undefined || actor.organizationId === organizationId)) return;
  throw new ForbiddenException(`角色 ${actor.role} 只能办理本党组织的党员事务（${what}${organizationId ? ` ${organizationId}` : ''}）`);
}

type Readable = RecordJurisdiction & { organizationId: string; floating?: { organizationId: string } | null };

/** Organization secretaries read the members of their own organization (and those checked in with it); others read within their jurisdiction. */
export function assertMayRead(actor: Actor, member: Readable): void {
  assertInScope(actor, member, '该党员');
  if (actor.role !== 'ORG_SECRETARY') return;
  if (actor.organizationId && [member.organizationId, member.floating?.organizationId].includes(actor.organizationId)) return;
  throw new ForbiddenException('党组织书记只能查看本党组织的党员');
}

/**
 * Clear ID and phone numbers: only on a single member, only when asked, and
 * only for the member's own secretary or an administrator of the jurisdiction.
 */
export function mayReveal(actor: Actor, member: RecordJurisdiction & { organizationId: string }): boolean {
  if (actor.role === 'ORG_SECRETARY') return actor.organizationId === member.organizationId;
  return ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN'].includes(actor.role);
}

/** assertMayRead as a yes or no. */
export function mayRead(actor: Actor, member: Readable): boolean {
  try {
    assertMayRead(actor, member);
    return true;
  } catch (error) {
    if (error instanceof ForbiddenException) return false;
    throw error;
  }
}

/**
 * 身份证号已登记: who holds the number is said only to a caller who may read that member
 * (inside their jurisdiction, where it helps to find the record); anyone else learns that
 * the number is taken, not by whom nor where: the uniqueness check is no city-wide lookup.
 */
export function idNumberTaken(actor: Actor, holder: (Readable & { memberId: string }) | null): { reason: string; holderMemberId: string | null } {
  if (holder && mayRead(actor, holder)) return { reason: `该身份证号已登记为党员 ${holder.memberId}`, holderMemberId: holder.memberId };
  return { reason: '该身份证号已登记（如有疑问请联系上级党组织核实）', holderMemberId: null };
}
