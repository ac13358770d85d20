import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseReported } from '@pb/contracts';
import { assertInScope, Clock } from '@pb/platform';
import { Case, decideReport, ReportRequest } from '../../domain/case/case';
import { policyIdOf, timeLimitHours } from '../../domain/case/deadline-policy';
import { CaseRepository, DeadlinePolicyRepository, GridRepository, GridWorkerRepository } from '../../infrastructure/repositories';
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
    private readonly cases: CaseRepository,
    private readonly grids: GridRepository,
    private readonly workers: GridWorkerRepository,
    private readonly policies: DeadlinePolicyRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ request, caller }: ReportCase): Promise<Case & { version: number }> {
    const grid = (await this.grids.load(request.gridId)).state;
    if (grid) assertInScope(caller.actor, grid, '该网格');
    const worker = request.workerId ? (await this.workers.load(request.workerId)).state : null;
    const policy = grid ? (await this.policies.load(policyIdOf(grid.districtId))).state : null;
    const loaded = await this.cases.load(request.caseId);
    const data = decideReport(loaded.state, request, {
      grid,
      worker,
      timeLimitHours: timeLimitHours(policy, request.kind, request.priority),
      now: this.clock.now(),
    });
    const { state, envelope } = await this.cases.save(loaded, { definition: CaseReported, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, caller.context);
    return { ...state, version: envelope.aggregateversion };
  }
}
