import { ForbiddenException } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import type { Member } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { IdNumberReveals } from '../../infrastructure/member/id-number-reveals';
import { MemberPersonalData } from '../../infrastructure/member/member-personal-data';
import { assertMayRead, mayReveal } from './member-access';
import { assertMayReadPeople, memberViewFor, MemberView, toMemberView, WithheldMemberView } from './member-view';

export class GetMember {
  constructor(
    readonly memberId: string,
    readonly actor: Actor,
    readonly reveal: boolean,
  ) {}
}

/** One member as the caller may see it; a clear view of the numbers (`reveal`) leaves an audit record first. */
@QueryHandler(GetMember)
export class GetMemberHandler implements IQueryHandler<GetMember, MemberView | WithheldMemberView> {
  constructor(
    @InjectSnapshots(Members) private readonly members: Model<Snapshot<Member>>,
    private readonly personal: MemberPersonalData,
    private readonly reveals: IdNumberReveals,
    private readonly clock: Clock,
  ) {}

  async execute({ memberId, actor, reveal }: GetMember): Promise<MemberView | WithheldMemberView> {
    assertMayReadPeople(actor);
    const member = await this.members.findById(memberId, { _id: 0, lastEventAt: 0 }).lean<Member & { version: number }>().exec();
    if (!member) throw new DomainError('not_found', 'MEMBER_NOT_FOUND', `党员 ${memberId} 不存在`, { memberId });
    assertMayRead(actor, member);
    if (reveal && !mayReveal(actor, member)) {
      throw new ForbiddenException(`角色 ${actor.role} 无权查看完整身份证号和手机号（仅本党组织书记和辖区管理员可查看）`);
    }
    if (reveal) {
      // 留痕: recorded before the numbers are read, so no clear view goes unrecorded (a failed write answers no numbers).
      const now = this.clock.now();
      await this.reveals.record({
        _id: `rev-${String(now.getTime()).padStart(14, '0')}-${randomUUID().slice(0, 8)}`,
        revealedBy: actor.userId,
        role: actor.role,
        revealedAt: now,
        memberId,
        organizationId: member.organizationId,
        districtId: member.districtId,
        subDistrictId: member.subDistrictId,
        zoneId: member.zoneId,
      });
    }
    const personal = await this.personal.read([memberId]);
    return memberViewFor(actor, toMemberView(member, personal.get(memberId), reveal));
  }
}

export class RevealDto {
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'reveal 须为 true 或 false' })
  reveal?: boolean;
}
