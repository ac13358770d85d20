import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PledgeFulfilled, PledgeLapsed, PledgeMade, PledgeMadeData, VanguardPostAssigned, VanguardPostAssignedData, VanguardPostReleased } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { decideFulfil, decideLapse, decidePledge, decidePostAssignment, decidePostRelease, Pledge, VanguardPost } from '../../domain/pledge/pledge';
import { Pledges, VanguardPosts } from '../../infrastructure/aggregates';

/** 作承诺 */
export class MakePledge {
  constructor(readonly data: PledgeMadeData, readonly context: CommandContext) {}
}

@CommandHandler(MakePledge)
export class MakePledgeHandler implements ICommandHandler<MakePledge, Pledge> {
  constructor(
    @InjectAggregate(Pledges) private readonly pledges: AggregateRepository<Pledge>,
    private readonly clock: Clock,
  ) {}

  async execute({ data, context }: MakePledge): Promise<Pledge> {
    const { state } = await this.pledges.decideAndSave(
      data.pledgeId,
      (loaded) => ({ definition: PledgeMade, data: decidePledge(loaded.state, data, this.clock.now()) }),
      context,
    );
    return state;
  }
}

/** 践诺确认 / 标记未兑现 */
export class ClosePledge {
  constructor(readonly pledgeId: string, readonly outcome: 'FULFILLED' | 'LAPSED', readonly note: string, readonly context: CommandContext) {}
}

@CommandHandler(ClosePledge)
export class ClosePledgeHandler implements ICommandHandler<ClosePledge, Pledge> {
  constructor(
    @InjectAggregate(Pledges) private readonly pledges: AggregateRepository<Pledge>,
    private readonly clock: Clock,
  ) {}

  async execute({ pledgeId, outcome, note, context }: ClosePledge): Promise<Pledge> {
    const { state } = await this.pledges.decideAndSave(
      pledgeId,
      (loaded) =>
        (outcome === 'FULFILLED'
          ? { definition: PledgeFulfilled, data: decideFulfil(loaded.state, pledgeId, note, this.clock.now()) }
          : { definition: PledgeLapsed, data: decideLapse(loaded.state, pledgeId, note, this.clock.now()) }) as never,
      context,
    );
    return state;
  }
}

/** 设立党员先锋岗 / 责任区 */
export class AssignPost {
  constructor(readonly data: VanguardPostAssignedData, readonly context: CommandContext) {}
}

@CommandHandler(AssignPost)
export class AssignPostHandler implements ICommandHandler<AssignPost, VanguardPost> {
  constructor(@InjectAggregate(VanguardPosts) private readonly posts: AggregateRepository<VanguardPost>) {}

  async execute({ data, context }: AssignPost): Promise<VanguardPost> {
    const { state } = await this.posts.decideAndSave(
      data.postId,
      (loaded) => ({ definition: VanguardPostAssigned, data: decidePostAssignment(loaded.state, data) }),
      context,
    );
    return state;
  }
}

/** 岗位撤销或换人 */
export class ReleasePost {
  constructor(readonly postId: string, readonly reason: string, readonly successorMemberId: string | null, readonly context: CommandContext) {}
}

@CommandHandler(ReleasePost)
export class ReleasePostHandler implements ICommandHandler<ReleasePost, VanguardPost> {
  constructor(@InjectAggregate(VanguardPosts) private readonly posts: AggregateRepository<VanguardPost>) {}

  async execute({ postId, reason, successorMemberId, context }: ReleasePost): Promise<VanguardPost> {
    const { state } = await this.posts.decideAndSave(
      postId,
      (loaded) => ({ definition: VanguardPostReleased, data: decidePostRelease(loaded.state, postId, reason, successorMemberId) }),
      context,
    );
    return state;
  }
}
