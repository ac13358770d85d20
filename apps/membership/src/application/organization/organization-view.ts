import { Actor } from '@pb/platform';
import type { Organization } from '../../domain/organization/organization';

export type OrganizationView = Organization & { version: number };

/**
 * The organization as this caller may see it: analysts, who get no personal data from
 * membership, see its instructors (党建指导员, people) by id only.
 */
export function organizationViewFor<T extends { instructors?: { instructorId: string; name: string; assignedOn: string }[] }>(actor: Actor, view: T): T {
  if (actor.role !== 'ANALYST' || !view.instructors) return view;
  return { ...view, instructors: view.instructors.map(({ instructorId, assignedOn }) => ({ instructorId, assignedOn }) as { instructorId: string; name: string; assignedOn: string }) };
}
