import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { FloatingMemberRegistered } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideFloatingRegistration, FloatingRegistrationRequest } from '../../domain/member/member';
import { assertMayManage, assertMayManageRole } from '../member/member-access';
import { MemberView } from '../member/member-view';
import { PersonRecords } from '../member/person-records';
import { RegisterMemberDto } from '../member/register-member.command';
import { OrganizationChoice, OrganizationResolver } from '../member/resolve-organization';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';

/**
 * 流动党员登记: a member of another city's organization who works here is recorded with their home
 * organization's name and checked in with the local organization at once, without being
 * registered as a local member first.
 */
export class RegisterFloatingMember {
  constructor(
    readonly request: FloatingRegistrationRequest,
    readonly organization: OrganizationChoice,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterFloatingMember)
export class RegisterFloatingMemberHandler implements ICommandHandler<RegisterFloatingMember, MemberView> {
  constructor(
    private readonly organizations: OrganizationResolver,
    private readonly records: PersonRecords,
    private readonly clock: Clock,
  ) {}

  async execute({ request, organization, actor, context }: RegisterFloatingMember): Promise<MemberView> {
    const now = this.clock.now();
    // Authorized before anything is read: the role first, the jurisdiction once the organization is read. Whether the
    // id is free is not read: the records' own guards answer that (PersonRecords).
    assertMayManageRole(actor, 'organizationId' in organization ? organization.organizationId : undefined, '报到的党组织');
    const { organization: org, organizationId } = await this.organizations.resolve(organization);
    if (org) assertMayManage(actor, org, '报到的党组织');
    const { data, idNumber } = decideFloatingRegistration(null, org, organizationId, request, chinaDate(now));
    return this.records.create(FloatingMemberRegistered, data, { idNumber, phone: request.phone }, context, now, actor);
  }
}

export class RegisterFloatingMemberDto extends RegisterMemberDto {
  @ApiProperty({ description: '组织关系所在的原党组织（流出地）', example: '菏泽市牡丹区某村党支部' })
  @IsString({ message: 'homeOrganizationName 须为字符串' })
  @Length(1, 100, { message: 'homeOrganizationName 长度须在 1 到 100 之间' })
  homeOrganizationName!: string;

  @ApiProperty({ description: '向本地党组织报到的日期', example: '2026-03-02' })
  @IsString({ message: 'checkedInOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  checkedInOn!: string;
}
