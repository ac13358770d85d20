import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { MembershipApplicationWithdrawn } from '@pb/contracts';
import { CommandContext, PendingEvent } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { decideWithdrawal, Member } from '../../domain/member/member';
import { ExpectedVersionDto } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { MemberSteps } from './member-steps';

/** 本人撤回入党申请: the person leaves the pipeline of their own will. */
export class WithdrawApplication {
  constructor(
    readonly memberId: string,
    readonly request: { withdrawnOn: string },
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(WithdrawApplication)
export class WithdrawApplicationHandler implements ICommandHandler<WithdrawApplication, Member> {
  constructor(private readonly steps: MemberSteps) {}

  execute({ memberId, request, expectedVersion, actor, context }: WithdrawApplication): Promise<Member> {
    return this.steps.record(
      memberId,
      actor,
      expectedVersion,
      context,
      ({ member, today }) =>
        ({
          definition: MembershipApplicationWithdrawn,
          data: decideWithdrawal(member, memberId, request.withdrawnOn, today),
        }) as PendingEvent<never>,
    );
  }
}

export class WithdrawApplicationDto extends ExpectedVersionDto {
  @ApiProperty({ description: '撤回日期', example: '2026-03-01' })
  @IsString({ message: 'withdrawnOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  withdrawnOn!: string;
}
