import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  EventEnvelope,
  FloatingMemberCheckedIn,
  FloatingMemberCheckedInData,
  FloatingMemberCheckedOut,
  JurisdictionRegistered,
  JurisdictionRegisteredData,
  MemberAdmittedAsFull,
  MemberRegistered,
  MemberRegisteredData,
  MemberTransferCompleted,
  MemberTransferCompletedData,
  OrganizationRegistered,
  OrganizationRegisteredData,
  OrganizationRenamed,
  OrganizationRenamedData,
  ZoneDesignated,
  ZoneDesignatedData,
} from '@pb/contracts';
import { applyIfNewerWithBatch } from '@pb/messaging';
import { JURISDICTION_VIEW, JurisdictionView } from '../../infrastructure/read-models/jurisdiction-view';
import { MEMBER_VIEW, MemberView } from '../../infrastructure/read-models/member-view';
import { ORGANIZATION_VIEW, OrganizationView } from '../../infrastructure/read-models/organization-view';

/** Builds the gateway's jurisdiction, organization and member views from membership's topic. */
@Controller()
export class MembershipProjector {
  constructor(
    @InjectModel(ORGANIZATION_VIEW) private readonly organizations: Model<OrganizationView>,
    @InjectModel(JURISDICTION_VIEW) private readonly jurisdictions: Model<JurisdictionView>,
    @InjectModel(MEMBER_VIEW) private readonly members: Model<MemberView>,
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
    const { organizationId, name, type, parentId, districtId, subDistrictId, zoneId } = event.data;
    await applyIfNewerWithBatch(this.organizations, organizationId, event.aggregateversion, { name, type, parentId, districtId, subDistrictId, zoneId });
  }

  @EventPattern(OrganizationRenamed.type)
  async organizationRenamed(@Payload() event: EventEnvelope<OrganizationRenamedData>): Promise<void> {
    await applyIfNewerWithBatch(this.organizations, event.data.organizationId, event.aggregateversion, { name: event.data.name });
  }

  @EventPattern(MemberRegistered.type)
  async memberRegistered(@Payload() event: EventEnvelope<MemberRegisteredData>): Promise<void> {
    const { memberId, organizationId, status, districtId, subDistrictId, zoneId } = event.data;
    await applyIfNewerWithBatch(this.members, memberId, event.aggregateversion, { organizationId, status, districtId, subDistrictId, zoneId, present: true });
  }

  @EventPattern(MemberAdmittedAsFull.type)
  async memberAdmittedAsFull(@Payload() event: EventEnvelope<{ memberId: string }>): Promise<void> {
    await applyIfNewerWithBatch(this.members, event.data.memberId, event.aggregateversion, { status: 'FULL' });
  }

  @EventPattern(MemberTransferCompleted.type)
  async memberTransferred(@Payload() event: EventEnvelope<MemberTransferCompletedData>): Promise<void> {
    const { memberId, toOrganizationId, districtId, subDistrictId, zoneId } = event.data;
    await applyIfNewerWithBatch(this.members, memberId, event.aggregateversion, { organizationId: toOrganizationId, districtId, subDistrictId, zoneId });
  }

  @EventPattern(FloatingMemberCheckedIn.type)
  async floatingCheckedIn(@Payload() event: EventEnvelope<FloatingMemberCheckedInData>): Promise<void> {
    const { memberId, organizationId, districtId, subDistrictId, zoneId } = event.data;
    await applyIfNewerWithBatch(this.members, memberId, event.aggregateversion, { organizationId, districtId, subDistrictId, zoneId, floating: true, present: true });
  }

  @EventPattern(FloatingMemberCheckedOut.type)
  async floatingCheckedOut(@Payload() event: EventEnvelope<{ memberId: string }>): Promise<void> {
    await applyIfNewerWithBatch(this.members, event.data.memberId, event.aggregateversion, { present: false });
  }
}
