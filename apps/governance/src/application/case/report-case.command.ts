import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseReported } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope, Clock } from '@pb/platform';
import { Case, decideReport, ReportRequest } from '../../domain/case/case';
import { DeadlinePolicy, policyIdOf, timeLimitHours } from '../../domain/case/deadline-policy';
import type { Grid, GridWorker } from '../../domain/grid/grid';
import { Cases, DeadlinePolicies, Grids, GridWorkers } from '../../infrastructure/aggregates';
import { Caller } from '../caller';

/** 案件上报: by a grid worker, or on behalf of a resident or merchant. */
export class ReportCase {
  constructor(
    readonly request: ReportRequest,
    readonly caller: Caller,
  ) {}
}

@CommandHandler(ReportCase)
export class ReportCaseHandler implements ICommandHandler<ReportCase, Case & { version: number }> {
  constructor(
    @InjectAggregate(Cases) private readonly cases: AggregateRepository<Case>,
    @InjectAggregate(Grids) private readonly grids: AggregateRepository<Grid>,
    @InjectAggregate(GridWorkers) private readonly workers: AggregateRepository<GridWorker>,
    @InjectAggregate(DeadlinePolicies) private readonly policies: AggregateRepository<DeadlinePolicy>,
    private readonly clock: Clock,
  ) {}

  async execute({ request, caller }: ReportCase): Promise<Case & { version: number }> {
    const grid = (await this.grids.load(request.gridId)).state;
    if (grid) assertInScope(caller.actor, grid, '该网格');
    const worker = request.workerId ? (await this.workers.load(request.workerId)).state : null;
    const policy = grid ? (await this.policies.load(policyIdOf(grid.districtId))).state : null;
    const limit = timeLimitHours(policy, request.kind, request.priority);
    const { state, version } = await this.cases.decideAndSave(
      request.caseId,
      (loaded) => ({ definition: CaseReported, data: decideReport(loaded.state, request, { grid, worker, timeLimitHours: limit, now: this.clock.now() }) }),
      caller.context,
    );
    return { ...state, version };
  }
}
