import type {
  AllianceDepartmentEstablishedData,
  AllianceDepartmentHeadAppointedData,
  AllianceFormedData,
  AllianceMemberJoinedData,
  AllianceMemberLeftData,
  EventEnvelope,
} from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import type { Jurisdiction } from '../jurisdiction/jurisdiction';
import { Organization, TYPE_NAMES } from '../organization/organization';

/** 联盟成员单位 */
export interface AllianceMember {
  organizationId: string;
  joinedOn: string;
}

/** 理事会工作部门 and its head 部长. */
export interface CouncilDepartment {
  departmentId: string;
  name: string;
  headMemberId: string | null;
}

/** 党建联盟 */
export interface Alliance {
  allianceId: string;
  name: string;
  foundingCommitteeId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  formedOn: string;
  members: AllianceMember[];
  departments: CouncilDepartment[];
}

export const MAX_ALLIANCE_MEMBERS = 500;
export const MAX_DEPARTMENTS = 20;

export function evolveAlliance(state: Alliance | null, event: EventEnvelope): Alliance {
  if (event.type === 'membership.AllianceFormed.v1') {
    return { ...(event.data as unknown as AllianceFormedData), members: [], departments: [] };
  }
  if (!state) throw new Error(`${event.type} before AllianceFormed for ${event.subject}`);
  switch (event.type) {
    case 'membership.AllianceMemberJoined.v1': {
      const { organizationId, joinedOn } = event.data as unknown as AllianceMemberJoinedData;
      return { ...state, members: [...state.members, { organizationId, joinedOn }] };
    }
    case 'membership.AllianceMemberLeft.v1': {
      const { organizationId } = event.data as unknown as AllianceMemberLeftData;
      return { ...state, members: state.members.filter((m) => m.organizationId !== organizationId) };
    }
    case 'membership.AllianceDepartmentEstablished.v1': {
      const { departmentId, name, headMemberId } = event.data as unknown as AllianceDepartmentEstablishedData;
      return { ...state, departments: [...state.departments, { departmentId, name, headMemberId }] };
    }
    case 'membership.AllianceDepartmentHeadAppointed.v1': {
      const { departmentId, headMemberId } = event.data as unknown as AllianceDepartmentHeadAppointedData;
      return { ...state, departments: state.departments.map((d) => (d.departmentId === departmentId ? { ...d, headMemberId } : d)) };
    }
    default:
      throw new Error(`Alliance cannot apply ${event.type}`);
  }
}

export function requireAlliance(existing: Alliance | null, allianceId: string): Alliance {
  if (!existing) throw new DomainError('not_found', 'ALLIANCE_NOT_FOUND', `党建联盟 ${allianceId} 不存在`, { allianceId });
  return existing;
}

/** An alliance is formed by a sub-district working committee 街道党工委, in its sub-district. */
export function decideAllianceFormation(
  existing: Alliance | null,
  founder: Organization | null,
  zone: Jurisdiction | null,
  request: { allianceId: string; name: string; foundingCommitteeId: string; zoneId: string | null; formedOn: string },
): AllianceFormedData {
  if (existing) throw new DomainError('conflict', 'ALLIANCE_EXISTS', `党建联盟 ${request.allianceId} 已成立（${existing.name}）`, { allianceId: request.allianceId });
  if (!founder) {
    throw new DomainError('invalid', 'FOUNDER_NOT_FOUND', `牵头党组织 ${request.foundingCommitteeId} 不存在`, { foundingCommitteeId: request.foundingCommitteeId });
  }
  if (founder.type !== 'SUB_DISTRICT_WORKING_COMMITTEE') {
    throw new DomainError('invalid', 'FOUNDER_NOT_WORKING_COMMITTEE', `党建联盟须由街道党工委牵头成立，${founder.name}是${TYPE_NAMES[founder.type]}`, {
      foundingCommitteeId: founder.organizationId,
      type: founder.type,
    });
  }
  if (request.zoneId) {
    if (!zone || zone.level !== 'ZONE') throw new DomainError('invalid', 'ZONE_NOT_FOUND', `片区 ${request.zoneId} 未登记`, { zoneId: request.zoneId });
    if (zone.subDistrictId !== founder.subDistrictId) {
      throw new DomainError('invalid', 'ZONE_IN_OTHER_SUB_DISTRICT', `片区 ${zone.name}不在${founder.name}所在街道`, { zoneId: request.zoneId });
    }
  }
  return {
    allianceId: request.allianceId,
    name: request.name.trim(),
    foundingCommitteeId: founder.organizationId,
    districtId: founder.districtId,
    subDistrictId: founder.subDistrictId,
    zoneId: request.zoneId,
    formedOn: request.formedOn,
  };
}

/** Member organizations come from the alliance's district; each joins once. */
export function decideJoin(existing: Alliance | null, allianceId: string, organization: Organization | null, organizationId: string, joinedOn: string): AllianceMemberJoinedData {
  const alliance = requireAlliance(existing, allianceId);
  if (!organization) throw new DomainError('invalid', 'ORGANIZATION_NOT_FOUND', `党组织 ${organizationId} 不存在`, { organizationId });
  if (organization.districtId !== alliance.districtId) {
    throw new DomainError('invalid', 'ORGANIZATION_IN_OTHER_DISTRICT', `${organization.name}不在联盟所在区县`, { organizationId });
  }
  if (alliance.members.some((m) => m.organizationId === organizationId)) {
    throw new DomainError('conflict', 'ALREADY_MEMBER', `${organization.name}已是${alliance.name}的成员单位`, { allianceId, organizationId });
  }
  if (alliance.members.length >= MAX_ALLIANCE_MEMBERS) {
    throw new DomainError('conflict', 'ALLIANCE_FULL', `${alliance.name}已有 ${alliance.members.length} 个成员单位（上限 ${MAX_ALLIANCE_MEMBERS}）`, { allianceId });
  }
  return { allianceId, organizationId, joinedOn };
}

export function decideLeave(existing: Alliance | null, allianceId: string, organizationId: string, leftOn: string): AllianceMemberLeftData {
  const alliance = requireAlliance(existing, allianceId);
  if (!alliance.members.some((m) => m.organizationId === organizationId)) {
    throw new DomainError('conflict', 'NOT_A_MEMBER', `${organizationId} 不是${alliance.name}的成员单位，只有成员单位可以退出（可先加入）`, { allianceId, organizationId });
  }
  return { allianceId, organizationId, leftOn };
}

/** The member record a department head is appointed from, as membership keeps it; null: no such member. */
export interface HeadCandidate {
  memberId: string;
  organizationId: string;
  status?: string | null;
}

/** 部门负责人 come from the alliance: a member of one of its member organizations or of its founding committee. */
function assertHeadInAlliance(alliance: Alliance, headMemberId: string, head: HeadCandidate | null): void {
  if (!head) throw new DomainError('invalid', 'HEAD_NOT_FOUND', `headMemberId：党员 ${headMemberId} 不存在`, { headMemberId });
  if (head.status === 'ENDED') throw new DomainError('invalid', 'HEAD_MEMBERSHIP_ENDED', `headMemberId：党员 ${headMemberId} 的党籍已终止`, { headMemberId });
  const inAlliance = head.organizationId === alliance.foundingCommitteeId || alliance.members.some((m) => m.organizationId === head.organizationId);
  if (!inAlliance) {
    throw new DomainError(
      'invalid',
      'HEAD_NOT_IN_ALLIANCE',
      `headMemberId：党员 ${headMemberId} 所在党组织 ${head.organizationId} 不是${alliance.name}的成员单位，部门负责人须来自成员单位`,
      {
        allianceId: alliance.allianceId,
        headMemberId,
        organizationId: head.organizationId,
      },
    );
  }
}

/** 理事会部门: names and ids unique within the council; a head named at once comes from the alliance. */
export function decideDepartment(
  existing: Alliance | null,
  allianceId: string,
  departmentId: string,
  name: string,
  headMemberId: string | null,
  head: HeadCandidate | null = null,
): AllianceDepartmentEstablishedData {
  const alliance = requireAlliance(existing, allianceId);
  const trimmed = name.trim();
  const clash = alliance.departments.find((d) => d.departmentId === departmentId || d.name === trimmed);
  if (clash) {
    throw new DomainError('conflict', 'DEPARTMENT_EXISTS', `理事会已设有部门 ${clash.name}（${clash.departmentId}）`, { allianceId, departmentId: clash.departmentId });
  }
  if (alliance.departments.length >= MAX_DEPARTMENTS) {
    throw new DomainError('conflict', 'TOO_MANY_DEPARTMENTS', `理事会最多设 ${MAX_DEPARTMENTS} 个部门`, { allianceId });
  }
  if (headMemberId) assertHeadInAlliance(alliance, headMemberId, head);
  return { allianceId, departmentId, name: trimmed, headMemberId };
}

export function decideDepartmentHead(
  existing: Alliance | null,
  allianceId: string,
  departmentId: string,
  headMemberId: string,
  head: HeadCandidate | null,
): AllianceDepartmentHeadAppointedData {
  const alliance = requireAlliance(existing, allianceId);
  const department = alliance.departments.find((d) => d.departmentId === departmentId);
  if (!department) throw new DomainError('not_found', 'DEPARTMENT_NOT_FOUND', `理事会没有部门 ${departmentId}`, { allianceId, departmentId });
  if (department.headMemberId === headMemberId) {
    throw new DomainError('conflict', 'HEAD_UNCHANGED', `${headMemberId} 已是${department.name}负责人`, { allianceId, departmentId });
  }
  assertHeadInAlliance(alliance, headMemberId, head);
  return { allianceId, departmentId, headMemberId };
}
