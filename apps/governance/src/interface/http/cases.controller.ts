import { Body, Controller, ForbiddenException, Get, HttpCode, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RequestCommandContext, Roles } from '@pb/platform';
import { ActOnCase, DispatchDto, DuplicateDto, FeedbackDto, RateDto, ReasonDto, ReworkDto, VerifyDto } from '../../application/case/act-on-case.command';
import { GetCaseTimeline } from '../../application/case/get-case-timeline.query';
import { GetCase } from '../../application/case/get-case.query';
import { GetTimeLimits } from '../../application/case/get-time-limits.query';
import type { CaseView } from '../../application/case/case-view';
import { CaseFilterDto, ListCases, Page } from '../../application/case/list-cases.query';
import { ReportCase, ReportCaseDto } from '../../application/case/report-case.command';
import { SetTimeLimit, TimeLimitDto } from '../../application/case/set-time-limit.command';
import { SweepOverdueCases } from '../../application/case/sweep-overdue-cases.command';
import { Caller } from '../../application/shared/caller';
import { caseFor } from '../../application/shared/personal-data';
import { ExpectedVersionDto, ID_PATTERN } from '../../application/shared/common.dto';
import { assertMayReadCase, assigneeOf, CaseRequest, requireEscalationDesk, STEP_ROLES } from '../../domain/case/case';
import { assertFilterInScope } from './filter-scope';
import { actingWorkerId } from '../../domain/grid/grid';

/** Who works the case loop: grid workers in their zone, admins in their jurisdiction. */
const CASE_ROLES = ['GRID_WORKER', 'SUB_DISTRICT_ADMIN', 'DISTRICT_ADMIN', 'CITY_ADMIN', 'SYSTEM'] as const;
/** Who handles or returns a dispatched case: its assignee (a Party organization's secretary, or an admin for a department), never a grid worker. */
const HANDLING_ROLES = STEP_ROLES.handle;

const caller = (actor: Actor, ctx: RequestCommandContext): Caller => ({ actor, context: ctx });

@ApiTags('cases 案件闭环')
@Controller()
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('cases')
  @HttpCode(201)
  @Roles(...CASE_ROLES)
  report(@Body() dto: ReportCaseDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    // A grid worker reports as themself; others may name the responsible worker.
    if (actor.role === 'GRID_WORKER' && dto.workerId && dto.workerId !== actingWorkerId(actor)) {
      throw new ForbiddenException('网格员只能以本人名义上报案件（workerId 须为本人）');
    }
    const workerId = actor.role === 'GRID_WORKER' ? actingWorkerId(actor) : (dto.workerId ?? null);
    return this.commands.execute(
      new ReportCase(
        {
          caseId: dto.caseId ?? `case-${randomUUID()}`,
          kind: dto.kind,
          priority: dto.priority ?? 'NORMAL',
          title: dto.title,
          description: dto.description,
          source: dto.source ?? 'GRID_WORKER',
          requesterName: dto.requesterName ?? null,
          gridId: dto.gridId,
          workerId,
        },
        caller(actor, ctx),
      ),
    );
  }

  @Get('cases')
  async list(@Query() dto: CaseFilterDto, @CurrentActor() actor: Actor) {
    const { limit, after, escalatedTo, assignedTo, ...filter } = dto;
    // 上报到本级: the caller's role and scope name the desk (403 for those who have none).
    const desk = escalatedTo === 'me' ? requireEscalationDesk(actor) : undefined;
    // 派遣给我: department staff see nothing but their department's cases, asked for or not.
    const assignee = assignedTo === 'me' || actor.role === 'DEPARTMENT_STAFF' ? assigneeOf(actor) : undefined;
    const scoped = narrowToScope(actor, filter);
    await assertFilterInScope(this.queries, actor, filter);
    const page = await this.queries.execute<ListCases, Page<CaseView>>(new ListCases({ ...scoped, escalatedTo: desk, assignee }, limit ?? 50, after));
    return { ...page, items: page.items.map((c) => caseFor(actor, c)) };
  }

  @Get('cases/:caseId')
  async get(@Param('caseId') caseId: string, @CurrentActor() actor: Actor) {
    const found = ID_PATTERN.test(caseId) ? await this.queries.execute(new GetCase(caseId)) : null;
    if (!found) throw new NotFoundException(`案件 ${caseId.slice(0, 64)} 不存在`);
    assertInScope(actor, found, '该案件');
    assertMayReadCase(actor, found as CaseView);
    return caseFor(actor, found as CaseView, { single: true });
  }

  @Get('cases/:caseId/timeline')
  async timeline(@Param('caseId') caseId: string, @CurrentActor() actor: Actor) {
    await this.get(caseId, actor);
    return this.queries.execute(new GetCaseTimeline(caseId));
  }

  @Post('cases/:caseId/accept')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  accept(@Param('caseId') id: string, @Body() dto: ExpectedVersionDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.act(id, { action: 'accept' }, dto, actor, ctx);
  }

  @Post('cases/:caseId/reject')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  reject(@Param('caseId') id: string, @Body() dto: ReasonDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.act(id, { action: 'reject', reason: dto.reason }, dto, actor, ctx);
  }

  @Post('cases/:caseId/mark-duplicate')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  markDuplicate(@Param('caseId') id: string, @Body() dto: DuplicateDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.act(id, { action: 'markDuplicate', duplicateOf: dto.duplicateOf }, dto, actor, ctx);
  }

  @Post('cases/:caseId/dispatch')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  dispatch(@Param('caseId') id: string, @Body() dto: DispatchDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.act(id, { action: 'dispatch', assignee: { kind: dto.assignee.kind, id: dto.assignee.id }, instructions: dto.instructions ?? null }, dto, actor, ctx);
  }

  @Post('cases/:caseId/return')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  giveBack(@Param('caseId') id: string, @Body() dto: ReasonDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.act(id, { action: 'return', reason: dto.reason }, dto, actor, ctx);
  }

  @Post('cases/:caseId/handle')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  handle(@Param('caseId') id: string, @Body() dto: FeedbackDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.act(id, { action: 'handle', feedback: dto.feedback }, dto, actor, ctx);
  }

  @Post('cases/:caseId/verify')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  verify(@Param('caseId') id: string, @Body() dto: VerifyDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.act(id, { action: 'verify', note: dto.note ?? null }, dto, actor, ctx);
  }

  @Post('cases/:caseId/rework')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  rework(@Param('caseId') id: string, @Body() dto: ReworkDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.act(id, { action: 'requestRework', reason: dto.reason }, dto, actor, ctx);
  }

  @Post('cases/:caseId/close')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  close(@Param('caseId') id: string, @Body() dto: ExpectedVersionDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.act(id, { action: 'close' }, dto, actor, ctx);
  }

  @Post('cases/:caseId/rate')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  rate(@Param('caseId') id: string, @Body() dto: RateDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.act(id, { action: 'rate', satisfaction: dto.satisfaction, comment: dto.comment ?? null }, dto, actor, ctx);
  }

  @Post('cases/:caseId/hold')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  hold(@Param('caseId') id: string, @Body() dto: ReasonDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.act(id, { action: 'hold', reason: dto.reason }, dto, actor, ctx);
  }

  @Post('cases/:caseId/resume')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  resume(@Param('caseId') id: string, @Body() dto: ExpectedVersionDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.act(id, { action: 'resume' }, dto, actor, ctx);
  }

  /** 超期巡查 on demand; the app also runs it on a timer. */
  @Post('overdue-sweeps')
  @HttpCode(200)
  @Roles('SYSTEM', 'CITY_ADMIN', 'DISTRICT_ADMIN')
  sweep(@CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.commands.execute(new SweepOverdueCases(caller(actor, ctx)));
  }

  @Get('time-limits/:districtId')
  timeLimits(@Param('districtId') districtId: string, @CurrentActor() actor: Actor) {
    if (!ID_PATTERN.test(districtId)) throw new NotFoundException('区县不存在');
    if (actor.scope.level !== 'CITY' && actor.scope.districtId !== districtId) assertInScope(actor, { districtId }, '该区县');
    return this.queries.execute(new GetTimeLimits(districtId));
  }

  @Put('time-limits')
  @Roles('SYSTEM', 'CITY_ADMIN', 'DISTRICT_ADMIN')
  setTimeLimit(@Body() dto: TimeLimitDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.commands.execute(new SetTimeLimit({ districtId: dto.districtId, kind: dto.kind, priority: dto.priority, hours: dto.hours }, caller(actor, ctx)));
  }

  private act(caseId: string, request: CaseRequest, dto: ExpectedVersionDto, actor: Actor, ctx: RequestCommandContext) {
    if (!ID_PATTERN.test(caseId)) throw new NotFoundException(`案件 ${caseId.slice(0, 64)} 不存在`);
    return this.commands.execute(new ActOnCase(caseId, request, dto.expectedVersion, caller(actor, ctx)));
  }
}
