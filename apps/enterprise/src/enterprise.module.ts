import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MembershipReferenceModule } from '@pb/membership-reference';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ScheduledWorkModule, ServiceModuleOptions } from '@pb/platform';
import { ENTERPRISE_HANDLERS } from './application/enterprise/handlers';
import { FIGURES_HANDLERS } from './application/figures/handlers';
import { FINANCING_HANDLERS } from './application/financing/handlers';
import { MENTORING_HANDLERS } from './application/mentoring/handlers';
import { POLICY_HANDLERS } from './application/policy/handlers';
import { RECORDS_HANDLERS } from './application/records/handlers';
import { REQUEST_HANDLERS } from './application/request/handlers';
import { SERVICE_DAY_HANDLERS } from './application/service-day/handlers';
import { EnterpriseConfig } from './enterprise.config';
import { ENTERPRISE_AGGREGATES } from './infrastructure/aggregates';
import { EnterprisesController } from './interface/http/enterprises.controller';
import { FinancingController } from './interface/http/financing.controller';
import { MentoringController } from './interface/http/mentoring.controller';
import { PoliciesController } from './interface/http/policies.controller';
import { ServiceDaysController } from './interface/http/service-days.controller';
import { ServiceRequestsController, ServiceSettingsController } from './interface/http/service-requests.controller';
import { ZonesController } from './interface/http/zones.controller';
import { OverdueRequestsJob } from './interface/schedule/overdue-requests.job';

/** 资源共享、互利共赢: enterprises, requests, service days, bank-enterprise matching, policies, mentors, maker spaces. */
@Module({})
export class EnterpriseModule {
  static register(config: EnterpriseConfig, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: EnterpriseModule,
      imports: [
        PlatformModule.forService('enterprise', config, options),
        MessagingModule.forService({
          context: 'enterprise',
          consumes: { groupId: 'enterprise', topics: [CONTEXT_TOPICS.membership] },
          aggregates: ENTERPRISE_AGGREGATES,
        }),
        // Zones, which enterprises host an organization and who works where; no member's name.
        MembershipReferenceModule.forService({ keepNames: false }),
        CqrsModule.forRoot(),
        ScheduledWorkModule,
      ],
      controllers: [
        EnterprisesController,
        ServiceRequestsController,
        ServiceSettingsController,
        ServiceDaysController,
        FinancingController,
        PoliciesController,
        MentoringController,
        ZonesController,
      ],
      providers: [
        ...ENTERPRISE_HANDLERS,
        ...REQUEST_HANDLERS,
        ...SERVICE_DAY_HANDLERS,
        ...FINANCING_HANDLERS,
        ...POLICY_HANDLERS,
        ...MENTORING_HANDLERS,
        ...RECORDS_HANDLERS,
        ...FIGURES_HANDLERS,
        { provide: EnterpriseConfig, useValue: config },
        OverdueRequestsJob,
      ],
    };
  }
}
