import { AppointSecretaryHandler } from './appoint-secretary.command';
import { AssignInstructorHandler } from './assign-instructor.command';
import { ChangeOrganizationHostHandler } from './change-organization-host.command';
import { DissolveOrganizationHandler } from './dissolve-organization.command';
import { GetOrganizationTreeHandler } from './get-organization-tree.query';
import { GetOrganizationHandler } from './get-organization.query';
import { ListOrganizationsHandler } from './list-organizations.query';
import { LocateOrganizationHandler } from './locate-organization.command';
import { MergeOrganizationHandler } from './merge-organization.command';
import { OrganizationStructure } from './organization-structure';
import { RecordThreeInOneHandler } from './record-three-in-one.command';
import { RegisterOrganizationHandler } from './register-organization.command';
import { RenameOrganizationHandler } from './rename-organization.command';
import { ReparentOrganizationHandler } from './reparent-organization.command';
import { StartTermHandler } from './start-term.command';
import { SweepTermRemindersHandler } from './sweep-term-reminders.command';
import { UnassignInstructorHandler } from './unassign-instructor.command';

/** 党组织 organizations: the handlers of every use case. */
export const ORGANIZATION_HANDLERS = [
  AppointSecretaryHandler,
  AssignInstructorHandler,
  ChangeOrganizationHostHandler,
  DissolveOrganizationHandler,
  LocateOrganizationHandler,
  MergeOrganizationHandler,
  RecordThreeInOneHandler,
  RegisterOrganizationHandler,
  RenameOrganizationHandler,
  ReparentOrganizationHandler,
  StartTermHandler,
  SweepTermRemindersHandler,
  UnassignInstructorHandler,
  GetOrganizationTreeHandler,
  GetOrganizationHandler,
  ListOrganizationsHandler,
  OrganizationStructure,
];
