import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { DEFAULT_SERVICE_TARGETS, ServiceTargets } from '../../domain/request/service-targets';
import { ServiceTargetsSettings } from '../../infrastructure/aggregates';

export class GetServiceTargets {}

@QueryHandler(GetServiceTargets)
export class GetServiceTargetsHandler implements IQueryHandler<GetServiceTargets> {
  constructor(@InjectSnapshots(ServiceTargetsSettings) private readonly targets: Model<Snapshot<ServiceTargets>>) {}

  async execute() {
    const found = await this.targets.findOne().lean<Snapshot<ServiceTargets>>().exec();
    if (!found) return { ...DEFAULT_SERVICE_TARGETS, isDefault: true, version: 0 };
    const { _id, lastEventAt: _l, ...rest } = found;
    return { ...rest, isDefault: false };
  }
}
