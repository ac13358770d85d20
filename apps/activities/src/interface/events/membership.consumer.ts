import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  EventEnvelope,
  FloatingMemberCheckedIn,
  FloatingMemberCheckedInData,
  FloatingMemberCheckedOut,
  FloatingMemberCheckedOutData,
  JurisdictionRegistered,
  JurisdictionRegisteredData,
  MemberAdmittedAsFull,
  MemberAdmittedAsFullData,
  MemberRegistered,
  MemberRegisteredData,
  MemberTransferCompleted,
  MemberTransferCompletedData,
  OrganizationRegistered,
  OrganizationRegisteredData,
  OrganizationRenamed,
  OrganizationRenamedData,
} from '@pb/contracts';
import { applyIfNewer } from '@pb/messaging';
import { MembershipViews } from '../../infrastructure/views/membership-views';

/**
 * Learns organizations and members from membership's topic. Versioned fields go through
 * `applyIfNewer`, so a redelivered or older event changes nothing; fields an aggregate sets once
 * and never changes (an organization's type, a member's name) are written unconditionally, so
 * they land even when a later event of the same aggregate arrived first.
 */
@Controller()
export class MembershipConsumer {
  constructor(private readonly views: MembershipViews) {}

  @EventPattern(JurisdictionRegistered.type)
  async jurisdictionRegistered(@Payload() event: EventEnvelope<JurisdictionRegisteredData>): Promise<void> {
    const { jurisdictionId, ...rest } = event.data;
    await applyIfNewer(this.views.jurisdictions, jurisdictionId, event.aggregateversion, rest);
  }

  @EventPattern(OrganizationRegistered.type)
  async organizationRegistered(@Payload() event: EventEnvelope<OrganizationRegisteredData>): Promise<void> {
    const d = event.data;
    await applyIfNewer(this.views.organizations, d.organizationId, event.aggregateversion, { name: d.name });
    await this.views.organizations
      .updateOne(
        { _id: d.organizationId },
        { $set: { type: d.type, parentId: d.parentId, districtId: d.districtId, subDistrictId: d.subDistrictId, zoneId: d.zoneId, registeredAt: event.time } },
      )
      .exec();
  }

  @EventPattern(OrganizationRenamed.type)
  async organizationRenamed(@Payload() event: EventEnvelope<OrganizationRenamedData>): Promise<void> {
    await applyIfNewer(this.views.organizations, event.data.organizationId, event.aggregateversion, { name: event.data.name });
  }

  @EventPattern(MemberRegistered.type)
  async memberRegistered(@Payload() event: EventEnvelope<MemberRegisteredData>): Promise<void> {
    const d = event.data;
    await applyIfNewer(this.views.members, d.memberId, event.aggregateversion, {
      organizationId: d.organizationId,
      districtId: d.districtId,
      subDistrictId: d.subDistrictId,
      zoneId: d.zoneId,
    });
    // Personal data stays in this local view; events of this service carry member ids only.
    await this.views.members.updateOne({ _id: d.memberId }, { $set: { name: d.name } }).exec();
    await applyIfNewer(this.views.statuses, d.memberId, event.aggregateversion, { status: d.status });
  }

  @EventPattern(MemberAdmittedAsFull.type)
  async memberAdmittedAsFull(@Payload() event: EventEnvelope<MemberAdmittedAsFullData>): Promise<void> {
    await applyIfNewer(this.views.statuses, event.data.memberId, event.aggregateversion, { status: 'FULL' });
  }

  @EventPattern(MemberTransferCompleted.type)
  async memberTransferCompleted(@Payload() event: EventEnvelope<MemberTransferCompletedData>): Promise<void> {
    const d = event.data;
    await applyIfNewer(this.views.members, d.memberId, event.aggregateversion, {
      organizationId: d.toOrganizationId,
      districtId: d.districtId,
      subDistrictId: d.subDistrictId,
      zoneId: d.zoneId,
    });
  }

  @EventPattern(FloatingMemberCheckedIn.type)
  async floatingCheckedIn(@Payload() event: EventEnvelope<FloatingMemberCheckedInData>): Promise<void> {
    await applyIfNewer(this.views.floating, event.data.memberId, event.aggregateversion, { organizationId: event.data.organizationId, active: true });
  }

  @EventPattern(FloatingMemberCheckedOut.type)
  async floatingCheckedOut(@Payload() event: EventEnvelope<FloatingMemberCheckedOutData>): Promise<void> {
    await applyIfNewer(this.views.floating, event.data.memberId, event.aggregateversion, { organizationId: event.data.organizationId, active: false });
  }
}
