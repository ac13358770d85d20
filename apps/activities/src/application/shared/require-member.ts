import { MemberPlacement, MembershipReference } from '@pb/membership-reference';
import { DomainError } from '@pb/platform/domain-error';

export async function requireMember(views: MembershipReference, memberId: string): Promise<MemberPlacement> {
  const member = await views.member(memberId);
  if (!member) throw new DomainError('invalid', 'MEMBER_UNKNOWN', `党员 ${memberId} 不存在（或尚未同步）`, { memberId });
  return member;
}
