import type { BuildingKind, BuildingRegisteredData, EventEnvelope } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import type { Jurisdiction } from '../jurisdiction/jurisdiction';

export const BUILDING_KIND_NAMES: Record<BuildingKind, string> = { BUILDING: '楼宇', COMPLEX: '综合体' };

/** 楼宇、综合体: a place of its own inside a zone, where organizations are located. */
export interface Building {
  buildingId: string;
  name: string;
  kind: BuildingKind;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  address: string | null;
  registeredAt: string;
}

export function evolveBuilding(state: Building | null, event: EventEnvelope): Building {
  switch (event.type) {
    case 'membership.BuildingRegistered.v1':
      return { ...(event.data as unknown as BuildingRegisteredData), registeredAt: event.time };
    default:
      throw new Error(`Building cannot apply ${event.type}${state ? '' : ' (no building yet)'}`);
  }
}

export interface BuildingRequest {
  buildingId: string;
  name: string;
  kind: BuildingKind;
  zoneId: string;
  address: string | null;
}

/** A building is registered once, inside a registered zone; its district and sub-district follow from the zone. */
export function decideBuildingRegistration(existing: Building | null, zone: Jurisdiction | null, request: BuildingRequest): BuildingRegisteredData {
  if (existing) throw new DomainError('conflict', 'BUILDING_EXISTS', `楼宇 ${request.buildingId} 已登记（${existing.name}）`, { buildingId: request.buildingId });
  if (!zone || zone.level !== 'ZONE' || !zone.districtId || !zone.subDistrictId) {
    throw new DomainError('invalid', 'ZONE_NOT_FOUND', `片区 ${request.zoneId} 未登记（zoneId 须为商圈、园区或楼宇片区）`, { zoneId: request.zoneId });
  }
  const name = request.name.trim();
  if (!name) throw new DomainError('invalid', 'NAME_EMPTY', 'name 不能为空白', {});
  const address = request.address?.trim() || null;
  return { buildingId: request.buildingId, name, kind: request.kind, districtId: zone.districtId, subDistrictId: zone.subDistrictId, zoneId: zone.jurisdictionId, address };
}
