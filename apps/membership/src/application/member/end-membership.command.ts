import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateIf } from 'class-validator';
import { MEMBERSHIP_END_KINDS, MembershipEnded, MembershipEndKind } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, assertInScope, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideEnding, EndingRequest, Member, requireMember } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { assertMayManage } from './member-access';

/** 党籍终止: 停止党籍、出党、除名、退党、死亡、转出本市, each with its date and approving organization. */
export class EndMembership {
  constructor(
    readonly memberId: string,
    readonly request: EndingRequest,
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(EndMembership)
export class EndMembershipHandler implements ICommandHandler<EndMembership, Member> {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly organizations: MemberOrganizations,
    private readonly clock: Clock,
  ) {}

  async execute({ memberId, request, expectedVersion, actor, context }: EndMembership): Promise<Member> {
    const { state } = await this.members.decideAndSave(
      memberId,
      async (loaded) => {
        const member = requireMember(loaded.state, memberId);
        assertMayManage(actor, member, '该党员所在党组织');
        const approving = await this.organizations.find(request.approvingOrganizationId);
        // The approving organization is one the caller may name: another jurisdiction's is a 403, not a lookup.
        if (approving) assertInScope(actor, approving, `批准组织 ${request.approvingOrganizationId} `);
        return { definition: MembershipEnded, data: decideEnding(member, memberId, approving, request, chinaDate(this.clock.now())) };
      },
      context,
      { expectedVersion },
    );
    return state;
  }
}

export class EndMembershipDto {
  @ApiProperty({
    enum: MEMBERSHIP_END_KINDS,
    description: '终止方式：STOPPED 停止党籍 / EXPELLED 开除党籍（出党） / REMOVED 除名 / WITHDRAWN 退党 / DECEASED 死亡 / TRANSFERRED_OUT 转出本市',
  })
  @IsIn(MEMBERSHIP_END_KINDS, { message: `kind 必须是以下之一：${MEMBERSHIP_END_KINDS.join(', ')}` })
  kind!: MembershipEndKind;

  @ApiProperty({ description: '终止日期（批准日期、死亡日期或转出日期）', example: '2026-12-01' })
  @IsString({ message: 'endedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  endedOn!: string;

  @ApiProperty({ description: '批准组织（已登记的党组织）', example: 'org-taibailou-committee' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  approvingOrganizationId!: string;

  @ApiPropertyOptional({ description: '组织关系介绍信编号（仅转出本市时填写，且必填）', nullable: true, example: '济组转〔2026〕118号' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'letterNumber 须为字符串' })
  @Length(1, 50, { message: 'letterNumber 长度须在 1 到 50 之间' })
  letterNumber?: string | null;

  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1, { message: 'expectedVersion 不能小于 1' })
  expectedVersion?: number;
}
