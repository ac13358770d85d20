import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { ServiceRequest } from '../../domain/request/service-request';
import { ServiceRequests } from '../../infrastructure/aggregates';
import { ServiceRequestView, toRequestView } from './service-request-view';

export class GetServiceRequest {
  constructor(readonly requestId: string) {}
}

@QueryHandler(GetServiceRequest)
export class GetServiceRequestHandler implements IQueryHandler<GetServiceRequest, ServiceRequestView | null> {
  constructor(
    @InjectSnapshots(ServiceRequests) private readonly requests: Model<Snapshot<ServiceRequest>>,
    private readonly clock: Clock,
  ) {}

  async execute({ requestId }: GetServiceRequest): Promise<ServiceRequestView | null> {
    const found = await this.requests.findById(requestId).lean<Snapshot<ServiceRequest>>().exec();
    return found ? toRequestView(found, this.clock.now()) : null;
  }
}
