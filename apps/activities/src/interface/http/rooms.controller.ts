import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RequestCommandContext, Roles } from '@pb/platform';
import { strip } from '../../application/queries/activity-reads';
import { BookRoom, BookRoomDto } from '../../application/room/book-room.command';
import { CancelBooking } from '../../application/room/cancel-booking.command';
import { RegisterRoom, RegisterRoomDto } from '../../application/room/register-room.command';
import { RegisterServiceCentre, RegisterServiceCentreDto } from '../../application/room/register-service-centre.command';
import { definedOnly, ID_PATTERN, ReasonDto, ScopeFilterDto } from '../../application/shared/common.dto';
import type { Room, RoomBooking, ServiceCentre } from '../../domain/room/room';
import { RoomBookings, Rooms, ServiceCentres } from '../../infrastructure/aggregates';
import { ADMINS, assertMayManage, assertOwnOrganization, MANAGERS } from './access';
import { BookingsQueryDto, RoomFilterDto } from './dto/room.dto';

type Doc<T> = T & { _id: string; version: number };

@ApiTags('service centres 党群服务中心')
@Controller()
export class RoomsController {
  constructor(
    private readonly commands: CommandBus,
    @InjectSnapshots(ServiceCentres) private readonly centres: Model<Doc<ServiceCentre>>,
    @InjectSnapshots(Rooms) private readonly rooms: Model<Doc<Room>>,
    @InjectSnapshots(RoomBookings) private readonly bookings: Model<Doc<RoomBooking>>,
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
    const docs = await this.centres.find(narrowToScope(actor, definedOnly(filter))).sort({ _id: 1 }).limit(500).lean().exec();
    return docs.map(strip);
  }

  @Post('rooms')
  @HttpCode(201)
  @Roles(...ADMINS)
  async registerRoom(@Body() dto: RegisterRoomDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const centre = ID_PATTERN.test(dto.centreId) ? await this.centres.findById(dto.centreId).lean<Doc<ServiceCentre>>().exec() : null;
    if (centre) assertInScope(actor, centre, '该服务中心');
    return this.commands.execute(new RegisterRoom(dto, ctx));
  }

  @Get('rooms')
  async listRooms(@Query() filter: RoomFilterDto, @CurrentActor() actor: Actor) {
    const docs = await this.rooms.find(narrowToScope(actor, definedOnly(filter))).sort({ centreId: 1, _id: 1 }).limit(500).lean().exec();
    return docs.map(strip);
  }

  private async room(roomId: string, actor: Actor): Promise<Doc<Room>> {
    const room = ID_PATTERN.test(roomId) ? await this.rooms.findById(roomId).lean<Doc<Room>>().exec() : null;
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
        { bookingId: dto.bookingId ?? `bk-${randomUUID()}`, startsAt: dto.startsAt, endsAt: dto.endsAt, purpose: dto.purpose, organizationId: dto.organizationId ?? null, activityId: dto.activityId ?? null },
        ctx,
      ),
    );
    return booking;
  }

  /** The room's timetable: bookings (not cancelled) in a range, for finding free slots. */
  @Get('rooms/:roomId/bookings')
  async roomBookings(@Param('roomId') roomId: string, @Query() q: BookingsQueryDto, @CurrentActor() actor: Actor) {
    await this.room(roomId, actor);
    const range: Record<string, string> = {};
    if (q.from) range.$gte = new Date(q.from).toISOString();
    if (q.to) range.$lt = new Date(q.to).toISOString();
    const query: Record<string, unknown> = { roomId, status: 'BOOKED' };
    if (Object.keys(range).length) query.startsAt = range;
    const docs = await this.bookings.find(query).sort({ startsAt: 1 }).limit(1000).lean().exec();
    return docs.map(strip);
  }

  @Post('bookings/:bookingId/cancel')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async cancel(@Param('bookingId') bookingId: string, @Body() dto: ReasonDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const booking = ID_PATTERN.test(bookingId) ? await this.bookings.findById(bookingId).lean<Doc<RoomBooking>>().exec() : null;
    if (!booking) throw new NotFoundException(`预约 ${bookingId.slice(0, 64)} 不存在`);
    assertMayManage(actor, booking, '该预约');
    return this.commands.execute(new CancelBooking(bookingId, dto.reason, ctx));
  }
}
