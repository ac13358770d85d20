import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RecordJurisdiction, RequestCommandContext, Roles, scopeFilter } from '@pb/platform';
import { GetDepartmentStatistics } from '../../application/case/get-department-statistics.query';
import { GetZoneStatistics } from '../../application/case/get-zone-statistics.query';
import { AssignGridDto, AssignGridWorker } from '../../application/grid/assign-grid-worker.command';
import { EstablishGrid, EstablishGridDto } from '../../application/grid/establish-grid.command';
import { GetDepartment } from '../../application/grid/get-department.query';
import { GetGridWorker } from '../../application/grid/get-grid-worker.query';
import { GetGrid } from '../../application/grid/get-grid.query';
import { ListDepartments } from '../../application/grid/list-departments.query';
import { ListGridWorkers, WorkerFilterDto } from '../../application/grid/list-grid-workers.query';
import { GridFilterDto, ListGrids } from '../../application/grid/list-grids.query';
import { RegisterDepartment, RegisterDepartmentDto } from '../../application/grid/register-department.command';
import { RegisterGridWorker, RegisterGridWorkerDto } from '../../application/grid/register-grid-worker.command';
import { SetGridBuildings, SetGridBuildingsDto } from '../../application/grid/set-grid-buildings.command';
import type { GridWorkerView } from '../../application/grid/grid-view';
import { DEFAULT_PAGE, ID_PATTERN, JurisdictionFilterDto } from '../../application/shared/common.dto';
import type { Page } from '../../application/shared/page';
import { gridWorkerFor } from '../../application/shared/personal-data';
import { assertFilterInScope } from './filter-scope';

const ADMINS = ['SUB_DISTRICT_ADMIN', 'DISTRICT_ADMIN', 'CITY_ADMIN', 'SYSTEM'] as const;

@ApiTags('grids 网格、网格员、职能部门')
@Controller()
export class GridsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly known: MembershipReference,
  ) {}

  @Post('grids')
  @HttpCode(201)
  @Roles(...ADMINS)
  establish(@Body() dto: EstablishGridDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.commands.execute(
      new EstablishGrid({ gridId: dto.gridId ?? `grid-${randomUUID()}`, name: dto.name, description: dto.description ?? null, zoneId: dto.zoneId }, { actor, context }),
    );
  }

  @Get('grids')
  grids(@Query() filter: GridFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListGrids(narrowToScope(actor, filter)));
  }

  /** 网格覆盖楼宇: the whole list of registered buildings of the grid's zone it covers. */
  @Put('grids/:gridId/buildings')
  @Roles(...ADMINS)
  setBuildings(@Param('gridId') gridId: string, @Body() dto: SetGridBuildingsDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    if (!ID_PATTERN.test(gridId)) throw new NotFoundException(`网格 ${gridId.slice(0, 64)} 不存在`);
    return this.commands.execute(new SetGridBuildings(gridId, dto.buildingIds, dto.expectedVersion, { actor, context }));
  }

  @Get('grids/:gridId')
  async grid(@Param('gridId') gridId: string, @CurrentActor() actor: Actor) {
    return this.found(ID_PATTERN.test(gridId) ? await this.queries.execute(new GetGrid(gridId)) : null, actor, `网格 ${gridId.slice(0, 64)}`);
  }

  @Post('grid-workers')
  @HttpCode(201)
  @Roles(...ADMINS)
  registerWorker(@Body() dto: RegisterGridWorkerDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.commands.execute(new RegisterGridWorker({ workerId: dto.workerId, name: dto.name, zoneId: dto.zoneId }, { actor, context }));
  }

  @Get('grid-workers')
  async workers(@Query() dto: WorkerFilterDto, @CurrentActor() actor: Actor) {
    const { limit, after, ...filter } = dto;
    const scoped = narrowToScope(actor, filter);
    await assertFilterInScope(this.queries, actor, filter);
    const page = await this.queries.execute<ListGridWorkers, Page<GridWorkerView>>(new ListGridWorkers(scoped, limit ?? DEFAULT_PAGE, after));
    return { ...page, items: page.items.map((w) => gridWorkerFor(actor, w)) };
  }

  @Get('grid-workers/:workerId')
  async worker(@Param('workerId') workerId: string, @CurrentActor() actor: Actor) {
    const found = ID_PATTERN.test(workerId) ? await this.queries.execute<GetGridWorker, GridWorkerView | null>(new GetGridWorker(workerId)) : null;
    return gridWorkerFor(actor, this.found(found, actor, `网格员 ${workerId.slice(0, 64)}`));
  }

  @Post('grid-workers/:workerId/grids')
  @HttpCode(200)
  @Roles(...ADMINS)
  assign(@Param('workerId') workerId: string, @Body() dto: AssignGridDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    if (!ID_PATTERN.test(workerId)) throw new NotFoundException('网格员不存在');
    return this.commands.execute(new AssignGridWorker(workerId, dto.gridId, true, { actor, context }));
  }

  @Delete('grid-workers/:workerId/grids/:gridId')
  @Roles(...ADMINS)
  unassign(@Param('workerId') workerId: string, @Param('gridId') gridId: string, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    if (!ID_PATTERN.test(workerId) || !ID_PATTERN.test(gridId)) throw new NotFoundException('网格员或网格不存在');
    return this.commands.execute(new AssignGridWorker(workerId, gridId, false, { actor, context }));
  }

  @Post('departments')
  @HttpCode(201)
  @Roles(...ADMINS)
  registerDepartment(@Body() dto: RegisterDepartmentDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.commands.execute(
      new RegisterDepartment(
        { departmentId: dto.departmentId ?? `dept-${randomUUID()}`, name: dto.name, kind: dto.kind, districtId: dto.districtId, subDistrictId: dto.subDistrictId ?? null },
        { actor, context },
      ),
    );
  }

  /** Everyone working in a district may see its departments (they dispatch cases to them). */
  @Get('departments')
  departments(@Query() filter: JurisdictionFilterDto, @CurrentActor() actor: Actor) {
    const districtId = actor.scope.level === 'CITY' ? filter.districtId : actor.scope.districtId;
    if (filter.districtId && districtId !== filter.districtId) assertInScope(actor, { districtId: filter.districtId }, '请求的区县');
    return this.queries.execute(new ListDepartments({ districtId }));
  }

  @Get('departments/:departmentId')
  async department(@Param('departmentId') departmentId: string, @CurrentActor() actor: Actor) {
    const found = ID_PATTERN.test(departmentId) ? await this.queries.execute(new GetDepartment(departmentId)) : null;
    if (!found) throw new NotFoundException(`职能部门 ${departmentId.slice(0, 64)} 不存在`);
    if (actor.scope.level !== 'CITY' && actor.scope.districtId !== found.districtId) assertInScope(actor, { districtId: found.districtId }, '该部门');
    return found;
  }

  /** 片区统计: open, overdue, on-time rate, average satisfaction, rework, per department. */
  @Get('statistics/zones/:zoneId')
  async zoneStatistics(@Param('zoneId') zoneId: string, @CurrentActor() actor: Actor) {
    const zone = ID_PATTERN.test(zoneId) ? await this.known.zone(zoneId) : null;
    if (!zone) throw new NotFoundException(`片区 ${zoneId.slice(0, 64)} 不存在`);
    assertInScope(actor, zone, '该片区');
    return this.queries.execute(new GetZoneStatistics(zoneId));
  }

  /** 部门统计: on-time rate and rework of what the department handled, within the caller's jurisdiction. */
  @Get('statistics/departments/:departmentId')
  async departmentStatistics(@Param('departmentId') departmentId: string, @CurrentActor() actor: Actor) {
    await this.department(departmentId, actor);
    return this.queries.execute(new GetDepartmentStatistics(departmentId, scopeFilter(actor.scope)));
  }

  private found<T extends RecordJurisdiction>(record: T | null, actor: Actor, what: string): T {
    if (!record) throw new NotFoundException(`${what} 不存在`);
    assertInScope(actor, record, what);
    return record;
  }
}
