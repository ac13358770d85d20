import type { OrganizationType } from '@pb/contracts';
import type { GuidanceVisit } from '../../domain/instructor/guidance-visit';
import type { Instructor } from '../../domain/instructor/instructor';

export type InstructorView = Instructor & { version: number };

export type GuidanceVisitView = GuidanceVisit & { version: number };

/** An organization the instructor is assigned to, with their visits to it. */
export interface GuidedOrganization {
  organizationId: string;
  name: string;
  type: OrganizationType;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  assignedOn: string;
  visits: number;
  lastVisitedOn: string | null;
}

/** What the instructor's page shows besides the registration. */
export interface InstructorGuidance {
  /** In id order; at most MAX_GUIDED_SHOWN, the rest page through `GET /organizations?instructorId=`. */
  organizations: GuidedOrganization[];
  organizationsTruncated: boolean;
  /** All their recorded visits, to organizations they guide now or guided before. */
  visits: { count: number; lastVisitedOn: string | null };
}

/** How many guided organizations the instructor's page lists (the answer says when there are more). */
export const MAX_GUIDED_SHOWN = 100;
