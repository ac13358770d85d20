import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RequestCommandContext, Roles } from '@pb/platform';
import { AppointSecretary, AppointSecretaryDto } from '../../application/organization/appoint-secretary.command';
import { AssignInstructor, AssignInstructorDto } from '../../application/organization/assign-instructor.command';
import { ChangeOrganizationHost, ChangeOrganizationHostDto } from '../../application/organization/change-organization-host.command';
import { DissolveOrganization, DissolveOrganizationDto } from '../../application/organization/dissolve-organization.command';
import { GetOrganization } from '../../application/organization/get-organization.query';
import { ListOrganizations, OrganizationFilterDto } from '../../application/organization/list-organizations.query';
import { LocateOrganization, LocateOrganizationDto } from '../../application/organization/locate-organization.command';
import { MergeOrganization, MergeOrganizationDto } from '../../application/organization/merge-organization.command';
import { OrganizationView, organizationViewFor } from '../../application/organization/organization-view';
import { RecordThreeInOne, ThreeInOneDto } from '../../application/organization/record-three-in-one.command';
import { RegisterOrganization, RegisterOrganizationDto } from '../../application/organization/register-organization.command';
import { RenameOrganization, RenameOrganizationDto } from '../../application/organization/rename-organization.command';
import { ReparentOrganization, ReparentOrganizationDto } from '../../application/organization/reparent-organization.command';
import { StartTerm, StartTermDto } from '../../application/organization/start-term.command';
import { SweepTermReminders } from '../../application/organization/sweep-term-reminders.command';
import { UnassignInstructor } from '../../application/organization/unassign-instructor.command';
import { ID_PATTERN } from '../../application/shared/common.dto';
import type { Organization } from '../../domain/organization/organization';

const ADMINS = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'SYSTEM'] as const;

@ApiTags('organizations 党组织')
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...ADMINS)
  register(@Body() dto: RegisterOrganizationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    assertInScope(actor, dto, '该组织所属辖区');
    return this.commands.execute(
      new RegisterOrganization(
        {
          organizationId: dto.organizationId ?? `org-${randomUUID()}`,
          name: dto.name,
          type: dto.type,
          parentId: dto.parentId ?? null,
          districtId: dto.districtId,
          subDistrictId: dto.subDistrictId,
          zoneId: dto.zoneId ?? null,
          host: dto.host ? { kind: dto.host.kind, name: dto.host.name, creditCode: dto.host.creditCode ?? null } : null,
        },
        ctx,
      ),
    );
  }

  /**
   * 换届提醒 sweep over the caller's jurisdiction, one page (`more`: another is due); the
   * service also runs it by itself (TermRemindersJob). Safe to repeat: each term is reminded once.
   */
  @Post('term-reminders/sweep')
  @HttpCode(200)
  @Roles(...ADMINS)
  sweepTermReminders(@CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.commands.execute(new SweepTermReminders(narrowToScope(actor, {}), ctx));
  }

  @Patch(':organizationId/name')
  @Roles(...ADMINS)
  async rename(@Param('organizationId') id: string, @Body() dto: RenameOrganizationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    return this.commands.execute(new RenameOrganization(id, dto.name, dto.expectedVersion, ctx));
  }

  /** 调整隶属关系: a new superior organization (null: none), inside the caller's jurisdiction too. */
  @Put(':organizationId/parent')
  @Roles(...ADMINS)
  async reparent(@Param('organizationId') id: string, @Body() dto: ReparentOrganizationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    if (dto.parentId) await this.assertMayUse(dto.parentId, actor, '上级党组织');
    return this.commands.execute(new ReparentOrganization(id, dto.parentId, dto.expectedVersion, ctx));
  }

  /** 依托单位变更 */
  @Put(':organizationId/host')
  @Roles(...ADMINS)
  async changeHost(@Param('organizationId') id: string, @Body() dto: ChangeOrganizationHostDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    const host = dto.host ? { kind: dto.host.kind, name: dto.host.name, creditCode: dto.host.creditCode ?? null } : null;
    return this.commands.execute(new ChangeOrganizationHost(id, host, dto.expectedVersion, ctx));
  }

  /** 撤销: refused while members or child organizations are left in it. */
  @Post(':organizationId/dissolution')
  @HttpCode(200)
  @Roles(...ADMINS)
  async dissolve(@Param('organizationId') id: string, @Body() dto: DissolveOrganizationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    return this.commands.execute(new DissolveOrganization(id, dto.dissolvedOn, dto.expectedVersion, ctx));
  }

  /** 合并: into another organization of the caller's jurisdiction; its child organizations move there. */
  @Post(':organizationId/merge')
  @HttpCode(200)
  @Roles(...ADMINS)
  async merge(@Param('organizationId') id: string, @Body() dto: MergeOrganizationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    await this.assertMayUse(dto.intoOrganizationId, actor, '接收党组织');
    return this.commands.execute(new MergeOrganization(id, dto.intoOrganizationId, dto.mergedOn, dto.expectedVersion, ctx));
  }

  /** 所在楼宇: a building or complex of the organization's own zone (null: none). */
  @Put(':organizationId/building')
  @Roles(...ADMINS)
  async locate(@Param('organizationId') id: string, @Body() dto: LocateOrganizationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    return this.commands.execute(new LocateOrganization(id, dto.buildingId, dto.expectedVersion, ctx));
  }

  /** 任命书记 */
  @Put(':organizationId/secretary')
  @Roles(...ADMINS)
  async appointSecretary(@Param('organizationId') id: string, @Body() dto: AppointSecretaryDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    return this.commands.execute(new AppointSecretary(id, dto.secretaryMemberId, dto.appointedOn, dto.expectedVersion, ctx));
  }

  /** 换届: a new term of office. */
  @Post(':organizationId/terms')
  @HttpCode(201)
  @Roles(...ADMINS)
  async startTerm(@Param('organizationId') id: string, @Body() dto: StartTermDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    return this.commands.execute(new StartTerm(id, dto.termStart, dto.termEnd, dto.expectedVersion, ctx));
  }

  /** 选派党建指导员 */
  @Post(':organizationId/instructors')
  @HttpCode(201)
  @Roles(...ADMINS)
  async assignInstructor(@Param('organizationId') id: string, @Body() dto: AssignInstructorDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    return this.commands.execute(new AssignInstructor(id, dto.instructorId, dto.name, dto.assignedOn, ctx));
  }

  /** 撤回党建指导员 */
  @Delete(':organizationId/instructors/:instructorId')
  @Roles(...ADMINS)
  async unassignInstructor(@Param('organizationId') id: string, @Param('instructorId') instructorId: string, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    if (!ID_PATTERN.test(instructorId)) throw new NotFoundException(`党建指导员 ${instructorId.slice(0, 64)} 不存在`);
    return this.commands.execute(new UnassignInstructor(id, instructorId, undefined, ctx));
  }

  /** 三位一体: the property owner, property manager and resident enterprises making up a joint organization. */
  @Put(':organizationId/three-in-one')
  @Roles(...ADMINS)
  async recordThreeInOne(@Param('organizationId') id: string, @Body() dto: ThreeInOneDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    const unit = (u: { name: string; creditCode?: string | null }) => ({ name: u.name, creditCode: u.creditCode ?? null });
    return this.commands.execute(
      new RecordThreeInOne(
        id,
        { propertyOwner: unit(dto.propertyOwner), propertyManager: unit(dto.propertyManager), residentEnterprises: dto.residentEnterprises.map(unit) },
        dto.expectedVersion,
        ctx,
      ),
    );
  }

  @Get()
  async list(@Query() dto: OrganizationFilterDto, @CurrentActor() actor: Actor) {
    const { limit, after, ...filter } = dto;
    // A superior organization named in the filter is one the caller may look into.
    const parent = filter.parentId ? await this.queries.execute<GetOrganization, Organization | null>(new GetOrganization(filter.parentId)) : null;
    if (parent) assertInScope(actor, parent, `上级党组织 ${filter.parentId} `);
    const found = await this.queries.execute<ListOrganizations, OrganizationView[]>(new ListOrganizations(narrowToScope(actor, filter), limit ?? 200, after));
    return found.map((o) => organizationViewFor(actor, o));
  }

  /** Another organization a command names: one the caller may see (a missing one is left to the rules, which say so). */
  private async assertMayUse(organizationId: string, actor: Actor, what: string): Promise<void> {
    const found = await this.queries.execute<GetOrganization, Organization | null>(new GetOrganization(organizationId));
    if (found) assertInScope(actor, found, `${what} ${organizationId} `);
  }

  @Get(':organizationId')
  async get(@Param('organizationId') id: string, @CurrentActor() actor: Actor): Promise<Organization> {
    const found = ID_PATTERN.test(id) ? await this.queries.execute<GetOrganization, Organization | null>(new GetOrganization(id)) : null;
    if (!found) throw new NotFoundException(`党组织 ${id.slice(0, 64)} 不存在`);
    assertInScope(actor, found, '该组织');
    return organizationViewFor(actor, found);
  }
}
