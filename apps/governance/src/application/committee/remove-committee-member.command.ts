import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitteeMemberLeft } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { Committee, decideMemberLeave, requireCommittee } from '../../domain/committee/committee';
import { Committees } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';

export class RemoveCommitteeMember {
  constructor(
    readonly committeeId: string,
    readonly memberId: string,
    readonly caller: Caller,
  ) {}
}

@CommandHandler(RemoveCommitteeMember)
export class RemoveCommitteeMemberHandler implements ICommandHandler<RemoveCommitteeMember, Committee> {
  constructor(@InjectAggregate(Committees) private readonly committees: AggregateRepository<Committee>) {}

  async execute({ committeeId, memberId, caller }: RemoveCommitteeMember): Promise<Committee> {
    const { state } = await this.committees.decideAndSave(
      committeeId,
      (loaded) => {
        const committee = requireCommittee(loaded.state, committeeId);
        assertInScope(caller.actor, committee, '该共治委员会');
        return { definition: CommitteeMemberLeft, data: decideMemberLeave(committee, committeeId, memberId) };
      },
      caller.context,
    );
    return state;
  }
}
