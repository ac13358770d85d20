import { Body, Controller, ForbiddenException, Get, HttpCode, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { JurisdictionLevel } from '@pb/contracts';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RequestCommandContext, Role, Roles } from '@pb/platform';
import { DesignateZone, DesignateZoneDto } from '../../application/jurisdiction/designate-zone.command';
import { GetJurisdictionStatistics, StatisticsQueryDto } from '../../application/jurisdiction/get-jurisdiction-statistics.query';
import { GetJurisdictionTree, MAX_TREE_NODES } from '../../application/jurisdiction/get-jurisdiction-tree.query';
import { GetJurisdiction } from '../../application/jurisdiction/get-jurisdiction.query';
import { JurisdictionView, placeFilterOf } from '../../application/jurisdiction/jurisdiction-view';
import { JurisdictionFilterDto, ListJurisdictions } from '../../application/jurisdiction/list-jurisdictions.query';
import { RegisterJurisdiction, RegisterJurisdictionDto } from '../../application/jurisdiction/register-jurisdiction.command';
import { RenameJurisdiction, RenameJurisdictionDto } from '../../application/jurisdiction/rename-jurisdiction.command';
import { GetOrganizationTree, TreeLimitDto } from '../../application/organization/get-organization-tree.query';
import { ID_PATTERN } from '../../application/shared/common.dto';
import { LEVEL_NAMES } from '../../domain/jurisdiction/jurisdiction';

/**
 * Who may open a jurisdiction at each level: the city itself only by the
 * platform, districts by the city, sub-districts and zones by their district.
 */
const REGISTRARS: Record<JurisdictionLevel, Role[]> = {
  CITY: ['SYSTEM', 'CITY_ADMIN'],
  DISTRICT: ['SYSTEM', 'CITY_ADMIN'],
  SUB_DISTRICT: ['SYSTEM', 'CITY_ADMIN', 'DISTRICT_ADMIN'],
  ZONE: ['SYSTEM', 'CITY_ADMIN', 'DISTRICT_ADMIN'],
};

/** Where a jurisdiction record lies, for scope checks; the city lies in no district. */
export function placeOf(j: Pick<JurisdictionView, 'districtId' | 'subDistrictId' | 'zoneId'>) {
  return { districtId: j.districtId ?? '', subDistrictId: j.subDistrictId, zoneId: j.zoneId };
}

@ApiTags('jurisdictions 辖区')
@Controller('jurisdictions')
export class JurisdictionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('SYSTEM', 'CITY_ADMIN', 'DISTRICT_ADMIN')
  async register(@Body() dto: RegisterJurisdictionDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const allowed = REGISTRARS[dto.level];
    if (!allowed.includes(actor.role)) {
      throw new ForbiddenException(`角色 ${actor.role} 无权登记${LEVEL_NAMES[dto.level]}（需要 ${allowed.join(' / ')}）`);
    }
    if (dto.parentId) {
      const parent = await this.queries.execute<GetJurisdiction, JurisdictionView | null>(new GetJurisdiction(dto.parentId));
      if (parent) assertInScope(actor, placeOf(parent), '上级辖区');
    }
    return this.commands.execute(
      new RegisterJurisdiction({ jurisdictionId: dto.jurisdictionId, level: dto.level, name: dto.name, parentId: dto.parentId ?? null, zoneKind: dto.zoneKind ?? null }, ctx),
    );
  }

  @Patch(':jurisdictionId/designation')
  @Roles('SYSTEM', 'CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN')
  async designate(@Param('jurisdictionId') id: string, @Body() dto: DesignateZoneDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    const { expectedVersion, ...flags } = dto;
    return this.commands.execute(new DesignateZone(id, flags, expectedVersion, ctx));
  }

  /** 更名: by those who may register a jurisdiction of its level, inside their own jurisdiction. */
  @Patch(':jurisdictionId/name')
  @Roles('SYSTEM', 'CITY_ADMIN', 'DISTRICT_ADMIN')
  async rename(@Param('jurisdictionId') id: string, @Body() dto: RenameJurisdictionDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const found = await this.get(id, actor);
    const allowed = REGISTRARS[found.level];
    if (!allowed.includes(actor.role)) {
      throw new ForbiddenException(`角色 ${actor.role} 无权更改${LEVEL_NAMES[found.level]}名称（需要 ${allowed.join(' / ')}）`);
    }
    return this.commands.execute(new RenameJurisdiction(id, dto.name, dto.expectedVersion, ctx));
  }

  @Get()
  list(@Query() dto: JurisdictionFilterDto, @CurrentActor() actor: Actor) {
    const { limit, after, ...filter } = dto;
    return this.queries.execute(new ListJurisdictions(narrowToScope(actor, filter), limit ?? 200, after));
  }

  @Get(':jurisdictionId')
  async get(@Param('jurisdictionId') id: string, @CurrentActor() actor: Actor): Promise<JurisdictionView> {
    const found = ID_PATTERN.test(id) ? await this.queries.execute<GetJurisdiction, JurisdictionView | null>(new GetJurisdiction(id)) : null;
    if (!found) throw new NotFoundException(`辖区 ${id.slice(0, 64)} 不存在`);
    assertInScope(actor, placeOf(found), '该辖区');
    return found;
  }

  /** The jurisdiction and everything below it. */
  @Get(':jurisdictionId/tree')
  async tree(@Param('jurisdictionId') id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetJurisdictionTree(await this.get(id, actor)));
  }

  /** 组织架构: the Party organizations inside the jurisdiction, parent → children. */
  @Get(':jurisdictionId/organization-tree')
  async organizationTree(@Param('jurisdictionId') id: string, @Query() dto: TreeLimitDto, @CurrentActor() actor: Actor) {
    const jurisdiction = await this.get(id, actor);
    return this.queries.execute(new GetOrganizationTree(placeFilterOf(jurisdiction), dto.limit ?? MAX_TREE_NODES));
  }

  /** Counts for the jurisdiction and for each zone inside it (a page of zones at a time). */
  @Get(':jurisdictionId/statistics')
  async statistics(@Param('jurisdictionId') id: string, @Query() dto: StatisticsQueryDto, @CurrentActor() actor: Actor) {
    const jurisdiction = await this.get(id, actor);
    return this.queries.execute(new GetJurisdictionStatistics(jurisdiction, dto.zoneLimit ?? 20, dto.zonesAfter));
  }
}
