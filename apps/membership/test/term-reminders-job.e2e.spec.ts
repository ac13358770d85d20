import { INestApplication } from '@nestjs/common';
import { Connection } from 'mongoose';
import request from 'supertest';
import { ManualClock } from '@pb/platform';
import { bearer, startServiceApp, uniqueName, waitFor } from '@pb/testing';
import { SWEEP_BATCH } from '../src/application/organization/sweep-term-reminders.command';
import { eventsOf, registerPlaces } from './fixtures';
import { MEMBERSHIP } from './membership-app';

const TERM_ENDING = 'membership.OrganizationTermEnding.v1';

/** The 换届 reminder as the service runs it by itself: here every second, with the term dates moved by a ManualClock. */
describe('换届提醒 runs by itself on its schedule (real database and Kafka)', () => {
  let app: INestApplication;
  let db: Connection;
  const clock = new ManualClock(new Date('2026-03-01T02:00:00Z'));
  const district = uniqueName('d');
  const server = () => app.getHttpServer();

  /** A 商圈党委 whose first term ends on `termEnd`. */
  const committeeWithTerm = async (organizationId: string, termEnd: string) => {
    await request(server())
      .post('/organizations')
      .set('authorization', bearer())
      .send({ organizationId, name: '太白楼路商圈党委', type: 'DISTRICT_COMMITTEE', districtId: district, subDistrictId: 'fuqiao', zoneId: 'zone-taibailou' })
      .expect(201);
    await request(server()).post(`/organizations/${organizationId}/terms`).set('authorization', bearer()).send({ termStart: '2023-08-01', termEnd }).expect(201);
  };
  const reminders = (organizationIds: string[]) =>
    db
      .collection<{ aggregateId: string; envelope: { correlationid: string } }>('events')
      .find({ type: TERM_ENDING, aggregateId: { $in: organizationIds } })
      .toArray();
  /** Finished runs of the job, from the app's own /metrics. */
  const runsDone = async () => {
    const metrics = await request(server()).get('/metrics').expect(200);
    return Number(/^pb_scheduled_runs_total\{job="TERM_REMINDERS",outcome="done"\} (\d+)$/m.exec(metrics.text)?.[1] ?? 0);
  };

  beforeAll(async () => {
    const t = await startServiceApp(MEMBERSHIP, { clock, env: { SCHEDULE_TERM_REMINDERS: '* * * * * *' } });
    ({ app, db } = t);
    await registerPlaces(t, district);
  });

  afterAll(async () => {
    await app.close();
  });

  it('raises OrganizationTermEnding by itself, as SYSTEM, once the term ends within 90 days, and only once however often it runs', async () => {
    const organizationId = uniqueName('dc');
    await committeeWithTerm(organizationId, '2026-07-31');
    // 152 days left: runs go by without a reminder.
    const before = await runsDone();
    await waitFor(async () => (await runsDone()) >= before + 2, 'two runs of the schedule', 20_000);
    expect(await reminders([organizationId])).toEqual([]);

    clock.set('2026-05-02T02:00:00Z'); // 90 days before 2026-07-31
    await waitFor(async () => (await reminders([organizationId])).length > 0, 'the scheduled sweep to remind', 20_000);
    const reminded = await runsDone();
    await waitFor(async () => (await runsDone()) >= reminded + 2, 'two more runs of the schedule', 20_000);
    expect(await reminders([organizationId])).toHaveLength(1);

    const published = (await eventsOf(organizationId, 3)).filter((e) => e.type === TERM_ENDING);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ actorid: 'system', data: { organizationId, termNumber: 1, termEnd: '2026-07-31', daysLeft: 90 } });
  }, 90_000);

  it('works through every page of due organizations in one run', async () => {
    clock.set('2026-03-01T02:00:00Z');
    const organizationIds = Array.from({ length: SWEEP_BATCH + 1 }, (_, i) => `${uniqueName('dc')}-${i}`);
    for (const id of organizationIds) await committeeWithTerm(id, '2026-08-31');
    clock.set('2026-07-01T02:00:00Z'); // all of them due at once
    await waitFor(async () => (await reminders(organizationIds)).length === organizationIds.length, `${organizationIds.length} reminders`, 120_000, 500);
    // One run reminded them all: their events share the run's correlation id.
    expect(new Set((await reminders(organizationIds)).map((e) => e.envelope.correlationid)).size).toBe(1);
  }, 300_000);
});
