import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FloatingMemberCheckedIn } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideCheckIn, Member, requireMember } from '../../domain/member/member';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { MemberRepository } from '../../infrastructure/member/member.repository';
import { assertMayManage } from '../member/member-access';

/** 流动党员报到 with a local organization. */
export class CheckInFloatingMember {
  constructor(
    readonly memberId: string,
    readonly organizationId: string,
    readonly homeOrganizationName: string,
    readonly checkedInOn: string,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CheckInFloatingMember)
export class CheckInFloatingMemberHandler implements ICommandHandler<CheckInFloatingMember, Member> {
  constructor(
    private readonly members: MemberRepository,
    private readonly organizations: MemberOrganizations,
    private readonly clock: Clock,
  ) {}

  async execute(c: CheckInFloatingMember): Promise<Member> {
    const loaded = await this.members.load(c.memberId);
    requireMember(loaded.state, c.memberId);
    const org = await this.organizations.find(c.organizationId);
    const data = decideCheckIn(loaded.state, c.memberId, org, c.organizationId, c.homeOrganizationName, c.checkedInOn, chinaDate(this.clock.now()));
    assertMayManage(c.actor, org!, '报到的党组织');
    const { state } = await this.members.save(loaded, { definition: FloatingMemberCheckedIn, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId ?? '' } }, c.context);
    return state;
  }
}
