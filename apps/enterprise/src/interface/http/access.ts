import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Actor, assertInScope, narrowToScope, RecordJurisdiction, Role } from '@pb/platform';
import { GetEnterprise } from '../../application/enterprise/get-enterprise.query';
import { GetRecord } from '../../application/records/get-record.query';
import { RecordKind } from '../../application/records/records';

/** Who runs the enterprise services in a jurisdiction. */
export const ADMINS: Role[] = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'SYSTEM'];
/** City-wide settings (routing rules, targets) and scheduled work. */
export const CITY_LEVEL: Role[] = ['CITY_ADMIN', 'SYSTEM'];

/**
 * Inside the caller's jurisdiction, and for an enterprise contact only records
 * of their own enterprise (403 with the reason otherwise).
 */
export function assertMayAccess(actor: Actor, record: RecordJurisdiction & { creditCode?: string }, what: string): void {
  assertInScope(actor, record, what);
  if (actor.role === 'ENTERPRISE_CONTACT' && (!actor.enterpriseCode || record.creditCode !== actor.enterpriseCode)) {
    throw new ForbiddenException(`${what}不属于您所在的企业，企业联络人只能查看和办理本企业的事项`);
  }
}

/** An enterprise contact's enterprise (403 for a contact bound to none). */
export function ownEnterprise(actor: Actor): string {
  if (!actor.enterpriseCode) throw new ForbiddenException('企业联络人身份未绑定企业');
  return actor.enterpriseCode;
}

/** A list filter narrowed to the caller's jurisdiction and, for an enterprise contact, to their enterprise. */
export function narrowForActor<F extends { districtId?: string; subDistrictId?: string; zoneId?: string; creditCode?: string }>(actor: Actor, filter: F): F {
  const narrowed = narrowToScope(actor, filter);
  if (actor.role !== 'ENTERPRISE_CONTACT') return narrowed;
  if (!actor.enterpriseCode) throw new ForbiddenException('企业联络人身份未绑定企业');
  if (filter.creditCode !== undefined && filter.creditCode !== actor.enterpriseCode) {
    throw new ForbiddenException('企业联络人只能查看本企业的事项');
  }
  return { ...narrowed, creditCode: actor.enterpriseCode };
}

/** A record a list may be filtered by: an enterprise (by credit code) or a record of a kind, and what to call it. */
export interface FilterTarget {
  kind: RecordKind | 'enterprise';
  id: string | undefined;
  what: string;
}

/**
 * Every filter by id names a record the caller may see: a list filtered by another district's
 * financing need or another enterprise's credit code is a 403, as reading that record is, and
 * not an answer narrowed in silence. An id that names nothing lists nothing.
 */
export async function assertFiltersMayBeRead(queries: QueryBus, actor: Actor, targets: FilterTarget[]): Promise<void> {
  for (const { kind, id, what } of targets) {
    if (id === undefined) continue;
    const record = await queries.execute<GetEnterprise | GetRecord, (RecordJurisdiction & { creditCode?: string }) | null>(
      kind === 'enterprise' ? new GetEnterprise(id) : new GetRecord(kind, id),
    );
    if (!record) continue;
    if (kind === 'policy') assertPolicyInScope(actor, record, what);
    else if (kind === 'enterprise' || typeof record.creditCode === 'string') assertMayAccess(actor, record, what);
    else assertInScope(actor, record, what);
  }
}

/** District-wide policies are visible to everyone in the district, whatever their level below it. */
export function assertPolicyInScope(actor: Actor, policy: RecordJurisdiction, what = '该政策'): void {
  assertInScope(actor, { districtId: policy.districtId, subDistrictId: actor.scope.subDistrictId, zoneId: policy.zoneId ?? actor.scope.zoneId }, what);
}

export function found<T>(value: T | null, message: string): T {
  if (!value) throw new NotFoundException(message);
  return value;
}

export function pageArgs(dto: { limit?: number; after?: string }): [number, string | undefined] {
  return [dto.limit ?? 50, dto.after];
}

/** Separates the paging and the filter fields of a list DTO. */
export function filterOf<T extends { limit?: number; after?: string }>(dto: T): Omit<T, 'limit' | 'after'> {
  const { limit: _l, after: _a, ...filter } = dto;
  return filter;
}
