import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  EventEnvelope,
  JurisdictionRegistered,
  JurisdictionRegisteredData,
  OrganizationRegistered,
  OrganizationRegisteredData,
  OrganizationRenamed,
  OrganizationRenamedData,
  ZoneDesignated,
  ZoneDesignatedData,
} from '@pb/contracts';
import { applyIfNewerWithBatch } from '@pb/messaging';
import { JURISDICTION_VIEW, JurisdictionView, ORGANIZATION_VIEW, OrganizationView } from '../../infrastructure/views/membership-views';

/**
 * Learns jurisdictions and organizations from membership's topic. Each write is
 * guarded by the aggregate version, so a redelivered or older event changes nothing.
 */
@Controller()
export class MembershipConsumer {
  constructor(
    @InjectModel(JURISDICTION_VIEW) private readonly jurisdictions: Model<JurisdictionView>,
    @InjectModel(ORGANIZATION_VIEW) private readonly organizations: Model<OrganizationView>,
  ) {}

  @EventPattern(JurisdictionRegistered.type)
  async jurisdictionRegistered(@Payload() event: EventEnvelope<JurisdictionRegisteredData>): Promise<void> {
    const { jurisdictionId, ...rest } = event.data;
    await applyIfNewerWithBatch(this.jurisdictions, jurisdictionId, event.aggregateversion, rest);
  }

  @EventPattern(ZoneDesignated.type)
  async zoneDesignated(@Payload() event: EventEnvelope<ZoneDesignatedData>): Promise<void> {
    const { zoneId, ...flags } = event.data;
    await applyIfNewerWithBatch(this.jurisdictions, zoneId, event.aggregateversion, flags);
  }

  @EventPattern(OrganizationRegistered.type)
  async organizationRegistered(@Payload() event: EventEnvelope<OrganizationRegisteredData>): Promise<void> {
    const { organizationId, name, type, districtId, subDistrictId, zoneId } = event.data;
    await applyIfNewerWithBatch(this.organizations, organizationId, event.aggregateversion, { name, type, districtId, subDistrictId, zoneId });
  }

  @EventPattern(OrganizationRenamed.type)
  async organizationRenamed(@Payload() event: EventEnvelope<OrganizationRenamedData>): Promise<void> {
    await applyIfNewerWithBatch(this.organizations, event.data.organizationId, event.aggregateversion, { name: event.data.name });
  }
}
