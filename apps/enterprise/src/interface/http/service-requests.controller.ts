import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, CommandCtx, CurrentActor, RequestCommandContext, Roles } from '@pb/platform';
import { GetEnterprise } from '../../application/enterprise/get-enterprise.query';
import { AdvanceServiceRequest, CloseRequestDto, FirstContactDto, InterimReplyDto, RateRequestDto, RequestStepInput } from '../../application/request/advance-service-request.command';
import { GetRoutingTable } from '../../application/request/get-routing-table.query';
import { GetServiceRequest } from '../../application/request/get-service-request.query';
import { GetServiceTargets } from '../../application/request/get-service-targets.query';
import { ListServiceRequests, RequestFilterDto } from '../../application/request/list-service-requests.query';
import { ServiceRequestView } from '../../application/request/service-request-view';
import { CategoryParamDto, SetRoutingRule, SetRoutingRuleDto } from '../../application/request/set-routing-rule.command';
import { SetServiceTargets, SetServiceTargetsDto } from '../../application/request/set-service-targets.command';
import { SubmitRequestDto, SubmitServiceRequest } from '../../application/request/submit-service-request.command';
import { SweepOverdueRequests } from '../../application/request/sweep-overdue-requests.command';
import { ID_PATTERN } from '../../application/shared/common.dto';
import { requireEscalationDesk } from '../../domain/request/service-request';
import { ADMINS, assertFiltersMayBeRead, assertMayAccess, CITY_LEVEL, filterOf, found, narrowForActor } from './access';

@ApiTags('service requests 企业诉求')
@Controller('service-requests')
export class ServiceRequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...ADMINS, 'GRID_WORKER', 'ENTERPRISE_CONTACT')
  async submit(@Body() dto: SubmitRequestDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    // An unregistered enterprise is the domain's 422; a registered one must be the caller's to file for.
    const enterprise = await this.queries.execute(new GetEnterprise(dto.creditCode));
    if (enterprise) assertMayAccess(actor, enterprise, '该企业');
    else if (actor.role === 'ENTERPRISE_CONTACT' && actor.enterpriseCode !== dto.creditCode) assertMayAccess(actor, { districtId: '', creditCode: dto.creditCode }, '该企业');
    return this.commands.execute(new SubmitServiceRequest(dto.requestId ?? `req-${randomUUID()}`, dto.creditCode, dto.category, dto.title, dto.description, null, ctx));
  }

  @Post(':requestId/first-contact')
  @HttpCode(200)
  @Roles(...ADMINS)
  firstContact(@Param('requestId') id: string, @Body() dto: FirstContactDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.advance(id, { step: 'FIRST_CONTACT', note: dto.note }, dto.expectedVersion, ctx, actor);
  }

  @Post(':requestId/interim-reply')
  @HttpCode(200)
  @Roles(...ADMINS)
  interimReply(@Param('requestId') id: string, @Body() dto: InterimReplyDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.advance(id, { step: 'INTERIM_REPLY', reply: dto.reply }, dto.expectedVersion, ctx, actor);
  }

  @Post(':requestId/closure')
  @HttpCode(200)
  @Roles(...ADMINS)
  close(@Param('requestId') id: string, @Body() dto: CloseRequestDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.advance(id, { step: 'CLOSE', result: dto.result }, dto.expectedVersion, ctx, actor);
  }

  /** 满意度评价: by the enterprise, or recorded by staff from a return visit 回访. */
  @Post(':requestId/rating')
  @HttpCode(200)
  @Roles(...ADMINS, 'ENTERPRISE_CONTACT')
  rate(@Param('requestId') id: string, @Body() dto: RateRequestDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.advance(id, { step: 'RATE', satisfaction: dto.satisfaction, comment: dto.comment ?? null }, dto.expectedVersion, ctx, actor);
  }

  /** 超时巡检: the timer runs it too; this is for operators and tests. */
  @Post('sweep')
  @HttpCode(200)
  @Roles(...CITY_LEVEL)
  sweep(@CommandCtx() ctx: RequestCommandContext) {
    return this.commands.execute(new SweepOverdueRequests(ctx));
  }

  @Get()
  async list(@Query() dto: RequestFilterDto, @CurrentActor() actor: Actor) {
    const { overdue, escalatedTo, ...filter } = filterOf(dto);
    // 督办到本级: the caller's role and scope name the desk (403 for those who have none).
    const desk = escalatedTo === 'me' ? requireEscalationDesk(actor) : undefined;
    const narrowed = narrowForActor(actor, filter);
    await assertFiltersMayBeRead(this.queries, actor, [{ kind: 'enterprise', id: dto.creditCode, what: '该企业' }]);
    return this.queries.execute(new ListServiceRequests({ ...narrowed, overdue: overdue === 'true', escalatedTo: desk }, dto.limit ?? 50, dto.after));
  }

  @Get(':requestId')
  async get(@Param('requestId') id: string, @CurrentActor() actor: Actor): Promise<ServiceRequestView> {
    const request = found<ServiceRequestView>(ID_PATTERN.test(id) ? await this.queries.execute(new GetServiceRequest(id)) : null, `诉求 ${id.slice(0, 64)} 不存在`);
    assertMayAccess(actor, request, '该诉求');
    return request;
  }

  private async advance(id: string, input: RequestStepInput, expectedVersion: number | undefined, ctx: RequestCommandContext, actor: Actor) {
    await this.get(id, actor);
    return this.commands.execute(new AdvanceServiceRequest(id, input, expectedVersion, ctx));
  }
}

/** 分派规则与办理时限: city-wide settings with defaults. */
@ApiTags('service requests 企业诉求')
@Controller()
export class ServiceSettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('routing-rules')
  routingRules() {
    return this.queries.execute(new GetRoutingTable());
  }

  @Put('routing-rules/:category')
  @Roles(...CITY_LEVEL)
  setRoutingRule(@Param() param: CategoryParamDto, @Body() dto: SetRoutingRuleDto, @CommandCtx() ctx: RequestCommandContext) {
    return this.commands.execute(new SetRoutingRule(param.category, dto.department, ctx));
  }

  @Get('service-targets')
  serviceTargets() {
    return this.queries.execute(new GetServiceTargets());
  }

  @Put('service-targets')
  @Roles(...CITY_LEVEL)
  setServiceTargets(@Body() dto: SetServiceTargetsDto, @CommandCtx() ctx: RequestCommandContext) {
    return this.commands.execute(
      new SetServiceTargets(
        { firstContactMinutes: dto.firstContactMinutes, interimReplyWorkingDays: dto.interimReplyWorkingDays, closureWorkingDays: dto.closureWorkingDays, holidays: dto.holidays ?? [] },
        ctx,
      ),
    );
  }
}
