import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, CurrentActor, pageOf, pagePositionOf } from '@pb/platform';
import { Freshness } from '../../application/projections/freshness';
import { DashboardFigures } from '../../application/queries/dashboard-figures';
import { ScopeResolver } from '../../application/queries/scope-resolver';
import { BranchFlagsQuery, DashboardQuery, OrganizationsQuery } from '../../application/queries/scope.dto';
import { SharedAnswers } from '../../application/queries/shared-answers';
import { SourceAvailability } from '../../application/queries/source-availability';
import { TwoNewCoverage } from '../../application/queries/two-new-coverage';
import { SerializedAnswer, sendSerialized, serialize } from './serialized-answer';

/**
 * A computed dashboard answers again for 250 ms, and requests arriving while
 * it is computed share the computation (see SharedAnswers). No stale answer
 * while a refresh runs: it breaks the 1 s lag target (docs/performance.md), so
 * an answer is never older than 250 ms plus one computation.
 */
const FRESH_MS = 250;
const STALE_MS = 250;

/**
 * Dashboards from zone up to the whole city (看板), answered from the gateway's
 * own read models, so they work while a service is down and say how fresh they are:
 * `sources` names each source context with its newest event and whether its service answers
 * (stale past SOURCE_STALE_AFTER_SECONDS). Nothing here calls a service.
 */
@ApiTags('dashboard 看板')
@Controller('api/dashboard')
export class DashboardController {
  constructor(
    private readonly reference: MembershipReference,
    private readonly scopes: ScopeResolver,
    private readonly freshness: Freshness,
    private readonly figures: DashboardFigures,
    private readonly availability: SourceAvailability,
    private readonly coverage: TwoNewCoverage,
  ) {}

  /** Shared as the bytes sent: serialised (and tagged) once per computation, not per request. */
  private readonly answers = new SharedAnswers<SerializedAnswer>(FRESH_MS, STALE_MS);

  @Get()
  @ApiOkResponse({ description: '看板（JSON；ETag，If-None-Match 相同时 304）' })
  async dashboard(@Query() query: DashboardQuery, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    // Resolved (and the caller's jurisdiction checked) on every request; only the figures are shared.
    const resolved = await this.scopes.resolve(actor, query.scope, query.id);
    const key = JSON.stringify([query.scope, query.id ?? null, query.period ?? null]);
    sendSerialized(req, res, await this.answers.get(key, async () => serialize(await this.compute(query, resolved))));
  }

  private async compute(query: DashboardQuery, { scope, name, filter }: Awaited<ReturnType<ScopeResolver['resolve']>>) {
    const [{ organizations, members, floatingMembers, probationaryMembers }, freshness, figures, coverage] = await Promise.all([
      this.reference.partyFiguresIn(filter),
      this.freshness.all(),
      this.figures.figures(filter, query.period),
      this.coverage.figures(filter),
    ]);
    return {
      scope: query.scope,
      id: query.id ?? null,
      name,
      jurisdiction: scope,
      organizations,
      members,
      floatingMembers,
      probationaryMembers,
      ...figures,
      coverage,
      freshness,
      sources: this.freshness.sources(freshness, this.availability.all(), this.availability.staleAfterSeconds),
      generatedAt: new Date().toISOString(),
    };
  }

  /** The branch flags of the scope beyond the dashboard's top 20, paged (`next` until null). */
  @Get('flags')
  async branchFlags(@Query() query: BranchFlagsQuery, @CurrentActor() actor: Actor) {
    const { filter } = await this.scopes.resolve(actor, query.scope, query.id);
    const position = pagePositionOf(query.after, 'after');
    return this.figures.flagsPage(filter, query.period ?? this.figures.periods().year, query.limit, position);
  }

  /** The scope's standing organizations by name, paged (`next` until null). */
  @Get('organizations')
  async organizationsIn(@Query() query: OrganizationsQuery, @CurrentActor() actor: Actor) {
    const { filter } = await this.scopes.resolve(actor, query.scope, query.id);
    const position = pagePositionOf(query.after, 'after');
    const found = await this.reference.organizationsByName(filter, query.limit + 1, position);
    return pageOf(found, query.limit, (o) => ({ key: o.name ?? '', id: o._id }));
  }
}
