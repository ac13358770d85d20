import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitteeEstablished, CommitteeMemberJoined, CommitteeMemberJoinedData, CommitteeMemberLeft } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { MembershipReference } from '@pb/membership-reference';
import { Committee, decideCommittee, decideMemberJoin, decideMemberLeave, requireCommittee } from '../../domain/committee/committee';
import { Committees } from '../../infrastructure/aggregates';
import { Caller } from '../caller';

/** 成立共治委员会 in a known zone. */
export class EstablishCommittee {
  constructor(
    readonly request: { committeeId: string; name: string; zoneId: string },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(EstablishCommittee)
export class EstablishCommitteeHandler implements ICommandHandler<EstablishCommittee, Committee> {
  constructor(
    @InjectAggregate(Committees) private readonly committees: AggregateRepository<Committee>,
    private readonly known: MembershipReference,
  ) {}

  async execute({ request, caller }: EstablishCommittee): Promise<Committee> {
    const zone = await this.known.zone(request.zoneId);
    if (zone) assertInScope(caller.actor, zone, '该片区');
    const { state } = await this.committees.decideAndSave(
      request.committeeId,
      (loaded) => ({ definition: CommitteeEstablished, data: decideCommittee(loaded.state, zone, request) }),
      caller.context,
    );
    return state;
  }
}

/** A member joins, representing property, merchants, residents or a department. */
export class AddCommitteeMember {
  constructor(
    readonly request: CommitteeMemberJoinedData,
    readonly caller: Caller,
  ) {}
}

@CommandHandler(AddCommitteeMember)
export class AddCommitteeMemberHandler implements ICommandHandler<AddCommitteeMember, Committee> {
  constructor(@InjectAggregate(Committees) private readonly committees: AggregateRepository<Committee>) {}

  async execute({ request, caller }: AddCommitteeMember): Promise<Committee> {
    const { state } = await this.committees.decideAndSave(
      request.committeeId,
      (loaded) => {
        const committee = requireCommittee(loaded.state, request.committeeId);
        assertInScope(caller.actor, committee, '该共治委员会');
        return { definition: CommitteeMemberJoined, data: decideMemberJoin(committee, request) };
      },
      caller.context,
    );
    return state;
  }
}

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
