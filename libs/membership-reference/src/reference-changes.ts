import {
  BuildingRegistered,
  BuildingRegisteredData,
  EventEnvelope,
  FloatingMemberCheckedIn,
  FloatingMemberCheckedInData,
  FloatingMemberCheckedOut,
  FloatingMemberCheckedOutData,
  FloatingMemberRegistered,
  FloatingMemberRegisteredData,
  JurisdictionRegistered,
  JurisdictionRegisteredData,
  JurisdictionRenamed,
  JurisdictionRenamedData,
  MemberAdmittedAsFull,
  MemberAdmittedAsFullData,
  MemberRecordCorrected,
  MemberRecordCorrectedData,
  MemberRegistered,
  MemberRegisteredData,
  MembershipEnded,
  MembershipEndedData,
  ProbationaryMembershipCancelled,
  ProbationaryMembershipCancelledData,
  MemberTransferCompleted,
  MemberTransferCompletedData,
  OrganizationDissolved,
  OrganizationDissolvedData,
  OrganizationHostChanged,
  OrganizationHostChangedData,
  OrganizationMerged,
  OrganizationLocated,
  OrganizationLocatedData,
  OrganizationMergedData,
  OrganizationRegistered,
  OrganizationRegisteredData,
  OrganizationRenamed,
  OrganizationRenamedData,
  OrganizationReparented,
  OrganizationReparentedData,
  ZoneDesignated,
  ZoneDesignatedData,
} from '@pb/contracts';

export interface MembershipReferenceOptions {
  /** Keep members' names (personal data): only for a service that shows members by name. */
  keepNames: boolean;
  /**
   * Keep a copy of every member (their placement, standing and employer): only for a service that
   * reads members (`member`, `membersIn`, the member counts). Without it the member events are not
   * even handled, and the reader's member questions find no one. Default: kept.
   */
  keepMembers?: boolean;
}

export type ReferenceKind = 'jurisdiction' | 'organization' | 'member' | 'building';

/** What one membership event changes in one reference document. */
export interface ReferenceChange {
  kind: ReferenceKind;
  id: string;
  version: number;
  /** Fields the aggregate's version orders: an event applies them only when no newer event has been applied. */
  ordered: Record<string, unknown>;
  /**
   * Facts an event states once and that never change (a type, a host, a name at registration):
   * written whatever the version, so they land even when a newer event was applied first.
   */
  once: Record<string, unknown>;
  /** Flags that only ever turn true (预备 → 正式), kept with `$max` whatever the version. */
  grows: Record<string, boolean>;
  /**
   * A field stated at registration that a later event of its own changes (依托单位变更, a corrected
   * employer): ordered by a version of its own (`versionField`), so that it follows the newest
   * event that set it and never drops, nor is dropped by, the record's other changes.
   */
  apart: { versionField: string; set: Record<string, unknown> } | null;
}

export const JURISDICTION_EVENTS = [JurisdictionRegistered.type, ZoneDesignated.type, JurisdictionRenamed.type];
export const ORGANIZATION_EVENTS = [
  OrganizationRegistered.type,
  OrganizationRenamed.type,
  OrganizationReparented.type,
  OrganizationHostChanged.type,
  OrganizationDissolved.type,
  OrganizationMerged.type,
  OrganizationLocated.type,
];
export const BUILDING_EVENTS = [BuildingRegistered.type];
export const MEMBER_EVENTS = [
  MemberRegistered.type,
  MemberAdmittedAsFull.type,
  MemberTransferCompleted.type,
  FloatingMemberCheckedIn.type,
  FloatingMemberCheckedOut.type,
  MemberRecordCorrected.type,
  MembershipEnded.type,
  FloatingMemberRegistered.type,
  ProbationaryMembershipCancelled.type,
];

/** The change a membership event makes to the reference data; null for an event it does not use. */
export function referenceChangeOf(event: EventEnvelope, options: MembershipReferenceOptions): ReferenceChange | null {
  const version = event.aggregateversion;
  const change = (kind: ReferenceKind, id: string, parts: Partial<Pick<ReferenceChange, 'ordered' | 'once' | 'grows' | 'apart'>>): ReferenceChange => ({
    kind,
    id,
    version,
    ordered: parts.ordered ?? {},
    once: parts.once ?? {},
    grows: parts.grows ?? {},
    apart: parts.apart ?? null,
  });
  const host = (creditCode: string | null) => ({ versionField: 'hostVersion', set: { hostCreditCode: creditCode } });
  const employer = (creditCode: string | null) => ({ versionField: 'employerVersion', set: { employerCreditCode: creditCode } });
  switch (event.type) {
    case JurisdictionRegistered.type: {
      // The name can change later (JurisdictionRenamed), so the version orders it.
      const { jurisdictionId, name, ...facts } = event.data as JurisdictionRegisteredData;
      return change('jurisdiction', jurisdictionId, { ordered: { name }, once: facts });
    }
    case JurisdictionRenamed.type: {
      const { jurisdictionId, name } = event.data as JurisdictionRenamedData;
      return change('jurisdiction', jurisdictionId, { ordered: { name } });
    }
    case ZoneDesignated.type: {
      const { zoneId, ...flags } = event.data as ZoneDesignatedData;
      return change('jurisdiction', zoneId, { ordered: flags });
    }
    case OrganizationRegistered.type: {
      const { organizationId, name, type, parentId, districtId, subDistrictId, zoneId, host: hostUnit } = event.data as OrganizationRegisteredData;
      // Name and parent can change later (renamed, re-parented), so the version orders them.
      return change('organization', organizationId, {
        ordered: { name, parentId },
        once: { type, districtId, subDistrictId, zoneId, registeredAt: event.time },
        apart: host(hostUnit?.creditCode ?? null),
      });
    }
    case OrganizationRenamed.type: {
      const { organizationId, name } = event.data as OrganizationRenamedData;
      return change('organization', organizationId, { ordered: { name } });
    }
    case OrganizationReparented.type: {
      const { organizationId, parentId } = event.data as OrganizationReparentedData;
      return change('organization', organizationId, { ordered: { parentId } });
    }
    case OrganizationHostChanged.type: {
      const { organizationId, host: hostUnit } = event.data as OrganizationHostChangedData;
      return change('organization', organizationId, { apart: host(hostUnit?.creditCode ?? null) });
    }
    // 撤销 and 合并 end the organization for good: it leaves the lists and counts, its name stays for history.
    case OrganizationDissolved.type:
      return change('organization', (event.data as OrganizationDissolvedData).organizationId, { grows: { dissolved: true } });
    case OrganizationMerged.type:
      return change('organization', (event.data as OrganizationMergedData).organizationId, { grows: { dissolved: true } });
    case OrganizationLocated.type: {
      // 所在楼宇 can move again (or be cleared), so the version orders it.
      const { organizationId, buildingId } = event.data as OrganizationLocatedData;
      return change('organization', organizationId, { ordered: { buildingId } });
    }
    case BuildingRegistered.type: {
      // A building is never renamed or moved: everything it states holds whatever the version.
      const { buildingId, name, kind, districtId, subDistrictId, zoneId } = event.data as BuildingRegisteredData;
      return change('building', buildingId, { once: { name, kind, districtId, subDistrictId, zoneId } });
    }
    case MemberRegistered.type: {
      const d = event.data as MemberRegisteredData;
      const place = { organizationId: d.organizationId, districtId: d.districtId, subDistrictId: d.subDistrictId, zoneId: d.zoneId };
      return change('member', d.memberId, {
        ordered: place,
        once: options.keepNames ? { name: d.name } : {},
        apart: employer(d.employerCreditCode),
        grows: { full: d.status === 'FULL' },
      });
    }
    case MemberAdmittedAsFull.type:
      return change('member', (event.data as MemberAdmittedAsFullData).memberId, { grows: { full: true } });
    case MemberTransferCompleted.type: {
      const d = event.data as MemberTransferCompletedData;
      const place = { organizationId: d.toOrganizationId, districtId: d.districtId, subDistrictId: d.subDistrictId, zoneId: d.zoneId };
      // Placed in a local organization again: a member who had checked out counts there.
      return change('member', d.memberId, { ordered: { ...place, checkedOut: false } });
    }
    case FloatingMemberCheckedIn.type: {
      const d = event.data as FloatingMemberCheckedInData;
      return change('member', d.memberId, {
        ordered: {
          floating: true,
          floatingOrganizationId: d.organizationId,
          floatingDistrictId: d.districtId,
          floatingSubDistrictId: d.subDistrictId,
          floatingZoneId: d.zoneId,
          checkedOut: false,
        },
      });
    }
    case MemberRecordCorrected.type: {
      const d = event.data as MemberRecordCorrectedData;
      // Only what the copy keeps: the placement (a corrected organization), the employer, the name where names are kept.
      const ordered: Record<string, unknown> = {};
      if (d.corrected.includes('organization')) Object.assign(ordered, { organizationId: d.organizationId, districtId: d.districtId, subDistrictId: d.subDistrictId, zoneId: d.zoneId });
      if (d.corrected.includes('name') && options.keepNames) ordered.name = d.name;
      const apart = d.corrected.includes('employer') ? employer(d.employerCreditCode) : null;
      return Object.keys(ordered).length > 0 || apart ? change('member', d.memberId, { ordered, apart }) : null;
    }
    case FloatingMemberRegistered.type: {
      // 流动党员登记: placed with the local organization and checked in there at once, as a check-in after a registration.
      const d = event.data as FloatingMemberRegisteredData;
      const place = { organizationId: d.organizationId, districtId: d.districtId, subDistrictId: d.subDistrictId, zoneId: d.zoneId };
      return change('member', d.memberId, {
        ordered: {
          ...place,
          floating: true,
          floatingOrganizationId: d.organizationId,
          floatingDistrictId: d.districtId,
          floatingSubDistrictId: d.subDistrictId,
          floatingZoneId: d.zoneId,
          checkedOut: false,
        },
        once: options.keepNames ? { name: d.name } : {},
        apart: employer(d.employerCreditCode),
        grows: { full: d.status === 'FULL' },
      });
    }
    // 取消预备党员资格: no longer a member, final like an ended membership.
    case ProbationaryMembershipCancelled.type:
      return change('member', (event.data as ProbationaryMembershipCancelledData).memberId, { grows: { ended: true } });
    case MembershipEnded.type:
      // Ending is final: a flag that only turns true holds whatever order the events arrive in.
      return change('member', (event.data as MembershipEndedData).memberId, { grows: { ended: true } });
    case FloatingMemberCheckedOut.type:
      return change('member', (event.data as FloatingMemberCheckedOutData).memberId, {
        ordered: { floating: false, floatingOrganizationId: null, floatingDistrictId: null, floatingSubDistrictId: null, floatingZoneId: null, checkedOut: true },
      });
    default:
      return null;
  }
}
