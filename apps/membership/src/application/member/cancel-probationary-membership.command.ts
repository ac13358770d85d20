import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { ProbationaryMembershipCancelled } from '@pb/contracts';
import { CommandContext, PendingEvent } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { decideProbationCancellation, Member } from '../../domain/member/member';
import { ExpectedVersionDto, IsId } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { MemberSteps } from './member-steps';

/** 取消预备党员资格, approved by a committee above. */
export class CancelProbationaryMembership {
  constructor(
    readonly memberId: string,
    readonly request: { cancelledOn: string; reason: string; approvingOrganizationId: string },
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CancelProbationaryMembership)
export class CancelProbationaryMembershipHandler implements ICommandHandler<CancelProbationaryMembership, Member> {
  constructor(private readonly steps: MemberSteps) {}

  execute({ memberId, request, expectedVersion, actor, context }: CancelProbationaryMembership): Promise<Member> {
    return this.steps.record(
      memberId,
      actor,
      expectedVersion,
      context,
      async ({ member, today, above }) =>
        ({
          definition: ProbationaryMembershipCancelled,
          data: decideProbationCancellation(member, memberId, request, await above(), today),
        }) as PendingEvent<never>,
    );
  }
}

export class CancelProbationaryMembershipDto extends ExpectedVersionDto {
  @ApiProperty({ description: '决定日期', example: '2027-03-01' })
  @IsString({ message: 'cancelledOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  cancelledOn!: string;

  @ApiProperty({ description: '取消的原因' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间' })
  reason!: string;

  @ApiProperty({ description: '审批的上级党委', example: 'org-taibailou-committee' })
  @IsId()
  approvingOrganizationId!: string;
}
