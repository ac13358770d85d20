import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MembershipReferenceModule } from '@pb/membership-reference';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ScheduledWorkModule, ServiceModuleOptions } from '@pb/platform';
import { ActOnCaseHandler } from './application/case/act-on-case.command';
import { GetCaseHandler, GetCaseTimelineHandler, ListCasesHandler } from './application/case/case-queries';
import { GetDepartmentStatisticsHandler, GetZoneStatisticsHandler } from './application/case/case-statistics.query';
import { ReportCaseHandler } from './application/case/report-case.command';
import { GetTimeLimitsHandler, SetTimeLimitHandler } from './application/case/set-time-limit.command';
import { SweepOverdueCasesHandler } from './application/case/sweep-overdue-cases.command';
import { AddCommitteeMemberHandler, EstablishCommitteeHandler, RemoveCommitteeMemberHandler } from './application/committee/committee.commands';
import { FindCommitteeRecordsHandler, GetCommitteeRecordHandler } from './application/committee/committee-queries';
import { CompleteResolutionActionHandler, RecordMeetingHeldHandler, ScheduleMeetingHandler, VoteResolutionHandler } from './application/committee/meeting.commands';
import { AssignGridWorkerHandler } from './application/grid/assign-grid-worker.command';
import { EstablishGridHandler } from './application/grid/establish-grid.command';
import { GetDepartmentHandler, GetGridHandler, GetGridWorkerHandler, ListDepartmentsHandler, ListGridsHandler, ListGridWorkersHandler } from './application/grid/grid-queries';
import { RegisterDepartmentHandler } from './application/grid/register-department.command';
import { RegisterGridWorkerHandler } from './application/grid/register-grid-worker.command';
import { FindMediationsHandler, OpenMediationHandler, ProgressMediationHandler } from './application/mediation/mediation.commands';
import { FindCampaignsHandler, LaunchCampaignHandler, RecordVisitHandler } from './application/outreach/outreach.commands';
import { GovernanceConfig } from './governance.config';
import { GOVERNANCE_AGGREGATES } from './infrastructure/aggregates';
import { CasesController } from './interface/http/cases.controller';
import { CommitteesController } from './interface/http/committees.controller';
import { GridsController } from './interface/http/grids.controller';
import { FieldWorkController } from './interface/http/outreach.controller';
import { OverdueCasesJob } from './interface/schedule/overdue-cases.job';

const HANDLERS = [
  ReportCaseHandler,
  ActOnCaseHandler,
  SweepOverdueCasesHandler,
  SetTimeLimitHandler,
  GetTimeLimitsHandler,
  ListCasesHandler,
  GetCaseHandler,
  GetCaseTimelineHandler,
  GetZoneStatisticsHandler,
  GetDepartmentStatisticsHandler,
  EstablishGridHandler,
  RegisterGridWorkerHandler,
  AssignGridWorkerHandler,
  RegisterDepartmentHandler,
  ListGridsHandler,
  GetGridHandler,
  ListGridWorkersHandler,
  GetGridWorkerHandler,
  ListDepartmentsHandler,
  GetDepartmentHandler,
  EstablishCommitteeHandler,
  AddCommitteeMemberHandler,
  RemoveCommitteeMemberHandler,
  ScheduleMeetingHandler,
  RecordMeetingHeldHandler,
  VoteResolutionHandler,
  CompleteResolutionActionHandler,
  FindCommitteeRecordsHandler,
  GetCommitteeRecordHandler,
  OpenMediationHandler,
  ProgressMediationHandler,
  FindMediationsHandler,
  LaunchCampaignHandler,
  RecordVisitHandler,
  FindCampaignsHandler,
];

/** 共治: co-governance committees, grids and grid workers, the case loop, mediation, outreach. */
@Module({})
export class GovernanceModule {
  static register(config: GovernanceConfig, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: GovernanceModule,
      imports: [
        PlatformModule.forService('governance', config, options),
        MessagingModule.forService({
          context: 'governance',
          consumes: { groupId: 'governance', topics: [CONTEXT_TOPICS.membership] },
          aggregates: GOVERNANCE_AGGREGATES,
        }),
        // Zones and organizations place grids, committees and cases; no member is shown by name.
        MembershipReferenceModule.forService({ keepNames: false }),
        CqrsModule.forRoot(),
        ScheduledWorkModule,
      ],
      controllers: [CasesController, GridsController, CommitteesController, FieldWorkController],
      providers: [
        { provide: GovernanceConfig, useValue: config },
        ...HANDLERS,
        OverdueCasesJob,
      ],
    };
  }
}
