import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { MEMBER_STATUSES, MemberRegistered, MemberStatus } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideRegistration, RegistrationRequest } from '../../domain/member/member';
import { DATE, DATE_MESSAGE, PersonDto } from '../shared/member.dto';
import { assertMayManage, assertMayManageRole } from './member-access';
import { MemberView } from './member-view';
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
export class RegisterMemberHandler implements ICommandHandler<RegisterMember, MemberView> {
  constructor(
    private readonly organizations: OrganizationResolver,
    private readonly records: PersonRecords,
    private readonly clock: Clock,
  ) {}

  async execute({ request, organization, actor, context }: RegisterMember): Promise<MemberView> {
    const now = this.clock.now();
    // Authorized before anything is read: the role first, the jurisdiction once the organization is read. Whether the
    // id is free is not read: the records' own guards answer that (PersonRecords).
    assertMayManageRole(actor, 'organizationId' in organization ? organization.organizationId : undefined);
    const { organization: org, organizationId } = await this.organizations.resolve(organization);
    if (org) assertMayManage(actor, org);
    const { data, idNumber } = decideRegistration(null, org, organizationId, request, chinaDate(now));
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
