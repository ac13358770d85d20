import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { MembershipApplicationSubmitted } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { ApplicationRequest, decideApplication, Member } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { DATE, DATE_MESSAGE, PersonDto } from '../shared/member.dto';
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
    // Authorized before anything is read: who may register here, then whether the id is free.
    const { organization: org, organizationId } = await this.organizations.resolve(organization);
    if (org) assertMayManage(actor, org);
    const [existing = null] = await this.members.statesOf([request.memberId]);
    const { data, idNumber } = decideApplication(existing, org, organizationId, request, chinaDate(now));
    return this.records.create(MembershipApplicationSubmitted, data, { idNumber, phone: request.phone }, context, now, actor);
  }
}

export class SubmitApplicationDto extends PersonDto {
  @ApiProperty({ description: '递交入党申请日期', example: '2025-03-01' })
  @IsString({ message: 'appliedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  appliedOn!: string;
}
