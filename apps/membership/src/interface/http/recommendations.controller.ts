import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { randomUUID } from 'crypto';
import { RECOMMENDATION_KINDS, RecommendationKind } from '@pb/contracts';
import { Actor, CommandCtx, CurrentActor, RequestCommandContext, Roles } from '@pb/platform';
import { ListRecommendations } from '../../application/member/list-recommendations.query';
import { RecordRecommendation, RecordRecommendationDto } from '../../application/member/record-recommendation.command';
import { ID_PATTERN } from '../../application/shared/common.dto';

class RecommendationFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: 'organizationId 须为党组织编号' }) organizationId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: 'memberId 须为党员编号' }) memberId?: string;
  @IsOptional() @IsIn(RECOMMENDATION_KINDS, { message: `kind 必须是以下之一：${RECOMMENDATION_KINDS.join(', ')}` }) kind?: RecommendationKind;
}

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
  list(@Query() filter: RecommendationFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListRecommendations(filter, actor));
  }
}
