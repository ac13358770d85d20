import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, MediationAgreed, MediationAgreedData, MediationFailed, MediationFailedData } from '@pb/contracts';
import { FollowUpMediationOutcome } from '../../application/case/follow-up-mediation-outcome.command';

/**
 * 调解结果推动案件: governance reads its own topic for the mediations' outcomes and moves their
 * cases. Through Kafka rather than in the mediation's request, because a command changes one
 * aggregate: the outcome is stored first, and the case follows even if the app stopped in between
 * (the consumer group resumes from its committed offset after a restart).
 */
@Controller()
export class MediationOutcomesConsumer {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(MediationAgreed.type)
  async agreed(@Payload() event: EventEnvelope<MediationAgreedData>): Promise<void> {
    await this.commands.execute(new FollowUpMediationOutcome({ outcome: 'AGREED', mediationId: event.data.mediationId, terms: event.data.terms }, event));
  }

  @EventPattern(MediationFailed.type)
  async failed(@Payload() event: EventEnvelope<MediationFailedData>): Promise<void> {
    const { mediationId, reason, referredTo } = event.data;
    await this.commands.execute(new FollowUpMediationOutcome({ outcome: 'FAILED', mediationId, reason, referredTo }, event));
  }
}
