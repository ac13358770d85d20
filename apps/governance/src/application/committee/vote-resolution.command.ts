import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ResolutionActionPlan, ResolutionVoted } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope, MultiLineText } from '@pb/platform';
import { CommitteeMeeting, decideResolution, Resolution } from '../../domain/committee/committee';
import { Meetings, Resolutions } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { DATE_PATTERN, ID_PATTERN, lengthMessage, OptionalId } from '../shared/common.dto';

/** 决议表决 at a held meeting, with the follow-up actions it decides. */
export class VoteResolution {
  constructor(
    readonly request: { resolutionId: string; meetingId: string; title: string; votesFor: number; votesAgainst: number; abstentions: number; actions: ResolutionActionPlan[] },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(VoteResolution)
export class VoteResolutionHandler implements ICommandHandler<VoteResolution, Resolution> {
  constructor(
    @InjectAggregate(Resolutions) private readonly resolutions: AggregateRepository<Resolution>,
    @InjectAggregate(Meetings) private readonly meetings: AggregateRepository<CommitteeMeeting>,
  ) {}

  async execute({ request, caller }: VoteResolution): Promise<Resolution> {
    const meeting = (await this.meetings.load(request.meetingId)).state;
    if (meeting) assertInScope(caller.actor, meeting, '该会议');
    const { state } = await this.resolutions.decideAndSave(
      request.resolutionId,
      (loaded) => ({ definition: ResolutionVoted, data: decideResolution(loaded.state, meeting, request) }),
      caller.context,
    );
    return state;
  }
}

export class ActionPlanDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: 'actions.actionId 只能包含字母、数字、下划线和连字符（1-64 位）' }) actionId!: string;
  @MultiLineText() @ApiProperty() @IsString({ message: 'actions.description 须为字符串' }) @Length(1, 500, lengthMessage('actions.description', 1, 500)) description!: string;
  @ApiProperty({ description: '负责人：委员会成员或部门编号' }) @Matches(ID_PATTERN, { message: 'actions.ownerId 只能包含字母、数字、下划线和连字符（1-64 位）' }) ownerId!: string;
  @ApiProperty({ description: '完成期限 YYYY-MM-DD' }) @Matches(DATE_PATTERN, { message: 'actions.dueOn 须为 YYYY-MM-DD 格式的日期' }) dueOn!: string;
}

const voteCount = (field: string) => [
  IsInt({ message: `${field} 须为 0 到 1000 的整数` }),
  Min(0, { message: `${field} 须为 0 到 1000 的整数` }),
  Max(1000, { message: `${field} 须为 0 到 1000 的整数` }),
];

function VoteCount(field: string): PropertyDecorator {
  return (target, key) => voteCount(field).forEach((d) => d(target, key));
}

export class VoteResolutionDto {
  @ApiPropertyOptional({ description: '决议编号；不填则自动生成' }) @OptionalId() resolutionId?: string;
  @ApiProperty({ description: '决议事项' }) @IsString({ message: 'title 须为字符串' }) @Length(1, 200, lengthMessage('title', 1, 200)) title!: string;
  @ApiProperty() @VoteCount('votesFor') votesFor!: number;
  @ApiProperty() @VoteCount('votesAgainst') votesAgainst!: number;
  @ApiProperty() @VoteCount('abstentions') abstentions!: number;
  @ApiPropertyOptional({ type: [ActionPlanDto], description: '跟进事项' })
  @IsOptional()
  @IsArray({ message: 'actions 须为数组' })
  @ArrayMaxSize(50, { message: 'actions 最多 50 项' })
  @ValidateNested({ each: true })
  @Type(() => ActionPlanDto)
  actions?: ActionPlanDto[];
}
