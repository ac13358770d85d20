import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ActivityScheduled } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { DomainError } from '@pb/platform/domain-error';
import { MembershipReference } from '@pb/membership-reference';
import { Activity, decideSchedule, ScheduleRequest } from '../../domain/activity/activity';
import { ActivityRepository, RoomRepository } from '../../infrastructure/snapshots/repositories';

export class ScheduleActivity {
  constructor(readonly request: ScheduleRequest, readonly context: CommandContext) {}
}

@CommandHandler(ScheduleActivity)
export class ScheduleActivityHandler implements ICommandHandler<ScheduleActivity, Activity> {
  constructor(private readonly activities: ActivityRepository, private readonly rooms: RoomRepository, private readonly views: MembershipReference) {}

  async execute({ request, context }: ScheduleActivity): Promise<Activity> {
    const loaded = await this.activities.load(request.activityId);
    const organizers = await this.views.organizationsById(request.organizerIds);
    if (request.roomId && !(await this.rooms.load(request.roomId)).state) {
      throw new DomainError('invalid', 'ROOM_NOT_FOUND', `功能室 ${request.roomId} 不存在`, { roomId: request.roomId });
    }
    const data = decideSchedule(loaded.state, organizers, request);
    const { state } = await this.activities.save(loaded, { definition: ActivityScheduled, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId ?? '' } }, context);
    return state;
  }
}
