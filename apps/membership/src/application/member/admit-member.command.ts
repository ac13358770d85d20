import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { MemberAdmittedAsFull } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideAdmissionAsFull, Member, requireMember } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { assertMayManage } from './member-access';

/** 预备党员转正 */
export class AdmitMemberAsFull {
  constructor(
    readonly memberId: string,
    readonly admittedOn: string,
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AdmitMemberAsFull)
export class AdmitMemberAsFullHandler implements ICommandHandler<AdmitMemberAsFull, Member> {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly clock: Clock,
  ) {}

  async execute({ memberId, admittedOn, expectedVersion, actor, context }: AdmitMemberAsFull): Promise<Member> {
    const { state } = await this.members.decideAndSave(
      memberId,
      (loaded) => {
        const member = requireMember(loaded.state, memberId);
        assertMayManage(actor, member, '该党员所在党组织');
        return { definition: MemberAdmittedAsFull, data: decideAdmissionAsFull(member, memberId, admittedOn, chinaDate(this.clock.now())) };
      },
      context,
      { expectedVersion },
    );
    return state;
  }
}

export class AdmitMemberDto {
  @ApiProperty({ description: '转正日期（须满一年预备期）', example: '2026-07-01' })
  @IsString({ message: 'admittedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  admittedOn!: string;

  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1)
  expectedVersion?: number;
}
