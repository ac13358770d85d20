import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@pb/platform';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Governance's settings on top of every service's. */
export class GovernanceConfig extends ServiceConfig {
  /** How often the overdue sweep runs (ms); 0 turns the timer off (tests run the sweep by hand). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  OVERDUE_SWEEP_INTERVAL_MS = 60_000;
}
