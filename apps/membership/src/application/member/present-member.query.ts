import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Member } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { MemberPersonalData } from '../../infrastructure/member/member-personal-data';
import { MemberView, toMemberView } from './member-view';

/** A command's answer: the member as the command left it, numbers masked (the caller was just allowed to change it). */
export class PresentMember {
  constructor(readonly member: Member & { version?: number }) {}
}

@QueryHandler(PresentMember)
export class PresentMemberHandler implements IQueryHandler<PresentMember, MemberView> {
  constructor(
    @InjectSnapshots(Members) private readonly members: Model<Snapshot<Member>>,
    private readonly personal: MemberPersonalData,
  ) {}

  async execute({ member }: PresentMember): Promise<MemberView> {
    // The snapshot the command just wrote carries the version callers pass back as expectedVersion.
    const stored = await this.members.findById(member.memberId, { _id: 0, lastEventAt: 0 }).lean<Member & { version: number }>().exec();
    const personal = await this.personal.read([member.memberId]);
    return toMemberView(stored ?? { ...member, version: member.version ?? 0 }, personal.get(member.memberId), false);
  }
}
