import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { AdmissionRejected } from '@pb/contracts';
import { CommandContext, PendingEvent } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { decideRejection, Member } from '../../domain/member/member';
import { ExpectedVersionDto } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { MemberSteps } from './member-steps';

/** 不予接收, with the reason: the pipeline ends. */
export class RejectAdmission {
  constructor(
    readonly memberId: string,
    readonly request: { rejectedOn: string; reason: string },
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RejectAdmission)
export class RejectAdmissionHandler implements ICommandHandler<RejectAdmission, Member> {
  constructor(private readonly steps: MemberSteps) {}

  execute({ memberId, request, expectedVersion, actor, context }: RejectAdmission): Promise<Member> {
    return this.steps.record(
      memberId,
      actor,
      expectedVersion,
      context,
      ({ member, today }) =>
        ({
          definition: AdmissionRejected,
          data: decideRejection(member, memberId, request, today),
        }) as PendingEvent<never>,
    );
  }
}

export class RejectAdmissionDto extends ExpectedVersionDto {
  @ApiProperty({ description: '决定日期', example: '2026-05-20' })
  @IsString({ message: 'rejectedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  rejectedOn!: string;

  @ApiProperty({ description: '不予接收的原因' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间' })
  reason!: string;
}
