import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DevelopmentStageAdvanced, MemberAdmittedAsFull, MemberRegistered } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate, PendingEvent } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { AdvanceRequest, decideAdvance, Member, requireMember } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { assertMayManage } from './member-access';

/** 发展党员: one step along the pipeline, including 接收为预备党员 and 转正. */
export class AdvanceDevelopment {
  constructor(
    readonly memberId: string,
    readonly request: AdvanceRequest,
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AdvanceDevelopment)
export class AdvanceDevelopmentHandler implements ICommandHandler<AdvanceDevelopment, Member> {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly clock: Clock,
  ) {}

  async execute({ memberId, request, expectedVersion, actor, context }: AdvanceDevelopment): Promise<Member> {
    const { state } = await this.members.decideAndSave(
      memberId,
      async (loaded) => {
        assertMayManage(actor, requireMember(loaded.state, memberId), '该党员所在党组织');
        const introducers = await this.members.statesOf(request.introducerMemberIds);
        const decision = decideAdvance(loaded.state, memberId, request, introducers, chinaDate(this.clock.now()));
        const event: PendingEvent<unknown> =
          decision.kind === 'stage'
            ? { definition: DevelopmentStageAdvanced, data: decision.data }
            : decision.kind === 'registered'
              ? { definition: MemberRegistered, data: decision.data }
              : { definition: MemberAdmittedAsFull, data: decision.data };
        return event as PendingEvent<never>;
      },
      context,
      { expectedVersion },
    );
    return state;
  }
}
