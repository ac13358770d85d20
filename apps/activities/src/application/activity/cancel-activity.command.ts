import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ActivityCancelled } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Activity, decideCancel } from '../../domain/activity/activity';
import { Activities } from '../../infrastructure/aggregates';
import { RoomSlots } from '../room/room-slots';

/** 取消活动: the event first, then its room slots are freed (a crash in between leaves claims that the next booker may take over). */
export class CancelActivity {
  constructor(
    readonly activityId: string,
    readonly reason: string,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CancelActivity)
export class CancelActivityHandler implements ICommandHandler<CancelActivity, Activity> {
  constructor(
    @InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>,
    private readonly clock: Clock,
    private readonly slots: RoomSlots,
  ) {}

  async execute({ activityId, reason, expectedVersion, context }: CancelActivity): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: ActivityCancelled, data: decideCancel(loaded.state, activityId, reason, this.clock.now()) }),
      context,
      { expectedVersion },
    );
    await this.slots.settleActivity(activityId, state);
    return state;
  }
}
