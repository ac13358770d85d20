import { ForbiddenException } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { MemberPlacement, MembershipReference } from '@pb/membership-reference';
import { Actor, assertInScope, narrowToScope, RecordJurisdiction, Role } from '@pb/platform';
import { GetRecord } from '../../application/records/get-record.query';
import { definedOnly } from '../../application/shared/common.dto';

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

/**
 * A list's filter inside the caller's jurisdiction. A filter by an organization, a member or a
 * service centre names that record: one in another jurisdiction is a 403, as asking for another
 * district is, never an answer about it. An unknown id is no record to check (its list is empty,
 * being narrowed to the caller's scope).
 */
export async function scopedFilter(actor: Actor, query: object, readers: { views?: MembershipReference; queries?: QueryBus }): Promise<Record<string, string>> {
  const filter = narrowToScope(actor, definedOnly(query));
  const { views, queries } = readers;
  if (filter.organizationId && views) {
    const organization = await views.organization(filter.organizationId);
    if (organization) assertInScope(actor, organization, `党组织 ${filter.organizationId} `);
  }
  if (filter.memberId && views) {
    const member = await views.member(filter.memberId);
    if (member) assertInScope(actor, member, `党员 ${filter.memberId} `);
  }
  if (filter.centreId && queries) {
    const centre = await queries.execute<GetRecord, RecordJurisdiction | null>(new GetRecord('serviceCentre', filter.centreId));
    if (centre) assertInScope(actor, centre, `党群服务中心 ${filter.centreId} `);
  }
  return filter;
}
