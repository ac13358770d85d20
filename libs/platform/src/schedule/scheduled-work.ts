import { Logger } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import { validateCronExpression } from 'cron';
import type { Actor } from '../auth/actor';
import type { RequestCommandContext } from '../http/command-context.decorator';

/** The value of a `SCHEDULE_<JOB>` setting that turns the job off (tests run sweeps by hand). */
export const SCHEDULE_OFF = 'off';

/** Schedules are read in China time (UTC+8, no daylight saving), where the platform's users and their days are. */
export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

/** Who scheduled work acts as (the SYSTEM actor) and the ids its events carry (a fresh correlation id per run). */
export interface ScheduledRun {
  actor: Actor;
  context: RequestCommandContext;
}

/**
 * A job the service runs by itself. Extend it as a provider of the service's module, which
 * imports `ScheduledWorkModule`: the job then runs on the schedule of its setting
 * `SCHEDULE_<NAME>`, on one instance at a time however many replicas run, never beside its own
 * previous run, as the SYSTEM actor.
 */
export abstract class ScheduledWork<Name extends string = string> {
  /** A cron expression or `off`. */
  readonly schedule: string;
  /** For what a run did; the runner logs failures itself. */
  protected readonly logger: Logger;

  /** `config`: the service's validated settings, which declare `SCHEDULE_<NAME>` with `@IsSchedule()`. */
  protected constructor(
    readonly name: Name,
    config: Record<`SCHEDULE_${Name}`, string>,
  ) {
    this.schedule = config[`SCHEDULE_${name}` as const];
    this.logger = new Logger(name);
  }

  /** One round of the work. A failure is logged and the job runs again at its next time. */
  abstract run(run: ScheduledRun): Promise<void>;
}

/**
 * Validates a `SCHEDULE_<JOB>` setting: a cron expression (five fields, or six with seconds
 * first) read in China time, or `off`.
 */
export function IsSchedule(): PropertyDecorator {
  return ValidateBy({
    name: 'isSchedule',
    validator: {
      validate: (value: unknown) => value === SCHEDULE_OFF || (typeof value === 'string' && validateCronExpression(value).valid),
      defaultMessage: (args) => `${args?.property} must be a cron expression such as "0 1 * * *" (01:00 China time every day), or off`,
    },
  });
}
