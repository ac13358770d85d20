import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RequestCommandContext, Roles } from '@pb/platform';
import { BuildingView, BuildingWithCounts } from '../../application/building/building-view';
import { GetBuilding } from '../../application/building/get-building.query';
import { BuildingFilterDto, ListBuildings } from '../../application/building/list-buildings.query';
import { RegisterBuilding, RegisterBuildingDto } from '../../application/building/register-building.command';
import { GetJurisdiction } from '../../application/jurisdiction/get-jurisdiction.query';
import { JurisdictionView } from '../../application/jurisdiction/jurisdiction-view';
import { ID_PATTERN } from '../../application/shared/common.dto';
import { placeOf } from './jurisdictions.controller';

@ApiTags('buildings 楼宇、综合体')
@Controller('buildings')
export class BuildingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** 登记楼宇或综合体, inside a zone of the caller's jurisdiction. */
  @Post()
  @HttpCode(201)
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'SYSTEM')
  async register(@Body() dto: RegisterBuildingDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const zone = await this.queries.execute<GetJurisdiction, JurisdictionView | null>(new GetJurisdiction(dto.zoneId));
    if (zone) assertInScope(actor, placeOf(zone), '该楼宇所在片区');
    return this.commands.execute(
      new RegisterBuilding({ buildingId: dto.buildingId ?? `bld-${randomUUID()}`, name: dto.name, kind: dto.kind, zoneId: dto.zoneId, address: dto.address ?? null }, ctx),
    );
  }

  /** 楼宇列表: a page in id order (`after`: the last id), per zone with `zoneId`. */
  @Get()
  list(@Query() dto: BuildingFilterDto, @CurrentActor() actor: Actor): Promise<BuildingView[]> {
    const { limit, after, ...filter } = dto;
    return this.queries.execute(new ListBuildings(narrowToScope(actor, filter), limit ?? 200, after));
  }

  /** The building with the number of organizations located in it and of the members who count in them. */
  @Get(':buildingId')
  async get(@Param('buildingId') id: string, @CurrentActor() actor: Actor): Promise<BuildingWithCounts> {
    const found = ID_PATTERN.test(id) ? await this.queries.execute<GetBuilding, BuildingWithCounts | null>(new GetBuilding(id)) : null;
    if (!found) throw new NotFoundException(`楼宇 ${id.slice(0, 64)} 不存在`);
    assertInScope(actor, found, '该楼宇');
    return found;
  }
}
