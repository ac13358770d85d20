import { Body, Controller, ForbiddenException, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Actor, CommandCtx, CurrentActor, RecordJurisdiction, RequestCommandContext, Roles, scopeCovers } from '@pb/platform';
import { GetEnterprise } from '../../application/enterprise/get-enterprise.query';
import { ConcludeFinancingMatch, ConcludeFinancingMatchDto } from '../../application/financing/conclude-financing-match.command';
import { FileFinancingNeed, FileFinancingNeedDto } from '../../application/financing/file-financing-need.command';
import { ProposeFinancingMatch, ProposeFinancingMatchDto } from '../../application/financing/propose-financing-match.command';
import { PublishLoanProduct, PublishLoanProductDto } from '../../application/financing/publish-loan-product.command';
import { GetRecord } from '../../application/records/get-record.query';
import { FinancingFilterDto, ListRecords, LoanProductFilterDto } from '../../application/records/list-records.query';
import { ID_PATTERN } from '../../application/shared/common.dto';
import { ADMINS, assertFiltersMayBeRead, assertMayAccess, filterOf, found, narrowForActor, pageArgs } from './access';

type Owned = RecordJurisdiction & { creditCode: string };

/** 银企对接: banks' loan products, enterprises' financing needs, matches and their outcome. */
@ApiTags('financing 银企对接')
@Controller()
export class FinancingController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('loan-products')
  @HttpCode(201)
  @Roles(...ADMINS)
  publishProduct(@Body() dto: PublishLoanProductDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    if (!scopeCovers(actor.scope, { districtId: dto.districtId }) || !['CITY', 'DISTRICT'].includes(actor.scope.level)) {
      throw new ForbiddenException(`只有市级或区县 ${dto.districtId} 的管理员可以发布该区县的贷款产品`);
    }
    return this.commands.execute(new PublishLoanProduct({ ...dto }, ctx));
  }

  /** Products are public to every enterprise of their district. */
  @Get('loan-products')
  listProducts(@Query() dto: LoanProductFilterDto, @CurrentActor() actor: Actor) {
    const districtId = actor.scope.level === 'CITY' ? dto.districtId : actor.scope.districtId;
    if (dto.districtId !== undefined && dto.districtId !== districtId) throw new ForbiddenException(`只能查看本区县（${actor.scope.districtId}）的贷款产品`);
    const filter = districtId === undefined ? {} : { districtId };
    return this.queries.execute(new ListRecords('loanProduct', filter, ...pageArgs(dto)));
  }

  @Post('financing-needs')
  @HttpCode(201)
  @Roles(...ADMINS, 'ENTERPRISE_CONTACT')
  async fileNeed(@Body() dto: FileFinancingNeedDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const enterprise = await this.queries.execute(new GetEnterprise(dto.creditCode));
    if (enterprise) assertMayAccess(actor, enterprise, '该企业');
    return this.commands.execute(new FileFinancingNeed({ ...dto }, ctx));
  }

  @Get('financing-needs')
  async listNeeds(@Query() dto: FinancingFilterDto, @CurrentActor() actor: Actor) {
    const { needId: _n, sessionId: _s, status: _st, ...filter } = filterOf(dto);
    const narrowed = narrowForActor(actor, filter);
    await assertFiltersMayBeRead(this.queries, actor, [{ kind: 'enterprise', id: dto.creditCode, what: '该企业' }]);
    return this.queries.execute(new ListRecords('financingNeed', narrowed, ...pageArgs(dto)));
  }

  @Post('financing-matches')
  @HttpCode(201)
  @Roles(...ADMINS)
  async propose(@Body() dto: ProposeFinancingMatchDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const need = await this.queries.execute<GetRecord, Owned | null>(new GetRecord('financingNeed', dto.needId));
    if (need) assertMayAccess(actor, need, '该融资需求');
    return this.commands.execute(new ProposeFinancingMatch({ ...dto, sessionId: dto.sessionId ?? null }, ctx));
  }

  @Post('financing-matches/:matchId/outcome')
  @HttpCode(200)
  @Roles(...ADMINS)
  async conclude(@Param('matchId') id: string, @Body() dto: ConcludeFinancingMatchDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.getMatch(id, actor);
    return this.commands.execute(
      new ConcludeFinancingMatch(id, { outcome: dto.outcome, grantedAmount: dto.grantedAmount ?? null, declineReason: dto.declineReason ?? null, concludedOn: dto.concludedOn }, ctx),
    );
  }

  @Get('financing-matches')
  async listMatches(@Query() dto: FinancingFilterDto, @CurrentActor() actor: Actor) {
    const filter = narrowForActor(actor, filterOf(dto));
    await assertFiltersMayBeRead(this.queries, actor, [
      { kind: 'enterprise', id: dto.creditCode, what: '该企业' },
      { kind: 'financingNeed', id: dto.needId, what: '该融资需求' },
      { kind: 'serviceDay', id: dto.sessionId, what: '该银企对接会' },
    ]);
    return this.queries.execute(new ListRecords('financingMatch', filter, ...pageArgs(dto)));
  }

  @Get('financing-matches/:matchId')
  async getMatch(@Param('matchId') id: string, @CurrentActor() actor: Actor) {
    const match = found<Owned>(ID_PATTERN.test(id) ? await this.queries.execute(new GetRecord('financingMatch', id)) : null, `对接记录 ${id.slice(0, 64)} 不存在`);
    assertMayAccess(actor, match, '该对接记录');
    return match;
  }
}
