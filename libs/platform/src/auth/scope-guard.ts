import { ForbiddenException } from '@nestjs/common';
import { Actor, RecordJurisdiction } from './actor';
import { scopeCovers, scopeFilter } from './jurisdiction-scope';

/** Throws 403 unless the record lies in the actor's jurisdiction. */
export function assertInScope(actor: Actor, record: RecordJurisdiction, what = '该记录'): void {
  if (!scopeCovers(actor.scope, record)) {
    throw new ForbiddenException(`${what}不在您的管辖范围内（${describeScope(actor)}）`);
  }
}

export function describeScope(actor: Actor): string {
  const s = actor.scope;
  switch (s.level) {
    case 'CITY':
      return '全市';
    case 'DISTRICT':
      return `区县 ${s.districtId}`;
    case 'SUB_DISTRICT':
      return `街道 ${s.subDistrictId}`;
    case 'ZONE':
      return `片区 ${s.zoneId}`;
  }
}

/**
 * A query filter narrowed to the actor's jurisdiction. Asking explicitly for
 * another jurisdiction is a 403, not a silently different answer.
 */
export function narrowToScope<F extends Partial<Record<'districtId' | 'subDistrictId' | 'zoneId', string>>>(actor: Actor, filter: F): F {
  const required = scopeFilter(actor.scope);
  for (const [key, value] of Object.entries(required)) {
    const asked = filter[key as keyof F];
    if (asked !== undefined && asked !== value) throw new ForbiddenException(`请求的辖区不在您的管辖范围内（${describeScope(actor)}）`);
  }
  return { ...filter, ...required };
}
