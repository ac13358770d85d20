import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PledgeFulfilled, PledgeLapsed, PledgeMade, PledgeMadeData, VanguardPostAssigned, VanguardPostAssignedData, VanguardPostReleased } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { decideFulfil, decideLapse, decidePledge, decidePostAssignment, decidePostRelease, Pledge, VanguardPost } from '../../domain/pledge/pledge';
import { PledgeRepository, VanguardPostRepository } from '../../infrastructure/snapshots/repositories';

const where = (c: { districtId: string; zoneId: string | null }) => ({ districtId: c.districtId, zoneId: c.zoneId ?? '' });

/** 作承诺 */
export class MakePledge {
  constructor(readonly data: PledgeMadeData, readonly context: CommandContext) {}
}

@CommandHandler(MakePledge)
export class MakePledgeHandler implements ICommandHandler<MakePledge, Pledge> {
  constructor(private readonly pledges: PledgeRepository, private readonly clock: Clock) {}

  async execute({ data, context }: MakePledge): Promise<Pledge> {
    const loaded = await this.pledges.load(data.pledgeId);
    const decided = decidePledge(loaded.state, data, this.clock.now());
    return (await this.pledges.save(loaded, { definition: PledgeMade, data: decided, jurisdiction: where(decided) }, context)).state;
  }
}

/** 践诺确认 / 标记未兑现 */
export class ClosePledge {
  constructor(readonly pledgeId: string, readonly outcome: 'FULFILLED' | 'LAPSED', readonly note: string, readonly context: CommandContext) {}
}

@CommandHandler(ClosePledge)
export class ClosePledgeHandler implements ICommandHandler<ClosePledge, Pledge> {
  constructor(private readonly pledges: PledgeRepository, private readonly clock: Clock) {}

  async execute({ pledgeId, outcome, note, context }: ClosePledge): Promise<Pledge> {
    const loaded = await this.pledges.load(pledgeId);
    const event =
      outcome === 'FULFILLED'
        ? { definition: PledgeFulfilled, data: decideFulfil(loaded.state, pledgeId, note, this.clock.now()), jurisdiction: where(loaded.state!) }
        : { definition: PledgeLapsed, data: decideLapse(loaded.state, pledgeId, note, this.clock.now()), jurisdiction: where(loaded.state!) };
    return (await this.pledges.save(loaded, event as never, context)).state;
  }
}

/** 设立党员先锋岗 / 责任区 */
export class AssignPost {
  constructor(readonly data: VanguardPostAssignedData, readonly context: CommandContext) {}
}

@CommandHandler(AssignPost)
export class AssignPostHandler implements ICommandHandler<AssignPost, VanguardPost> {
  constructor(private readonly posts: VanguardPostRepository) {}

  async execute({ data, context }: AssignPost): Promise<VanguardPost> {
    const loaded = await this.posts.load(data.postId);
    const decided = decidePostAssignment(loaded.state, data);
    return (await this.posts.save(loaded, { definition: VanguardPostAssigned, data: decided, jurisdiction: where(decided) }, context)).state;
  }
}

/** 岗位撤销或换人 */
export class ReleasePost {
  constructor(readonly postId: string, readonly reason: string, readonly successorMemberId: string | null, readonly context: CommandContext) {}
}

@CommandHandler(ReleasePost)
export class ReleasePostHandler implements ICommandHandler<ReleasePost, VanguardPost> {
  constructor(private readonly posts: VanguardPostRepository) {}

  async execute({ postId, reason, successorMemberId, context }: ReleasePost): Promise<VanguardPost> {
    const loaded = await this.posts.load(postId);
    const data = decidePostRelease(loaded.state, postId, reason, successorMemberId);
    return (await this.posts.save(loaded, { definition: VanguardPostReleased, data, jurisdiction: where(loaded.state!) }, context)).state;
  }
}
