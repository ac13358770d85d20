import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  EventEnvelope,
  JurisdictionRegistered,
  JurisdictionRegisteredData,
  MemberRegistered,
  MemberRegisteredData,
  MemberTransferCompleted,
  MemberTransferCompletedData,
  OrganizationRegistered,
  OrganizationRegisteredData,
  OrganizationRenamed,
  OrganizationRenamedData,
} from '@pb/contracts';
import { applyIfNewerWithBatch } from '@pb/messaging';
import {
  JURISDICTION_VIEW,
  JurisdictionView,
  MEMBER_VIEW,
  MemberView,
  ORGANIZATION_VIEW,
  OrganizationView,
} from '../../infrastructure/membership-views';

/**
 * What enterprise services learn from membership: the zones records are placed
 * in, which enterprises host a Party organization, and which members work where.
 * Each view document is keyed by the source aggregate and written with
 * applyIfNewerWithBatch, so a redelivered or older event changes nothing.
 */
@Controller()
export class MembershipConsumer {
  constructor(
    @InjectModel(JURISDICTION_VIEW) private readonly jurisdictions: Model<JurisdictionView>,
    @InjectModel(ORGANIZATION_VIEW) private readonly organizations: Model<OrganizationView>,
    @InjectModel(MEMBER_VIEW) private readonly members: Model<MemberView>,
  ) {}

  @EventPattern(JurisdictionRegistered.type)
  async jurisdictionRegistered(@Payload() event: EventEnvelope<JurisdictionRegisteredData>): Promise<void> {
    const { jurisdictionId, level, name, districtId, subDistrictId, zoneId } = event.data;
    await applyIfNewerWithBatch(this.jurisdictions, jurisdictionId, event.aggregateversion, { level, name, districtId, subDistrictId, zoneId });
  }

  @EventPattern(OrganizationRegistered.type)
  async organizationRegistered(@Payload() event: EventEnvelope<OrganizationRegisteredData>): Promise<void> {
    const { organizationId, name, host, districtId } = event.data;
    await applyIfNewerWithBatch(this.organizations, organizationId, event.aggregateversion, { name, hostCreditCode: host?.creditCode ?? null, districtId });
  }

  @EventPattern(OrganizationRenamed.type)
  async organizationRenamed(@Payload() event: EventEnvelope<OrganizationRenamedData>): Promise<void> {
    await applyIfNewerWithBatch(this.organizations, event.data.organizationId, event.aggregateversion, { name: event.data.name });
  }

  /** Only where the member works and belongs; the name is not kept. */
  @EventPattern(MemberRegistered.type)
  async memberRegistered(@Payload() event: EventEnvelope<MemberRegisteredData>): Promise<void> {
    const { memberId, employerCreditCode, organizationId, districtId, subDistrictId, zoneId } = event.data;
    await applyIfNewerWithBatch(this.members, memberId, event.aggregateversion, { employerCreditCode, organizationId, districtId, subDistrictId, zoneId });
  }

  @EventPattern(MemberTransferCompleted.type)
  async memberTransferred(@Payload() event: EventEnvelope<MemberTransferCompletedData>): Promise<void> {
    const { memberId, toOrganizationId, districtId, subDistrictId, zoneId } = event.data;
    await applyIfNewerWithBatch(this.members, memberId, event.aggregateversion, { organizationId: toOrganizationId, districtId, subDistrictId, zoneId });
  }
}
