import { ForbiddenException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ACTIVITY_KINDS, ActivityKind, ActivityScheduled } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, assertInScope } from '@pb/platform';
import { Activity, decideSchedule, ScheduleRequest } from '../../domain/activity/activity';
import { decideRoomReservation, Room } from '../../domain/room/room';
import { Activities, Rooms } from '../../infrastructure/aggregates';
import { activityHolder, RoomSlots } from '../room/room-slots';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

export class ScheduleActivity {
  constructor(
    readonly request: ScheduleRequest,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ScheduleActivity)
export class ScheduleActivityHandler implements ICommandHandler<ScheduleActivity, Activity> {
  constructor(
    @InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>,
    @InjectAggregate(Rooms) private readonly rooms: AggregateRepository<Room>,
    private readonly views: MembershipReference,
    private readonly slots: RoomSlots,
  ) {}

  async execute({ request, actor, context }: ScheduleActivity): Promise<Activity> {
    // Organization-life compliance credits every organizer 主办/合办组织, so each is one the caller may act for:
    // a secretary their own organization only (before anything is read), an admin those in their jurisdiction.
    if (actor.role === 'ORG_SECRETARY') {
      const others = request.organizerIds.filter((id) => id !== actor.organizationId);
      if (others.length > 0)
        throw new ForbiddenException(`书记只能以本组织（${actor.organizationId ?? '未指定'}）名义主办活动，不能代 ${others.join('、')} 主办；多组织合办的活动请由管理员创建`);
    }
    const organizers = await this.views.organizationsById(request.organizerIds);
    for (const organizer of organizers) if (organizer) assertInScope(actor, organizer, `主办组织 ${organizer.organizationId} `);
    const loaded = await this.activities.load(request.activityId);
    const data = decideSchedule(loaded.state, organizers, request);
    if (!data.roomId) return (await this.activities.save(loaded, { definition: ActivityScheduled, data }, context)).state;
    // 在功能室举办: the room's slots are claimed before the event is stored, as a booking's are.
    const room = (await this.rooms.load(data.roomId)).state;
    const { slots } = decideRoomReservation(room, data.roomId, data.startsAt, data.endsAt);
    assertInScope(actor, room!, `功能室 ${data.roomId} `);
    await this.slots.reserve(room!, slots, activityHolder(data.activityId));
    try {
      return (await this.activities.save(loaded, { definition: ActivityScheduled, data }, context)).state;
    } catch (error) {
      // Keep only what the stored activity (if another request created it) covers.
      await this.slots.settleActivity(data.activityId);
      throw error;
    }
  }
}

export class ScheduleActivityDto {
  @ApiPropertyOptional({ description: '活动编号；不填则自动生成' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  activityId?: string;

  @ApiProperty({ enum: ACTIVITY_KINDS })
  @IsIn(ACTIVITY_KINDS, { message: `kind 必须是以下之一：${ACTIVITY_KINDS.join(', ')}` })
  kind!: ActivityKind;

  @ApiProperty({ example: '“亮身份、作承诺”主题党日' })
  @IsString({ message: 'title 须为文本' })
  @Length(1, 100, { message: 'title 长度须在 1 到 100 之间' })
  title!: string;

  @ApiProperty({ description: '主办组织编号，第一个为牵头组织；联盟共办活动至少两个', type: [String] })
  @IsArray({ message: 'organizerIds 须为数组' })
  @ArrayMinSize(1, { message: 'organizerIds 至少一个' })
  @ArrayMaxSize(20, { message: 'organizerIds 最多 20 个' })
  @Matches(ID_PATTERN, { each: true, message: 'organizerIds 的每一项只能包含字母、数字、下划线和连字符' })
  organizerIds!: string[];

  @ApiProperty({ example: '万达广场党群服务站' })
  @IsString({ message: 'venue 须为文本' })
  @Length(1, 200, { message: 'venue 长度须在 1 到 200 之间' })
  venue!: string;

  @ApiPropertyOptional({ nullable: true, description: '党群服务中心功能室编号；在功能室举办的活动占用其开放时间内的时段，与预约或其他活动冲突为 409' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  roomId?: string | null;

  @ApiProperty({ example: '2026-07-01T09:00:00+08:00' })
  @IsDateString({ strict: true }, { message: 'startsAt 须为 ISO 8601 时间' })
  startsAt!: string;

  @ApiProperty({ example: '2026-07-01T11:00:00+08:00' })
  @IsDateString({ strict: true }, { message: 'endsAt 须为 ISO 8601 时间' })
  endsAt!: string;

  @ApiPropertyOptional({ nullable: true, description: '名额；不填为不限' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'capacity 须为整数' })
  @Min(1, { message: 'capacity 最小为 1' })
  @Max(5000, { message: 'capacity 最大为 5000' })
  capacity?: number | null;

  @ApiPropertyOptional({ type: [String], description: '议程' })
  @IsOptional()
  @IsArray({ message: 'agenda 须为数组' })
  @ArrayMaxSize(30, { message: 'agenda 最多 30 项' })
  @IsString({ each: true, message: 'agenda 的每一项须为文本' })
  @Length(1, 200, { each: true, message: 'agenda 每一项长度须在 1 到 200 之间' })
  agenda?: string[];
}
