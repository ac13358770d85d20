import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceRequestEscalated, ServiceTarget } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { decideEscalation, ServiceRequest } from '../../domain/request/service-request';
import { ServiceRequests } from '../../infrastructure/aggregates';

export class EscalateServiceRequest {
  constructor(
    readonly requestId: string,
    readonly target: ServiceTarget,
    readonly context: CommandContext,
  ) {}
}

/** 超时督办 of one missed target; the aggregate refuses a second escalation of the same target. */
@CommandHandler(EscalateServiceRequest)
export class EscalateServiceRequestHandler implements ICommandHandler<EscalateServiceRequest, ServiceRequest> {
  constructor(
    @InjectAggregate(ServiceRequests) private readonly requests: AggregateRepository<ServiceRequest>,
    private readonly clock: Clock,
  ) {}

  async execute({ requestId, target, context }: EscalateServiceRequest): Promise<ServiceRequest> {
    const { state } = await this.requests.decideAndSave(
      requestId,
      (loaded) => ({ definition: ServiceRequestEscalated, data: decideEscalation(loaded.state, requestId, target, this.clock.now()) }),
      context,
    );
    return state;
  }
}
