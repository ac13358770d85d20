import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { PoliticalReviewPassed } from '@pb/contracts';
import { CommandContext, PendingEvent } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { decidePoliticalReview, Member } from '../../domain/member/member';
import { ExpectedVersionDto, IsId } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { MemberSteps } from './member-steps';

/** 政治审查: the review of a development target concluded as passed, by an organization. */
export class RecordPoliticalReview {
  constructor(
    readonly memberId: string,
    readonly request: { passedOn: string; reviewingOrganizationId: string },
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordPoliticalReview)
export class RecordPoliticalReviewHandler implements ICommandHandler<RecordPoliticalReview, Member> {
  constructor(private readonly steps: MemberSteps) {}

  execute({ memberId, request, expectedVersion, actor, context }: RecordPoliticalReview): Promise<Member> {
    return this.steps.record(
      memberId,
      actor,
      expectedVersion,
      context,
      async ({ member, today }) =>
        ({
          definition: PoliticalReviewPassed,
          data: decidePoliticalReview(member, memberId, request, await this.steps.find(request.reviewingOrganizationId), today),
        }) as PendingEvent<never>,
    );
  }
}

export class RecordPoliticalReviewDto extends ExpectedVersionDto {
  @ApiProperty({ description: '政治审查结论日期', example: '2026-05-03' })
  @IsString({ message: 'passedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  passedOn!: string;

  @ApiProperty({ description: '作出审查结论的党组织', example: 'org-wanda-branch' })
  @IsId()
  reviewingOrganizationId!: string;
}
