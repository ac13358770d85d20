import { DomainError } from '@pb/platform/domain-error';

/** Where a record belongs: a zone and the levels above it, as membership registered them. */
export interface ZoneJurisdiction {
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** A zone the enterprise service has learned of from membership's JurisdictionRegistered events. */
export interface KnownZone extends ZoneJurisdiction {
  name: string;
}

/** Records are only placed in zones membership has registered; the check reads the local view. */
export function requireKnownZone(zone: KnownZone | null, zoneId: string): KnownZone {
  if (!zone) {
    throw new DomainError('invalid', 'ZONE_UNKNOWN', `片区 ${zoneId} 尚未登记（或企业服务尚未同步到该片区）`, { zoneId });
  }
  return zone;
}

export function jurisdictionOf(zone: ZoneJurisdiction): ZoneJurisdiction {
  return { districtId: zone.districtId, subDistrictId: zone.subDistrictId, zoneId: zone.zoneId };
}
