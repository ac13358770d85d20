import type { EventEnvelope, MassOrganizationFormedData, MassOrganizationKind } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { Organization, TYPE_NAMES } from '../organization/organization';

/** 群团组织 */
export interface MassOrganization {
  massOrganizationId: string;
  name: string;
  kind: MassOrganizationKind;
  jointCommitteeId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  formedAt: string;
}

export function evolveMassOrganization(state: MassOrganization | null, event: EventEnvelope): MassOrganization {
  if (event.type === 'membership.MassOrganizationFormed.v1') return { ...(event.data as unknown as MassOrganizationFormedData), formedAt: event.time };
  throw new Error(`MassOrganization cannot apply ${event.type}`);
}

/** Mass organizations stand under a joint committee (联合党委, or the 商圈党委 acting as one) and share its place. */
export function decideMassOrganization(
  existing: MassOrganization | null,
  committee: Organization | null,
  request: { massOrganizationId: string; name: string; kind: MassOrganizationKind; jointCommitteeId: string },
): MassOrganizationFormedData {
  if (existing)
    throw new DomainError('conflict', 'MASS_ORGANIZATION_EXISTS', `群团组织 ${request.massOrganizationId} 已成立（${existing.name}）`, {
      massOrganizationId: request.massOrganizationId,
    });
  if (!committee) throw new DomainError('invalid', 'COMMITTEE_NOT_FOUND', `联合党委 ${request.jointCommitteeId} 不存在`, { jointCommitteeId: request.jointCommitteeId });
  if (committee.type !== 'JOINT_COMMITTEE' && committee.type !== 'DISTRICT_COMMITTEE') {
    throw new DomainError('invalid', 'NOT_A_JOINT_COMMITTEE', `群团组织须在联合党委（或商圈党委）领导下成立，${committee.name}是${TYPE_NAMES[committee.type]}`, {
      jointCommitteeId: committee.organizationId,
      type: committee.type,
    });
  }
  return {
    massOrganizationId: request.massOrganizationId,
    name: request.name.trim(),
    kind: request.kind,
    jointCommitteeId: committee.organizationId,
    districtId: committee.districtId,
    subDistrictId: committee.subDistrictId,
    zoneId: committee.zoneId,
  };
}
