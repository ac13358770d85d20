import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { MEMBER_STATUSES, MemberRegistered, MemberStatus } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideRegistration, Member, RegistrationRequest } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { DATE, DATE_MESSAGE, PersonDto } from '../shared/member.dto';
import { assertMayManage } from './member-access';
import { PersonRecords } from './person-records';
import { OrganizationChoice, OrganizationResolver } from './resolve-organization';

/** 党员登记 */
export class RegisterMember {
  constructor(
    readonly request: RegistrationRequest,
    readonly organization: OrganizationChoice,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterMember)
export class RegisterMemberHandler implements ICommandHandler<RegisterMember, Member> {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly organizations: OrganizationResolver,
    private readonly records: PersonRecords,
    private readonly clock: Clock,
  ) {}

  async execute({ request, organization, actor, context }: RegisterMember): Promise<Member> {
    const now = this.clock.now();
    // Authorized before anything is read: who may register here, then whether the id is free.
    const { organization: org, organizationId } = await this.organizations.resolve(organization);
    if (org) assertMayManage(actor, org);
    const [existing = null] = await this.members.statesOf([request.memberId]);
    const { data, idNumber } = decideRegistration(existing, org, organizationId, request, chinaDate(now));
    return this.records.create(MemberRegistered, data, { idNumber, phone: request.phone }, context, now, actor);
  }
}

export class RegisterMemberDto extends PersonDto {
  @ApiProperty({ enum: MEMBER_STATUSES, description: '正式党员 FULL / 预备党员 PROBATIONARY' })
  @IsIn(MEMBER_STATUSES, { message: `status 必须是以下之一：${MEMBER_STATUSES.join(', ')}` })
  status!: MemberStatus;

  @ApiProperty({ description: '入党日期', example: '2012-07-01' })
  @IsString({ message: 'joinedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  joinedOn!: string;
}
