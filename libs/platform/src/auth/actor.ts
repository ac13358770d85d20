/** 角色: who a user is in the platform. */
export const ROLES = [
  'CITY_ADMIN', // 市级管理员
  'DISTRICT_ADMIN', // 区县党委组织部门
  'SUB_DISTRICT_ADMIN', // 街道党工委
  'ORG_SECRETARY', // 党组织书记
  'GRID_WORKER', // 网格员
  'ENTERPRISE_CONTACT', // 企业联络人
  'ANALYST', // 数据分析人员
  'DEPARTMENT_STAFF', // 职能部门工作人员
  'SYSTEM', // 平台自身（演示数据、定时任务）
] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_LEVELS = ['CITY', 'DISTRICT', 'SUB_DISTRICT', 'ZONE'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

/** The jurisdiction a user acts in: the whole city, or one district, sub-district or zone. */
export interface JurisdictionScope {
  level: ScopeLevel;
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string;
}

/** Where a record belongs. */
export interface RecordJurisdiction {
  districtId: string;
  subDistrictId?: string | null;
  zoneId?: string | null;
}

/** The authenticated caller, as the gateway vouches for it to the services. */
export interface Actor {
  userId: string;
  role: Role;
  scope: JurisdictionScope;
  /** For organization secretaries: the organization they lead. */
  organizationId?: string;
  /** For enterprise contacts: their enterprise's unified social credit code. */
  enterpriseCode?: string;
  /** The user's own Party member record (本人党员档案), when linked: a secretary's is a member of their organization. */
  memberId?: string;
  /** For grid workers: their grid worker record (网格员档案) in governance, when linked. */
  gridWorkerId?: string;
  /** For department staff: the department 职能部门 (in governance) they act for. */
  departmentId?: string;
}

/** The platform itself, acting without a user: scheduled work such as the sweeps. */
export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'SYSTEM', scope: { level: 'CITY' } };

/** The level and jurisdiction an administrator answers for (上报/督办到本级); no jurisdiction id for the city, there is one. */
export interface EscalationDesk {
  level: 'SUB_DISTRICT' | 'DISTRICT' | 'CITY';
  jurisdictionId: string | null;
}

/**
 * Whose desk an escalated record is on: the administrators of the level and jurisdiction it was
 * escalated to, by their role and scope (no user id is kept in the record). Null for the roles
 * that answer for no level (grid workers, secretaries, contacts, analysts).
 */
export function escalationDeskOf(actor: Pick<Actor, 'role' | 'scope'>): EscalationDesk | null {
  const { role, scope } = actor;
  if (role === 'SUB_DISTRICT_ADMIN' && scope.level === 'SUB_DISTRICT' && scope.subDistrictId) return { level: 'SUB_DISTRICT', jurisdictionId: scope.subDistrictId };
  if (role === 'DISTRICT_ADMIN' && scope.level === 'DISTRICT' && scope.districtId) return { level: 'DISTRICT', jurisdictionId: scope.districtId };
  if ((role === 'CITY_ADMIN' || role === 'SYSTEM') && scope.level === 'CITY') return { level: 'CITY', jurisdictionId: null };
  return null;
}
