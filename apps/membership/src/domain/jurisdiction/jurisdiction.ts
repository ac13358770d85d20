import type { EventEnvelope, JurisdictionLevel, JurisdictionRegisteredData, JurisdictionRenamedData, ZoneDesignatedData, ZoneKind } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';

/** 辖区: a city, district/county, sub-district 街道 or zone (商圈/园区/楼宇). */
export interface Jurisdiction {
  jurisdictionId: string;
  level: JurisdictionLevel;
  name: string;
  parentId: string | null;
  districtId: string | null;
  subDistrictId: string | null;
  zoneId: string | null;
  zoneKind: ZoneKind | null;
  surveyed: boolean; // 摸排
  pilot: boolean; // 试点
  demonstration: boolean; // 示范点
  registeredAt: string;
}

export const LEVEL_NAMES: Record<JurisdictionLevel, string> = { CITY: '市', DISTRICT: '区县', SUB_DISTRICT: '街道', ZONE: '片区' };

/** The level a parent must have; a city has none. */
export const PARENT_LEVEL: Record<JurisdictionLevel, JurisdictionLevel | null> = {
  CITY: null,
  DISTRICT: 'CITY',
  SUB_DISTRICT: 'DISTRICT',
  ZONE: 'SUB_DISTRICT',
};

export function evolveJurisdiction(state: Jurisdiction | null, event: EventEnvelope): Jurisdiction {
  switch (event.type) {
    case 'membership.JurisdictionRegistered.v1': {
      const data = event.data as unknown as JurisdictionRegisteredData;
      return { ...data, surveyed: false, pilot: false, demonstration: false, registeredAt: event.time };
    }
    case 'membership.ZoneDesignated.v1': {
      if (!state) throw new Error(`${event.type} before JurisdictionRegistered for ${event.subject}`);
      const { surveyed, pilot, demonstration } = event.data as unknown as ZoneDesignatedData;
      return { ...state, surveyed, pilot, demonstration };
    }
    case 'membership.JurisdictionRenamed.v1': {
      if (!state) throw new Error(`${event.type} before JurisdictionRegistered for ${event.subject}`);
      return { ...state, name: (event.data as unknown as JurisdictionRenamedData).name };
    }
    default:
      throw new Error(`Jurisdiction cannot apply ${event.type}`);
  }
}

export interface JurisdictionRequest {
  jurisdictionId: string;
  level: JurisdictionLevel;
  name: string;
  parentId: string | null;
  zoneKind: ZoneKind | null;
}

/**
 * A jurisdiction hangs under a parent of the level just above it; its district,
 * sub-district and zone ids follow from that chain so every record below can be
 * scoped by them.
 */
export function decideJurisdictionRegistration(existing: Jurisdiction | null, parent: Jurisdiction | null, request: JurisdictionRequest): JurisdictionRegisteredData {
  const { jurisdictionId, level } = request;
  if (existing) {
    throw new DomainError('conflict', 'JURISDICTION_EXISTS', `辖区 ${jurisdictionId} 已登记（${existing.name}）`, { jurisdictionId });
  }
  const expected = PARENT_LEVEL[level];
  if (expected === null && request.parentId) {
    throw new DomainError('invalid', 'CITY_HAS_NO_PARENT', '市级辖区不能有上级辖区', { parentId: request.parentId });
  }
  if (expected !== null) {
    if (!request.parentId) {
      throw new DomainError('invalid', 'PARENT_REQUIRED', `${LEVEL_NAMES[level]}必须指定上级${LEVEL_NAMES[expected]}（parentId）`, { level });
    }
    if (!parent) throw new DomainError('invalid', 'PARENT_NOT_FOUND', `上级辖区 ${request.parentId} 不存在`, { parentId: request.parentId });
    if (parent.level !== expected) {
      throw new DomainError('invalid', 'PARENT_WRONG_LEVEL', `${LEVEL_NAMES[level]}的上级必须是${LEVEL_NAMES[expected]}，而 ${parent.jurisdictionId} 是${LEVEL_NAMES[parent.level]}`, {
        parentId: parent.jurisdictionId,
        parentLevel: parent.level,
        expected,
      });
    }
  }
  if (level === 'ZONE' && !request.zoneKind) {
    throw new DomainError('invalid', 'ZONE_KIND_REQUIRED', '片区必须指定类型 zoneKind（商圈 BUSINESS_DISTRICT、园区 INDUSTRIAL_PARK 或楼宇 BUILDING）', {});
  }
  if (level !== 'ZONE' && request.zoneKind) {
    throw new DomainError('invalid', 'ZONE_KIND_NOT_ALLOWED', `只有片区才有类型 zoneKind，${LEVEL_NAMES[level]}不能指定`, { level });
  }
  const name = request.name.trim();
  const base = { jurisdictionId, level, name, parentId: request.parentId, zoneKind: level === 'ZONE' ? request.zoneKind : null };
  switch (level) {
    case 'CITY':
      return { ...base, parentId: null, districtId: null, subDistrictId: null, zoneId: null };
    case 'DISTRICT':
      return { ...base, districtId: jurisdictionId, subDistrictId: null, zoneId: null };
    case 'SUB_DISTRICT':
      return { ...base, districtId: parent!.districtId, subDistrictId: jurisdictionId, zoneId: null };
    case 'ZONE':
      return { ...base, districtId: parent!.districtId, subDistrictId: parent!.subDistrictId, zoneId: jurisdictionId };
  }
}

/**
 * 摸排 → 试点 / 示范点: a zone is surveyed before it can be chosen as a pilot or a
 * demonstration site. Only zones carry the flags.
 */
export function decideZoneDesignation(
  existing: Jurisdiction | null,
  zoneId: string,
  flags: Partial<Pick<ZoneDesignatedData, 'surveyed' | 'pilot' | 'demonstration'>>,
): ZoneDesignatedData {
  if (!existing) throw new DomainError('not_found', 'JURISDICTION_NOT_FOUND', `辖区 ${zoneId} 不存在`, { zoneId });
  if (existing.level !== 'ZONE') {
    throw new DomainError('invalid', 'NOT_A_ZONE', `${existing.name}是${LEVEL_NAMES[existing.level]}，只有商圈、园区、楼宇片区可以标记摸排、试点或示范点`, { zoneId });
  }
  const next = {
    zoneId,
    surveyed: flags.surveyed ?? existing.surveyed,
    pilot: flags.pilot ?? existing.pilot,
    demonstration: flags.demonstration ?? existing.demonstration,
  };
  if ((next.pilot || next.demonstration) && !next.surveyed) {
    throw new DomainError('invalid', 'NOT_SURVEYED', '片区须先完成摸排（surveyed）才能确定为试点或示范点', { zoneId });
  }
  if (next.surveyed === existing.surveyed && next.pilot === existing.pilot && next.demonstration === existing.demonstration) {
    throw new DomainError(
      'conflict',
      'DESIGNATION_UNCHANGED',
      `片区标记未变化（当前：摸排 ${yes(existing.surveyed)}，试点 ${yes(existing.pilot)}，示范点 ${yes(existing.demonstration)}）`,
      { zoneId },
    );
  }
  return next;
}

function yes(flag: boolean): string {
  return flag ? '是' : '否';
}

/** 辖区更名: any level; the same name again changes nothing, so it is refused. */
export function decideJurisdictionRename(existing: Jurisdiction | null, jurisdictionId: string, name: string): JurisdictionRenamedData {
  if (!existing) throw new DomainError('not_found', 'JURISDICTION_NOT_FOUND', `辖区 ${jurisdictionId} 不存在`, { jurisdictionId });
  const trimmed = name.trim();
  if (!trimmed) throw new DomainError('invalid', 'NAME_EMPTY', 'name 不能为空白', { jurisdictionId });
  if (trimmed === existing.name) throw new DomainError('conflict', 'NAME_UNCHANGED', `${LEVEL_NAMES[existing.level]}名称已是${trimmed}`, { jurisdictionId });
  return { jurisdictionId, name: trimmed };
}
