import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { CommitteeMeetingScheduled } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope, MultiLineText } from '@pb/platform';
import { Committee, CommitteeMeeting, decideMeeting } from '../../domain/committee/committee';
import { Committees, Meetings } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { lengthMessage, OptionalId } from '../shared/common.dto';

/** 安排共治会议 */
export class ScheduleMeeting {
  constructor(
    readonly request: { meetingId: string; committeeId: string; title: string; agenda: string | null; scheduledAt: string },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(ScheduleMeeting)
export class ScheduleMeetingHandler implements ICommandHandler<ScheduleMeeting, CommitteeMeeting> {
  constructor(
    @InjectAggregate(Meetings) private readonly meetings: AggregateRepository<CommitteeMeeting>,
    @InjectAggregate(Committees) private readonly committees: AggregateRepository<Committee>,
  ) {}

  async execute({ request, caller }: ScheduleMeeting): Promise<CommitteeMeeting> {
    const committee = (await this.committees.load(request.committeeId)).state;
    if (committee) assertInScope(caller.actor, committee, '该共治委员会');
    const { state } = await this.meetings.decideAndSave(
      request.meetingId,
      (loaded) => ({ definition: CommitteeMeetingScheduled, data: decideMeeting(loaded.state, committee, request) }),
      caller.context,
    );
    return state;
  }
}

export class ScheduleMeetingDto {
  @ApiPropertyOptional({ description: '会议编号；不填则自动生成' }) @OptionalId() meetingId?: string;
  @ApiProperty({ description: '会议名称' }) @IsString({ message: 'title 须为字符串' }) @Length(1, 100, lengthMessage('title', 1, 100)) title!: string;
  @MultiLineText()
  @ApiPropertyOptional({ description: '议程', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'agenda 须为字符串' })
  @Length(1, 2000, lengthMessage('agenda', 1, 2000))
  agenda?: string | null;
  @ApiProperty({ description: '时间（ISO 8601）' }) @IsISO8601({ strict: true }, { message: 'scheduledAt 须为 ISO 8601 日期时间' }) scheduledAt!: string;
}
