import { BeforeApplicationShutdown, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { InjectConnection } from '@nestjs/mongoose';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { randomUUID } from 'crypto';
import { Connection } from 'mongoose';
import { SYSTEM_ACTOR } from '../auth/actor';
import { ServiceConfig } from '../config/service-config';
import { scheduledRuns } from '../metrics/metrics';
import { Lease, leaseOwner } from './lease';
import { SCHEDULE_OFF, SCHEDULE_TIME_ZONE, ScheduledWork } from './scheduled-work';

/** A holder that died hands its jobs over after this long. */
const LEASE_TTL_MS = 30_000;
/** A run in progress renews its lease this often, so a long run is never joined by another instance. */
const RENEW_EVERY_MS = LEASE_TTL_MS / 3;
/** Shutdown waits this long for a run in progress; the sweeps are safe to interrupt and repeat. */
const STOP_WAIT_MS = 5_000;

interface Job {
  work: ScheduledWork;
  lease: Lease;
  cron?: CronJob;
  running?: Promise<void>;
}

/**
 * Runs every `ScheduledWork` provider of the app on its cron schedule (registered in the
 * SchedulerRegistry under the job's name), each tick only while holding the job's lease
 * `schedule:<NAME>` in the service's database. The lease is kept after a run until it expires,
 * so the replicas, whose clocks fire the same tick at about the same moment, run it once.
 */
@Injectable()
export class ScheduledWorkRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ScheduledWork');
  private readonly jobs: Job[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registry: SchedulerRegistry,
    @InjectConnection() private readonly connection: Connection,
    private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    const owner = leaseOwner(this.config.INSTANCE_ID);
    for (const work of this.discover()) {
      if (work.schedule === SCHEDULE_OFF) {
        this.logger.log(`${work.name} is off (SCHEDULE_${work.name}=${SCHEDULE_OFF})`);
        continue;
      }
      const job: Job = { work, lease: new Lease(this.connection, `schedule:${work.name}`, owner, LEASE_TTL_MS) };
      job.cron = CronJob.from({ cronTime: work.schedule, timeZone: SCHEDULE_TIME_ZONE, onTick: () => this.tick(job), start: false });
      this.registry.addCronJob(work.name, job.cron);
      job.cron.start();
      this.jobs.push(job);
      this.logger.log(`${work.name} runs at "${work.schedule}" (China time)`);
    }
  }

  /** Before the database connection closes: no new runs, and a run in progress gets STOP_WAIT_MS to finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.jobs.map(async (job) => {
        void job.cron?.stop();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([job.running, new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
        clearTimeout(timer);
        // A run still going keeps its lease until it expires, so no other instance starts beside it.
        if (!job.running) await job.lease.release();
      }),
    );
  }

  private discover(): ScheduledWork[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is ScheduledWork => instance instanceof ScheduledWork);
  }

  private tick(job: Job): void {
    if (job.running) {
      scheduledRuns.inc({ job: job.work.name, outcome: 'skipped' });
      return;
    }
    job.running = this.runOnce(job).finally(() => (job.running = undefined));
  }

  private async runOnce({ work, lease }: Job): Promise<void> {
    const correlationId = `${work.name.toLowerCase()}-${randomUUID()}`;
    let renewal: NodeJS.Timeout | undefined;
    try {
      if (!(await lease.acquire())) {
        scheduledRuns.inc({ job: work.name, outcome: 'skipped' });
        return;
      }
      renewal = setInterval(() => void this.renew(lease), RENEW_EVERY_MS);
      await work.run({ actor: SYSTEM_ACTOR, context: { correlationId, actorId: SYSTEM_ACTOR.userId } });
      scheduledRuns.inc({ job: work.name, outcome: 'done' });
    } catch (error) {
      scheduledRuns.inc({ job: work.name, outcome: 'failed' });
      this.logger.error({ err: error, job: work.name, correlationId }, `${work.name} failed; it runs again at its next time`);
    } finally {
      clearInterval(renewal);
    }
  }

  private async renew(lease: Lease): Promise<void> {
    try {
      if (!(await lease.acquire())) this.logger.warn({ lease: lease.name }, 'lease taken over during a run; another instance may run the job beside this one');
    } catch {
      // The database is away: the next renewal tries again; readiness reports the outage.
    }
  }
}

/** Import once in a service's module to run its `ScheduledWork` providers. */
@Module({
  imports: [DiscoveryModule, ScheduleModule.forRoot()],
  providers: [ScheduledWorkRunner],
})
export class ScheduledWorkModule {}
