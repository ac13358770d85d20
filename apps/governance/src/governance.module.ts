import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MongooseModule } from '@nestjs/mongoose';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MessagingModule } from '@pb/messaging';
import { Clock, PlatformModule } from '@pb/platform';
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
import { KnownRecords } from './infrastructure/views/known-records';
import { JURISDICTION_VIEW, JurisdictionViewSchema, ORGANIZATION_VIEW, OrganizationViewSchema } from './infrastructure/views/membership-views';
import { MembershipConsumer } from './interface/events/membership.consumer';
import { CasesController } from './interface/http/cases.controller';
import { CommitteesController } from './interface/http/committees.controller';
import { GridsController } from './interface/http/grids.controller';
import { FieldWorkController } from './interface/http/outreach.controller';
import { OverdueSweepTimer } from './interface/schedule/overdue-sweep.timer';

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
  /** `overrides.clock`: tests pass a ManualClock so deadlines move without sleeping. */
  static register(config: GovernanceConfig, overrides: { clock?: Clock } = {}): DynamicModule {
    return {
      module: GovernanceModule,
      imports: [
        PlatformModule.forService('governance', config),
        MessagingModule.forService({
          context: 'governance',
          consumes: { groupId: 'governance', topics: [CONTEXT_TOPICS.membership] },
          aggregates: GOVERNANCE_AGGREGATES,
        }),
        CqrsModule.forRoot(),
        MongooseModule.forFeature([
          { name: JURISDICTION_VIEW, schema: JurisdictionViewSchema },
          { name: ORGANIZATION_VIEW, schema: OrganizationViewSchema },
        ]),
      ],
      controllers: [CasesController, GridsController, CommitteesController, FieldWorkController, MembershipConsumer],
      providers: [
        { provide: GovernanceConfig, useValue: config },
        ...(overrides.clock ? [{ provide: Clock, useValue: overrides.clock }] : []),
        KnownRecords,
        ...HANDLERS,
        OverdueSweepTimer,
      ],
    };
  }
}
