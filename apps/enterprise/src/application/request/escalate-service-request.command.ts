import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceRequestEscalated, ServiceTarget } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { decideEscalation, ServiceRequest } from '../../domain/request/service-request';
import { ServiceRequestRepository } from '../../infrastructure/repositories';

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
    private readonly requests: ServiceRequestRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ requestId, target, context }: EscalateServiceRequest): Promise<ServiceRequest> {
    const loaded = await this.requests.load(requestId);
    const data = decideEscalation(loaded.state, requestId, target, this.clock.now());
    const { state } = await this.requests.save(
      loaded,
      { definition: ServiceRequestEscalated, data, jurisdiction: { districtId: loaded.state!.districtId, zoneId: loaded.state!.zoneId } },
      context,
    );
    return state;
  }
}
