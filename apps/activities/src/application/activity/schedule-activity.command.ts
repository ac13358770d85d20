import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ActivityScheduled } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { DomainError } from '@pb/platform/domain-error';
import { MembershipReference } from '@pb/membership-reference';
import { Activity, decideSchedule, ScheduleRequest } from '../../domain/activity/activity';
import type { Room } from '../../domain/room/room';
import { Activities, Rooms } from '../../infrastructure/aggregates';

export class ScheduleActivity {
  constructor(readonly request: ScheduleRequest, readonly context: CommandContext) {}
}

@CommandHandler(ScheduleActivity)
export class ScheduleActivityHandler implements ICommandHandler<ScheduleActivity, Activity> {
  constructor(
    @InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>,
    @InjectAggregate(Rooms) private readonly rooms: AggregateRepository<Room>,
    private readonly views: MembershipReference,
  ) {}

  async execute({ request, context }: ScheduleActivity): Promise<Activity> {
    const organizers = await this.views.organizationsById(request.organizerIds);
    if (request.roomId && !(await this.rooms.load(request.roomId)).state) {
      throw new DomainError('invalid', 'ROOM_NOT_FOUND', `功能室 ${request.roomId} 不存在`, { roomId: request.roomId });
    }
    const { state } = await this.activities.decideAndSave(
      request.activityId,
      (loaded) => ({ definition: ActivityScheduled, data: decideSchedule(loaded.state, organizers, request) }),
      context,
    );
    return state;
  }
}
