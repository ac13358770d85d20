import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, CommandCtx, CurrentActor, RequestCommandContext, Roles } from '@pb/platform';
import { ListRecommendations, RecommendationFilterDto } from '../../application/member/list-recommendations.query';
import { RecordRecommendation, RecordRecommendationDto } from '../../application/member/record-recommendation.command';

/** 三优三推: recommendations from any service (through the gateway) are recorded here as events. */
@ApiTags('recommendations 三优三推')
@Controller('recommendations')
export class RecommendationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'ORG_SECRETARY', 'ENTERPRISE_CONTACT', 'SYSTEM')
  record(@Body() dto: RecordRecommendationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.commands.execute(
      new RecordRecommendation(
        {
          ...dto,
          recommendationId: dto.recommendationId ?? `rec-${randomUUID()}`,
          memberId: dto.memberId ?? null,
          enterpriseCreditCode: dto.enterpriseCreditCode ?? null,
        },
        actor,
        ctx,
      ),
    );
  }

  @Get()
  list(@Query() { limit, after, ...filter }: RecommendationFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListRecommendations(filter, actor, limit ?? 200, after));
  }
}
