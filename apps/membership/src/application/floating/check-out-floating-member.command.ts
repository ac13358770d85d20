import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { FloatingMemberCheckedOut } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideCheckOut, Member, requireMember } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { assertMayManage } from '../member/member-access';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';

/** 流动党员离开 the local organization. */
export class CheckOutFloatingMember {
  constructor(
    readonly memberId: string,
    readonly checkedOutOn: string,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CheckOutFloatingMember)
export class CheckOutFloatingMemberHandler implements ICommandHandler<CheckOutFloatingMember, Member> {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly clock: Clock,
  ) {}

  async execute(c: CheckOutFloatingMember): Promise<Member> {
    const { state } = await this.members.decideAndSave(
      c.memberId,
      (loaded) => {
        const member = requireMember(loaded.state, c.memberId);
        const data = decideCheckOut(member, c.memberId, c.checkedOutOn, chinaDate(this.clock.now()));
        const stay = member.floating!;
        assertMayManage(c.actor, stay, '报到的党组织');
        // Like the check-in, the check-out belongs to the organization the member leaves.
        return { definition: FloatingMemberCheckedOut, data, jurisdiction: { districtId: stay.districtId, zoneId: stay.zoneId ?? '' } };
      },
      c.context,
    );
    return state;
  }
}

export class CheckOutDto {
  @ApiProperty({ description: '离开日期', example: '2026-10-31' })
  @IsString({ message: 'checkedOutOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  checkedOutOn!: string;
}
