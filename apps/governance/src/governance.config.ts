import { IsSchedule, ServiceConfig } from '@pb/platform';

/** Governance's settings on top of every service's. */
export class GovernanceConfig extends ServiceConfig {
  /** 超期巡查: when the overdue-case sweep runs (cron, China time), or `off`. */
  @IsSchedule()
  SCHEDULE_OVERDUE_CASES = '* * * * *';
}
