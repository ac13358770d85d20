import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ActivityCancelled, ActivityMinutesRecorded, ActivityPublished, CheckInCodeRotated } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Activity, decideCancel, decideMinutes, decidePublish, decideRotateCode } from '../../domain/activity/activity';
import { ActivityRepository } from '../../infrastructure/snapshots/repositories';

const where = (a: Activity) => ({ districtId: a.districtId, zoneId: a.zoneId ?? '' });

/** 发布活动 */
export class PublishActivity {
  constructor(readonly activityId: string, readonly expectedVersion: number | undefined, readonly context: CommandContext) {}
}

@CommandHandler(PublishActivity)
export class PublishActivityHandler implements ICommandHandler<PublishActivity, Activity> {
  constructor(private readonly activities: ActivityRepository) {}

  async execute({ activityId, expectedVersion, context }: PublishActivity): Promise<Activity> {
    const loaded = await this.activities.load(activityId);
    const data = decidePublish(loaded.state, activityId);
    const base = expectedVersion === undefined ? loaded : { ...loaded, version: expectedVersion };
    return (await this.activities.save(base, { definition: ActivityPublished, data, jurisdiction: where(loaded.state!) }, context)).state;
  }
}

/** 取消活动 */
export class CancelActivity {
  constructor(readonly activityId: string, readonly reason: string, readonly expectedVersion: number | undefined, readonly context: CommandContext) {}
}

@CommandHandler(CancelActivity)
export class CancelActivityHandler implements ICommandHandler<CancelActivity, Activity> {
  constructor(private readonly activities: ActivityRepository, private readonly clock: Clock) {}

  async execute({ activityId, reason, expectedVersion, context }: CancelActivity): Promise<Activity> {
    const loaded = await this.activities.load(activityId);
    const data = decideCancel(loaded.state, activityId, reason, this.clock.now());
    const base = expectedVersion === undefined ? loaded : { ...loaded, version: expectedVersion };
    return (await this.activities.save(base, { definition: ActivityCancelled, data, jurisdiction: where(loaded.state!) }, context)).state;
  }
}

/** 记录活动纪要 */
export class RecordMinutes {
  constructor(readonly activityId: string, readonly minutes: string, readonly context: CommandContext) {}
}

@CommandHandler(RecordMinutes)
export class RecordMinutesHandler implements ICommandHandler<RecordMinutes, Activity> {
  constructor(private readonly activities: ActivityRepository, private readonly clock: Clock) {}

  async execute({ activityId, minutes, context }: RecordMinutes): Promise<Activity> {
    return this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: ActivityMinutesRecorded, data: decideMinutes(loaded.state, activityId, minutes, this.clock.now()), jurisdiction: where(loaded.state!) }),
      context,
    );
  }
}

/** 更换签到码 */
export class RotateCheckInCode {
  constructor(readonly activityId: string, readonly context: CommandContext) {}
}

@CommandHandler(RotateCheckInCode)
export class RotateCheckInCodeHandler implements ICommandHandler<RotateCheckInCode, Activity> {
  constructor(private readonly activities: ActivityRepository) {}

  async execute({ activityId, context }: RotateCheckInCode): Promise<Activity> {
    return this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: CheckInCodeRotated, data: decideRotateCode(loaded.state, activityId), jurisdiction: where(loaded.state!) }),
      context,
    );
  }
}
