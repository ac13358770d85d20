import { Inject, Injectable, INestApplicationContext, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { CronJob } from 'cron';
import mongoose, { Connection } from 'mongoose';
import { IsSchedule, Lease, loadConfig, PlatformModule, ScheduledRun, ScheduledWork, ScheduledWorkModule, scheduledRuns, ServiceConfig } from '@pb/platform';
import { MessagingModule } from '@pb/messaging';
import { infraEnv, uniqueName, waitFor } from '@pb/testing';

/** What the job does when it runs on one instance, and its setting; steered by each test. */
interface Probe {
  SCHEDULE_PROBE: string;
  run(run: ScheduledRun): Promise<void>;
}

const PROBE = Symbol('PROBE');

@Injectable()
class ProbeJob extends ScheduledWork<'PROBE'> {
  constructor(@Inject(PROBE) private readonly probe: Probe) {
    super('PROBE', probe);
  }

  run(run: ScheduledRun): Promise<void> {
    return this.probe.run(run);
  }
}

/** One instance of a service as the apps build it (platform and messaging modules, scheduled work), with the probe job. */
async function startInstance(database: string, probe: Probe): Promise<INestApplicationContext> {
  const config = loadConfig(ServiceConfig, { ...infraEnv(), LOG_LEVEL: 'silent' }, { PORT: 3999, MONGODB_DATABASE: database });
  @Module({
    imports: [PlatformModule.forService('schedule-test', config), MessagingModule.forService({}), ScheduledWorkModule],
    providers: [{ provide: PROBE, useValue: probe }, ProbeJob],
  })
  class InstanceModule {}
  const app = await NestFactory.createApplicationContext(InstanceModule, { logger: false });
  await app.init();
  return app;
}

const runsCounted = async (outcome: string) => (await scheduledRuns.get()).values.find((v) => v.labels.job === 'PROBE' && v.labels.outcome === outcome)?.value ?? 0;

describe('scheduled work: a job on its schedule, on one instance at a time (real database)', () => {
  it('runs on one of two instances sharing a database, never beside itself, as SYSTEM, and passes to the other when that instance stops', async () => {
    const database = uniqueName('t_schedule');
    const runs: { instance: string; run: ScheduledRun; start: number; end?: number }[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const probe = (instance: string): Probe => ({
      SCHEDULE_PROBE: '* * * * * *',
      run: async (run) => {
        const entry: (typeof runs)[number] = { instance, run, start: Date.now() };
        runs.push(entry);
        await firstHeld;
        entry.end = Date.now();
      },
    });
    const instances: Record<string, INestApplicationContext> = {};
    instances.a = await startInstance(database, probe('a'));
    instances.b = await startInstance(database, probe('b'));
    const lastTick = (name: string) => instances[name].get(SchedulerRegistry).getCronJob('PROBE').lastDate()?.getTime() ?? 0;
    let stoppedAt = 0;
    try {
      await waitFor(async () => runs.length > 0, 'a first run', 10_000);
      const first = runs[0];
      // Both schedules fire twice more while the first run is still going: nobody joins it.
      await waitFor(async () => lastTick('a') > first.start + 1000 && lastTick('b') > first.start + 1000, 'both schedules to fire again', 10_000);
      expect(runs).toHaveLength(1);
      releaseFirst();
      await waitFor(async () => runs.filter((r) => r.end !== undefined).length >= 3, 'the next runs', 10_000);

      // The holder stops: its lease is released, so the other takes over well before the lease's TTL.
      const other = first.instance === 'a' ? 'b' : 'a';
      stoppedAt = Date.now();
      await instances[first.instance].close();
      await waitFor(async () => runs.filter((r) => r.instance === other && r.end !== undefined).length >= 2, 'the other instance to take the job over', 10_000);
      expect(runs.filter((r) => r.start < stoppedAt).every((r) => r.instance === first.instance)).toBe(true);
    } finally {
      releaseFirst();
      for (const app of Object.values(instances)) await app.close().catch(() => undefined);
    }
    const byStart = [...runs].sort((x, y) => x.start - y.start);
    for (let i = 1; i < byStart.length; i++) expect(byStart[i].start).toBeGreaterThanOrEqual(byStart[i - 1].end ?? Infinity);
    for (const { run } of runs) expect(run).toMatchObject({ actor: { userId: 'system', role: 'SYSTEM', scope: { level: 'CITY' } }, context: { actorId: 'system' } });
    expect(new Set(runs.map((r) => r.run.context.correlationId)).size).toBe(runs.length);
  }, 60_000);

  it('logs a failed run and runs the job again at its next time', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const [failedBefore, doneBefore] = [await runsCounted('failed'), await runsCounted('done')];
    let calls = 0;
    const app = await startInstance(uniqueName('t_schedule'), {
      SCHEDULE_PROBE: '* * * * * *',
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
      },
    });
    try {
      await waitFor(async () => (await runsCounted('done')) > doneBefore, 'a run after the failed one', 10_000);
      expect(await runsCounted('failed')).toBe(failedBefore + 1);
      expect(errors).toHaveBeenCalledWith(
        expect.objectContaining({ job: 'PROBE', err: expect.objectContaining({ message: 'database away' }) }),
        'PROBE failed; it runs again at its next time',
      );
    } finally {
      errors.mockRestore();
      await app.close();
    }
  });

  it('on shutdown lets the run in progress finish before the database connection closes, then releases the lease', async () => {
    const database = uniqueName('t_schedule');
    // The job is looked up once the app has started, and a run may begin before that (it ticks every second).
    const scheduled: { cron?: CronJob } = {};
    let started = 0;
    const app = await startInstance(database, {
      SCHEDULE_PROBE: '* * * * * *',
      run: async (run) => {
        started += 1;
        // Finishes only once shutdown has begun (the schedule is stopped), writing as its last step.
        await waitFor(async () => scheduled.cron !== undefined && !scheduled.cron.isActive, 'shutdown to begin', 20_000, 20);
        await app.get<Connection>(getConnectionToken()).collection('probe_writes').insertOne({ correlationId: run.context.correlationId });
      },
    });
    scheduled.cron = app.get(SchedulerRegistry).getCronJob('PROBE');
    await waitFor(async () => started > 0, 'a run to start', 10_000);
    await app.close();
    expect(started).toBe(1);
    const check = await mongoose.createConnection(infraEnv().MONGODB_URI, { dbName: database }).asPromise();
    try {
      expect(await check.collection('probe_writes').countDocuments()).toBe(1);
      expect(await check.collection(Lease.COLLECTION).countDocuments({ _id: 'schedule:PROBE' } as never)).toBe(0);
    } finally {
      await check.dropDatabase();
      await check.close();
    }
  }, 30_000);

  it('reads SCHEDULE_<JOB> as a cron expression in China time or off, refuses anything else at start, and sets no timer when off', async () => {
    class Settings extends ServiceConfig {
      @IsSchedule()
      SCHEDULE_PROBE = '0 1 * * *';
    }
    const env = { ...infraEnv(), PORT: '3999', MONGODB_DATABASE: 'schedule' };
    expect(loadConfig(Settings, env).SCHEDULE_PROBE).toBe('0 1 * * *');
    for (const given of ['*/5 * * * * *', 'off']) expect(loadConfig(Settings, { ...env, SCHEDULE_PROBE: given }).SCHEDULE_PROBE).toBe(given);
    for (const bad of ['daily', '0 25 * * *', '60000']) {
      expect(() => loadConfig(Settings, { ...env, SCHEDULE_PROBE: bad })).toThrow(/SCHEDULE_PROBE \(invalid value\): SCHEDULE_PROBE must be a cron expression/);
    }

    const idle = async () => undefined;
    const daily = await startInstance(uniqueName('t_schedule'), { SCHEDULE_PROBE: '0 1 * * *', run: idle });
    const off = await startInstance(uniqueName('t_schedule'), { SCHEDULE_PROBE: 'off', run: idle });
    try {
      // 01:00 in Jining is 17:00 UTC.
      expect(daily.get(SchedulerRegistry).getCronJob('PROBE').nextDate().toJSDate().getUTCHours()).toBe(17);
      expect(off.get(SchedulerRegistry).doesExist('cron', 'PROBE')).toBe(false);
    } finally {
      await daily.close();
      await off.close();
    }
  });
});
