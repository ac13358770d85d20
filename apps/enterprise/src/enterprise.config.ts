import { IsSchedule, ServiceConfig } from '@pb/platform';

/** Enterprise's settings on top of every service's. */
export class EnterpriseConfig extends ServiceConfig {
  /** 超时巡检: when requests that missed a service target are escalated (cron, China time), or `off`. */
  @IsSchedule()
  SCHEDULE_OVERDUE_REQUESTS = '* * * * *';
}
