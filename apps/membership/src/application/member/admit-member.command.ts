import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MemberAdmittedAsFull } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideAdmissionAsFull, Member, requireMember } from '../../domain/member/member';
import { MemberRepository } from '../../infrastructure/member/member.repository';
import { assertMayManage } from './member-access';

/** 预备党员转正 */
export class AdmitMemberAsFull {
  constructor(
    readonly memberId: string,
    readonly admittedOn: string,
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AdmitMemberAsFull)
export class AdmitMemberAsFullHandler implements ICommandHandler<AdmitMemberAsFull, Member> {
  constructor(
    private readonly members: MemberRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ memberId, admittedOn, expectedVersion, actor, context }: AdmitMemberAsFull): Promise<Member> {
    const loaded = await this.members.load(memberId);
    const member = requireMember(loaded.state, memberId);
    assertMayManage(actor, member, '该党员所在党组织');
    const data = decideAdmissionAsFull(member, memberId, admittedOn, chinaDate(this.clock.now()));
    const base = expectedVersion === undefined ? loaded : { ...loaded, version: expectedVersion };
    const { state } = await this.members.save(base, { definition: MemberAdmittedAsFull, data, jurisdiction: { districtId: member.districtId, zoneId: member.zoneId ?? '' } }, context);
    return state;
  }
}
