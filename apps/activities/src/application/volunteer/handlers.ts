import { DecideVolunteerHoursHandler } from './decide-volunteer-hours.command';
import { ReportVolunteerHoursHandler } from './report-volunteer-hours.command';

/** 志愿服务 volunteer hours: the handlers of every use case. */
export const VOLUNTEER_HANDLERS = [
  DecideVolunteerHoursHandler,
  ReportVolunteerHoursHandler,
];
