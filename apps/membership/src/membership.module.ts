import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ScheduledWorkModule, ServiceModuleOptions } from '@pb/platform';
import { ALLIANCE_HANDLERS } from './application/alliance/handlers';
import { BUILDING_HANDLERS } from './application/building/handlers';
import { INSTRUCTOR_HANDLERS } from './application/instructor/handlers';
import { OrganizationCounts } from './application/jurisdiction/get-jurisdiction-statistics.query';
import { JURISDICTION_HANDLERS } from './application/jurisdiction/handlers';
import { JurisdictionStatisticsModule } from './application/jurisdiction/jurisdiction-statistics';
import { MASS_ORGANIZATION_HANDLERS } from './application/mass-organization/handlers';
import { ORGANIZATION_HANDLERS } from './application/organization/handlers';
import { MEMBERSHIP_AGGREGATES } from './infrastructure/aggregates';
import { AlliancesController } from './interface/http/alliances.controller';
import { BuildingsController } from './interface/http/buildings.controller';
import { InstructorsController } from './interface/http/instructors.controller';
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
      controllers: [JurisdictionsController, OrganizationsController, BuildingsController, AlliancesController, MassOrganizationsController, InstructorsController],
      providers: [
        { provide: MembershipConfig, useValue: config },
        ...JURISDICTION_HANDLERS,
        OrganizationCounts,
        ...ORGANIZATION_HANDLERS,
        ...BUILDING_HANDLERS,
        TermRemindersJob,
        ...ALLIANCE_HANDLERS,
        ...MASS_ORGANIZATION_HANDLERS,
        ...INSTRUCTOR_HANDLERS,
      ],
    };
  }
}
