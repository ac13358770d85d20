import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, OrganizationRegisteredData, OrganizationRenamedData } from '@pb/contracts';
import { applyIfNewer } from '@pb/messaging';
import { ORGANIZATION_VIEW, OrganizationView } from '../../infrastructure/read-models/organization-view';
import { Freshness } from './freshness';

/** Builds the gateway's organization views from membership's topic. */
@Controller()
export class MembershipProjector {
  constructor(
    @InjectModel(ORGANIZATION_VIEW) private readonly organizations: Model<OrganizationView>,
    private readonly freshness: Freshness,
  ) {}

  @EventPattern('membership.OrganizationRegistered.v1')
  async organizationRegistered(@Payload() event: EventEnvelope<OrganizationRegisteredData>): Promise<void> {
    const { organizationId, ...rest } = event.data;
    await applyIfNewer(this.organizations, organizationId, event.aggregateversion, rest);
    await this.freshness.saw(event);
  }

  @EventPattern('membership.OrganizationRenamed.v1')
  async organizationRenamed(@Payload() event: EventEnvelope<OrganizationRenamedData>): Promise<void> {
    await applyIfNewer(this.organizations, event.data.organizationId, event.aggregateversion, { name: event.data.name });
    await this.freshness.saw(event);
  }
}
