import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pb/platform';
import { ScopeResolver } from '../../application/queries/scope-resolver';
import { UncoveredEnterprisesQuery } from '../../application/queries/scope.dto';
import { TwoNewCoverage } from '../../application/queries/two-new-coverage';

/**
 * 两新覆盖: the enterprises of a scope that should set up a Party organization (应建未建), by
 * name. A list of named records, not a figure: analysts get the counts on the dashboard only
 * (RoutePolicy), so this controller is not open to them.
 */
@ApiTags('dashboard 看板')
@Controller('api/dashboard')
export class CoverageController {
  constructor(
    private readonly scopes: ScopeResolver,
    private readonly coverage: TwoNewCoverage,
  ) {}

  @Get('uncovered-enterprises')
  async uncoveredEnterprises(@Query() query: UncoveredEnterprisesQuery, @CurrentActor() actor: Actor) {
    const { filter } = await this.scopes.resolve(actor, query.scope, query.id);
    return this.coverage.uncovered(filter, query.after, query.limit);
  }
}
