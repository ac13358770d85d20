import type { MassOrganization } from '../../domain/mass-organization/mass-organization';

export type MassOrganizationView = MassOrganization & { version: number };
