import type {
  EnterpriseProfile,
  EnterpriseProfileUpdatedData,
  EnterpriseProfileUpdatedV2Data,
  EnterpriseProfileV2,
  EnterpriseRegisteredData,
  EnterpriseRegisteredV2Data,
  EventEnvelope,
} from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { KnownZone, requireKnownZone } from '../shared/zone';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from './credit-code';

/** 企业: keyed by its 统一社会信用代码. */
export interface Enterprise extends EnterpriseRegisteredV2Data {
  registeredAt: string;
}

/**
 * v1 events (written before buildings) carry only the free-text `building`: they are read as
 * v2 with `buildingId` null, so old records keep their text and are in no registered building.
 */
export function evolveEnterprise(state: Enterprise | null, event: EventEnvelope): Enterprise {
  switch (event.type) {
    case 'enterprise.EnterpriseRegistered.v1':
      return { ...(event.data as EnterpriseRegisteredData), buildingId: null, registeredAt: event.time };
    case 'enterprise.EnterpriseRegistered.v2':
      return { ...(event.data as EnterpriseRegisteredV2Data), registeredAt: event.time };
    case 'enterprise.EnterpriseProfileUpdated.v1':
    case 'enterprise.EnterpriseProfileUpdated.v2': {
      if (!state) throw new Error(`${event.type} before EnterpriseRegistered for ${event.subject}`);
      const { creditCode: _code, ...profile } = event.data as EnterpriseProfileUpdatedData | EnterpriseProfileUpdatedV2Data;
      return { ...state, buildingId: null, ...profile };
    }
    default:
      throw new Error(`Enterprise cannot apply ${event.type}`);
  }
}

export function assertValidCreditCode(code: string): void {
  const problem = creditCodeProblem(code);
  if (problem) throw new DomainError('invalid', `CREDIT_CODE_${problem}`, CREDIT_CODE_MESSAGES[problem], { creditCode: code.slice(0, 32) });
}

/** A registered 楼宇 or 综合体, as far as locating an enterprise needs it. */
export interface BuildingPlace {
  buildingId: string;
  name: string;
  zoneId: string;
}

/**
 * 所在楼宇: a building of the enterprise's own zone, whose name becomes the displayed `building`
 * (a different free text beside it is refused); without one, the free text stays as it was.
 */
function locate(profile: EnterpriseProfileV2, building: BuildingPlace | null, zoneId: string): Pick<EnterpriseProfileV2, 'building' | 'buildingId'> {
  const { buildingId } = profile;
  if (!buildingId) return { buildingId: null, building: profile.building?.trim() || null };
  if (!building) throw new DomainError('invalid', 'BUILDING_NOT_FOUND', `buildingId：楼宇 ${buildingId} 未登记（或企业服务尚未同步到该楼宇）`, { buildingId });
  if (building.zoneId !== zoneId) {
    throw new DomainError('invalid', 'BUILDING_IN_OTHER_ZONE', `buildingId：楼宇${building.name}属于片区 ${building.zoneId}，企业属于片区 ${zoneId}，只能登记在本片区的楼宇`, {
      buildingId,
      zoneId: building.zoneId,
    });
  }
  const text = profile.building?.trim();
  if (text && text !== building.name) {
    throw new DomainError('invalid', 'BUILDING_NAME_MISMATCH', `building（${text}）与 buildingId 所指楼宇的名称（${building.name}）不一致；填写 buildingId 时 building 可不填`, {
      buildingId,
    });
  }
  return { buildingId, building: building.name };
}

function checkProfile(profile: EnterpriseProfile): EnterpriseProfile {
  if (profile.youngGraduates > profile.employees) {
    throw new DomainError('invalid', 'GRADUATES_EXCEED_EMPLOYEES', `吸纳高校毕业生人数（${profile.youngGraduates}）不能多于员工人数（${profile.employees}）`, {});
  }
  return { ...profile, name: profile.name.trim(), tags: [...new Set(profile.tags.map((t) => t.trim()))] };
}

/** An enterprise is registered once, under a valid code, in a zone membership knows, in a building of that zone if it names one. */
export function decideEnterpriseRegistration(
  existing: Enterprise | null,
  zone: KnownZone | null,
  building: BuildingPlace | null,
  request: { creditCode: string; zoneId: string; profile: EnterpriseProfileV2 },
): EnterpriseRegisteredV2Data {
  assertValidCreditCode(request.creditCode);
  if (existing) {
    throw new DomainError('conflict', 'ENTERPRISE_EXISTS', `统一社会信用代码 ${request.creditCode} 的企业已登记（${existing.name}）`, { creditCode: request.creditCode });
  }
  const known = requireKnownZone(zone, request.zoneId);
  const place = locate(request.profile, building, known.zoneId);
  return { creditCode: request.creditCode, ...checkProfile(request.profile), ...place, districtId: known.districtId, subDistrictId: known.subDistrictId, zoneId: known.zoneId };
}

/**
 * The whole profile, as it now stands. `buildingId` left out (undefined) keeps the building the
 * enterprise is in, so a client that does not know buildings does not move it; null clears it.
 */
export function decideProfileUpdate(
  existing: Enterprise | null,
  creditCode: string,
  profile: EnterpriseProfile & { buildingId?: string | null },
  building: BuildingPlace | null,
): EnterpriseProfileUpdatedV2Data {
  const current = requireEnterprise(existing, creditCode);
  const currentBuildingId = current.buildingId ?? null;
  const kept = profile.buildingId === undefined && currentBuildingId !== null;
  const place = kept
    ? locate({ ...profile, buildingId: currentBuildingId }, { buildingId: currentBuildingId, name: current.building ?? '', zoneId: current.zoneId }, current.zoneId)
    : locate({ ...profile, buildingId: profile.buildingId ?? null }, building, current.zoneId);
  const next: EnterpriseProfileV2 = { ...checkProfile(profile), ...place };
  const was: EnterpriseProfileV2 = { ...current, buildingId: currentBuildingId };
  const same = (Object.keys(next) as (keyof EnterpriseProfileV2)[]).every((k) => JSON.stringify(next[k]) === JSON.stringify(was[k]));
  if (same) throw new DomainError('conflict', 'PROFILE_UNCHANGED', '企业信息与当前一致，无需更新', { creditCode });
  return { creditCode, ...next };
}

export function requireEnterprise(existing: Enterprise | null, creditCode: string): Enterprise {
  if (!existing) throw new DomainError('not_found', 'ENTERPRISE_NOT_FOUND', `统一社会信用代码 ${creditCode.slice(0, 32)} 的企业不存在`, { creditCode: creditCode.slice(0, 32) });
  return existing;
}
