import type {
  EventEnvelope,
  FormationUnit,
  InstructorAssignedData,
  InstructorUnassignedData,
  OrganizationHost,
  OrganizationDissolvedData,
  OrganizationHostChangedData,
  OrganizationLocatedData,
  OrganizationMergedData,
  OrganizationRegisteredData,
  OrganizationRenamedData,
  OrganizationReparentedData,
  OrganizationSecretaryAppointedData,
  OrganizationTermEndingData,
  OrganizationTermStartedData,
  OrganizationType,
  ThreeInOneFormedData,
} from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import type { Jurisdiction } from '../jurisdiction/jurisdiction';
import { addYears, daysBetween } from './common';

/** 党建指导员 assigned to an organization. */
export interface AssignedInstructor {
  instructorId: string;
  name: string;
  assignedOn: string;
}

/** 三位一体: the units that make up a joint organization. */
export interface ThreeInOne {
  propertyOwner: FormationUnit;
  propertyManager: FormationUnit;
  residentEnterprises: FormationUnit[];
}

/** 党组织: the aggregate's state as its events leave it. */
export interface Organization {
  organizationId: string;
  name: string;
  type: OrganizationType;
  parentId: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  host: OrganizationHost | null;
  registeredAt: string;
  secretaryMemberId?: string | null;
  secretaryAppointedOn?: string | null;
  /** 届次 and term dates of the current term; null before the first 换届 is recorded. */
  termNumber?: number | null;
  termStart?: string | null;
  termEnd?: string | null;
  /** Whether the current term's 换届提醒 went out (once per term). */
  termReminded?: boolean;
  instructors?: AssignedInstructor[];
  threeInOne?: ThreeInOne | null;
  /** 撤销 (or merged away): the date it ended; absent or null while it stands. */
  dissolvedOn?: string | null;
  /** 合并: the organization it was merged into. */
  mergedIntoId?: string | null;
  /** The 楼宇 or 综合体 it is in (BuildingRegistered), when recorded. */
  buildingId?: string | null;
}

export const TYPE_NAMES: Record<OrganizationType, string> = {
  SUB_DISTRICT_WORKING_COMMITTEE: '街道党工委',
  DISTRICT_COMMITTEE: '商圈党委',
  JOINT_COMMITTEE: '联合党委',
  GENERAL_BRANCH: '党总支',
  BRANCH: '党支部',
  JOINT_BRANCH: '联合党支部',
};

const COMMITTEES: OrganizationType[] = ['SUB_DISTRICT_WORKING_COMMITTEE', 'DISTRICT_COMMITTEE', 'JOINT_COMMITTEE'];

/**
 * Which types may lead which: committees lead general branches and branches, a
 * general branch leads branches, a branch leads nobody. `null` in the list means
 * the organization may stand at the top (its superior is outside the platform).
 */
export const ALLOWED_PARENTS: Record<OrganizationType, (OrganizationType | null)[]> = {
  SUB_DISTRICT_WORKING_COMMITTEE: [null],
  DISTRICT_COMMITTEE: [null, 'SUB_DISTRICT_WORKING_COMMITTEE'],
  JOINT_COMMITTEE: [null, 'SUB_DISTRICT_WORKING_COMMITTEE', 'DISTRICT_COMMITTEE', 'JOINT_COMMITTEE'],
  GENERAL_BRANCH: COMMITTEES,
  BRANCH: [...COMMITTEES, 'GENERAL_BRANCH'],
  JOINT_BRANCH: [...COMMITTEES, 'GENERAL_BRANCH'],
};

/** 任期: 5 years for Party committees, 3 for general branches and branches (党章). */
export const MAX_TERM_YEARS: Record<OrganizationType, number> = {
  SUB_DISTRICT_WORKING_COMMITTEE: 5,
  DISTRICT_COMMITTEE: 5,
  JOINT_COMMITTEE: 5,
  GENERAL_BRANCH: 3,
  BRANCH: 3,
  JOINT_BRANCH: 3,
};

export const TERM_REMINDER_DAYS = 90;
export const MAX_INSTRUCTORS = 10;

export function evolveOrganization(state: Organization | null, event: EventEnvelope): Organization {
  switch (event.type) {
    case 'membership.OrganizationRegistered.v1': {
      const data = event.data as unknown as OrganizationRegisteredData;
      return {
        ...data,
        registeredAt: event.time,
        secretaryMemberId: null,
        secretaryAppointedOn: null,
        termNumber: null,
        termStart: null,
        termEnd: null,
        termReminded: false,
        instructors: [],
        threeInOne: null,
        dissolvedOn: null,
        mergedIntoId: null,
        buildingId: null,
      };
    }
    case 'membership.OrganizationReparented.v1': {
      const data = event.data as unknown as OrganizationReparentedData;
      return { ...requireState(state, event), parentId: data.parentId };
    }
    case 'membership.OrganizationHostChanged.v1': {
      const data = event.data as unknown as OrganizationHostChangedData;
      return { ...requireState(state, event), host: data.host };
    }
    case 'membership.OrganizationDissolved.v1': {
      const data = event.data as unknown as OrganizationDissolvedData;
      return { ...requireState(state, event), dissolvedOn: data.dissolvedOn };
    }
    case 'membership.OrganizationMerged.v1': {
      const data = event.data as unknown as OrganizationMergedData;
      return { ...requireState(state, event), dissolvedOn: data.mergedOn, mergedIntoId: data.intoOrganizationId };
    }
    case 'membership.OrganizationLocated.v1': {
      const data = event.data as unknown as OrganizationLocatedData;
      return { ...requireState(state, event), buildingId: data.buildingId };
    }
    case 'membership.OrganizationRenamed.v1': {
      const data = event.data as unknown as OrganizationRenamedData;
      return { ...requireState(state, event), name: data.name };
    }
    case 'membership.OrganizationSecretaryAppointed.v1': {
      const data = event.data as unknown as OrganizationSecretaryAppointedData;
      return { ...requireState(state, event), secretaryMemberId: data.secretaryMemberId, secretaryAppointedOn: data.appointedOn };
    }
    case 'membership.OrganizationTermStarted.v1': {
      const data = event.data as unknown as OrganizationTermStartedData;
      return { ...requireState(state, event), termNumber: data.termNumber, termStart: data.termStart, termEnd: data.termEnd, termReminded: false };
    }
    case 'membership.OrganizationTermEnding.v1':
      return { ...requireState(state, event), termReminded: true };
    case 'membership.InstructorAssigned.v1': {
      const { instructorId, name, assignedOn } = event.data as unknown as InstructorAssignedData;
      const current = requireState(state, event);
      return { ...current, instructors: [...(current.instructors ?? []), { instructorId, name, assignedOn }] };
    }
    case 'membership.InstructorUnassigned.v1': {
      const { instructorId } = event.data as unknown as InstructorUnassignedData;
      const current = requireState(state, event);
      return { ...current, instructors: (current.instructors ?? []).filter((i) => i.instructorId !== instructorId) };
    }
    case 'membership.ThreeInOneFormed.v1': {
      const { propertyOwner, propertyManager, residentEnterprises } = event.data as unknown as ThreeInOneFormedData;
      return { ...requireState(state, event), threeInOne: { propertyOwner, propertyManager, residentEnterprises } };
    }
    default:
      throw new Error(`Organization cannot apply ${event.type}`);
  }
}

function requireState(state: Organization | null, event: EventEnvelope): Organization {
  if (!state) throw new Error(`${event.type} before OrganizationRegistered for ${event.subject}`);
  return state;
}

export function requireOrganization(existing: Organization | null, organizationId: string): Organization {
  if (!existing) throw new DomainError('not_found', 'ORGANIZATION_NOT_FOUND', `党组织 ${organizationId} 不存在`, { organizationId });
  return existing;
}

/** An organization that still stands: a dissolved or merged one takes no further changes (its history stays). */
export function requireStanding(existing: Organization | null, organizationId: string): Organization {
  const org = requireOrganization(existing, organizationId);
  if (org.dissolvedOn) {
    const how = org.mergedIntoId ? `已于 ${org.dissolvedOn} 并入 ${org.mergedIntoId}` : `已于 ${org.dissolvedOn} 撤销`;
    throw new DomainError('conflict', 'ORGANIZATION_DISSOLVED', `党组织${org.name}${how}，不能再变更`, {
      organizationId,
      dissolvedOn: org.dissolvedOn,
      mergedIntoId: org.mergedIntoId ?? null,
    });
  }
  return org;
}

function dissolvedParent(parent: Organization): DomainError {
  return new DomainError('invalid', 'PARENT_DISSOLVED', `上级党组织${parent.name}已于 ${parent.dissolvedOn} 撤销，不能作为上级`, { parentId: parent.organizationId });
}

/** Where the organization is: its sub-district and (optionally) zone, as registered. */
export interface OrganizationPlaces {
  subDistrict: Jurisdiction | null;
  zone: Jurisdiction | null;
}

/**
 * An organization is registered once, inside a registered sub-district (and zone),
 * under a parent of a type allowed to lead it, in the same sub-district.
 */
export function decideRegistration(
  existing: Organization | null,
  parent: Organization | null,
  request: OrganizationRegisteredData,
  places?: OrganizationPlaces,
): OrganizationRegisteredData {
  if (existing) {
    throw new DomainError('conflict', 'ORGANIZATION_EXISTS', `党组织 ${request.organizationId} 已登记`, {
      organizationId: request.organizationId,
    });
  }
  if (request.parentId && !parent) {
    throw new DomainError('invalid', 'PARENT_NOT_FOUND', `上级党组织 ${request.parentId} 不存在`, { parentId: request.parentId });
  }
  if (parent?.dissolvedOn) throw dissolvedParent(parent);
  if (parent && parent.districtId !== request.districtId) {
    throw new DomainError('invalid', 'PARENT_IN_OTHER_DISTRICT', '上级党组织不在同一区县', { parentId: request.parentId });
  }
  if (places) assertPlaces(request, places);
  assertParentType(request.type, parent);
  if (parent && parent.subDistrictId !== request.subDistrictId) {
    throw new DomainError('invalid', 'PARENT_IN_OTHER_SUB_DISTRICT', `上级党组织${parent.name}不在街道 ${request.subDistrictId}`, { parentId: parent.organizationId });
  }
  if (parent?.zoneId && parent.zoneId !== request.zoneId) {
    throw new DomainError('invalid', 'PARENT_IN_OTHER_ZONE', `上级党组织${parent.name}属于片区 ${parent.zoneId}，下级组织须在同一片区`, {
      parentId: parent.organizationId,
      zoneId: parent.zoneId,
    });
  }
  if (request.type === 'SUB_DISTRICT_WORKING_COMMITTEE' && request.zoneId) {
    throw new DomainError('invalid', 'WORKING_COMMITTEE_IN_ZONE', '街道党工委属于街道，不能指定片区 zoneId', { zoneId: request.zoneId });
  }
  return { ...request, name: request.name.trim(), host: request.host ? { ...request.host, name: request.host.name.trim() } : null };
}

function assertPlaces(request: OrganizationRegisteredData, { subDistrict, zone }: OrganizationPlaces): void {
  if (!subDistrict || subDistrict.level !== 'SUB_DISTRICT') {
    throw new DomainError('invalid', 'SUB_DISTRICT_NOT_FOUND', `街道 ${request.subDistrictId} 未登记`, { subDistrictId: request.subDistrictId });
  }
  if (subDistrict.districtId !== request.districtId) {
    throw new DomainError('invalid', 'SUB_DISTRICT_IN_OTHER_DISTRICT', `街道 ${subDistrict.name}属于区县 ${subDistrict.districtId}，不属于 ${request.districtId}`, {
      subDistrictId: request.subDistrictId,
      districtId: subDistrict.districtId,
    });
  }
  if (request.zoneId) {
    if (!zone || zone.level !== 'ZONE') throw new DomainError('invalid', 'ZONE_NOT_FOUND', `片区 ${request.zoneId} 未登记`, { zoneId: request.zoneId });
    if (zone.subDistrictId !== request.subDistrictId) {
      throw new DomainError('invalid', 'ZONE_IN_OTHER_SUB_DISTRICT', `片区 ${zone.name}属于街道 ${zone.subDistrictId}，不属于 ${request.subDistrictId}`, {
        zoneId: request.zoneId,
        subDistrictId: zone.subDistrictId,
      });
    }
  }
}

function assertParentType(type: OrganizationType, parent: Organization | null): void {
  const allowed = ALLOWED_PARENTS[type];
  if (allowed.includes(parent?.type ?? null)) return;
  const names = allowed.filter((t): t is OrganizationType => t !== null).map((t) => TYPE_NAMES[t]);
  if (!parent) {
    throw new DomainError('invalid', 'PARENT_REQUIRED', `${TYPE_NAMES[type]}必须有上级党组织（${names.join('、')}）`, { type });
  }
  const detail = names.length ? `上级只能是${names.join('、')}` : '不能有上级党组织';
  throw new DomainError('invalid', 'PARENT_TYPE_NOT_ALLOWED', `${TYPE_NAMES[parent.type]}不能作为${TYPE_NAMES[type]}的上级：${TYPE_NAMES[type]}${detail}`, {
    type,
    parentType: parent.type,
    allowedParentTypes: allowed,
  });
}

export function decideRename(existing: Organization | null, organizationId: string, name: string): OrganizationRenamedData {
  requireStanding(existing, organizationId);
  const trimmed = name.trim();
  if (trimmed === existing!.name) {
    throw new DomainError('conflict', 'NAME_UNCHANGED', '新名称与当前名称相同', { organizationId });
  }
  return { organizationId, name: trimmed };
}

/** 书记: a member referenced by id. Appointing the sitting secretary again changes nothing, so it is refused. */
/** The member record a secretary is appointed from, as membership keeps it; null: no such member. */
export interface SecretaryCandidate {
  organizationId: string;
  status: string | null;
}

/** 任命书记: a full member (正式党员) of the organization itself. */
export function decideSecretaryAppointment(
  existing: Organization | null,
  organizationId: string,
  secretaryMemberId: string,
  appointedOn: string,
  candidate: SecretaryCandidate | null,
): OrganizationSecretaryAppointedData {
  const org = requireStanding(existing, organizationId);
  if (org.secretaryMemberId === secretaryMemberId) {
    throw new DomainError('conflict', 'SECRETARY_UNCHANGED', `${secretaryMemberId} 已是${org.name}的书记`, { organizationId, secretaryMemberId });
  }
  if (!candidate) throw new DomainError('invalid', 'SECRETARY_NOT_FOUND', `secretaryMemberId：党员 ${secretaryMemberId} 不存在`, { secretaryMemberId });
  if (candidate.organizationId !== organizationId) {
    throw new DomainError('invalid', 'SECRETARY_NOT_IN_ORGANIZATION', `secretaryMemberId：党员 ${secretaryMemberId} 不是${org.name}的党员，书记须从本组织党员中产生`, {
      organizationId,
      secretaryMemberId,
    });
  }
  if (candidate.status !== 'FULL') {
    throw new DomainError('invalid', 'SECRETARY_NOT_FULL_MEMBER', `secretaryMemberId：党员 ${secretaryMemberId} 不是正式党员，书记须为正式党员`, { secretaryMemberId });
  }
  return { organizationId, secretaryMemberId, appointedOn };
}

/**
 * 换届: a new term starts after the current one started, ends after it starts and
 * lasts at most the statutory length for the organization's type.
 */
export function decideTermStart(existing: Organization | null, organizationId: string, termStart: string, termEnd: string): OrganizationTermStartedData {
  const org = requireStanding(existing, organizationId);
  if (termEnd <= termStart) {
    throw new DomainError('invalid', 'TERM_END_BEFORE_START', `任期结束日期 ${termEnd} 必须晚于开始日期 ${termStart}`, { termStart, termEnd });
  }
  const years = MAX_TERM_YEARS[org.type];
  if (termEnd > addYears(termStart, years)) {
    throw new DomainError('invalid', 'TERM_TOO_LONG', `${TYPE_NAMES[org.type]}每届任期不超过 ${years} 年`, { termStart, termEnd, maxYears: years });
  }
  if (org.termStart && termStart <= org.termStart) {
    throw new DomainError('conflict', 'TERM_NOT_AFTER_CURRENT', `当前为第 ${org.termNumber} 届（${org.termStart} 至 ${org.termEnd}），新一届的开始日期须晚于 ${org.termStart}`, {
      organizationId,
      termNumber: org.termNumber,
      termStart: org.termStart,
      termEnd: org.termEnd,
    });
  }
  return { organizationId, termNumber: (org.termNumber ?? 0) + 1, termStart, termEnd };
}

/**
 * 换届提醒: due once per term, as soon as the term ends within 90 days (or has
 * already ended unreminded). Returns null when nothing is due, so a sweep can be
 * repeated freely.
 */
export function decideTermReminder(org: Organization, today: string): OrganizationTermEndingData | null {
  if (org.dissolvedOn) return null;
  if (!org.termEnd || !org.termNumber || org.termReminded) return null;
  const daysLeft = daysBetween(today, org.termEnd);
  if (daysLeft > TERM_REMINDER_DAYS) return null;
  return { organizationId: org.organizationId, termNumber: org.termNumber, termEnd: org.termEnd, daysLeft };
}

/** What assigning needs of an instructor's registration (domain/instructor). */
export interface InstructorRegistration {
  instructorId: string;
  name: string;
  districtId: string;
}

/**
 * 选派: only a registered instructor working in the organization's district; the name is the
 * registered one (a name sent along must be the same).
 */
export function decideInstructorAssignment(
  existing: Organization | null,
  organizationId: string,
  instructorId: string,
  registration: InstructorRegistration | null,
  assignedOn: string,
  requestedName?: string,
): InstructorAssignedData {
  const org = requireStanding(existing, organizationId);
  if (!registration) {
    throw new DomainError('invalid', 'INSTRUCTOR_NOT_REGISTERED', `instructorId：党建指导员 ${instructorId} 未登记，请先登记再选派`, { field: 'instructorId', instructorId });
  }
  if (registration.districtId !== org.districtId) {
    throw new DomainError(
      'invalid',
      'INSTRUCTOR_IN_OTHER_DISTRICT',
      `instructorId：党建指导员 ${instructorId} 在区县 ${registration.districtId} 工作，${org.name}属于区县 ${org.districtId}`,
      {
        field: 'instructorId',
        instructorId,
        districtId: registration.districtId,
      },
    );
  }
  if (requestedName !== undefined && requestedName.trim() !== registration.name) {
    throw new DomainError('invalid', 'INSTRUCTOR_NAME_MISMATCH', `name 与党建指导员 ${instructorId} 登记的姓名不一致（可不填 name）`, { field: 'name', instructorId });
  }
  const instructors = org.instructors ?? [];
  if (instructors.some((i) => i.instructorId === instructorId)) {
    throw new DomainError('conflict', 'INSTRUCTOR_ALREADY_ASSIGNED', `党建指导员 ${instructorId} 已选派到${org.name}`, { organizationId, instructorId });
  }
  if (instructors.length >= MAX_INSTRUCTORS) {
    throw new DomainError('conflict', 'TOO_MANY_INSTRUCTORS', `${org.name}已有 ${instructors.length} 名党建指导员，最多 ${MAX_INSTRUCTORS} 名；请先撤回一名`, { organizationId });
  }
  return { organizationId, instructorId, name: registration.name, assignedOn };
}

export function decideInstructorUnassignment(existing: Organization | null, organizationId: string, instructorId: string, unassignedOn: string): InstructorUnassignedData {
  const org = requireStanding(existing, organizationId);
  const instructors = org.instructors ?? [];
  if (!instructors.some((i) => i.instructorId === instructorId)) {
    const current = instructors.length ? `当前指导员：${instructors.map((i) => i.instructorId).join('、')}` : '当前没有党建指导员，可先选派';
    throw new DomainError('conflict', 'INSTRUCTOR_NOT_ASSIGNED', `党建指导员 ${instructorId} 未选派到${org.name}（${current}）`, { organizationId, instructorId });
  }
  return { organizationId, instructorId, unassignedOn };
}

/** Only joint organizations are formed three-in-one; the same unit may not appear twice. */
export function decideThreeInOne(existing: Organization | null, organizationId: string, formation: ThreeInOne): ThreeInOneFormedData {
  const org = requireStanding(existing, organizationId);
  if (org.type !== 'JOINT_COMMITTEE' && org.type !== 'JOINT_BRANCH') {
    throw new DomainError('invalid', 'NOT_A_JOINT_ORGANIZATION', `“三位一体”只适用于联合党委或联合党支部，${org.name}是${TYPE_NAMES[org.type]}`, { organizationId, type: org.type });
  }
  const units = [formation.propertyOwner, formation.propertyManager, ...formation.residentEnterprises].map((u) => ({ name: u.name.trim(), creditCode: u.creditCode ?? null }));
  const seen = new Set<string>();
  for (const u of units) {
    const key = u.creditCode ?? `name:${u.name}`;
    if (seen.has(key)) throw new DomainError('invalid', 'DUPLICATE_UNIT', `组成单位 ${u.name} 重复出现`, { unit: u.name });
    seen.add(key);
  }
  const [propertyOwner, propertyManager, ...residentEnterprises] = units;
  const data = { organizationId, propertyOwner, propertyManager, residentEnterprises };
  if (org.threeInOne && unitsKey([org.threeInOne.propertyOwner, org.threeInOne.propertyManager, ...org.threeInOne.residentEnterprises]) === unitsKey(units)) {
    throw new DomainError('conflict', 'FORMATION_UNCHANGED', '组成单位与当前记录相同', { organizationId });
  }
  return data;
}

function unitsKey(units: FormationUnit[]): string {
  return units.map((u) => `${u.name}|${u.creditCode ?? ''}`).join('\n');
}

/** The longest chain of superiors followed when looking for a cycle; real hierarchies are a handful deep. */
export const MAX_ANCESTRY = 50;

/**
 * 调整隶属关系: the new parent exists, still stands, may lead this type, lies in the
 * organization's own district, sub-district and (when it has one) zone, and is neither the
 * organization itself nor one of its descendants (`parentAncestry`: the new parent's own
 * superiors, nearest first).
 */
export function decideReparent(
  existing: Organization | null,
  organizationId: string,
  parentId: string | null,
  parent: Organization | null,
  parentAncestry: string[],
): OrganizationReparentedData {
  const org = requireStanding(existing, organizationId);
  if (parentId === org.parentId) {
    throw new DomainError('conflict', 'PARENT_UNCHANGED', parentId ? `${parentId} 已是${org.name}的上级党组织` : `${org.name}已没有上级党组织`, { organizationId, parentId });
  }
  if (parentId && !parent) throw new DomainError('invalid', 'PARENT_NOT_FOUND', `上级党组织 ${parentId} 不存在`, { parentId });
  if (parentId === organizationId || parentAncestry.includes(organizationId)) {
    throw new DomainError('invalid', 'PARENT_CYCLE', `${parent!.name}是${org.name}本身或其下级组织，不能作为其上级（隶属关系不能成环）`, { organizationId, parentId });
  }
  if (parent) assertFitsUnder(org, parent);
  else assertParentType(org.type, null);
  return { organizationId, parentId, previousParentId: org.parentId };
}

/** A standing parent that may lead the organization's type, in its district, sub-district and zone. */
function assertFitsUnder(org: Organization, parent: Organization): void {
  if (parent.dissolvedOn) throw dissolvedParent(parent);
  assertParentType(org.type, parent);
  if (parent.districtId !== org.districtId || parent.subDistrictId !== org.subDistrictId) {
    throw new DomainError('invalid', 'PARENT_IN_OTHER_SUB_DISTRICT', `上级党组织${parent.name}不在${org.name}所在的街道 ${org.subDistrictId}`, { parentId: parent.organizationId });
  }
  if (parent.zoneId && parent.zoneId !== org.zoneId) {
    throw new DomainError('invalid', 'PARENT_IN_OTHER_ZONE', `上级党组织${parent.name}属于片区 ${parent.zoneId}，${org.name}不在该片区`, {
      parentId: parent.organizationId,
      zoneId: parent.zoneId,
    });
  }
}

/** 依托单位变更: re-sending the current host changes nothing, so it is refused. */
export function decideHostChange(existing: Organization | null, organizationId: string, host: OrganizationHost | null): OrganizationHostChangedData {
  const org = requireStanding(existing, organizationId);
  const next = host ? { kind: host.kind, name: host.name.trim(), creditCode: host.creditCode ?? null } : null;
  const same = (a: OrganizationHost | null, b: OrganizationHost | null) =>
    a === null || b === null ? a === b : a.kind === b.kind && a.name === b.name && a.creditCode === b.creditCode;
  if (same(org.host ?? null, next)) {
    throw new DomainError('conflict', 'HOST_UNCHANGED', next ? `${org.name}的依托单位已是${next.name}` : `${org.name}没有依托单位`, { organizationId });
  }
  return { organizationId, host: next };
}

/** What is still inside an organization: it can be dissolved only when all are zero. */
export interface OrganizationContents {
  /** 党员 and those in the development pipeline whose membership is held here (ended ones not counted). */
  members: number;
  /** Floating members checked in with it. */
  floatingMembers: number;
  /** Members whose open transfer names it as the receiving organization. */
  incomingTransfers: number;
  /** Its child organizations that still stand. */
  childOrganizations: number;
}

/**
 * 撤销: refused while anyone or any child organization is left in it, saying how many
 * and where they must go first.
 */
export function decideDissolution(existing: Organization | null, organizationId: string, contents: OrganizationContents, dissolvedOn: string): OrganizationDissolvedData {
  const org = requireStanding(existing, organizationId);
  assertNoMembers(org, contents, '撤销');
  if (contents.childOrganizations > 0) {
    throw new DomainError(
      'conflict',
      'ORGANIZATION_HAS_CHILDREN',
      `${org.name}还有 ${contents.childOrganizations} 个下级党组织，须先将其调整到其他上级党组织（PUT /organizations/{id}/parent），或将${org.name}合并到指定党组织（POST /organizations/${organizationId}/merge），才能撤销`,
      { organizationId, childOrganizations: contents.childOrganizations },
    );
  }
  return { organizationId, dissolvedOn };
}

function assertNoMembers(org: Organization, contents: OrganizationContents, action: string): void {
  const parts = [
    contents.members ? `${contents.members} 名党员（含入党申请人、积极分子、发展对象）` : '',
    contents.floatingMembers ? `${contents.floatingMembers} 名报到的流动党员` : '',
    contents.incomingTransfers ? `${contents.incomingTransfers} 项转入该组织的组织关系转接` : '',
  ].filter(Boolean);
  if (!parts.length) return;
  throw new DomainError(
    'conflict',
    'ORGANIZATION_HAS_MEMBERS',
    `${org.name}还有${parts.join('、')}，须先通过组织关系转接将党员转至指定的其他党组织、流动党员办理离开、转接办结或退回，才能${action}`,
    { organizationId: org.organizationId, ...contents },
  );
}

/**
 * 合并: `existing` is merged into `into`. Members must have been transferred first (the
 * member's own transfer); the child organizations are re-parented to `into`, so each must
 * fit under it, and `into` must not lie below `existing` (`intoAncestry`: its superiors).
 * Returns the merge event and the re-parenting of each child, all checked before any is stored.
 */
export function decideMerge(
  existing: Organization | null,
  organizationId: string,
  into: Organization | null,
  intoOrganizationId: string,
  intoAncestry: string[],
  children: Organization[],
  contents: Omit<OrganizationContents, 'childOrganizations'>,
  mergedOn: string,
): { merged: OrganizationMergedData; reparented: OrganizationReparentedData[] } {
  const org = requireStanding(existing, organizationId);
  if (intoOrganizationId === organizationId) throw new DomainError('invalid', 'MERGE_INTO_ITSELF', `${org.name}不能并入自身`, { organizationId });
  if (!into) throw new DomainError('invalid', 'MERGE_TARGET_NOT_FOUND', `接收党组织 ${intoOrganizationId} 不存在`, { intoOrganizationId });
  if (into.dissolvedOn) throw new DomainError('invalid', 'MERGE_TARGET_DISSOLVED', `接收党组织${into.name}已于 ${into.dissolvedOn} 撤销`, { intoOrganizationId });
  if (intoAncestry.includes(organizationId)) {
    throw new DomainError('invalid', 'MERGE_INTO_DESCENDANT', `接收党组织${into.name}是${org.name}的下级组织，不能并入`, { organizationId, intoOrganizationId });
  }
  if (into.districtId !== org.districtId) {
    throw new DomainError('invalid', 'MERGE_TARGET_IN_OTHER_DISTRICT', `接收党组织${into.name}不在${org.name}所在的区县`, { intoOrganizationId });
  }
  assertNoMembers(org, { ...contents, childOrganizations: 0 }, `并入${into.name}`);
  const reparented = children.map((child) => {
    try {
      assertFitsUnder(child, into);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      throw new DomainError('invalid', 'CHILD_DOES_NOT_FIT', `下级组织${child.name}不能改隶${into.name}：${e.message}`, { childOrganizationId: child.organizationId, reason: e.code });
    }
    return { organizationId: child.organizationId, parentId: intoOrganizationId, previousParentId: organizationId };
  });
  return { merged: { organizationId, intoOrganizationId, mergedOn, childOrganizationIds: children.map((c) => c.organizationId) }, reparented };
}

/** The building as far as locating an organization needs it. */
export interface BuildingPlace {
  buildingId: string;
  name: string;
  zoneId: string;
}

/** 所在楼宇: the building lies in the organization's zone (an organization of no zone lies in no building). */
export function decideLocation(existing: Organization | null, organizationId: string, buildingId: string | null, building: BuildingPlace | null): OrganizationLocatedData {
  const org = requireStanding(existing, organizationId);
  if ((org.buildingId ?? null) === buildingId) {
    throw new DomainError('conflict', 'LOCATION_UNCHANGED', buildingId ? `${org.name}已登记在该楼宇` : `${org.name}未登记所在楼宇`, { organizationId, buildingId });
  }
  if (buildingId) {
    if (!building) throw new DomainError('invalid', 'BUILDING_NOT_FOUND', `楼宇 ${buildingId} 未登记`, { buildingId });
    if (building.zoneId !== org.zoneId) {
      const where = org.zoneId ? `片区 ${org.zoneId}` : '任何片区（街道党工委）';
      throw new DomainError('invalid', 'BUILDING_IN_OTHER_ZONE', `楼宇${building.name}属于片区 ${building.zoneId}，${org.name}属于${where}，只能登记在本片区的楼宇`, {
        organizationId,
        buildingId,
        zoneId: building.zoneId,
      });
    }
  }
  return { organizationId, buildingId };
}
