import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CaseAccepted,
  CaseClosed,
  CaseDispatched,
  CaseHandled,
  CaseHeld,
  CaseMarkedDuplicate,
  CaseRated,
  CaseRejected,
  CaseResumed,
  CaseReturned,
  CaseReworkRequested,
  CaseVerified,
  EventDefinition,
} from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope, Clock } from '@pb/platform';
import { MembershipReference } from '@pb/membership-reference';
import { Case, CaseDecision, CaseRequest, decideStep, requireCase, StepContext } from '../../domain/case/case';
import type { Department } from '../../domain/grid/grid';
import { Cases, Departments } from '../../infrastructure/aggregates';
import { Caller } from '../caller';

const DEFINITIONS: Record<CaseDecision['event'], EventDefinition<never> & { type: string }> = {
  CaseAccepted,
  CaseRejected,
  CaseMarkedDuplicate,
  CaseDispatched,
  CaseReturned,
  CaseHandled,
  CaseVerified,
  CaseReworkRequested,
  CaseClosed,
  CaseRated,
  CaseHeld,
  CaseResumed,
} as never;

/**
 * One step of the case loop (accept, dispatch, handle, verify …). The steps
 * differ only in what they carry; whether a step may happen is the state
 * machine's table, so they share this handler.
 */
export class ActOnCase {
  constructor(
    readonly caseId: string,
    readonly request: CaseRequest,
    readonly expectedVersion: number | undefined,
    readonly caller: Caller,
  ) {}
}

@CommandHandler(ActOnCase)
export class ActOnCaseHandler implements ICommandHandler<ActOnCase, Case & { version: number }> {
  constructor(
    @InjectAggregate(Cases) private readonly cases: AggregateRepository<Case>,
    @InjectAggregate(Departments) private readonly departments: AggregateRepository<Department>,
    private readonly known: MembershipReference,
    private readonly clock: Clock,
  ) {}

  async execute({ caseId, request, expectedVersion, caller }: ActOnCase): Promise<Case & { version: number }> {
    const { state, version } = await this.cases.decideAndSave(
      caseId,
      async (loaded) => {
        const current = requireCase(loaded.state, caseId);
        assertInScope(caller.actor, current, '该案件');
        const decision = decideStep(current, request, await this.references(request, caller));
        return { definition: DEFINITIONS[decision.event], data: decision.data as never };
      },
      caller.context,
      { expectedVersion },
    );
    return { ...state, version };
  }

  private async references(request: CaseRequest, caller: Caller): Promise<StepContext> {
    const ctx: StepContext = { now: this.clock.now(), actingWorkerId: caller.actor.role === 'GRID_WORKER' ? caller.actor.userId : null };
    if (request.action === 'markDuplicate') ctx.original = (await this.cases.load(request.duplicateOf)).state;
    if (request.action === 'dispatch') {
      ctx.assignee =
        request.assignee.kind === 'DEPARTMENT' ? (await this.departments.load(request.assignee.id)).state : await this.known.organization(request.assignee.id);
    }
    return ctx;
  }
}
