import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ScheduledWorkModule, ServiceModuleOptions } from '@pb/platform';
import { JoinAllianceHandler, LeaveAllianceHandler } from './application/alliance/alliance-membership.command';
import { GetAllianceHandler, ListAlliancesHandler } from './application/alliance/alliance-queries';
import { AppointDepartmentHeadHandler, EstablishDepartmentHandler } from './application/alliance/council-departments.command';
import { FormAllianceHandler } from './application/alliance/form-alliance.command';
import { DesignateZoneHandler } from './application/jurisdiction/designate-zone.command';
import { GetJurisdictionHandler, GetJurisdictionTreeHandler, ListJurisdictionsHandler } from './application/jurisdiction/jurisdiction-queries';
import { JurisdictionStatisticsModule } from './application/jurisdiction/jurisdiction-statistics';
import { GetJurisdictionStatisticsHandler, OrganizationCounts } from './application/jurisdiction/jurisdiction-statistics.query';
import { RegisterJurisdictionHandler } from './application/jurisdiction/register-jurisdiction.command';
import { FormMassOrganizationHandler } from './application/mass-organization/form-mass-organization.command';
import { GetMassOrganizationHandler, ListMassOrganizationsHandler } from './application/mass-organization/mass-organization-queries';
import { AppointSecretaryHandler } from './application/organization/appoint-secretary.command';
import { AssignInstructorHandler, UnassignInstructorHandler } from './application/organization/assign-instructor.command';
import { GetOrganizationHandler, ListOrganizationsHandler } from './application/organization/list-organizations.query';
import { GetOrganizationTreeHandler } from './application/organization/organization-tree.query';
import { RecordThreeInOneHandler } from './application/organization/record-three-in-one.command';
import { RegisterOrganizationHandler } from './application/organization/register-organization.command';
import { RenameOrganizationHandler } from './application/organization/rename-organization.command';
import { StartTermHandler } from './application/organization/start-term.command';
import { SweepTermRemindersHandler } from './application/organization/sweep-term-reminders.command';
import { MEMBERSHIP_AGGREGATES } from './infrastructure/aggregates';
import { AlliancesController } from './interface/http/alliances.controller';
import { JurisdictionsController } from './interface/http/jurisdictions.controller';
import { MassOrganizationsController } from './interface/http/mass-organizations.controller';
import { OrganizationsController } from './interface/http/organizations.controller';
import { TermRemindersJob } from './interface/schedule/term-reminders.job';
import { MembersModule } from './members.module';
import { MembershipConfig } from './membership.config';

/** 组织共建、党员共管: jurisdictions, organizations, alliances, members, floating members, transfers. */
@Module({})
export class MembershipModule {
  static register(config: MembershipConfig, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: MembershipModule,
      imports: [
        PlatformModule.forService('membership', config, options),
        MessagingModule.forService({ context: 'membership', aggregates: MEMBERSHIP_AGGREGATES }),
        CqrsModule.forRoot(),
        ScheduledWorkModule,
        JurisdictionStatisticsModule,
        MembersModule,
      ],
      controllers: [JurisdictionsController, OrganizationsController, AlliancesController, MassOrganizationsController],
      providers: [
        { provide: MembershipConfig, useValue: config },
        // 辖区
        RegisterJurisdictionHandler,
        DesignateZoneHandler,
        GetJurisdictionHandler,
        ListJurisdictionsHandler,
        GetJurisdictionTreeHandler,
        GetJurisdictionStatisticsHandler,
        OrganizationCounts,
        // 党组织
        RegisterOrganizationHandler,
        RenameOrganizationHandler,
        AppointSecretaryHandler,
        StartTermHandler,
        SweepTermRemindersHandler,
        TermRemindersJob,
        AssignInstructorHandler,
        UnassignInstructorHandler,
        RecordThreeInOneHandler,
        ListOrganizationsHandler,
        GetOrganizationHandler,
        GetOrganizationTreeHandler,
        // 党建联盟
        FormAllianceHandler,
        JoinAllianceHandler,
        LeaveAllianceHandler,
        EstablishDepartmentHandler,
        AppointDepartmentHeadHandler,
        ListAlliancesHandler,
        GetAllianceHandler,
        // 群团组织
        FormMassOrganizationHandler,
        ListMassOrganizationsHandler,
        GetMassOrganizationHandler,
      ],
    };
  }
}
