import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { MediationAgreed, MediationFailed, MediationSessionHeld, REFERRAL_TARGETS, ReferralTarget } from '@pb/contracts';
import { AggregateRepository, InjectAggregate, PendingEvent } from '@pb/messaging';
import { assertInScope, Clock, DomainError, MultiLineText } from '@pb/platform';
import { decideAgreement, decideFailure, decideSession, Mediation } from '../../domain/mediation/mediation';
import { Mediations } from '../../infrastructure/aggregates';
import { OpenMediationClaims } from '../../infrastructure/mediation/open-mediation-claims';
import { Caller } from '../shared/caller';
import { lengthMessage, oneOf } from '../shared/common.dto';

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
    private readonly claims: OpenMediationClaims,
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
    // Ended: the case may be mediated again. A release lost to a crash is taken over by the next opening.
    if (state.status !== 'OPEN') await this.claims.release(state.caseId, mediationId);
    return state;
  }
}

export class MediationSessionDto {
  @MultiLineText() @ApiProperty({ description: '会谈情况' }) @IsString({ message: 'summary 须为字符串' }) @Length(1, 2000, lengthMessage('summary', 1, 2000)) summary!: string;
}

export class MediationAgreementDto {
  @MultiLineText() @ApiProperty({ description: '协议条款' }) @IsString({ message: 'terms 须为字符串' }) @Length(1, 5000, lengthMessage('terms', 1, 5000)) terms!: string;
}

export class MediationFailureDto {
  @MultiLineText() @ApiProperty({ description: '调解不成的原因' }) @IsString({ message: 'reason 须为字符串' }) @Length(1, 1000, lengthMessage('reason', 1, 1000)) reason!: string;
  @ApiProperty({ enum: REFERRAL_TARGETS, description: '转交去向' }) @IsIn(REFERRAL_TARGETS, oneOf('referredTo', REFERRAL_TARGETS)) referredTo!: ReferralTarget;
}
