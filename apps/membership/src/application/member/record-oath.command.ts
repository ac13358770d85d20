import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { OathTaken } from '@pb/contracts';
import { CommandContext, PendingEvent } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { decideOath, Member } from '../../domain/member/member';
import { ExpectedVersionDto } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { MemberSteps } from './member-steps';

/** 入党宣誓 of a probationary member. */
export class RecordOath {
  constructor(
    readonly memberId: string,
    readonly request: { takenOn: string },
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordOath)
export class RecordOathHandler implements ICommandHandler<RecordOath, Member> {
  constructor(private readonly steps: MemberSteps) {}

  execute({ memberId, request, expectedVersion, actor, context }: RecordOath): Promise<Member> {
    return this.steps.record(
      memberId,
      actor,
      expectedVersion,
      context,
      ({ member, today }) =>
        ({
          definition: OathTaken,
          data: decideOath(member, memberId, request.takenOn, today),
        }) as PendingEvent<never>,
    );
  }
}

export class RecordOathDto extends ExpectedVersionDto {
  @ApiProperty({ description: '宣誓日期', example: '2026-07-01' })
  @IsString({ message: 'takenOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  takenOn!: string;
}
