import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ProbationExtended } from '@pb/contracts';
import { CommandContext, PendingEvent } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { decideProbationExtension, Member } from '../../domain/member/member';
import { ExpectedVersionDto, IsId } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { MemberSteps } from './member-steps';

/** 延长预备期: at most a year, once, approved by a committee above. */
export class ExtendProbation {
  constructor(
    readonly memberId: string,
    readonly request: { extendedOn: string; months: number; reason: string; approvingOrganizationId: string },
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ExtendProbation)
export class ExtendProbationHandler implements ICommandHandler<ExtendProbation, Member> {
  constructor(private readonly steps: MemberSteps) {}

  execute({ memberId, request, expectedVersion, actor, context }: ExtendProbation): Promise<Member> {
    return this.steps.record(
      memberId,
      actor,
      expectedVersion,
      context,
      async ({ member, today, above }) =>
        ({
          definition: ProbationExtended,
          data: decideProbationExtension(member, memberId, request, await above(), today),
        }) as PendingEvent<never>,
    );
  }
}

export class ExtendProbationDto extends ExpectedVersionDto {
  @ApiProperty({ description: '决定日期', example: '2027-07-01' })
  @IsString({ message: 'extendedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  extendedOn!: string;

  @ApiProperty({ description: '延长的月数（1-12）', example: 6 })
  @IsInt({ message: 'months 须为整数' })
  @Min(1, { message: 'months 不能小于 1' })
  @Max(12, { message: 'months 不能大于 12（预备期最长延长一年）' })
  months!: number;

  @ApiProperty({ description: '延长的原因' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间' })
  reason!: string;

  @ApiProperty({ description: '审批的上级党委', example: 'org-taibailou-committee' })
  @IsId()
  approvingOrganizationId!: string;
}
