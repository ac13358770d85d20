import type { EnterpriseProfile, EnterpriseProfileUpdatedData, EnterpriseRegisteredData, EventEnvelope } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { KnownZone, requireKnownZone } from '../shared/zone';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from './credit-code';

/** 企业: keyed by its 统一社会信用代码. */
export interface Enterprise extends EnterpriseRegisteredData {
  registeredAt: string;
}

export function evolveEnterprise(state: Enterprise | null, event: EventEnvelope): Enterprise {
  switch (event.type) {
    case 'enterprise.EnterpriseRegistered.v1':
      return { ...(event.data as EnterpriseRegisteredData), registeredAt: event.time };
    case 'enterprise.EnterpriseProfileUpdated.v1': {
      if (!state) throw new Error(`${event.type} before EnterpriseRegistered for ${event.subject}`);
      const { creditCode: _code, ...profile } = event.data as EnterpriseProfileUpdatedData;
      return { ...state, ...profile };
    }
    default:
      throw new Error(`Enterprise cannot apply ${event.type}`);
  }
}

export function assertValidCreditCode(code: string): void {
  const problem = creditCodeProblem(code);
  if (problem) throw new DomainError('invalid', `CREDIT_CODE_${problem}`, CREDIT_CODE_MESSAGES[problem], { creditCode: code.slice(0, 32) });
}

function checkProfile(profile: EnterpriseProfile): EnterpriseProfile {
  if (profile.youngGraduates > profile.employees) {
    throw new DomainError('invalid', 'GRADUATES_EXCEED_EMPLOYEES', `吸纳高校毕业生人数（${profile.youngGraduates}）不能多于员工人数（${profile.employees}）`, {});
  }
  return { ...profile, name: profile.name.trim(), tags: [...new Set(profile.tags.map((t) => t.trim()))] };
}

/** An enterprise is registered once, under a valid code, in a zone membership knows. */
export function decideEnterpriseRegistration(
  existing: Enterprise | null,
  zone: KnownZone | null,
  request: { creditCode: string; zoneId: string; profile: EnterpriseProfile },
): EnterpriseRegisteredData {
  assertValidCreditCode(request.creditCode);
  if (existing) {
    throw new DomainError('conflict', 'ENTERPRISE_EXISTS', `统一社会信用代码 ${request.creditCode} 的企业已登记（${existing.name}）`, { creditCode: request.creditCode });
  }
  const known = requireKnownZone(zone, request.zoneId);
  return { creditCode: request.creditCode, ...checkProfile(request.profile), districtId: known.districtId, subDistrictId: known.subDistrictId, zoneId: known.zoneId };
}

export function decideProfileUpdate(existing: Enterprise | null, creditCode: string, profile: EnterpriseProfile): EnterpriseProfileUpdatedData {
  const current = requireEnterprise(existing, creditCode);
  const next = checkProfile(profile);
  const same = (Object.keys(next) as (keyof EnterpriseProfile)[]).every((k) => JSON.stringify(next[k]) === JSON.stringify(current[k]));
  if (same) throw new DomainError('conflict', 'PROFILE_UNCHANGED', '企业信息与当前一致，无需更新', { creditCode });
  return { creditCode, ...next };
}

export function requireEnterprise(existing: Enterprise | null, creditCode: string): Enterprise {
  if (!existing) throw new DomainError('not_found', 'ENTERPRISE_NOT_FOUND', `统一社会信用代码 ${creditCode.slice(0, 32)} 的企业不存在`, { creditCode: creditCode.slice(0, 32) });
  return existing;
}
