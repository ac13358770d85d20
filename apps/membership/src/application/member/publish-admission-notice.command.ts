import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { AdmissionNoticePublished } from '@pb/contracts';
import { CommandContext, PendingEvent } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { decideNotice, Member } from '../../domain/member/member';
import { ExpectedVersionDto } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { MemberSteps } from './member-steps';

/** 公示: the intended admission is posted for at least 5 working days. */
export class PublishAdmissionNotice {
  constructor(
    readonly memberId: string,
    readonly request: { startsOn: string; endsOn: string },
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(PublishAdmissionNotice)
export class PublishAdmissionNoticeHandler implements ICommandHandler<PublishAdmissionNotice, Member> {
  constructor(private readonly steps: MemberSteps) {}

  execute({ memberId, request, expectedVersion, actor, context }: PublishAdmissionNotice): Promise<Member> {
    return this.steps.record(
      memberId,
      actor,
      expectedVersion,
      context,
      ({ member, today }) =>
        ({
          definition: AdmissionNoticePublished,
          data: decideNotice(member, memberId, request, today),
        }) as PendingEvent<never>,
    );
  }
}

export class PublishAdmissionNoticeDto extends ExpectedVersionDto {
  @ApiProperty({ description: '公示开始日期', example: '2026-05-11' })
  @IsString({ message: 'startsOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  startsOn!: string;

  @ApiProperty({ description: '公示结束日期（不少于 5 个工作日）', example: '2026-05-15' })
  @IsString({ message: 'endsOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  endsOn!: string;
}
