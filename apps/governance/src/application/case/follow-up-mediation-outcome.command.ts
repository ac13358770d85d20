import { Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EventEnvelope } from '@pb/contracts';
import { AggregateRepository, EventStore, InjectAggregate } from '@pb/messaging';
import { DomainError, SYSTEM_ACTOR } from '@pb/platform';
import type { Case } from '../../domain/case/case';
import { decideMediationFollowUp, MediationOutcome } from '../../domain/case/mediation-outcome';
import type { Mediation } from '../../domain/mediation/mediation';
import { Cases, Mediations } from '../../infrastructure/aggregates';
import { ActOnCase } from './act-on-case.command';

/**
 * 调解结果推动案件 (a process manager's step): a mediation ended, so its case takes the step the
 * outcome calls for, as the platform (SYSTEM), caused by the outcome's event. Safe to repeat: a case
 * already holding an event caused by this outcome is left alone, and a case that has moved on
 * meanwhile is no longer where the step is allowed.
 */
export class FollowUpMediationOutcome {
  constructor(
    readonly outcome: MediationOutcome,
    /** The MediationAgreed / MediationFailed event: its id is the case event's causation. */
    readonly event: Pick<EventEnvelope, 'id' | 'correlationid'>,
  ) {}
}

export type FollowUpResult = { moved: true; caseId: string; action: string } | { moved: false; caseId: string | null; why: string };

@CommandHandler(FollowUpMediationOutcome)
export class FollowUpMediationOutcomeHandler implements ICommandHandler<FollowUpMediationOutcome, FollowUpResult> {
  private readonly logger = new Logger('MediationOutcomes');

  constructor(
    @InjectAggregate(Mediations) private readonly mediations: AggregateRepository<Mediation>,
    @InjectAggregate(Cases) private readonly cases: AggregateRepository<Case>,
    private readonly store: EventStore,
    private readonly commands: CommandBus,
  ) {}

  async execute({ outcome, event }: FollowUpMediationOutcome): Promise<FollowUpResult> {
    // The platform acts here, for the whole city: no user's jurisdiction to check.
    const mediation = (await this.mediations.load(outcome.mediationId)).state;
    if (!mediation) return { moved: false, caseId: null, why: 'no such mediation' };
    const caseId = mediation.caseId;
    // Redelivered (a crash fell between the case's write and the inbox's): already done.
    if ((await this.store.load(caseId)).some((e) => e.causationid === event.id)) return { moved: false, caseId, why: 'already moved by this outcome' };
    const state = (await this.cases.load(caseId)).state;
    const request = state && decideMediationFollowUp(state, outcome);
    if (!request) return { moved: false, caseId, why: `case is ${state?.status ?? 'missing'}` };
    try {
      await this.commands.execute(
        new ActOnCase(caseId, request, undefined, { actor: SYSTEM_ACTOR, context: { correlationId: event.correlationid, causationId: event.id, actorId: SYSTEM_ACTOR.userId } }),
      );
    } catch (error) {
      // Someone moved the case between our read and the step: the loop goes on by hand, as above.
      if (error instanceof DomainError && error.kind === 'conflict') {
        this.logger.log({ caseId, mediationId: outcome.mediationId, code: error.code }, 'case moved on before the mediation outcome reached it');
        return { moved: false, caseId, why: error.code };
      }
      throw error;
    }
    return { moved: true, caseId, action: request.action };
  }
}
