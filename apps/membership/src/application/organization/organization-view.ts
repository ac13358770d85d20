import type { Organization } from '../../domain/organization/organization';

export type OrganizationView = Organization & { version: number };
