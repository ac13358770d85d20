import { Body, Controller, Get, HttpCode, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RequestCommandContext, Roles } from '@pb/platform';
import { RegisterOrganization } from '../../application/organization/register-organization.command';
import { RenameOrganization } from '../../application/organization/rename-organization.command';
import { GetOrganization, ListOrganizations } from '../../application/organization/list-organizations.query';
import { ID_PATTERN, OrganizationFilterDto, RegisterOrganizationDto, RenameOrganizationDto } from './dto/organization.dto';

@ApiTags('organizations 党组织')
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'SYSTEM')
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

  @Patch(':organizationId/name')
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'SYSTEM')
  async rename(@Param('organizationId') id: string, @Body() dto: RenameOrganizationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    assertInScope(actor, await this.get(id, actor), '该组织');
    return this.commands.execute(new RenameOrganization(id, dto.name, dto.expectedVersion, ctx));
  }

  @Get()
  list(@Query() filter: OrganizationFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListOrganizations(narrowToScope(actor, filter)));
  }

  @Get(':organizationId')
  async get(@Param('organizationId') id: string, @CurrentActor() actor: Actor) {
    const found = ID_PATTERN.test(id) ? await this.queries.execute(new GetOrganization(id)) : null;
    if (!found) throw new NotFoundException(`党组织 ${id.slice(0, 64)} 不存在`);
    assertInScope(actor, found, '该组织');
    return found;
  }
}
