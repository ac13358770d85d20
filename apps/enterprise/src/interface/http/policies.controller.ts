import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Actor, assertInScope, CommandCtx, CurrentActor, RecordJurisdiction, RequestCommandContext, Roles } from '@pb/platform';
import { MatchPolicy } from '../../application/policy/match-policy.command';
import { PublishPolicy, PublishPolicyDto } from '../../application/policy/publish-policy.command';
import { GetRecord } from '../../application/records/get-record.query';
import { ListRecords, PolicyMatchFilterDto } from '../../application/records/list-records.query';
import { ID_PATTERN, PageDto } from '../../application/shared/common.dto';
import { ADMINS, assertFiltersMayBeRead, assertPolicyInScope, filterOf, found, narrowForActor, pageArgs } from './access';

/** 惠企政策 and their matching to enterprises 政策精准推送. */
@ApiTags('policies 惠企政策')
@Controller()
export class PoliciesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('policies')
  @HttpCode(201)
  @Roles(...ADMINS)
  publish(@Body() dto: PublishPolicyDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    assertInScope(actor, { districtId: dto.districtId, zoneId: dto.zoneId ?? null, subDistrictId: null }, '该政策的适用范围');
    return this.commands.execute(new PublishPolicy({ ...dto, zoneId: dto.zoneId ?? null }, ctx));
  }

  /** Runs the matching: pushes the policy to every eligible enterprise not yet reached; repeatable. */
  @Post('policies/:policyId/matching')
  @HttpCode(200)
  @Roles(...ADMINS)
  async match(@Param('policyId') id: string, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    return this.commands.execute(new MatchPolicy(id, ctx));
  }

  @Get('policies')
  list(@Query() dto: PageDto, @CurrentActor() actor: Actor) {
    const filter = actor.scope.level === 'CITY' ? {} : { districtId: actor.scope.districtId };
    return this.queries.execute(new ListRecords('policy', filter, ...pageArgs(dto)));
  }

  @Get('policies/:policyId')
  async get(@Param('policyId') id: string, @CurrentActor() actor: Actor) {
    const policy = found<RecordJurisdiction>(ID_PATTERN.test(id) ? await this.queries.execute(new GetRecord('policy', id)) : null, `政策 ${id.slice(0, 64)} 不存在`);
    assertPolicyInScope(actor, policy);
    return policy;
  }

  @Get('policy-matches')
  async listMatches(@Query() dto: PolicyMatchFilterDto, @CurrentActor() actor: Actor) {
    const filter = narrowForActor(actor, filterOf(dto));
    await assertFiltersMayBeRead(this.queries, actor, [
      { kind: 'policy', id: dto.policyId, what: '该政策' },
      { kind: 'enterprise', id: dto.creditCode, what: '该企业' },
    ]);
    return this.queries.execute(new ListRecords('policyMatch', filter, ...pageArgs(dto)));
  }
}
