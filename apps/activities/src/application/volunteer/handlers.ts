import { DecideVolunteerHoursHandler } from './decide-volunteer-hours.command';
import { GetVolunteerLedgerHandler } from './get-volunteer-ledger.query';
import { GetVolunteerRankingHandler } from './get-volunteer-ranking.query';
import { ReportVolunteerHoursHandler } from './report-volunteer-hours.command';

/** 志愿服务 volunteer hours: the handlers of every use case. */
export const VOLUNTEER_HANDLERS = [DecideVolunteerHoursHandler, ReportVolunteerHoursHandler, GetVolunteerLedgerHandler, GetVolunteerRankingHandler];
