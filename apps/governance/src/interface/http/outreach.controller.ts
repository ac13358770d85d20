import { BadRequestException, Body, Controller, ForbiddenException, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, CommandCtx, CurrentActor, narrowToScope, RequestCommandContext, Roles } from '@pb/platform';
import { FindMediations, MediationFilterDto } from '../../application/mediation/find-mediations.query';
import { OpenMediation, OpenMediationDto } from '../../application/mediation/open-mediation.command';
import { MediationAgreementDto, MediationFailureDto, MediationSessionDto, ProgressMediation } from '../../application/mediation/progress-mediation.command';
import { FindCampaigns } from '../../application/outreach/find-campaigns.query';
import { LaunchCampaign, LaunchCampaignDto } from '../../application/outreach/launch-campaign.command';
import { RecordVisit, RecordVisitDto } from '../../application/outreach/record-visit.command';
import { DEFAULT_PAGE, ID_PATTERN, PagedJurisdictionFilterDto } from '../../application/shared/common.dto';
import type { Page } from '../../application/shared/page';
import { mediationFor } from '../../application/shared/personal-data';
import type { Mediation } from '../../domain/mediation/mediation';
import { assertFilterInScope } from './filter-scope';
import { actingWorkerId } from '../../domain/grid/grid';

const FIELD = ['GRID_WORKER', 'SUB_DISTRICT_ADMIN', 'DISTRICT_ADMIN', 'CITY_ADMIN', 'SYSTEM'] as const;

function checkId(id: string, what: string): void {
  if (!ID_PATTERN.test(id)) throw new NotFoundException(`${what} ${id.slice(0, 64)} 不存在`);
}

/** 调处矛盾纠纷 and 宣传政策法规: the grid workers' field work besides the case loop. */
@ApiTags('mediation 矛盾纠纷调解 / outreach 政策法规宣传')
@Controller()
export class FieldWorkController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('mediations')
  @HttpCode(201)
  @Roles(...FIELD)
  open(@Body() dto: OpenMediationDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.commands.execute(
      new OpenMediation(
        { mediationId: dto.mediationId ?? `med-${randomUUID()}`, caseId: dto.caseId, mediatorId: dto.mediatorId, parties: dto.parties.map((p) => ({ side: p.side, name: p.name })) },
        { actor, context },
      ),
    );
  }

  @Get('mediations')
  async mediations(@Query() dto: MediationFilterDto, @CurrentActor() actor: Actor) {
    const { limit, after, ...filter } = dto;
    const scoped = narrowToScope(actor, filter);
    await assertFilterInScope(this.queries, actor, filter);
    const page = await this.queries.execute<FindMediations, Page<Mediation>>(new FindMediations({ ...scoped }, limit ?? DEFAULT_PAGE, after));
    return { ...page, items: page.items.map((m) => mediationFor(actor, m)) };
  }

  @Post('mediations/:mediationId/sessions')
  @HttpCode(200)
  @Roles(...FIELD)
  session(@Param('mediationId') id: string, @Body() dto: MediationSessionDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    checkId(id, '调解');
    return this.commands.execute(new ProgressMediation(id, { step: 'session', summary: dto.summary }, { actor, context }));
  }

  @Post('mediations/:mediationId/agreement')
  @HttpCode(200)
  @Roles(...FIELD)
  agree(@Param('mediationId') id: string, @Body() dto: MediationAgreementDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    checkId(id, '调解');
    return this.commands.execute(new ProgressMediation(id, { step: 'agree', terms: dto.terms }, { actor, context }));
  }

  @Post('mediations/:mediationId/failure')
  @HttpCode(200)
  @Roles(...FIELD)
  fail(@Param('mediationId') id: string, @Body() dto: MediationFailureDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    checkId(id, '调解');
    return this.commands.execute(new ProgressMediation(id, { step: 'fail', reason: dto.reason, referredTo: dto.referredTo }, { actor, context }));
  }

  @Post('outreach-campaigns')
  @HttpCode(201)
  @Roles('SUB_DISTRICT_ADMIN', 'DISTRICT_ADMIN', 'CITY_ADMIN', 'SYSTEM')
  launch(@Body() dto: LaunchCampaignDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.commands.execute(
      new LaunchCampaign(
        { campaignId: dto.campaignId ?? `campaign-${randomUUID()}`, title: dto.title, topics: dto.topics, startsOn: dto.startsOn, endsOn: dto.endsOn, zoneId: dto.zoneId },
        { actor, context },
      ),
    );
  }

  @Get('outreach-campaigns')
  campaigns(@Query() dto: PagedJurisdictionFilterDto, @CurrentActor() actor: Actor) {
    const { limit, after, ...filter } = dto;
    return this.queries.execute(new FindCampaigns({ ...narrowToScope(actor, filter) }, limit ?? DEFAULT_PAGE, after));
  }

  @Post('outreach-campaigns/:campaignId/visits')
  @HttpCode(201)
  @Roles(...FIELD)
  visit(@Param('campaignId') id: string, @Body() dto: RecordVisitDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    checkId(id, '宣传活动');
    if (actor.role === 'GRID_WORKER' && dto.workerId && dto.workerId !== actingWorkerId(actor)) throw new ForbiddenException('网格员只能记录本人的走访');
    const workerId = actor.role === 'GRID_WORKER' ? actingWorkerId(actor) : dto.workerId;
    if (!workerId) throw new BadRequestException('workerId 必填（走访的网格员）');
    return this.commands.execute(
      new RecordVisit(
        {
          campaignId: id,
          visitId: dto.visitId ?? `visit-${randomUUID()}`,
          workerId,
          targetKind: dto.targetKind,
          targetName: dto.targetName,
          reach: dto.reach,
          visitedOn: dto.visitedOn,
        },
        { actor, context },
      ),
    );
  }
}
