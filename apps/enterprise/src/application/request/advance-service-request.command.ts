import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  ServiceRequestClosed,
  ServiceRequestFirstContacted,
  ServiceRequestInterimReplied,
  ServiceRequestRated,
} from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate, PendingEvent } from '@pb/messaging';
import { Clock } from '@pb/platform';
import {
  decideClosure,
  decideFirstContact,
  decideInterimReply,
  decideRating,
  ServiceRequest,
} from '../../domain/request/service-request';
import { ServiceRequests } from '../../infrastructure/aggregates';

/** One lifecycle step of a request: 首次联系, 阶段答复, 办结 (with result) or 满意度评价. */
export type RequestStepInput =
  | { step: 'FIRST_CONTACT'; note: string }
  | { step: 'INTERIM_REPLY'; reply: string }
  | { step: 'CLOSE'; result: string }
  | { step: 'RATE'; satisfaction: number; comment: string | null };

export class AdvanceServiceRequest {
  constructor(
    readonly requestId: string,
    readonly input: RequestStepInput,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AdvanceServiceRequest)
export class AdvanceServiceRequestHandler implements ICommandHandler<AdvanceServiceRequest, ServiceRequest> {
  constructor(
    @InjectAggregate(ServiceRequests) private readonly requests: AggregateRepository<ServiceRequest>,
    private readonly clock: Clock,
  ) {}

  async execute({ requestId, input, expectedVersion, context }: AdvanceServiceRequest): Promise<ServiceRequest> {
    const { state } = await this.requests.decideAndSave(
      requestId,
      (loaded): PendingEvent<never> => {
        const now = this.clock.now();
        switch (input.step) {
          case 'FIRST_CONTACT':
            return { definition: ServiceRequestFirstContacted, data: decideFirstContact(loaded.state, requestId, input.note, now) } as never;
          case 'INTERIM_REPLY':
            return { definition: ServiceRequestInterimReplied, data: decideInterimReply(loaded.state, requestId, input.reply, now) } as never;
          case 'CLOSE':
            return { definition: ServiceRequestClosed, data: decideClosure(loaded.state, requestId, input.result, now) } as never;
          case 'RATE':
            return { definition: ServiceRequestRated, data: decideRating(loaded.state, requestId, input.satisfaction, input.comment, now) } as never;
        }
      },
      context,
      { expectedVersion },
    );
    return state;
  }
}
