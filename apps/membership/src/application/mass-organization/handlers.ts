import { FormMassOrganizationHandler } from './form-mass-organization.command';
import { GetMassOrganizationHandler } from './get-mass-organization.query';
import { ListMassOrganizationsHandler } from './list-mass-organizations.query';

/** 群团组织 mass organizations: the handlers of every use case. */
export const MASS_ORGANIZATION_HANDLERS = [FormMassOrganizationHandler, GetMassOrganizationHandler, ListMassOrganizationsHandler];
