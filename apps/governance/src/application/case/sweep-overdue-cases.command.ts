import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'crypto';
import { Model } from 'mongoose';
import { CaseEscalated, CaseOverdue } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, ConcurrencyConflictError, InjectAggregate, InjectSnapshots, Loaded, Snapshot } from '@pb/messaging';
import { Clock, scopeFilter } from '@pb/platform';
import { Case, decideEscalation, decideOverdue } from '../../domain/case/case';
import { RUNNING_STATES } from '../../domain/case/case-state-machine';
import { Cases } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';

export interface SweepResult {
  checked: number;
  overdue: string[];
  escalated: { caseId: string; toLevel: string }[];
}

/**
 * 超期巡查: every running case past its deadline raises CaseOverdue once and
 * climbs the jurisdiction (zone → sub-district → district → city). Each step is
 * its own command on one case, so repeating the sweep, or two instances running
 * it at once, raises nothing twice (the event store's version index decides).
 */
export class SweepOverdueCases {
  constructor(readonly caller: Caller) {}
}

const PAGE = 500;

@CommandHandler(SweepOverdueCases)
export class SweepOverdueCasesHandler implements ICommandHandler<SweepOverdueCases, SweepResult> {
  private readonly logger = new Logger('OverdueSweep');

  constructor(
    @InjectSnapshots(Cases) private readonly snapshots: Model<Snapshot<Case>>,
    @InjectAggregate(Cases) private readonly cases: AggregateRepository<Case>,
    private readonly known: MembershipReference,
    private readonly clock: Clock,
  ) {}

  async execute({ caller }: SweepOverdueCases): Promise<SweepResult> {
    const now = this.clock.now();
    const result: SweepResult = { checked: 0, overdue: [], escalated: [] };
    const context: CommandContext = { ...caller.context, causationId: caller.context.causationId ?? `sweep-${randomUUID()}` };
    let after = '';
    for (;;) {
      const page = await this.snapshots
        .find(
          { ...scopeFilter(caller.actor.scope), status: { $in: [...RUNNING_STATES] }, dueAt: { $lt: now.toISOString() }, escalationLevel: { $ne: 'CITY' }, _id: { $gt: after } },
          { _id: 1 },
        )
        .sort({ _id: 1 })
        .limit(PAGE)
        .lean<{ _id: string }[]>()
        .exec();
      for (const { _id } of page) {
        result.checked += 1;
        try {
          await this.sweepOne(_id, now, context, result);
        } catch (error) {
          // Someone acted on the case meanwhile; the next sweep looks again.
          if (!(error instanceof ConcurrencyConflictError)) throw error;
          this.logger.warn({ caseId: _id }, 'case changed during the overdue sweep; left for the next one');
        }
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]._id;
    }
    return result;
  }

  private async sweepOne(caseId: string, now: Date, context: CommandContext, result: SweepResult): Promise<void> {
    // Each event is decided on the state the one before it leads to, and stored on its own.
    let loaded: Loaded<Case> = await this.cases.load(caseId);
    if (!loaded.state) return;
    const overdue = decideOverdue(loaded.state, now);
    if (overdue) {
      loaded = await this.cases.save(loaded, { definition: CaseOverdue, data: overdue }, context);
      result.overdue.push(caseId);
    }
    // Escalation goes up to the city above the district; a fixed id until the district's registration arrives.
    const cityId = (await this.known.jurisdiction(loaded.state!.districtId))?.parentId ?? 'city';
    for (let escalation = decideEscalation(loaded.state!, now, { cityId }); escalation; escalation = decideEscalation(loaded.state!, now, { cityId })) {
      loaded = await this.cases.save(loaded, { definition: CaseEscalated, data: escalation }, context);
      result.escalated.push({ caseId, toLevel: escalation.toLevel });
    }
  }
}
