import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { AdmissionApproved } from '@pb/contracts';
import { CommandContext, PendingEvent } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { decideAdmissionApproval, Member } from '../../domain/member/member';
import { ExpectedVersionDto, IsId } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { MemberSteps } from './member-steps';

/** 上级党委审批: a committee above the member organization approves the admission. */
export class ApproveAdmission {
  constructor(
    readonly memberId: string,
    readonly request: { approvedOn: string; approvingOrganizationId: string },
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ApproveAdmission)
export class ApproveAdmissionHandler implements ICommandHandler<ApproveAdmission, Member> {
  constructor(private readonly steps: MemberSteps) {}

  execute({ memberId, request, expectedVersion, actor, context }: ApproveAdmission): Promise<Member> {
    return this.steps.record(
      memberId,
      actor,
      expectedVersion,
      context,
      async ({ member, today, above }) =>
        ({
          definition: AdmissionApproved,
          data: decideAdmissionApproval(member, memberId, request, await above(), today),
        }) as PendingEvent<never>,
    );
  }
}

export class ApproveAdmissionDto extends ExpectedVersionDto {
  @ApiProperty({ description: '审批日期（公示期满之后）', example: '2026-05-20' })
  @IsString({ message: 'approvedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  approvedOn!: string;

  @ApiProperty({ description: '审批的上级党委', example: 'org-taibailou-committee' })
  @IsId()
  approvingOrganizationId!: string;
}
