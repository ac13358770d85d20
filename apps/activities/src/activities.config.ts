import { IsSchedule, ServiceConfig } from '@pb/platform';

/** Activities' settings on top of every service's. */
export class ActivitiesConfig extends ServiceConfig {
  /** 组织生活逾期巡检: when the organization-life sweep runs (cron, China time), or `off`. */
  @IsSchedule()
  SCHEDULE_OVERDUE_ORGANIZATION_LIFE = '0 * * * *';
}
