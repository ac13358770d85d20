import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { ActivityRescheduled } from '@pb/contracts';
import { AggregateRepository, CommandContext, ConcurrencyConflictError, InjectAggregate } from '@pb/messaging';
import { Actor, assertInScope, Clock } from '@pb/platform';
import { Activity, decideReschedule, RescheduleRequest } from '../../domain/activity/activity';
import { decideRoomReservation, Room } from '../../domain/room/room';
import { Activities, Rooms } from '../../infrastructure/aggregates';
import { activityHolder, RoomSlots } from '../room/room-slots';
import { ExpectedVersionDto, ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

/** 活动改期: a new time, venue or room before the activity starts. */
export class RescheduleActivity {
  constructor(
    readonly activityId: string,
    readonly request: RescheduleRequest,
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

/**
 * The new room slots are claimed before the event is stored (slots the activity already holds
 * stay its own); once stored, the slots it no longer covers are freed. A failed write frees what
 * the claim took and the stored activity does not cover. A crash before the freeing leaves old
 * claims that others may take over (RoomSlots).
 */
@CommandHandler(RescheduleActivity)
export class RescheduleActivityHandler implements ICommandHandler<RescheduleActivity, Activity> {
  constructor(
    @InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>,
    @InjectAggregate(Rooms) private readonly rooms: AggregateRepository<Room>,
    private readonly slots: RoomSlots,
    private readonly clock: Clock,
  ) {}

  async execute({ activityId, request, expectedVersion, actor, context }: RescheduleActivity): Promise<Activity> {
    const loaded = await this.activities.load(activityId);
    if (expectedVersion !== undefined && loaded.version !== expectedVersion) throw new ConcurrencyConflictError(activityId, expectedVersion);
    const data = decideReschedule(loaded.state, activityId, request, this.clock.now());
    if (data.roomId) {
      const room = (await this.rooms.load(data.roomId)).state;
      const { slots } = decideRoomReservation(room, data.roomId, data.startsAt, data.endsAt);
      assertInScope(actor, room!, `功能室 ${data.roomId} `);
      await this.slots.reserve(room!, slots, activityHolder(activityId));
    }
    let state: Activity;
    try {
      state = (await this.activities.save(loaded, { definition: ActivityRescheduled, data }, context)).state;
    } catch (error) {
      await this.slots.settleActivity(activityId);
      throw error;
    }
    await this.slots.settleActivity(activityId, state);
    return state;
  }
}

export class RescheduleActivityDto extends ExpectedVersionDto {
  @ApiProperty({ example: '2026-07-02T09:00:00+08:00' })
  @IsDateString({ strict: true }, { message: 'startsAt 须为 ISO 8601 时间' })
  startsAt!: string;

  @ApiProperty({ example: '2026-07-02T11:00:00+08:00' })
  @IsDateString({ strict: true }, { message: 'endsAt 须为 ISO 8601 时间' })
  endsAt!: string;

  @ApiPropertyOptional({ description: '新的地点；不填则不变' })
  @IsOptional()
  @IsString({ message: 'venue 须为文本' })
  @Length(1, 200, { message: 'venue 长度须在 1 到 200 之间' })
  venue?: string;

  @ApiPropertyOptional({ nullable: true, description: '新的功能室编号；不填则不变，null 为不再使用功能室' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  roomId?: string | null;
}
