import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FloatingMemberCheckedIn } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideCheckIn, Member, requireMember } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
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
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly organizations: MemberOrganizations,
    private readonly clock: Clock,
  ) {}

  async execute(c: CheckInFloatingMember): Promise<Member> {
    const org = await this.organizations.find(c.organizationId);
    const { state } = await this.members.decideAndSave(
      c.memberId,
      (loaded) => {
        requireMember(loaded.state, c.memberId);
        const data = decideCheckIn(loaded.state, c.memberId, org, c.organizationId, c.homeOrganizationName, c.checkedInOn, chinaDate(this.clock.now()));
        assertMayManage(c.actor, org!, '报到的党组织');
        // The check-in belongs to the organization reported to, not to the member's own.
        return { definition: FloatingMemberCheckedIn, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId ?? '' } };
      },
      c.context,
    );
    return state;
  }
}
