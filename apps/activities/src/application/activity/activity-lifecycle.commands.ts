import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ActivityCancelled, ActivityMinutesRecorded, ActivityPublished, CheckInCodeRotated } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Activity, decideCancel, decideMinutes, decidePublish, decideRotateCode } from '../../domain/activity/activity';
import { Activities } from '../../infrastructure/aggregates';

/** 发布活动 */
export class PublishActivity {
  constructor(readonly activityId: string, readonly expectedVersion: number | undefined, readonly context: CommandContext) {}
}

@CommandHandler(PublishActivity)
export class PublishActivityHandler implements ICommandHandler<PublishActivity, Activity> {
  constructor(@InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>) {}

  async execute({ activityId, expectedVersion, context }: PublishActivity): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: ActivityPublished, data: decidePublish(loaded.state, activityId) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}

/** 取消活动 */
export class CancelActivity {
  constructor(readonly activityId: string, readonly reason: string, readonly expectedVersion: number | undefined, readonly context: CommandContext) {}
}

@CommandHandler(CancelActivity)
export class CancelActivityHandler implements ICommandHandler<CancelActivity, Activity> {
  constructor(@InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>, private readonly clock: Clock) {}

  async execute({ activityId, reason, expectedVersion, context }: CancelActivity): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: ActivityCancelled, data: decideCancel(loaded.state, activityId, reason, this.clock.now()) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}

/** 记录活动纪要 */
export class RecordMinutes {
  constructor(readonly activityId: string, readonly minutes: string, readonly context: CommandContext) {}
}

@CommandHandler(RecordMinutes)
export class RecordMinutesHandler implements ICommandHandler<RecordMinutes, Activity> {
  constructor(@InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>, private readonly clock: Clock) {}

  async execute({ activityId, minutes, context }: RecordMinutes): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: ActivityMinutesRecorded, data: decideMinutes(loaded.state, activityId, minutes, this.clock.now()) }),
      context,
    );
    return state;
  }
}

/** 更换签到码 */
export class RotateCheckInCode {
  constructor(readonly activityId: string, readonly context: CommandContext) {}
}

@CommandHandler(RotateCheckInCode)
export class RotateCheckInCodeHandler implements ICommandHandler<RotateCheckInCode, Activity> {
  constructor(@InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>) {}

  async execute({ activityId, context }: RotateCheckInCode): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: CheckInCodeRotated, data: decideRotateCode(loaded.state, activityId) }),
      context,
    );
    return state;
  }
}
