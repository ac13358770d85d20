import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ActivityPublished } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Activity, decidePublish } from '../../domain/activity/activity';
import { Activities } from '../../infrastructure/aggregates';
import { ExpectedVersionDto } from '../shared/common.dto';

/** 发布活动 */
export class PublishActivity {
  constructor(
    readonly activityId: string,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(PublishActivity)
export class PublishActivityHandler implements ICommandHandler<PublishActivity, Activity> {
  constructor(@InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>) {}

  async execute({ activityId, expectedVersion, context }: PublishActivity): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(activityId, (loaded) => ({ definition: ActivityPublished, data: decidePublish(loaded.state, activityId) }), context, {
      expectedVersion,
    });
    return state;
  }
}

export class PublishDto extends ExpectedVersionDto {}
