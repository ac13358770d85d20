import { MemberPlacement, MembershipReference } from '@pb/membership-reference';
import { DomainError } from '@pb/platform/domain-error';

/** A member who may take part: known from membership's events, membership not ended. */
export async function requireMember(views: MembershipReference, memberId: string): Promise<MemberPlacement> {
  const member = await views.member(memberId);
  if (!member) throw new DomainError('invalid', 'MEMBER_UNKNOWN', `党员 ${memberId} 不存在（或尚未同步）`, { memberId });
  if (member.ended) throw new DomainError('conflict', 'MEMBERSHIP_ENDED', `党员 ${memberId} 的党籍已终止，不能参加活动或记录服务`, { memberId });
  return member;
}
