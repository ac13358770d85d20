import { BadRequestException, Body, Controller, Get, GoneException, HttpCode, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiGoneResponse, ApiTags } from '@nestjs/swagger';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, assertInScope, CommandCtx, CurrentActor, pagePositionOf, RequestCommandContext, Roles } from '@pb/platform';
import { GetBranchFlags } from '../../application/recognition/get-branch-flags.query';
import { GetMemberRatings } from '../../application/recognition/get-member-ratings.query';
import { GetPointsRules } from '../../application/recognition/get-points-rules.query';
import { ListRecognitionRecords } from '../../application/recognition/list-recognition-records.query';
import { RegisterHonour, RegisterHonourDto } from '../../application/recognition/register-honour.command';
import { ScoreAssessment, ScoreAssessmentDto } from '../../application/recognition/score-assessment.command';
import { PointsRulesDto, SetPointsRules } from '../../application/recognition/set-points-rules.command';
import { ListRecords } from '../../application/records/list-records.query';
import { ID_PATTERN, RankingPageDto, ScopeFilterDto } from '../../application/shared/common.dto';
import { DEFAULT_POINTS_RULES } from '../../domain/recognition/recognition';
import { ADMINS, scopedFilter } from './access';

/** 一个党员一颗星、一个支部一面旗、党建品牌与示范点、五规范五提升、三优三推. */
@ApiTags('recognition 评星定级')
@Controller()
export class RecognitionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly views: MembershipReference,
  ) {}

  @Get('points-rules')
  pointsRules() {
    return this.queries.execute(new GetPointsRules());
  }

  /** City-wide rules; only the city (or the platform) sets them. */
  @Put('points-rules')
  @Roles('CITY_ADMIN', 'SYSTEM')
  setPointsRules(@Body() dto: PointsRulesDto, @CommandCtx() ctx: RequestCommandContext) {
    const { expectedVersion, ...rules } = dto;
    return this.commands.execute(new SetPointsRules({ rulesId: DEFAULT_POINTS_RULES.rulesId, ...rules }, expectedVersion, ctx));
  }

  @Get('ratings/members')
  async memberRatings(@Query() dto: RankingPageDto, @CurrentActor() actor: Actor) {
    const { after, ...q } = dto;
    return this.queries.execute(new GetMemberRatings(await scopedFilter(actor, q, { views: this.views }), q.period, q.limit ?? 200, pagePositionOf(after, 'after')));
  }

  /** Paged by organization id (`limit` default 200, `after` the previous page's `next`). */
  @Get('ratings/branches')
  async branchFlags(@Query() dto: RankingPageDto, @CurrentActor() actor: Actor) {
    const { after, ...q } = dto;
    const position = pagePositionOf(after, 'after');
    // This list's cursors name an organization twice (key and id): another list's cursor is refused, not misread.
    if (position && position.key !== position.id) throw new BadRequestException(['after 无效：须为上一页返回的游标']);
    return this.queries.execute(new GetBranchFlags(await scopedFilter(actor, q, { views: this.views }), q.period, q.limit ?? 200, position));
  }

  @Post('honours')
  @HttpCode(201)
  @Roles(...ADMINS)
  registerHonour(@Body() dto: RegisterHonourDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    assertInScope(actor, dto, '该品牌或示范点所属辖区');
    return this.commands.execute(new RegisterHonour({ ...dto, organizationId: dto.organizationId ?? null, zoneId: dto.zoneId ?? null }, ctx));
  }

  @Get('honours')
  async listHonours(@Query() q: ScopeFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListRecords('honour', await scopedFilter(actor, q, { views: this.views })));
  }

  private async organization(organizationId: string, actor: Actor) {
    const org = ID_PATTERN.test(organizationId) ? await this.views.organization(organizationId) : null;
    if (!org) throw new NotFoundException(`党组织 ${organizationId.slice(0, 64)} 不存在（或尚未同步）`);
    assertInScope(actor, org, '该组织');
    return org;
  }

  /** 五规范五提升: scored by the admins above the organization, never by its own secretary. */
  @Put('organizations/:organizationId/assessments/:period')
  @Roles(...ADMINS)
  async score(
    @Param('organizationId') organizationId: string,
    @Param('period') period: string,
    @Body() dto: ScoreAssessmentDto,
    @CommandCtx() ctx: RequestCommandContext,
    @CurrentActor() actor: Actor,
  ) {
    if (!/^\d{4}$/.test(period)) throw new NotFoundException('考评周期须为年份 YYYY');
    const org = await this.organization(organizationId, actor);
    return this.commands.execute(new ScoreAssessment(org, period, dto.items, dto.expectedVersion, ctx));
  }

  @Get('assessments')
  async listAssessments(@Query() q: ScopeFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListRecognitionRecords('assessments', await scopedFilter(actor, q, { views: this.views })));
  }

  /**
   * 三优三推 has one home, membership (`RecommendationRecorded`, and a stage advance that cites one is
   * checked there). Recommendations made here before stay listed below; new ones are refused.
   */
  @Post('recommendations')
  @ApiGoneResponse({ description: '已迁移：请使用 POST /api/membership/recommendations' })
  recommend(): never {
    throw new GoneException('三优三推推荐已统一由组织党员服务登记：请使用 POST /api/membership/recommendations（本服务只保留此前推荐的查询）');
  }

  @Get('recommendations')
  async listRecommendations(@Query() q: ScopeFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListRecognitionRecords('recommendations', await scopedFilter(actor, q, { views: this.views })));
  }
}
