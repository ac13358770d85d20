import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { MediationAgreed, MediationFailed, MediationOpened, MediationParty, MediationSessionHeld, ReferralTarget } from '@pb/contracts';
import { AggregateRepository, InjectAggregate, InjectSnapshots, PendingEvent } from '@pb/messaging';
import { assertInScope, Clock } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import type { Case } from '../../domain/case/case';
import { decideAgreement, decideFailure, decideMediationOpened, decideSession, Mediation } from '../../domain/mediation/mediation';
import { Cases, Mediations } from '../../infrastructure/aggregates';
import { Caller } from '../caller';

/** 启动调解 of a dispute case. */
export class OpenMediation {
  constructor(
    readonly request: { mediationId: string; caseId: string; mediatorId: string; parties: MediationParty[] },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(OpenMediation)
export class OpenMediationHandler implements ICommandHandler<OpenMediation, Mediation> {
  constructor(
    @InjectAggregate(Mediations) private readonly mediations: AggregateRepository<Mediation>,
    @InjectAggregate(Cases) private readonly cases: AggregateRepository<Case>,
  ) {}

  async execute({ request, caller }: OpenMediation): Promise<Mediation> {
    const dispute = (await this.cases.load(request.caseId)).state;
    if (dispute) assertInScope(caller.actor, dispute, '该案件');
    const { state } = await this.mediations.decideAndSave(
      request.mediationId,
      (loaded) => ({ definition: MediationOpened, data: decideMediationOpened(loaded.state, dispute, request) }),
      caller.context,
    );
    return state;
  }
}

export type MediationStep = { step: 'session'; summary: string } | { step: 'agree'; terms: string } | { step: 'fail'; reason: string; referredTo: ReferralTarget };

/** A session with the parties, or the outcome: agreement (its terms) or failure and referral. */
export class ProgressMediation {
  constructor(
    readonly mediationId: string,
    readonly request: MediationStep,
    readonly caller: Caller,
  ) {}
}

@CommandHandler(ProgressMediation)
export class ProgressMediationHandler implements ICommandHandler<ProgressMediation, Mediation> {
  constructor(
    @InjectAggregate(Mediations) private readonly mediations: AggregateRepository<Mediation>,
    private readonly clock: Clock,
  ) {}

  async execute({ mediationId, request, caller }: ProgressMediation): Promise<Mediation> {
    const { state } = await this.mediations.decideAndSave(
      mediationId,
      ({ state: mediation }) => {
        if (!mediation) throw new DomainError('not_found', 'MEDIATION_NOT_FOUND', `调解 ${mediationId} 不存在`, { mediationId });
        assertInScope(caller.actor, mediation, '该调解');
        const now = this.clock.now();
        const event =
          request.step === 'session'
            ? { definition: MediationSessionHeld, data: decideSession(mediation, mediationId, request.summary, now) }
            : request.step === 'agree'
              ? { definition: MediationAgreed, data: decideAgreement(mediation, mediationId, request.terms, now) }
              : { definition: MediationFailed, data: decideFailure(mediation, mediationId, request.reason, request.referredTo, now) };
        return event as PendingEvent<never>;
      },
      caller.context,
    );
    return state;
  }
}

export class FindMediations {
  constructor(readonly filter: Record<string, string | undefined>) {}
}

@QueryHandler(FindMediations)
export class FindMediationsHandler implements IQueryHandler<FindMediations> {
  constructor(@InjectSnapshots(Mediations) private readonly mediations: Model<Mediation & { _id: string }>) {}

  execute({ filter }: FindMediations) {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    return this.mediations.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(200).lean().exec();
  }
}
