import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MediationAgreed, MediationFailed, MediationOpened, MediationParty, MediationSessionHeld, ReferralTarget } from '@pb/contracts';
import { assertInScope, Clock } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { decideAgreement, decideFailure, decideMediationOpened, decideSession, Mediation } from '../../domain/mediation/mediation';
import { CaseRepository, MediationRepository } from '../../infrastructure/repositories';
import { SNAPSHOTS } from '../../infrastructure/snapshots';
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
    private readonly mediations: MediationRepository,
    private readonly cases: CaseRepository,
  ) {}

  async execute({ request, caller }: OpenMediation): Promise<Mediation> {
    const dispute = (await this.cases.load(request.caseId)).state;
    if (dispute) assertInScope(caller.actor, dispute, '该案件');
    const loaded = await this.mediations.load(request.mediationId);
    const data = decideMediationOpened(loaded.state, dispute, request);
    const { state } = await this.mediations.save(loaded, { definition: MediationOpened, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, caller.context);
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
    private readonly mediations: MediationRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ mediationId, request, caller }: ProgressMediation): Promise<Mediation> {
    const loaded = await this.mediations.load(mediationId);
    if (!loaded.state) throw new DomainError('not_found', 'MEDIATION_NOT_FOUND', `调解 ${mediationId} 不存在`, { mediationId });
    assertInScope(caller.actor, loaded.state, '该调解');
    const now = this.clock.now();
    const jurisdiction = { districtId: loaded.state.districtId, zoneId: loaded.state.zoneId };
    const saved =
      request.step === 'session'
        ? await this.mediations.save(loaded, { definition: MediationSessionHeld, data: decideSession(loaded.state, mediationId, request.summary, now), jurisdiction }, caller.context)
        : request.step === 'agree'
          ? await this.mediations.save(loaded, { definition: MediationAgreed, data: decideAgreement(loaded.state, mediationId, request.terms, now), jurisdiction }, caller.context)
          : await this.mediations.save(
              loaded,
              { definition: MediationFailed, data: decideFailure(loaded.state, mediationId, request.reason, request.referredTo, now), jurisdiction },
              caller.context,
            );
    return saved.state;
  }
}

export class FindMediations {
  constructor(readonly filter: Record<string, string | undefined>) {}
}

@QueryHandler(FindMediations)
export class FindMediationsHandler implements IQueryHandler<FindMediations> {
  constructor(@InjectModel(SNAPSHOTS.mediation) private readonly mediations: Model<Mediation & { _id: string }>) {}

  execute({ filter }: FindMediations) {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    return this.mediations.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(200).lean().exec();
  }
}
