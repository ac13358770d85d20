import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MembershipReferenceModule } from '@pb/membership-reference';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ScheduledWorkModule, ServiceModuleOptions } from '@pb/platform';
import { GetEnterpriseHandler, ListEnterprisesHandler } from './application/enterprise/enterprise.queries';
import { RegisterEnterpriseHandler } from './application/enterprise/register-enterprise.command';
import { UpdateEnterpriseProfileHandler } from './application/enterprise/update-enterprise-profile.command';
import { GetZoneFiguresHandler } from './application/figures/zone-figures.query';
import { ConcludeFinancingMatchHandler } from './application/financing/conclude-financing-match.command';
import { FileFinancingNeedHandler } from './application/financing/file-financing-need.command';
import { ProposeFinancingMatchHandler } from './application/financing/propose-financing-match.command';
import { PublishLoanProductHandler } from './application/financing/publish-loan-product.command';
import { AdmitStartupHandler } from './application/mentoring/admit-startup.command';
import { ChangeStartupStatusHandler } from './application/mentoring/change-startup-status.command';
import { MatchMentorHandler } from './application/mentoring/match-mentor.command';
import { OpenMakerSpaceHandler } from './application/mentoring/open-maker-space.command';
import { RegisterMentorHandler } from './application/mentoring/register-mentor.command';
import { MatchPolicyHandler } from './application/policy/match-policy.command';
import { PublishPolicyHandler } from './application/policy/publish-policy.command';
import { RecordPolicyMatchHandler } from './application/policy/record-policy-match.command';
import { GetRecordHandler, ListRecordsHandler } from './application/records.queries';
import { AdvanceServiceRequestHandler } from './application/request/advance-service-request.command';
import { EscalateServiceRequestHandler } from './application/request/escalate-service-request.command';
import {
  GetRoutingTableHandler,
  GetServiceRequestHandler,
  GetServiceTargetsHandler,
  ListServiceRequestsHandler,
} from './application/request/service-request.queries';
import { SetRoutingRuleHandler } from './application/request/set-routing-rule.command';
import { SetServiceTargetsHandler } from './application/request/set-service-targets.command';
import { SubmitServiceRequestHandler } from './application/request/submit-service-request.command';
import { SweepOverdueRequestsHandler } from './application/request/sweep-overdue-requests.command';
import { ConcludeServiceDayHandler } from './application/service-day/conclude-service-day.command';
import { ConvertIssueToRequestHandler } from './application/service-day/convert-issue-to-request.command';
import { RaiseServiceDayIssueHandler } from './application/service-day/raise-service-day-issue.command';
import { ScheduleServiceDayHandler } from './application/service-day/schedule-service-day.command';
import { GetServiceDayHandler } from './application/service-day/service-day.queries';
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

const HANDLERS = [
  RegisterEnterpriseHandler,
  UpdateEnterpriseProfileHandler,
  ListEnterprisesHandler,
  GetEnterpriseHandler,
  SubmitServiceRequestHandler,
  AdvanceServiceRequestHandler,
  EscalateServiceRequestHandler,
  SweepOverdueRequestsHandler,
  SetRoutingRuleHandler,
  SetServiceTargetsHandler,
  ListServiceRequestsHandler,
  GetServiceRequestHandler,
  GetRoutingTableHandler,
  GetServiceTargetsHandler,
  ScheduleServiceDayHandler,
  RaiseServiceDayIssueHandler,
  ConvertIssueToRequestHandler,
  ConcludeServiceDayHandler,
  GetServiceDayHandler,
  PublishLoanProductHandler,
  FileFinancingNeedHandler,
  ProposeFinancingMatchHandler,
  ConcludeFinancingMatchHandler,
  PublishPolicyHandler,
  RecordPolicyMatchHandler,
  MatchPolicyHandler,
  RegisterMentorHandler,
  MatchMentorHandler,
  OpenMakerSpaceHandler,
  AdmitStartupHandler,
  ChangeStartupStatusHandler,
  ListRecordsHandler,
  GetRecordHandler,
  GetZoneFiguresHandler,
];

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
      providers: [...HANDLERS, { provide: EnterpriseConfig, useValue: config }, OverdueRequestsJob],
    };
  }
}
