import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { ActivityMinutesRecorded } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock, MultiLineText } from '@pb/platform';
import { Activity, decideMinutes } from '../../domain/activity/activity';
import { Activities } from '../../infrastructure/aggregates';

/** 记录活动纪要 */
export class RecordMinutes {
  constructor(
    readonly activityId: string,
    readonly minutes: string,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordMinutes)
export class RecordMinutesHandler implements ICommandHandler<RecordMinutes, Activity> {
  constructor(
    @InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>,
    private readonly clock: Clock,
  ) {}

  async execute({ activityId, minutes, context }: RecordMinutes): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: ActivityMinutesRecorded, data: decideMinutes(loaded.state, activityId, minutes, this.clock.now()) }),
      context,
    );
    return state;
  }
}

export class MinutesDto {
  @MultiLineText()
  @ApiProperty()
  @IsString({ message: 'minutes 须为文本' })
  @Length(1, 5000, { message: 'minutes 长度须在 1 到 5000 之间' })
  minutes!: string;
}
