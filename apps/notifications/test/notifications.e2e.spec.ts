import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'crypto';
import { CaseDispatched, CaseHandled, CaseReported, CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { Actor } from '@pb/platform';
import { bearer, consumerGroupAtEnd, envelopeOf, infraEnv, publishEnvelopes, startServiceApp, TestApp, uniqueName, waitFor } from '@pb/testing';
import { SendDueReminders } from '../src/application/reminders/send-due-reminders.command';
import { NOTIFICATIONS } from './notifications-app';

interface Item {
  id: string;
  kind: 'TODO' | 'NOTICE';
  rule: string;
  record: { type: string; id: string };
  state: 'OPEN' | 'DONE' | null;
  read: boolean;
  title: string;
  body: string;
  at: string;
}

const HOUR = 3600_000;
const TOPICS = Object.values(CONTEXT_TOPICS);

/**
 * The notifications service on the real Kafka and database: governance's case events, as its
 * relay publishes them, become to-dos and notices for the right audiences only, once each.
 */
describe('notifications (real Kafka and database)', () => {
  const district = uniqueName('d');
  const zone = uniqueName('z');
  let t: TestApp;

  const departmentStaff = (departmentId: string): Actor => ({ userId: `u-${departmentId}`, role: 'DEPARTMENT_STAFF', scope: { level: 'DISTRICT', districtId: district }, departmentId });
  const gridWorker = (): Actor => ({
    userId: `u-gw-${randomUUID().slice(0, 8)}`,
    role: 'GRID_WORKER',
    scope: { level: 'ZONE', districtId: district, zoneId: zone },
    gridWorkerId: `gw-${randomUUID().slice(0, 8)}`,
  });

  /** A case's events as governance publishes them: reported by `reporter`, dispatched to a department, handled. */
  function caseOf(reporter: Actor, department: string, { reportedAt = new Date(), hours = 24 } = {}) {
    const caseId = `case-${randomUUID()}`;
    const at = (offsetHours: number) => new Date(reportedAt.getTime() + offsetHours * HOUR).toISOString();
    // Reported by the grid worker; dispatched by the sub-district and handled by the department (others' steps the reporter hears of).
    const envelope = <T>(definition: Parameters<typeof envelopeOf<T>>[0], data: T, version: number, time: string, actorid: string): EventEnvelope => ({
      ...envelopeOf(definition, data, { aggregateId: caseId, version, districtId: district, zoneId: zone, time }),
      actorid,
    });
    return {
      caseId,
      reported: envelope(
        CaseReported,
        {
          ...CaseReported.example,
          caseId,
          requesterName: null,
          workerId: reporter.gridWorkerId ?? null,
          districtId: district,
          subDistrictId: uniqueName('sd'),
          zoneId: zone,
          timeLimitHours: hours,
          dueAt: at(hours),
          at: at(0),
        },
        1,
        at(0),
        reporter.userId,
      ),
      dispatched: envelope(CaseDispatched, { caseId, assignee: { kind: 'DEPARTMENT', id: department }, instructions: null, at: at(0.1) }, 2, at(0.1), 'u-dispatcher'),
      handled: envelope(CaseHandled, { caseId, assignee: { kind: 'DEPARTMENT', id: department }, feedback: '已处理', at: at(0.2) }, 3, at(0.2), `u-${department}`),
    };
  }

  const publish = (envelopes: EventEnvelope[]) => publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, envelopes);

  async function listOf(actor: Actor, query: Record<string, string> = {}): Promise<{ items: Item[]; nextCursor: string | null }> {
    const res = await t.http().get('/notifications').query(query).set('authorization', bearer(actor));
    expect(res.status).toBe(200);
    return res.body;
  }
  const about = (items: Item[], caseId: string) => items.filter((i) => i.record.id === caseId);
  const stored = (caseId: string) => t.db.collection('notifications').countDocuments({ 'record.id': caseId });

  beforeAll(async () => {
    t = await startServiceApp(NOTIFICATIONS);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('tells the department a case was dispatched to it, no other department, and closes the to-do when the case is handled', async () => {
    const reporter = gridWorker();
    const mine = departmentStaff(uniqueName('dept'));
    const other = departmentStaff(uniqueName('dept'));
    const c = caseOf(reporter, mine.departmentId!);
    await publish([c.reported, c.dispatched]);

    const todo = await waitFor(async () => about((await listOf(mine)).items, c.caseId).find((i) => i.kind === 'TODO'), 'the dispatch to-do');
    expect(todo).toMatchObject({ state: 'OPEN', read: false, record: { id: c.caseId } });
    expect(about((await listOf(other)).items, c.caseId)).toEqual([]);
    // The reporter learns that their case moved; the department's to-do is not theirs.
    const reporterItems = await waitFor(async () => {
      const items = about((await listOf(reporter)).items, c.caseId);
      return items.length > 0 && items;
    }, "the reporter's notice");
    expect(reporterItems.every((i) => i.kind === 'NOTICE')).toBe(true);
    expect((await t.http().get('/notifications/unread-count').set('authorization', bearer(mine))).body).toEqual({ todo: 1, notice: 0 });

    await publish([c.handled]);
    await waitFor(async () => about((await listOf(mine)).items, c.caseId).find((i) => i.id === todo.id && i.state === 'DONE'), 'the to-do closed');
    expect((await t.http().get('/notifications/unread-count').set('authorization', bearer(mine))).body).toEqual({ todo: 0, notice: 0 });
    expect((await listOf(mine, { kind: 'TODO', state: 'OPEN' })).items.filter((i) => i.record.id === c.caseId)).toEqual([]);
  });

  it('stores each notification once: an event published twice, and a rebuild from the first offset with the contexts lost', async () => {
    const reporter = gridWorker();
    const staff = departmentStaff(uniqueName('dept'));
    const c = caseOf(reporter, staff.departmentId!);
    await publish([c.reported, c.dispatched, c.dispatched, c.reported]);
    await waitFor(async () => about((await listOf(reporter)).items, c.caseId).length > 0 && about((await listOf(staff)).items, c.caseId).length > 0, 'both notified');
    await publish([c.handled, c.dispatched]);
    await waitFor(async () => about((await listOf(staff)).items, c.caseId).every((i) => i.state !== 'OPEN'), 'the to-do closed');
    const before = await stored(c.caseId);
    const items = (await listOf(staff)).items.concat((await listOf(reporter)).items).filter((i) => i.record.id === c.caseId);
    expect(items).toHaveLength(before);

    // A second instance over the same database, its group reading every topic from the start, and
    // no context left: every event is decided again.
    await t.db.collection('notification_contexts').deleteMany({});
    const group = uniqueName('notifications-rebuild');
    const rebuild = await startServiceApp(NOTIFICATIONS, { env: { MONGODB_DATABASE: t.config.MONGODB_DATABASE!, KAFKA_GROUP_ID: group } });
    try {
      await waitFor(() => consumerGroupAtEnd(group, TOPICS), 'the rebuild caught up', 60_000);
    } finally {
      await rebuild.close();
    }
    expect(await stored(c.caseId)).toBe(before);
    // The closed to-do stays closed.
    expect(about((await listOf(staff)).items, c.caseId).map((i) => i.state)).not.toContain('OPEN');
  });

  it('keeps an old to-do but not an old notice (past NOTICE_HORIZON_HOURS), live and on a rebuild', async () => {
    const reporter = gridWorker();
    const staff = departmentStaff(uniqueName('dept'));
    const old = caseOf(reporter, staff.departmentId!, { reportedAt: new Date(Date.now() - 100 * HOUR), hours: 200 });
    const fresh = caseOf(reporter, staff.departmentId!);
    await publish([old.reported, old.dispatched, fresh.reported, fresh.dispatched]);
    await waitFor(async () => about((await listOf(reporter)).items, fresh.caseId).length > 0, 'the fresh notice');
    await waitFor(async () => about((await listOf(staff)).items, old.caseId).length > 0, 'the old to-do');
    expect(about((await listOf(staff)).items, old.caseId).map((i) => i.kind)).toEqual(['TODO']);
    expect(about((await listOf(reporter)).items, old.caseId)).toEqual([]);

    // A rebuild into an empty database from the first offset: the same, the old notice is not told again.
    const rebuilt = await startServiceApp(NOTIFICATIONS);
    try {
      await waitFor(() => consumerGroupAtEnd(rebuilt.config.KAFKA_GROUP_ID!, TOPICS), 'the rebuild caught up', 60_000);
      const kinds = async (caseId: string) => (await rebuilt.db.collection('notifications').find({ 'record.id': caseId }).toArray()).map((n) => `${n.kind}:${n.audience}`).sort();
      expect(await kinds(old.caseId)).toEqual([`TODO:department:${staff.departmentId}`]);
      expect(await kinds(fresh.caseId)).toEqual([`NOTICE:user:${reporter.userId}`, `TODO:department:${staff.departmentId}`]);
    } finally {
      await rebuilt.close();
    }
  });

  it('marks read, dismisses, counts unread; someone else’s notification is a 404 and changes nothing', async () => {
    const reporter = gridWorker();
    const staff = departmentStaff(uniqueName('dept'));
    const cases = [caseOf(reporter, staff.departmentId!), caseOf(reporter, staff.departmentId!), caseOf(reporter, staff.departmentId!)];
    await publish(cases.flatMap((c) => [c.reported, c.dispatched]));
    const items = await waitFor(async () => {
      const found = (await listOf(reporter)).items;
      return found.length >= 3 && found;
    }, 'three notices');
    const count = async (actor: Actor) => (await t.http().get('/notifications/unread-count').set('authorization', bearer(actor))).body;
    expect(await count(reporter)).toEqual({ todo: 0, notice: items.length });

    expect((await t.http().post(`/notifications/${items[0]!.id}/read`).set('authorization', bearer(reporter))).status).toBe(204);
    // Twice is fine.
    expect((await t.http().post(`/notifications/${items[0]!.id}/read`).set('authorization', bearer(reporter))).status).toBe(204);
    expect(await count(reporter)).toEqual({ todo: 0, notice: items.length - 1 });
    const listed = (await listOf(reporter)).items;
    expect(listed.find((i) => i.id === items[0]!.id)?.read).toBe(true);
    expect((await listOf(reporter, { unread: 'true' })).items.map((i) => i.id)).not.toContain(items[0]!.id);

    expect((await t.http().post(`/notifications/${items[1]!.id}/dismiss`).set('authorization', bearer(reporter))).status).toBe(204);
    expect((await listOf(reporter)).items.map((i) => i.id)).not.toContain(items[1]!.id);
    expect(await count(reporter)).toEqual({ todo: 0, notice: items.length - 2 });

    // The department's staff may not read or dismiss the reporter's notice; nothing changes for the reporter.
    const notMine = await t.http().post(`/notifications/${items[2]!.id}/read`).set('authorization', bearer(staff));
    expect(notMine.status).toBe(404);
    expect(JSON.stringify(notMine.body)).toContain('通知不存在');
    expect(
      (
        await t
          .http()
          .post('/notifications/read')
          .set('authorization', bearer(staff))
          .send({ ids: [items[2]!.id] })
      ).status,
    ).toBe(404);
    expect(await count(reporter)).toEqual({ todo: 0, notice: items.length - 2 });
    const bad = await t.http().post('/notifications/read').set('authorization', bearer(reporter)).send({});
    expect(bad.status).toBe(400);

    expect((await t.http().post('/notifications/read').set('authorization', bearer(reporter)).send({ all: true })).status).toBe(204);
    expect(await count(reporter)).toEqual({ todo: 0, notice: 0 });
    expect((await listOf(reporter, { unread: 'true' })).items).toEqual([]);
    expect((await listOf(reporter)).items.every((i) => i.read)).toBe(true);
    expect((await count(staff)).todo).toBe(3);
  });

  it('pages newest first with a stable cursor: every item once, however many arrive meanwhile', async () => {
    const reporter = gridWorker();
    const staff = departmentStaff(uniqueName('dept'));
    const first = Array.from({ length: 12 }, () => caseOf(reporter, staff.departmentId!));
    await publish(first.flatMap((c) => [c.reported, c.dispatched]));
    await waitFor(async () => (await listOf(staff, { limit: '100' })).items.length === 12, 'twelve to-dos');
    const seen: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await listOf(staff, { limit: '5', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor;
      if (pages++ === 0) {
        // New to-dos while paging: newer than the cursor, so they do not shift the pages that follow.
        const later = Array.from({ length: 3 }, () => caseOf(reporter, staff.departmentId!));
        await publish(later.flatMap((c) => [c.reported, c.dispatched]));
        await waitFor(async () => (await listOf(staff, { limit: '100' })).items.length === 15, 'three more');
      }
    } while (cursor);
    expect(seen.map((i) => i.record.id).sort()).toEqual(first.map((c) => c.caseId).sort());
    expect(new Set(seen.map((i) => i.id)).size).toBe(12);
    const bad = await t.http().get('/notifications').query({ cursor: 'not-a-cursor' }).set('authorization', bearer(staff));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('cursor');
  });

  it('validates preferences: an unknown rule or channel is a 400 naming the field, and nothing changes', async () => {
    const user = gridWorker();
    const initial = await t.http().get('/notifications/preferences').set('authorization', bearer(user));
    expect(initial.status).toBe(200);
    const rule = initial.body.rules[0] as { id: string; kind: string; WEBHOOK: boolean; DIGEST: boolean };
    expect(rule).toEqual(expect.objectContaining({ id: expect.any(String), label: expect.any(String), WEBHOOK: expect.any(Boolean), DIGEST: expect.any(Boolean) }));

    const unknownRule = await t
      .http()
      .put('/notifications/preferences')
      .set('authorization', bearer(user))
      .send({ entries: [{ rule: 'no.such.rule', channel: 'WEBHOOK', enabled: true }] });
    expect(unknownRule.status).toBe(400);
    expect(JSON.stringify(unknownRule.body)).toContain('entries.rule');
    const unknownChannel = await t
      .http()
      .put('/notifications/preferences')
      .set('authorization', bearer(user))
      .send({ entries: [{ rule: rule.id, channel: 'SMS', enabled: true }] });
    expect(unknownChannel.status).toBe(400);
    expect(JSON.stringify(unknownChannel.body)).toContain('entries.channel');
    const notBoolean = await t
      .http()
      .put('/notifications/preferences')
      .set('authorization', bearer(user))
      .send({ entries: [{ rule: rule.id, channel: 'DIGEST', enabled: 'yes' }] });
    expect(notBoolean.status).toBe(400);
    expect((await t.http().get('/notifications/preferences').set('authorization', bearer(user))).body).toEqual(initial.body);

    const set = await t
      .http()
      .put('/notifications/preferences')
      .set('authorization', bearer(user))
      .send({
        entries: [
          { rule: '*', channel: 'DIGEST', enabled: false },
          { rule: rule.id, channel: 'WEBHOOK', enabled: !rule.WEBHOOK },
        ],
      });
    expect(set.status).toBe(200);
    const after = (await t.http().get('/notifications/preferences').set('authorization', bearer(user))).body;
    expect(after.rules.find((r: { id: string }) => r.id === rule.id)).toMatchObject({ WEBHOOK: !rule.WEBHOOK, DIGEST: false });
    expect(after.rules.every((r: { DIGEST: boolean }) => r.DIGEST === false)).toBe(true);
  });

  it('learns recipients from the gateway (SYSTEM only) and from their own calls', async () => {
    const user = gridWorker();
    const body = { role: 'DEPARTMENT_STAFF', scope: { level: 'DISTRICT', districtId: district }, departmentId: 'dept-x', active: true };
    const district_admin: Actor = { userId: 'u-da', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: district } };
    expect((await t.http().put(`/recipients/${user.userId}`).set('authorization', bearer(district_admin)).send(body)).status).toBe(403);
    expect((await t.http().put(`/recipients/${user.userId}`).set('authorization', bearer(user)).send(body)).status).toBe(403);
    const bad = await t
      .http()
      .put(`/recipients/${user.userId}`)
      .set('authorization', bearer({ userId: 'gateway', role: 'SYSTEM', scope: { level: 'CITY' } }))
      .send({ ...body, role: 'KING' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('role');

    const system: Actor = { userId: 'gateway', role: 'SYSTEM', scope: { level: 'CITY' } };
    const ok = await t.http().put('/recipients/u-new-staff').set('authorization', bearer(system)).send(body);
    expect(ok.status).toBe(200);
    expect(await t.db.collection('recipients').findOne({ _id: 'u-new-staff' as never })).toMatchObject({
      audiences: ['user:u-new-staff', 'department:dept-x'],
      districtId: district,
      active: true,
    });
    await t
      .http()
      .put('/recipients/u-new-staff')
      .set('authorization', bearer(system))
      .send({ ...body, active: false });
    expect(await t.db.collection('recipients').findOne({ _id: 'u-new-staff' as never })).toMatchObject({ active: false });

    // A user the gateway has not told about yet is learnt from their first call.
    await listOf(user);
    expect(await t.db.collection('recipients').findOne({ _id: user.userId as never })).toMatchObject({
      audiences: [`user:${user.userId}`, `gridworker:${user.gridWorkerId}`],
      active: true,
    });
  });

  it('sends a due reminder once, however many instances run the job at once', async () => {
    const reporter = gridWorker();
    const staff = departmentStaff(uniqueName('dept'));
    // Reported 10 h ago with 11 h to go: 80 % of its time passed an hour ago.
    const c = caseOf(reporter, staff.departmentId!, { reportedAt: new Date(Date.now() - 10 * HOUR), hours: 11 });
    await publish([c.reported, c.dispatched]);
    await waitFor(async () => about((await listOf(staff)).items, c.caseId).length > 0, 'the to-do');
    const reminders = () => t.db.collection('notifications').countDocuments({ 'record.id': c.caseId, stage: { $exists: true, $ne: null } });
    expect(await reminders()).toBe(0);

    // A second instance over the same database; both run the job at the same moment, twice.
    const other = await startServiceApp(NOTIFICATIONS, { env: { MONGODB_DATABASE: t.config.MONGODB_DATABASE! }, fromEnd: true });
    try {
      const run = (x: TestApp) => x.app.get(CommandBus).execute(new SendDueReminders());
      await Promise.all([run(t), run(other), run(t), run(other)]);
    } finally {
      await other.close();
    }
    expect(await reminders()).toBe(1);
    const reminder = about((await listOf(staff)).items, c.caseId).find((i) => i.kind === 'NOTICE');
    expect(reminder).toBeDefined();
    expect((await t.db.collection('notification_contexts').findOne({ _id: c.caseId as never }))?.nextReminderAt).toBeNull();
  });

  it('runs the reminders on the schedule of SCHEDULE_REMINDERS', async () => {
    const reporter = gridWorker();
    const staff = departmentStaff(uniqueName('dept'));
    const c = caseOf(reporter, staff.departmentId!, { reportedAt: new Date(Date.now() - 10 * HOUR), hours: 11 });
    await publish([c.reported, c.dispatched]);
    await waitFor(async () => about((await listOf(staff)).items, c.caseId).length > 0, 'the to-do');
    const scheduled = await startServiceApp(NOTIFICATIONS, { env: { MONGODB_DATABASE: t.config.MONGODB_DATABASE!, SCHEDULE_REMINDERS: '* * * * * *' }, fromEnd: true });
    try {
      await waitFor(async () => about((await listOf(staff)).items, c.caseId).find((i) => i.kind === 'NOTICE'), 'the reminder', 30_000);
    } finally {
      await scheduled.close();
    }
  });
});
