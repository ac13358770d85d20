import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitteeEstablished, CommitteeMemberJoined, CommitteeMemberJoinedData, CommitteeMemberLeft } from '@pb/contracts';
import { assertInScope } from '@pb/platform';
import { MembershipReference } from '@pb/membership-reference';
import { Committee, decideCommittee, decideMemberJoin, decideMemberLeave, requireCommittee } from '../../domain/committee/committee';
import { CommitteeRepository } from '../../infrastructure/repositories';
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
    private readonly committees: CommitteeRepository,
    private readonly known: MembershipReference,
  ) {}

  async execute({ request, caller }: EstablishCommittee): Promise<Committee> {
    const zone = await this.known.zone(request.zoneId);
    if (zone) assertInScope(caller.actor, zone, '该片区');
    const loaded = await this.committees.load(request.committeeId);
    const data = decideCommittee(loaded.state, zone, request);
    const { state } = await this.committees.save(loaded, { definition: CommitteeEstablished, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, caller.context);
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
  constructor(private readonly committees: CommitteeRepository) {}

  async execute({ request, caller }: AddCommitteeMember): Promise<Committee> {
    const loaded = await this.committees.load(request.committeeId);
    const committee = requireCommittee(loaded.state, request.committeeId);
    assertInScope(caller.actor, committee, '该共治委员会');
    const data = decideMemberJoin(committee, request);
    const { state } = await this.committees.save(loaded, { definition: CommitteeMemberJoined, data, jurisdiction: { districtId: committee.districtId, zoneId: committee.zoneId } }, caller.context);
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
  constructor(private readonly committees: CommitteeRepository) {}

  async execute({ committeeId, memberId, caller }: RemoveCommitteeMember): Promise<Committee> {
    const loaded = await this.committees.load(committeeId);
    const committee = requireCommittee(loaded.state, committeeId);
    assertInScope(caller.actor, committee, '该共治委员会');
    const data = decideMemberLeave(committee, committeeId, memberId);
    const { state } = await this.committees.save(loaded, { definition: CommitteeMemberLeft, data, jurisdiction: { districtId: committee.districtId, zoneId: committee.zoneId } }, caller.context);
    return state;
  }
}
