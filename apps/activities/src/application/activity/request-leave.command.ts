import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { LeaveRequested } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Activity, decideLeave } from '../../domain/activity/activity';
import { Activities } from '../../infrastructure/aggregates';
import { MemberRefDto } from '../shared/common.dto';

/** 请假 */
export class RequestLeave {
  constructor(
    readonly activityId: string,
    readonly memberId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RequestLeave)
export class RequestLeaveHandler implements ICommandHandler<RequestLeave, Activity> {
  constructor(
    @InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>,
    private readonly clock: Clock,
  ) {}

  async execute({ activityId, memberId, reason, context }: RequestLeave): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: LeaveRequested, data: decideLeave(loaded.state, activityId, memberId, reason, this.clock.now()) }),
      context,
    );
    return state;
  }
}

export class LeaveDto extends MemberRefDto {
  @ApiProperty()
  @IsString({ message: 'reason 须为文本' })
  @Length(1, 200, { message: 'reason 长度须在 1 到 200 之间' })
  reason!: string;
}
