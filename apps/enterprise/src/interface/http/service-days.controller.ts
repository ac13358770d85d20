import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RecordJurisdiction, RequestCommandContext, Roles } from '@pb/platform';
import { ListRecords, ServiceDayFilterDto } from '../../application/records/list-records.query';
import { ConcludeServiceDay, ConcludeServiceDayDto } from '../../application/service-day/conclude-service-day.command';
import { ConvertIssueDto, ConvertIssueToRequest } from '../../application/service-day/convert-issue-to-request.command';
import { GetServiceDay } from '../../application/service-day/get-service-day.query';
import { RaiseIssueDto, RaiseServiceDayIssue } from '../../application/service-day/raise-service-day-issue.command';
import { ScheduleServiceDay, ScheduleServiceDayDto } from '../../application/service-day/schedule-service-day.command';
import { ServiceDayParts, serviceDayForEnterprise } from '../../application/service-day/service-day-view';
import { ID_PATTERN } from '../../application/shared/common.dto';
import { ADMINS, filterOf, found, ownEnterprise, pageArgs } from './access';

/** 部门上门服务日 and 银企对接会 */
@ApiTags('service days 上门服务')
@Controller('service-days')
export class ServiceDaysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly membership: MembershipReference,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...ADMINS)
  async schedule(@Body() dto: ScheduleServiceDayDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const zone = await this.membership.zone(dto.zoneId);
    if (zone) assertInScope(actor, zone, '该片区');
    return this.commands.execute(new ScheduleServiceDay({ ...dto }, ctx));
  }

  @Post(':serviceDayId/issues')
  @HttpCode(201)
  @Roles(...ADMINS)
  async raiseIssue(@Param('serviceDayId') id: string, @Body() dto: RaiseIssueDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    const { expectedVersion, ...issue } = dto;
    return this.commands.execute(new RaiseServiceDayIssue(id, issue, expectedVersion, ctx));
  }

  /** 问题转诉求 */
  @Post(':serviceDayId/issues/:issueId/request')
  @HttpCode(201)
  @Roles(...ADMINS)
  async convert(
    @Param('serviceDayId') id: string,
    @Param('issueId') issueId: string,
    @Body() dto: ConvertIssueDto,
    @CommandCtx() ctx: RequestCommandContext,
    @CurrentActor() actor: Actor,
  ) {
    await this.get(id, actor);
    return this.commands.execute(new ConvertIssueToRequest(id, issueId.slice(0, 64), dto.title, ctx));
  }

  @Post(':serviceDayId/conclusion')
  @HttpCode(200)
  @Roles(...ADMINS)
  async conclude(@Param('serviceDayId') id: string, @Body() dto: ConcludeServiceDayDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    return this.commands.execute(new ConcludeServiceDay(id, dto.enterprisesServed, dto.outcome, ctx));
  }

  @Get()
  async list(@Query() dto: ServiceDayFilterDto, @CurrentActor() actor: Actor) {
    const page = await this.queries.execute<ListRecords, { items: ServiceDayParts[]; next: string | null }>(
      new ListRecords('serviceDay', narrowToScope(actor, filterOf(dto)), ...pageArgs(dto)),
    );
    return actor.role === 'ENTERPRISE_CONTACT' ? { ...page, items: page.items.map((d) => serviceDayForEnterprise(d, ownEnterprise(actor))) } : page;
  }

  @Get(':serviceDayId')
  async get(@Param('serviceDayId') id: string, @CurrentActor() actor: Actor) {
    const day = found<RecordJurisdiction & ServiceDayParts>(ID_PATTERN.test(id) ? await this.queries.execute(new GetServiceDay(id)) : null, `上门服务日 ${id.slice(0, 64)} 不存在`);
    assertInScope(actor, day, '该上门服务日');
    // Another enterprise's issues and matches are not a contact's to read.
    return actor.role === 'ENTERPRISE_CONTACT' ? serviceDayForEnterprise(day, ownEnterprise(actor)) : day;
  }
}
