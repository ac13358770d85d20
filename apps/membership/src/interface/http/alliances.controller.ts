import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RequestCommandContext, Roles } from '@pb/platform';
import { AppointDepartmentHead, AppointDepartmentHeadDto } from '../../application/alliance/appoint-department-head.command';
import { EstablishDepartment, EstablishDepartmentDto } from '../../application/alliance/establish-department.command';
import { FormAlliance, FormAllianceDto } from '../../application/alliance/form-alliance.command';
import { GetAlliance } from '../../application/alliance/get-alliance.query';
import { JoinAlliance, JoinAllianceDto } from '../../application/alliance/join-alliance.command';
import { LeaveAlliance } from '../../application/alliance/leave-alliance.command';
import { AllianceFilterDto, ListAlliances } from '../../application/alliance/list-alliances.query';
import { GetOrganization } from '../../application/organization/get-organization.query';
import { ID_PATTERN } from '../../application/shared/common.dto';
import type { Alliance } from '../../domain/alliance/alliance';
import type { Organization } from '../../domain/organization/organization';

const ADMINS = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'SYSTEM'] as const;

@ApiTags('alliances 党建联盟')
@Controller('alliances')
export class AlliancesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** 成立党建联盟: led by a sub-district working committee the caller governs. */
  @Post()
  @HttpCode(201)
  @Roles(...ADMINS)
  async form(@Body() dto: FormAllianceDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const founder = await this.queries.execute<GetOrganization, Organization | null>(new GetOrganization(dto.foundingCommitteeId));
    if (founder) assertInScope(actor, { ...founder, zoneId: dto.zoneId ?? founder.zoneId }, '牵头党组织');
    return this.commands.execute(
      new FormAlliance(
        { allianceId: dto.allianceId ?? `alliance-${randomUUID()}`, name: dto.name, foundingCommitteeId: dto.foundingCommitteeId, zoneId: dto.zoneId ?? null, formedOn: dto.formedOn },
        ctx,
      ),
    );
  }

  @Post(':allianceId/members')
  @HttpCode(201)
  @Roles(...ADMINS)
  async join(@Param('allianceId') id: string, @Body() dto: JoinAllianceDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    return this.commands.execute(new JoinAlliance(id, dto.organizationId, dto.joinedOn, ctx));
  }

  @Delete(':allianceId/members/:organizationId')
  @Roles(...ADMINS)
  async leave(@Param('allianceId') id: string, @Param('organizationId') organizationId: string, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    if (!ID_PATTERN.test(organizationId)) throw new NotFoundException(`党组织 ${organizationId.slice(0, 64)} 不存在`);
    return this.commands.execute(new LeaveAlliance(id, organizationId, undefined, ctx));
  }

  /** 理事会设立部门 */
  @Post(':allianceId/departments')
  @HttpCode(201)
  @Roles(...ADMINS)
  async establishDepartment(@Param('allianceId') id: string, @Body() dto: EstablishDepartmentDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    return this.commands.execute(new EstablishDepartment(id, dto.departmentId ?? `dept-${randomUUID().slice(0, 8)}`, dto.name, dto.headMemberId ?? null, ctx));
  }

  @Put(':allianceId/departments/:departmentId/head')
  @Roles(...ADMINS)
  async appointHead(
    @Param('allianceId') id: string,
    @Param('departmentId') departmentId: string,
    @Body() dto: AppointDepartmentHeadDto,
    @CommandCtx() ctx: RequestCommandContext,
    @CurrentActor() actor: Actor,
  ) {
    await this.get(id, actor);
    if (!ID_PATTERN.test(departmentId)) throw new NotFoundException(`理事会没有部门 ${departmentId.slice(0, 64)}`);
    return this.commands.execute(new AppointDepartmentHead(id, departmentId, dto.headMemberId, dto.expectedVersion, ctx));
  }

  @Get()
  async list(@Query() dto: AllianceFilterDto, @CurrentActor() actor: Actor) {
    const { limit, after, ...filter } = dto;
    // A member organization named in the filter is one the caller may look into.
    const organization = filter.organizationId ? await this.queries.execute<GetOrganization, Organization | null>(new GetOrganization(filter.organizationId)) : null;
    if (organization) assertInScope(actor, organization, `党组织 ${filter.organizationId} `);
    return this.queries.execute(new ListAlliances(narrowToScope(actor, filter), limit ?? 100, after));
  }

  @Get(':allianceId')
  async get(@Param('allianceId') id: string, @CurrentActor() actor: Actor): Promise<Alliance> {
    const found = ID_PATTERN.test(id) ? await this.queries.execute<GetAlliance, Alliance | null>(new GetAlliance(id)) : null;
    if (!found) throw new NotFoundException(`党建联盟 ${id.slice(0, 64)} 不存在`);
    assertInScope(actor, found, '该联盟');
    return found;
  }
}
