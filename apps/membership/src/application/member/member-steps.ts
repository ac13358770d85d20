import { Injectable } from '@nestjs/common';
import { AggregateRepository, CommandContext, InjectAggregate, PendingEvent } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { Member, OrganizationRef, requireMember } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { assertMayManage } from './member-access';

/** What a step's decision gets: the member as loaded (authorized), today, and the organizations above the member's. */
export interface StepInput {
  member: Member;
  today: string;
  above: () => Promise<OrganizationRef[]>;
}

/**
 * The development pipeline's steps share their shape: load the member, authorize the caller on
 * the member's organization before anything else is read, let the domain decide, store one event
 * (with the caller's expectedVersion, as the other member commands).
 */
@Injectable()
export class MemberSteps {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly organizations: MemberOrganizations,
    private readonly clock: Clock,
  ) {}

  async record(
    memberId: string,
    actor: Actor,
    expectedVersion: number | undefined,
    context: CommandContext,
    decide: (input: StepInput) => PendingEvent<never> | Promise<PendingEvent<never>>,
  ): Promise<Member> {
    const { state } = await this.members.decideAndSave(
      memberId,
      async (loaded) => {
        const member = requireMember(loaded.state, memberId);
        assertMayManage(actor, member, '该党员所在党组织');
        return decide({ member, today: chinaDate(this.clock.now()), above: () => this.organizations.above(member.organizationId) });
      },
      context,
      { expectedVersion },
    );
    return state;
  }

  find(organizationId: string): Promise<OrganizationRef | null> {
    return this.organizations.find(organizationId);
  }
}
