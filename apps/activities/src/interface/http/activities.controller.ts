import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, assertInScope, CommandCtx, CurrentActor, RequestCommandContext, Roles } from '@pb/platform';
import { attendanceOfActivity } from '../../application/activity/activity-view';
import { CancelActivity } from '../../application/activity/cancel-activity.command';
import { CheckIn, CheckInDto } from '../../application/activity/check-in.command';
import { CheckOut, CheckOutDto } from '../../application/activity/check-out.command';
import { CalendarDto, GetActivityCalendar } from '../../application/activity/get-activity-calendar.query';
import { GetCheckInCode } from '../../application/activity/get-check-in-code.query';
import { PublishActivity, PublishDto } from '../../application/activity/publish-activity.command';
import { MinutesDto, RecordMinutes } from '../../application/activity/record-minutes.command';
import { LeaveDto, RequestLeave } from '../../application/activity/request-leave.command';
import { RescheduleActivity, RescheduleActivityDto } from '../../application/activity/reschedule-activity.command';
import { RotateCheckInCode } from '../../application/activity/rotate-check-in-code.command';
import { ScheduleActivity, ScheduleActivityDto } from '../../application/activity/schedule-activity.command';
import { SignUp } from '../../application/activity/sign-up.command';
import { WithdrawSignUp } from '../../application/activity/withdraw-sign-up.command';
import { GetRecord } from '../../application/records/get-record.query';
import { ID_PATTERN, MemberRefDto, ReasonDto } from '../../application/shared/common.dto';
import { Doc, strip } from '../../application/shared/reads';
import { requireMember } from '../../application/shared/require-member';
import type { Activity } from '../../domain/activity/activity';
import { assertMayActFor, assertMayManage, MANAGERS, scopedFilter } from './access';

/** What callers see of an activity: no minutes text in lists, participants by member id only. */
function view(a: Activity & { version?: number }) {
  const { participants = [], ...rest } = strip(a);
  return { ...rest, seatsTaken: participants.filter((p) => p.status === 'REGISTERED').length, waitlisted: participants.filter((p) => p.status === 'WAITLISTED').length };
}

@ApiTags('activities 活动')
@Controller('activities')
export class ActivitiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly views: MembershipReference,
  ) {}

  private async load(id: string, actor: Actor): Promise<Activity & { version: number }> {
    const found = ID_PATTERN.test(id) ? await this.queries.execute<GetRecord, Doc<Activity> | null>(new GetRecord('activity', id)) : null;
    if (!found) throw new NotFoundException(`活动 ${id.slice(0, 64)} 不存在`);
    assertInScope(actor, found, '该活动');
    return found;
  }

  private async manage(id: string, actor: Actor) {
    const a = await this.load(id, actor);
    assertMayManage(actor, a, '该活动');
    return a;
  }

  @Post()
  @HttpCode(201)
  @Roles(...MANAGERS)
  async schedule(@Body() dto: ScheduleActivityDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    // Every organizer is checked against the caller by the handler.
    const a = await this.commands.execute(
      new ScheduleActivity(
        {
          activityId: dto.activityId ?? `act-${randomUUID()}`,
          kind: dto.kind,
          title: dto.title,
          organizerIds: dto.organizerIds,
          venue: dto.venue,
          roomId: dto.roomId ?? null,
          startsAt: dto.startsAt,
          endsAt: dto.endsAt,
          capacity: dto.capacity ?? null,
          agenda: dto.agenda ?? [],
        },
        actor,
        ctx,
      ),
    );
    return view(a);
  }

  @Post(':activityId/publish')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async publish(@Param('activityId') id: string, @Body() dto: PublishDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.manage(id, actor);
    return view(await this.commands.execute(new PublishActivity(id, dto.expectedVersion, ctx)));
  }

  @Post(':activityId/cancel')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async cancel(@Param('activityId') id: string, @Body() dto: ReasonDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.manage(id, actor);
    return view(await this.commands.execute(new CancelActivity(id, dto.reason, dto.expectedVersion, ctx)));
  }

  /** 活动改期: time, venue or room; a room's slots move with it (409 naming a clashing booking or activity). */
  @Post(':activityId/reschedule')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async reschedule(@Param('activityId') id: string, @Body() dto: RescheduleActivityDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const a = await this.manage(id, actor);
    const request = { startsAt: dto.startsAt, endsAt: dto.endsAt, venue: dto.venue ?? a.venue, roomId: dto.roomId === undefined ? a.roomId : dto.roomId };
    return view(await this.commands.execute(new RescheduleActivity(id, request, dto.expectedVersion, actor, ctx)));
  }

  @Post(':activityId/minutes')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async minutes(@Param('activityId') id: string, @Body() dto: MinutesDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.manage(id, actor);
    return view(await this.commands.execute(new RecordMinutes(id, dto.minutes, ctx)));
  }

  /** The current code, for the organizer to show as a QR code. */
  @Get(':activityId/check-in-code')
  @Roles(...MANAGERS)
  async checkInCode(@Param('activityId') id: string, @CurrentActor() actor: Actor) {
    const a = await this.manage(id, actor);
    return { activityId: id, generation: a.checkInGeneration, code: await this.queries.execute<GetCheckInCode, string>(new GetCheckInCode(id, a.checkInGeneration)) };
  }

  @Post(':activityId/check-in-code/rotate')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async rotate(@Param('activityId') id: string, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.manage(id, actor);
    const a: Activity = await this.commands.execute(new RotateCheckInCode(id, ctx));
    return { activityId: id, generation: a.checkInGeneration, code: await this.queries.execute<GetCheckInCode, string>(new GetCheckInCode(id, a.checkInGeneration)) };
  }

  @Post(':activityId/sign-ups')
  @HttpCode(201)
  @Roles(...MANAGERS)
  async signUp(@Param('activityId') id: string, @Body() dto: MemberRefDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.load(id, actor);
    const member = await requireMember(this.views, dto.memberId);
    assertMayActFor(actor, member);
    const a: Activity = await this.commands.execute(new SignUp(id, member, ctx));
    return { activityId: id, memberId: dto.memberId, status: a.participants.find((p) => p.memberId === dto.memberId)!.status };
  }

  @Post(':activityId/sign-ups/withdraw')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async withdraw(@Param('activityId') id: string, @Body() dto: MemberRefDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.load(id, actor);
    assertMayActFor(actor, await requireMember(this.views, dto.memberId));
    const a: Activity = await this.commands.execute(new WithdrawSignUp(id, dto.memberId, ctx));
    return { activityId: id, memberId: dto.memberId, status: 'WITHDRAWN', seatsTaken: a.participants.filter((p) => p.status === 'REGISTERED').length };
  }

  @Post(':activityId/leave-requests')
  @HttpCode(201)
  @Roles(...MANAGERS)
  async leave(@Param('activityId') id: string, @Body() dto: LeaveDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.load(id, actor);
    assertMayActFor(actor, await requireMember(this.views, dto.memberId));
    await this.commands.execute(new RequestLeave(id, dto.memberId, dto.reason, ctx));
    return { activityId: id, memberId: dto.memberId, status: 'ON_LEAVE' };
  }

  @Post(':activityId/check-ins')
  @HttpCode(201)
  @Roles(...MANAGERS)
  async checkIn(@Param('activityId') id: string, @Body() dto: CheckInDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.load(id, actor);
    const member = await requireMember(this.views, dto.memberId);
    assertMayActFor(actor, member);
    const a: Activity = await this.commands.execute(new CheckIn(id, member, dto.code, dto.at ? new Date(dto.at) : null, ctx));
    const p = a.participants.find((x) => x.memberId === dto.memberId)!;
    return { activityId: id, memberId: dto.memberId, checkedInAt: p.checkedInAt, walkIn: p.walkIn };
  }

  @Post(':activityId/check-outs')
  @HttpCode(201)
  @Roles(...MANAGERS)
  async checkOut(@Param('activityId') id: string, @Body() dto: CheckOutDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.load(id, actor);
    assertMayActFor(actor, await requireMember(this.views, dto.memberId));
    const a: Activity = await this.commands.execute(new CheckOut(id, dto.memberId, dto.at ? new Date(dto.at) : null, ctx));
    const p = a.participants.find((x) => x.memberId === dto.memberId)!;
    return { activityId: id, memberId: dto.memberId, checkedInAt: p.checkedInAt, checkedOutAt: p.checkedOutAt, volunteerHours: p.volunteerHours };
  }

  /** 活动日历 */
  @Get()
  async calendar(@Query() dto: CalendarDto, @CurrentActor() actor: Actor) {
    const { from, to, limit, after, ...filter } = dto;
    const res = await this.queries.execute<GetActivityCalendar, { items: Activity[]; next: string | null }>(
      new GetActivityCalendar(await scopedFilter(actor, filter, { views: this.views }), { from, to }, limit ?? 100, after),
    );
    return { items: res.items.map((a) => view(a as Activity)), next: res.next };
  }

  @Get(':activityId')
  async get(@Param('activityId') id: string, @CurrentActor() actor: Actor) {
    const a = await this.load(id, actor);
    return { ...view(a), minutes: a.minutes };
  }

  @Get(':activityId/attendance')
  async attendance(@Param('activityId') id: string, @CurrentActor() actor: Actor) {
    return attendanceOfActivity(await this.load(id, actor));
  }
}
