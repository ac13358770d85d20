import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ActivityPublished } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
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
  constructor(
    @InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>,
    private readonly views: MembershipReference,
  ) {}

  async execute({ activityId, expectedVersion, context }: PublishActivity): Promise<Activity> {
    // The organizers never change after scheduling, so whether one was dissolved is read once, before deciding.
    const organizerIds = (await this.activities.load(activityId)).state?.organizerIds ?? [];
    const organizers = await this.views.organizationsById(organizerIds);
    const dissolved = organizerIds.filter((_, i) => organizers[i]?.dissolved);
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: ActivityPublished, data: decidePublish(loaded.state, activityId, dissolved) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}

export class PublishDto extends ExpectedVersionDto {}
