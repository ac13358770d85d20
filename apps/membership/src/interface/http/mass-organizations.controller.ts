import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RequestCommandContext, Roles } from '@pb/platform';
import { FormMassOrganization, FormMassOrganizationDto } from '../../application/mass-organization/form-mass-organization.command';
import { GetMassOrganization } from '../../application/mass-organization/get-mass-organization.query';
import { ListMassOrganizations, MassOrganizationFilterDto } from '../../application/mass-organization/list-mass-organizations.query';
import { GetOrganization } from '../../application/organization/get-organization.query';
import { ID_PATTERN } from '../../application/shared/common.dto';
import type { MassOrganization } from '../../domain/mass-organization/mass-organization';
import type { Organization } from '../../domain/organization/organization';

@ApiTags('mass organizations 群团组织')
@Controller('mass-organizations')
export class MassOrganizationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'SYSTEM')
  async form(@Body() dto: FormMassOrganizationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const committee = await this.queries.execute<GetOrganization, Organization | null>(new GetOrganization(dto.jointCommitteeId));
    if (committee) assertInScope(actor, committee, '所属联合党委');
    return this.commands.execute(
      new FormMassOrganization({ massOrganizationId: dto.massOrganizationId ?? `mass-${randomUUID()}`, name: dto.name, kind: dto.kind, jointCommitteeId: dto.jointCommitteeId }, ctx),
    );
  }

  @Get()
  async list(@Query() dto: MassOrganizationFilterDto, @CurrentActor() actor: Actor) {
    const { limit, after, ...filter } = dto;
    // The joint committee named in the filter is one the caller may look into.
    const committee = filter.jointCommitteeId ? await this.queries.execute<GetOrganization, Organization | null>(new GetOrganization(filter.jointCommitteeId)) : null;
    if (committee) assertInScope(actor, committee, `联合党委 ${filter.jointCommitteeId} `);
    return this.queries.execute(new ListMassOrganizations(narrowToScope(actor, filter), limit ?? 200, after));
  }

  @Get(':massOrganizationId')
  async get(@Param('massOrganizationId') id: string, @CurrentActor() actor: Actor): Promise<MassOrganization> {
    const found = ID_PATTERN.test(id) ? await this.queries.execute<GetMassOrganization, MassOrganization | null>(new GetMassOrganization(id)) : null;
    if (!found) throw new NotFoundException(`群团组织 ${id.slice(0, 64)} 不存在`);
    assertInScope(actor, found, '该群团组织');
    return found;
  }
}
