import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { CommitteeMeetingHeld } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope, Clock, MultiLineText } from '@pb/platform';
import { Committee, CommitteeMeeting, decideMeetingHeld } from '../../domain/committee/committee';
import { Committees, Meetings } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { ID_PATTERN, lengthMessage } from '../shared/common.dto';

/** 会议召开, with attendance. */
export class RecordMeetingHeld {
  constructor(
    readonly request: { meetingId: string; presentMemberIds: string[]; minutes: string | null },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(RecordMeetingHeld)
export class RecordMeetingHeldHandler implements ICommandHandler<RecordMeetingHeld, CommitteeMeeting> {
  constructor(
    @InjectAggregate(Meetings) private readonly meetings: AggregateRepository<CommitteeMeeting>,
    @InjectAggregate(Committees) private readonly committees: AggregateRepository<Committee>,
    private readonly clock: Clock,
  ) {}

  async execute({ request, caller }: RecordMeetingHeld): Promise<CommitteeMeeting> {
    const { state } = await this.meetings.decideAndSave(
      request.meetingId,
      async (loaded) => {
        if (loaded.state) assertInScope(caller.actor, loaded.state, '该会议');
        const committee = loaded.state ? (await this.committees.load(loaded.state.committeeId)).state : null;
        return { definition: CommitteeMeetingHeld, data: decideMeetingHeld(loaded.state, committee, request, this.clock.now()) };
      },
      caller.context,
    );
    return state;
  }
}

export class MeetingHeldDto {
  @ApiProperty({ description: '出席成员编号', type: [String] })
  @IsArray({ message: 'presentMemberIds 须为数组' })
  @ArrayMaxSize(200, { message: 'presentMemberIds 最多 200 项' })
  @Matches(ID_PATTERN, { each: true, message: 'presentMemberIds 的每一项只能包含字母、数字、下划线和连字符（1-64 位）' })
  presentMemberIds!: string[];
  @MultiLineText()
  @ApiPropertyOptional({ description: '会议纪要', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'minutes 须为字符串' })
  @Length(1, 5000, lengthMessage('minutes', 1, 5000))
  minutes?: string | null;
}
