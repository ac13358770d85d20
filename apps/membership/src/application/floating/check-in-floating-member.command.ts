import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { FloatingMemberCheckedIn } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideCheckIn, Member, requireMember } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { assertMayManage } from '../member/member-access';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';

/** 流动党员报到 with a local organization. */
export class CheckInFloatingMember {
  constructor(
    readonly memberId: string,
    readonly organizationId: string,
    readonly homeOrganizationName: string,
    readonly checkedInOn: string,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CheckInFloatingMember)
export class CheckInFloatingMemberHandler implements ICommandHandler<CheckInFloatingMember, Member> {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly organizations: MemberOrganizations,
    private readonly clock: Clock,
  ) {}

  async execute(c: CheckInFloatingMember): Promise<Member> {
    const org = await this.organizations.find(c.organizationId);
    const { state } = await this.members.decideAndSave(
      c.memberId,
      (loaded) => {
        requireMember(loaded.state, c.memberId);
        const data = decideCheckIn(loaded.state, c.memberId, org, c.organizationId, c.homeOrganizationName, c.checkedInOn, chinaDate(this.clock.now()));
        assertMayManage(c.actor, org!, '报到的党组织');
        // The check-in belongs to the organization reported to, not to the member's own.
        return { definition: FloatingMemberCheckedIn, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId ?? '' } };
      },
      c.context,
    );
    return state;
  }
}

export class CheckInDto {
  @ApiPropertyOptional({ description: '报到的本地党组织；不填则为党员所在党组织' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  organizationId?: string;

  @ApiProperty({ description: '组织关系所在的原党组织（流出地）', example: '菏泽市牡丹区某村党支部' })
  @IsString({ message: 'homeOrganizationName 须为字符串' })
  @Length(1, 100, { message: 'homeOrganizationName 长度须在 1 到 100 之间' })
  homeOrganizationName!: string;

  @ApiProperty({ description: '报到日期', example: '2026-03-02' })
  @IsString({ message: 'checkedInOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  checkedInOn!: string;
}
