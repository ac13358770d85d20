import { ForbiddenException } from '@nestjs/common';
import { Actor, assertInScope, RecordJurisdiction, Role } from '@pb/platform';
import type { MemberPlacement } from '@pb/membership-reference';

/** Who may run commands: admins inside their jurisdiction, the platform itself, and organization secretaries for their own organization. */
export const ADMINS: Role[] = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'SYSTEM'];
export const MANAGERS: Role[] = [...ADMINS, 'ORG_SECRETARY'];

/** A secretary manages what their organization organizes; admins what lies in their jurisdiction. */
export function assertMayManage(actor: Actor, record: RecordJurisdiction & { organizerIds?: string[]; organizationId?: string | null }, what: string): void {
  assertInScope(actor, record, what);
  if (actor.role !== 'ORG_SECRETARY') return;
  const owners = record.organizerIds ?? (record.organizationId ? [record.organizationId] : []);
  if (!actor.organizationId || !owners.includes(actor.organizationId)) {
    throw new ForbiddenException(`只有主办组织的书记可以管理${what}（您所在组织：${actor.organizationId ?? '未指定'}）`);
  }
}

/**
 * Members have no sign-in yet: their secretary (for members of their organization, including
 * floating members checked in with it) or an admin in scope acts for them.
 */
export function assertMayActFor(actor: Actor, member: MemberPlacement): void {
  assertInScope(actor, member, '该党员');
  if (actor.role !== 'ORG_SECRETARY') return;
  if (!actor.organizationId || (member.organizationId !== actor.organizationId && member.floatingOrganizationId !== actor.organizationId)) {
    throw new ForbiddenException('书记只能为本组织的党员办理');
  }
}

/** Secretaries may only create records for their own organization. */
export function assertOwnOrganization(actor: Actor, organizationId: string): void {
  if (actor.role === 'ORG_SECRETARY' && actor.organizationId !== organizationId) {
    throw new ForbiddenException(`书记只能为本组织（${actor.organizationId ?? '未指定'}）办理`);
  }
}
