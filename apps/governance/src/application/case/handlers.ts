import { ActOnCaseHandler } from './act-on-case.command';
import { FollowUpMediationOutcomeHandler } from './follow-up-mediation-outcome.command';
import { GetCaseTimelineHandler } from './get-case-timeline.query';
import { GetCaseHandler } from './get-case.query';
import { GetDepartmentStatisticsHandler } from './get-department-statistics.query';
import { GetTimeLimitsHandler } from './get-time-limits.query';
import { GetZoneStatisticsHandler } from './get-zone-statistics.query';
import { ListCasesHandler } from './list-cases.query';
import { ReportCaseHandler } from './report-case.command';
import { SetTimeLimitHandler } from './set-time-limit.command';
import { SweepOverdueCasesHandler } from './sweep-overdue-cases.command';

/** 案件 the case loop: the handlers of every use case. */
export const CASE_HANDLERS = [
  ActOnCaseHandler,
  FollowUpMediationOutcomeHandler,
  ReportCaseHandler,
  SetTimeLimitHandler,
  SweepOverdueCasesHandler,
  GetCaseTimelineHandler,
  GetCaseHandler,
  GetDepartmentStatisticsHandler,
  GetTimeLimitsHandler,
  GetZoneStatisticsHandler,
  ListCasesHandler,
];
