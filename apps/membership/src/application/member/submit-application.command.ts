import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MembershipApplicationSubmitted } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { ApplicationRequest, decideApplication, Member } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { assertMayManage } from './member-access';
import { PersonRecords } from './person-records';
import { OrganizationChoice, OrganizationResolver } from './resolve-organization';

/** 递交入党申请: the person enters the development pipeline. */
export class SubmitApplication {
  constructor(
    readonly request: ApplicationRequest,
    readonly organization: OrganizationChoice,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(SubmitApplication)
export class SubmitApplicationHandler implements ICommandHandler<SubmitApplication, Member> {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly organizations: OrganizationResolver,
    private readonly records: PersonRecords,
    private readonly clock: Clock,
  ) {}

  async execute({ request, organization, actor, context }: SubmitApplication): Promise<Member> {
    const now = this.clock.now();
    const [existing = null] = await this.members.statesOf([request.memberId]);
    const { organization: org, organizationId } = await this.organizations.resolve(organization);
    const { data, idNumber } = decideApplication(existing, org, organizationId, request, chinaDate(now));
    assertMayManage(actor, org!);
    return this.records.create(MembershipApplicationSubmitted, data, { idNumber, phone: request.phone }, context, now);
  }
}
