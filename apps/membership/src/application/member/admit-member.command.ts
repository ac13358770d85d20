import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MemberAdmittedAsFull } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideAdmissionAsFull, Member, requireMember } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
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
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly clock: Clock,
  ) {}

  async execute({ memberId, admittedOn, expectedVersion, actor, context }: AdmitMemberAsFull): Promise<Member> {
    const { state } = await this.members.decideAndSave(
      memberId,
      (loaded) => {
        const member = requireMember(loaded.state, memberId);
        assertMayManage(actor, member, '该党员所在党组织');
        return { definition: MemberAdmittedAsFull, data: decideAdmissionAsFull(member, memberId, admittedOn, chinaDate(this.clock.now())) };
      },
      context,
      { expectedVersion },
    );
    return state;
  }
}
