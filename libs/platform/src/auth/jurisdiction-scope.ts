import { JurisdictionScope, RecordJurisdiction } from './actor';

/** Whether a record lies inside the scope (city > district > sub-district > zone). */
export function scopeCovers(scope: JurisdictionScope, record: RecordJurisdiction): boolean {
  switch (scope.level) {
    case 'CITY':
      return true;
    case 'DISTRICT':
      return record.districtId === scope.districtId;
    case 'SUB_DISTRICT':
      return record.districtId === scope.districtId && record.subDistrictId === scope.subDistrictId;
    case 'ZONE':
      return record.districtId === scope.districtId && record.zoneId === scope.zoneId;
  }
}

/** Whether the inner scope lies inside the outer one (to check a requested dashboard scope, say). */
export function scopeContains(outer: JurisdictionScope, inner: JurisdictionScope): boolean {
  if (outer.level === 'CITY') return true;
  if (inner.level === 'CITY') return false;
  if (!scopeCovers(outer, { districtId: inner.districtId!, subDistrictId: inner.subDistrictId, zoneId: inner.zoneId })) return false;
  const depth = { CITY: 0, DISTRICT: 1, SUB_DISTRICT: 2, ZONE: 3 };
  return depth[inner.level] >= depth[outer.level];
}

/**
 * The MongoDB filter that keeps a query inside the scope, for collections with
 * `districtId`, `subDistrictId` and `zoneId` fields.
 */
export function scopeFilter(scope: JurisdictionScope): Record<string, string> {
  switch (scope.level) {
    case 'CITY':
      return {};
    case 'DISTRICT':
      return { districtId: scope.districtId! };
    case 'SUB_DISTRICT':
      return { districtId: scope.districtId!, subDistrictId: scope.subDistrictId! };
    case 'ZONE':
      return { districtId: scope.districtId!, zoneId: scope.zoneId! };
  }
}
