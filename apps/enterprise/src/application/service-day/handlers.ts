import { ConcludeServiceDayHandler } from './conclude-service-day.command';
import { ConvertIssueToRequestHandler } from './convert-issue-to-request.command';
import { GetServiceDayHandler } from './get-service-day.query';
import { RaiseServiceDayIssueHandler } from './raise-service-day-issue.command';
import { ScheduleServiceDayHandler } from './schedule-service-day.command';

/** 部门服务日 service days and their issues: the handlers of every use case. */
export const SERVICE_DAY_HANDLERS = [ConcludeServiceDayHandler, ConvertIssueToRequestHandler, RaiseServiceDayIssueHandler, ScheduleServiceDayHandler, GetServiceDayHandler];
