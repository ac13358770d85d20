import { createHash } from 'crypto';
import type { Department, EventEnvelope, PolicyMatchedData, PolicyPublishedData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import type { Enterprise } from '../enterprise/enterprise';

/** 惠企政策 */
export type Policy = PolicyPublishedData;
/** 政策匹配: one per policy and enterprise. */
export type PolicyMatch = PolicyMatchedData;

export function evolvePolicy(_state: Policy | null, event: EventEnvelope): Policy {
  if (event.type !== 'enterprise.PolicyPublished.v1') throw new Error(`Policy cannot apply ${event.type}`);
  return { ...(event.data as PolicyPublishedData) };
}

export function evolvePolicyMatch(_state: PolicyMatch | null, event: EventEnvelope): PolicyMatch {
  if (event.type !== 'enterprise.PolicyMatched.v1') throw new Error(`PolicyMatch cannot apply ${event.type}`);
  return { ...(event.data as PolicyMatchedData) };
}

/** The same policy and enterprise always give the same match id, so re-matching finds the match it made. */
export function policyMatchId(policyId: string, creditCode: string): string {
  return `pm-${createHash('sha256').update(`${policyId}\u0000${creditCode}`).digest('hex').slice(0, 24)}`;
}

export function decidePolicy(
  existing: Policy | null,
  jurisdictionKnown: boolean,
  request: { policyId: string; title: string; department: Department; summary: string; eligibilityTags: string[]; districtId: string; zoneId: string | null },
): PolicyPublishedData {
  if (existing) throw new DomainError('conflict', 'POLICY_EXISTS', `政策 ${request.policyId} 已发布`, { policyId: request.policyId });
  if (!jurisdictionKnown) {
    const where = request.zoneId ? `片区 ${request.zoneId}（区县 ${request.districtId}）` : `区县 ${request.districtId}`;
    throw new DomainError('invalid', 'JURISDICTION_UNKNOWN', `${where} 尚未登记`, { districtId: request.districtId, zoneId: request.zoneId });
  }
  return { ...request, title: request.title.trim(), summary: request.summary.trim(), eligibilityTags: [...new Set(request.eligibilityTags.map((t) => t.trim()))] };
}

/** Eligible: in the policy's jurisdiction and carrying every eligibility tag. */
export function isEligible(policy: Policy, enterprise: Enterprise): boolean {
  if (enterprise.districtId !== policy.districtId) return false;
  if (policy.zoneId && enterprise.zoneId !== policy.zoneId) return false;
  return policy.eligibilityTags.every((t) => enterprise.tags.includes(t));
}

export function decidePolicyMatch(existing: PolicyMatch | null, policy: Policy, enterprise: Enterprise): PolicyMatchedData {
  const matchId = policyMatchId(policy.policyId, enterprise.creditCode);
  if (existing) throw new DomainError('conflict', 'ALREADY_MATCHED', `政策「${policy.title}」已推送给企业「${enterprise.name}」`, { matchId });
  if (!isEligible(policy, enterprise)) {
    throw new DomainError('invalid', 'NOT_ELIGIBLE', `企业「${enterprise.name}」不符合政策「${policy.title}」的条件`, { policyId: policy.policyId });
  }
  return {
    matchId,
    policyId: policy.policyId,
    policyTitle: policy.title,
    creditCode: enterprise.creditCode,
    enterpriseName: enterprise.name,
    matchedTags: policy.eligibilityTags,
    districtId: enterprise.districtId,
    subDistrictId: enterprise.subDistrictId,
    zoneId: enterprise.zoneId,
  };
}
