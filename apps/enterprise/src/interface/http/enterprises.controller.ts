import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { EnterpriseProfile } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, assertInScope, CommandCtx, CurrentActor, RequestCommandContext, Roles } from '@pb/platform';
import { EnterpriseView } from '../../application/enterprise/enterprise-view';
import { GetEnterprise } from '../../application/enterprise/get-enterprise.query';
import { EnterpriseFilterDto, ListEnterprises } from '../../application/enterprise/list-enterprises.query';
import { RegisterEnterprise, RegisterEnterpriseDto } from '../../application/enterprise/register-enterprise.command';
import { UpdateEnterpriseProfile, UpdateEnterpriseProfileDto } from '../../application/enterprise/update-enterprise-profile.command';
import { EnterpriseProfileDto } from '../../application/shared/enterprise.dto';
import { ADMINS, assertFiltersMayBeRead, assertMayAccess, filterOf, found, narrowForActor, pageArgs } from './access';

const CODE = /^[0-9A-Z]{18}$/;

/** `buildingId` stays undefined when left out: registration reads it as none, a profile update as "keep". */
function profileOf(dto: EnterpriseProfileDto): EnterpriseProfile & { buildingId?: string | null } {
  return {
    name: dto.name,
    buildingId: dto.buildingId,
    building: dto.building ?? null,
    industry: dto.industry,
    size: dto.size,
    employees: dto.employees,
    youngGraduates: dto.youngGraduates,
    contacts: (dto.contacts ?? []).map((c) => ({ name: c.name, title: c.title })),
    tags: dto.tags ?? [],
  };
}

@ApiTags('enterprises 企业')
@Controller('enterprises')
export class EnterprisesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly membership: MembershipReference,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...ADMINS)
  async register(@Body() dto: RegisterEnterpriseDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    // An unknown zone is answered by the domain (422); a known one must lie in the caller's jurisdiction.
    const zone = await this.membership.zone(dto.zoneId);
    if (zone) assertInScope(actor, zone, '该片区');
    return this.commands.execute(new RegisterEnterprise(dto.creditCode, dto.zoneId, { ...profileOf(dto), buildingId: dto.buildingId ?? null }, ctx));
  }

  @Put(':creditCode/profile')
  @Roles(...ADMINS, 'ENTERPRISE_CONTACT')
  async update(@Param('creditCode') code: string, @Body() dto: UpdateEnterpriseProfileDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(code, actor);
    return this.commands.execute(new UpdateEnterpriseProfile(code, profileOf(dto), dto.expectedVersion, ctx));
  }

  @Get()
  async list(@Query() dto: EnterpriseFilterDto, @CurrentActor() actor: Actor) {
    const filter = narrowForActor(actor, filterOf(dto));
    await assertFiltersMayBeRead(this.queries, actor, [{ kind: 'enterprise', id: dto.creditCode, what: '该企业' }]);
    return this.queries.execute(new ListEnterprises(filter, ...pageArgs(dto)));
  }

  @Get(':creditCode')
  async get(@Param('creditCode') code: string, @CurrentActor() actor: Actor) {
    const enterprise = found<EnterpriseView>(CODE.test(code) ? await this.queries.execute(new GetEnterprise(code)) : null, `统一社会信用代码 ${code.slice(0, 32)} 的企业不存在`);
    assertMayAccess(actor, enterprise, '该企业');
    return enterprise;
  }
}
