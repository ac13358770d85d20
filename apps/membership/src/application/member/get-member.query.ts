import { ForbiddenException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import type { Member } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { MemberPersonalData } from '../../infrastructure/member/member-personal-data';
import { assertMayRead, mayReveal } from './member-access';
import { MemberView, toMemberView } from './member-view';

export class GetMember {
  constructor(
    readonly memberId: string,
    readonly actor: Actor,
    readonly reveal: boolean,
  ) {}
}

@QueryHandler(GetMember)
export class GetMemberHandler implements IQueryHandler<GetMember, MemberView> {
  constructor(
    @InjectSnapshots(Members) private readonly members: Model<Snapshot<Member>>,
    private readonly personal: MemberPersonalData,
  ) {}

  async execute({ memberId, actor, reveal }: GetMember): Promise<MemberView> {
    const member = await this.members.findById(memberId, { _id: 0, lastEventAt: 0 }).lean<Member & { version: number }>().exec();
    if (!member) throw new DomainError('not_found', 'MEMBER_NOT_FOUND', `党员 ${memberId} 不存在`, { memberId });
    assertMayRead(actor, member);
    if (reveal && !mayReveal(actor, member)) {
      throw new ForbiddenException(`角色 ${actor.role} 无权查看完整身份证号和手机号（仅本党组织书记和辖区管理员可查看）`);
    }
    const personal = await this.personal.read([memberId]);
    return toMemberView(member, personal.get(memberId), reveal);
  }
}

export class RevealDto {
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'reveal 须为 true 或 false' })
  reveal?: boolean;
}
