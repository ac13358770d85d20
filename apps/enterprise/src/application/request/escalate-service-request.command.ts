import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceRequestEscalatedV2, ServiceTarget } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
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

/** 超时督办 of one missed target, one level up; the aggregate refuses a second escalation of the same target. */
@CommandHandler(EscalateServiceRequest)
export class EscalateServiceRequestHandler implements ICommandHandler<EscalateServiceRequest, ServiceRequest> {
  constructor(
    @InjectAggregate(ServiceRequests) private readonly requests: AggregateRepository<ServiceRequest>,
    private readonly known: MembershipReference,
    private readonly clock: Clock,
  ) {}

  async execute({ requestId, target, context }: EscalateServiceRequest): Promise<ServiceRequest> {
    const { state } = await this.requests.decideAndSave(
      requestId,
      async (loaded) => {
        // The city above the request's district, for a third missed target; a fixed id until the district's registration arrives (as governance's cases).
        const cityId = loaded.state ? ((await this.known.jurisdiction(loaded.state.districtId))?.parentId ?? 'city') : 'city';
        return { definition: ServiceRequestEscalatedV2, data: decideEscalation(loaded.state, requestId, target, this.clock.now(), cityId) };
      },
      context,
    );
    return state;
  }
}
