import { escalationDeskOf, type Actor } from './actor';

/**
 * 受众: who a notification is addressed to. Users live in the gateway, so a fact is addressed to the
 * part a user plays, and a user receives what is addressed to any part they play (`audiencesOf`):
 * - `org:<organizationId>`        the secretary of an organization (党组织书记)
 * - `department:<departmentId>`   the staff of a department (职能部门)
 * - `enterprise:<creditCode>`     the contacts of an enterprise (企业联络人)
 * - `member:<memberId>`           the user linked to a Party member's record (本人)
 * - `gridworker:<gridWorkerId>`   the user linked to a grid worker's record (网格员)
 * - `user:<userId>`               one user, e.g. who reported a case (the event's actor)
 * - `desk:SUB_DISTRICT:<id>`, `desk:DISTRICT:<id>`, `desk:CITY`  the administrators of a level (本级)
 *
 * Shared by the notifications service (what a caller sees) and the gateway (which tells the service
 * each user's audiences when it creates or changes the user).
 */
export type Audience = string;

export const audience = {
  organization: (id: string): Audience => `org:${id}`,
  department: (id: string): Audience => `department:${id}`,
  enterprise: (code: string): Audience => `enterprise:${code}`,
  member: (id: string): Audience => `member:${id}`,
  gridWorker: (id: string): Audience => `gridworker:${id}`,
  user: (id: string): Audience => `user:${id}`,
  desk: (level: 'SUB_DISTRICT' | 'DISTRICT' | 'CITY', jurisdictionId?: string | null): Audience => (level === 'CITY' ? 'desk:CITY' : `desk:${level}:${jurisdictionId}`),
};

/** Every audience a signed-in user belongs to, from what the gateway vouches for in the internal token. */
export function audiencesOf(actor: Actor): Audience[] {
  const parts: Audience[] = [audience.user(actor.userId)];
  if (actor.role === 'ORG_SECRETARY' && actor.organizationId) parts.push(audience.organization(actor.organizationId));
  if (actor.role === 'DEPARTMENT_STAFF' && actor.departmentId) parts.push(audience.department(actor.departmentId));
  if (actor.role === 'ENTERPRISE_CONTACT' && actor.enterpriseCode) parts.push(audience.enterprise(actor.enterpriseCode));
  if (actor.role === 'GRID_WORKER' && actor.gridWorkerId) parts.push(audience.gridWorker(actor.gridWorkerId));
  if (actor.memberId) parts.push(audience.member(actor.memberId));
  const desk = escalationDeskOf(actor);
  if (desk) parts.push(audience.desk(desk.level, desk.jurisdictionId));
  return parts;
}
