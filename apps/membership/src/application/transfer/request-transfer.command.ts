import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { MemberTransferRequested } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, Clock, MultiLineText } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideTransferRequest, Member, requireMember } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { assertMayManage } from '../member/member-access';
import { OrganizationChoice, OrganizationResolver } from '../member/resolve-organization';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';

/** 组织关系转接申请, by the sending side. */
export class RequestTransfer {
  constructor(
    readonly memberId: string,
    readonly target: OrganizationChoice,
    readonly transferId: string,
    readonly reason: string,
    readonly requestedOn: string,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RequestTransfer)
export class RequestTransferHandler implements ICommandHandler<RequestTransfer, Member> {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly organizations: OrganizationResolver,
    private readonly clock: Clock,
  ) {}

  async execute(c: RequestTransfer): Promise<Member> {
    const { state } = await this.members.decideAndSave(
      c.memberId,
      async (loaded) => {
        const member = requireMember(loaded.state, c.memberId);
        assertMayManage(c.actor, member, '该党员所在党组织');
        const { organization, organizationId } = await this.organizations.resolve(c.target);
        const data = decideTransferRequest(
          member,
          c.memberId,
          organization,
          organizationId,
          { transferId: c.transferId, reason: c.reason, requestedOn: c.requestedOn, toZoneJointCommittee: 'jointCommitteeOfZone' in c.target },
          chinaDate(this.clock.now()),
        );
        return { definition: MemberTransferRequested, data };
      },
      c.context,
    );
    return state;
  }
}

export class RequestTransferDto {
  @ApiPropertyOptional({ description: '转接编号；不填则自动生成' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  transferId?: string;

  @ApiPropertyOptional({ description: '接收党组织（与 toZoneJointCommitteeOf 二选一）' })
  @ValidateIf((o: RequestTransferDto) => o.toZoneJointCommitteeOf === undefined)
  @Matches(ID_PATTERN, { message: 'toOrganizationId 须为党组织编号（或改填 toZoneJointCommitteeOf）' })
  toOrganizationId?: string;

  @ApiPropertyOptional({ description: '转入该片区的联合党委/联合党支部（所在企业规模小、未建党组织）' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  toZoneJointCommitteeOf?: string;

  @MultiLineText()
  @ApiProperty({ description: '转接原因', example: '工作单位变动' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间' })
  reason!: string;

  @ApiProperty({ description: '申请日期', example: '2026-11-01' })
  @IsString({ message: 'requestedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  requestedOn!: string;
}
