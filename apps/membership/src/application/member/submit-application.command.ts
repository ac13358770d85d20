import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { MembershipApplicationSubmitted } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { ApplicationRequest, decideApplication } from '../../domain/member/member';
import { DATE, DATE_MESSAGE, PersonDto } from '../shared/member.dto';
import { assertMayManage, assertMayManageRole } from './member-access';
import { MemberView } from './member-view';
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
export class SubmitApplicationHandler implements ICommandHandler<SubmitApplication, MemberView> {
  constructor(
    private readonly organizations: OrganizationResolver,
    private readonly records: PersonRecords,
    private readonly clock: Clock,
  ) {}

  async execute({ request, organization, actor, context }: SubmitApplication): Promise<MemberView> {
    const now = this.clock.now();
    // Authorized before anything is read: the role first, the jurisdiction once the organization is read. Whether the
    // id is free is not read: the records' own guards answer that (PersonRecords).
    assertMayManageRole(actor, 'organizationId' in organization ? organization.organizationId : undefined);
    const { organization: org, organizationId } = await this.organizations.resolve(organization);
    if (org) assertMayManage(actor, org);
    const { data, idNumber } = decideApplication(null, org, organizationId, request, chinaDate(now));
    return this.records.create(MembershipApplicationSubmitted, data, { idNumber, phone: request.phone }, context, now, actor);
  }
}

export class SubmitApplicationDto extends PersonDto {
  @ApiProperty({ description: '递交入党申请日期', example: '2025-03-01' })
  @IsString({ message: 'appliedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  appliedOn!: string;
}
