import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, assertInScope, CommandCtx, CurrentActor, RequestCommandContext, Roles } from '@pb/platform';
import { GetRecord } from '../../application/records/get-record.query';
import { ListRecords, RoomFilterDto } from '../../application/records/list-records.query';
import { BookRoom, BookRoomDto } from '../../application/room/book-room.command';
import { CancelBooking } from '../../application/room/cancel-booking.command';
import { BookingsQueryDto, ListRoomBookings } from '../../application/room/list-room-bookings.query';
import { RegisterRoom, RegisterRoomDto } from '../../application/room/register-room.command';
import { RegisterServiceCentre, RegisterServiceCentreDto } from '../../application/room/register-service-centre.command';
import { ID_PATTERN, ReasonDto, ScopeFilterDto } from '../../application/shared/common.dto';
import { Doc } from '../../application/shared/reads';
import type { Room, RoomBooking, ServiceCentre } from '../../domain/room/room';
import { ADMINS, assertMayManage, assertOwnOrganization, MANAGERS, scopedFilter } from './access';

@ApiTags('service centres 党群服务中心')
@Controller()
export class RoomsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly views: MembershipReference,
  ) {}

  @Post('service-centres')
  @HttpCode(201)
  @Roles(...ADMINS)
  registerCentre(@Body() dto: RegisterServiceCentreDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    assertInScope(actor, dto, '该服务中心所属辖区');
    return this.commands.execute(new RegisterServiceCentre({ ...dto, name: dto.name, zoneId: dto.zoneId ?? null }, ctx));
  }

  @Get('service-centres')
  async listCentres(@Query() filter: ScopeFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListRecords('serviceCentre', await scopedFilter(actor, filter, { views: this.views, queries: this.queries })));
  }

  @Post('rooms')
  @HttpCode(201)
  @Roles(...ADMINS)
  async registerRoom(@Body() dto: RegisterRoomDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const centre = ID_PATTERN.test(dto.centreId) ? await this.queries.execute<GetRecord, Doc<ServiceCentre> | null>(new GetRecord('serviceCentre', dto.centreId)) : null;
    if (centre) assertInScope(actor, centre, '该服务中心');
    return this.commands.execute(new RegisterRoom(dto, ctx));
  }

  @Get('rooms')
  async listRooms(@Query() filter: RoomFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListRecords('room', await scopedFilter(actor, filter, { views: this.views, queries: this.queries })));
  }

  private async room(roomId: string, actor: Actor): Promise<Doc<Room>> {
    const room = ID_PATTERN.test(roomId) ? await this.queries.execute<GetRecord, Doc<Room> | null>(new GetRecord('room', roomId)) : null;
    if (!room) throw new NotFoundException(`功能室 ${roomId.slice(0, 64)} 不存在`);
    assertInScope(actor, room, '该功能室');
    return room;
  }

  @Post('rooms/:roomId/bookings')
  @HttpCode(201)
  @Roles(...MANAGERS)
  async book(@Param('roomId') roomId: string, @Body() dto: BookRoomDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.room(roomId, actor);
    if (actor.role === 'ORG_SECRETARY') assertOwnOrganization(actor, dto.organizationId ?? '');
    const booking = await this.commands.execute(
      new BookRoom(
        roomId,
        {
          bookingId: dto.bookingId ?? `bk-${randomUUID()}`,
          startsAt: dto.startsAt,
          endsAt: dto.endsAt,
          purpose: dto.purpose,
          organizationId: dto.organizationId ?? null,
          activityId: dto.activityId ?? null,
        },
        ctx,
      ),
    );
    return booking;
  }

  /** The room's timetable: bookings and activities held there (not cancelled) in a range, for finding free slots; `{ items, next }`. */
  @Get('rooms/:roomId/bookings')
  async roomBookings(@Param('roomId') roomId: string, @Query() q: BookingsQueryDto, @CurrentActor() actor: Actor) {
    await this.room(roomId, actor);
    return this.queries.execute(new ListRoomBookings(roomId, { from: q.from, to: q.to }, q.limit ?? 100, q.after));
  }

  @Post('bookings/:bookingId/cancel')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async cancel(@Param('bookingId') bookingId: string, @Body() dto: ReasonDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const booking = ID_PATTERN.test(bookingId) ? await this.queries.execute<GetRecord, Doc<RoomBooking> | null>(new GetRecord('roomBooking', bookingId)) : null;
    if (!booking) throw new NotFoundException(`预约 ${bookingId.slice(0, 64)} 不存在`);
    assertMayManage(actor, booking, '该预约');
    return this.commands.execute(new CancelBooking(bookingId, dto.reason, ctx));
  }
}
