import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MemberTransferRequested } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideTransferRequest, Member, requireMember } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { assertMayManage } from '../member/member-access';
import { OrganizationChoice, OrganizationResolver } from '../member/resolve-organization';

/** 组织关系转接申请, by the sending side. */
export class RequestTransfer {
  constructor(
    readonly memberId: string,
    readonly target: OrganizationChoice,
    readonly transferId: string,
    readonly reason: string,
    readonly requestedOn: string,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RequestTransfer)
export class RequestTransferHandler implements ICommandHandler<RequestTransfer, Member> {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly organizations: OrganizationResolver,
    private readonly clock: Clock,
  ) {}

  async execute(c: RequestTransfer): Promise<Member> {
    const { state } = await this.members.decideAndSave(
      c.memberId,
      async (loaded) => {
        const member = requireMember(loaded.state, c.memberId);
        assertMayManage(c.actor, member, '该党员所在党组织');
        const { organization, organizationId } = await this.organizations.resolve(c.target);
        const data = decideTransferRequest(
          member,
          c.memberId,
          organization,
          organizationId,
          { transferId: c.transferId, reason: c.reason, requestedOn: c.requestedOn, toZoneJointCommittee: 'jointCommitteeOfZone' in c.target },
          chinaDate(this.clock.now()),
        );
        return { definition: MemberTransferRequested, data };
      },
      c.context,
    );
    return state;
  }
}
