import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { Actor, assertInScope, narrowToScope, RecordJurisdiction, Role } from '@pb/platform';

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
