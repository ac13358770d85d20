import { createHmac } from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';
import { CaseDispatched, CaseReported, CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { Actor, ManualClock } from '@pb/platform';
import { bearer, envelopeOf, infraEnv, publishEnvelopes, startServiceApp, SYSTEM, testKey, TestApp, uniqueName, waitFor, waitForGroupAtEnd } from '@pb/testing';
import { NOTIFICATIONS } from './notifications-app';

/** One request the receiver got, as it came: headers and the raw body the signature covers. */
interface Received {
  path: string;
  delivery: string;
  timestamp: string;
  signature: string;
  raw: string;
  body: Record<string, unknown>;
}

/**
 * A webhook receiver on 127.0.0.1, as an SMS or WeChat gateway would run one: `/ok/*` answers 200,
 * `/flaky/*` 500 to the first two tries of each delivery and 200 after, `/down/*` always 500.
 */
class Receiver {
  readonly got: Received[] = [];
  /** Answers held back on `/hold/*` (a receiver slow to answer while the sender dies); null: `/hold` answers 200 at once. */
  held: http.ServerResponse[] | null = [];
  private server!: http.Server;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const delivery = String(req.headers['x-pb-delivery']);
        const entry: Received = {
          path: req.url ?? '',
          delivery,
          timestamp: String(req.headers['x-pb-timestamp']),
          signature: String(req.headers['x-pb-signature']),
          raw,
          body: JSON.parse(raw) as Record<string, unknown>,
        };
        this.got.push(entry);
        const tries = this.got.filter((g) => g.delivery === delivery).length;
        if (entry.path.startsWith('/hold') && this.held) return void this.held.push(res);
        const fail = entry.path.startsWith('/flaky') ? tries <= 2 : entry.path.startsWith('/down');
        res.writeHead(fail ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  of(delivery: string): Received[] {
    return this.got.filter((g) => g.delivery === delivery);
  }

  /** Answers the held requests (200) and every later one at once. */
  release(): void {
    for (const res of this.held ?? []) res.writeHead(200).end();
    this.held = null;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const SECRET = testKey('WEBHOOK_SECRET');

describe('notification channels: webhook and daily digest (real Kafka, database and HTTP receiver)', () => {
  const receiver = new Receiver();
  const okDistrict = uniqueName('dok');
  const holdDistrict = uniqueName('dhold');
  const flakyDistrict = uniqueName('dflaky');
  const downDistrict = uniqueName('ddown');
  const department = uniqueName('dept');
  const staff = (userId: string, districtId = okDistrict): Actor => ({ userId, role: 'DEPARTMENT_STAFF', scope: { level: 'DISTRICT', districtId }, departmentId: department });
  // Two staff of one department: A keeps the defaults (to-dos by webhook), B turns the webhook off for the rule.
  const userA = staff(uniqueName('ua'));
  const userB = staff(uniqueName('ub'));
  // Nothing is ever addressed to C: no digest.
  const userC: Actor = { userId: uniqueName('uc'), role: 'GRID_WORKER', scope: { level: 'DISTRICT', districtId: okDistrict }, gridWorkerId: uniqueName('gw') };
  const cityAdmin: Actor = { userId: uniqueName('city'), role: 'CITY_ADMIN', scope: { level: 'CITY' } };
  const adminOf = (districtId: string): Actor => ({ userId: uniqueName('da'), role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId } });
  let t: TestApp;
  let env: Record<string, string>;
  const apps: TestApp[] = [];

  const start = async (extra: Record<string, string> = {}, fromEnd = true) => {
    const app = await startServiceApp(NOTIFICATIONS, { env: { ...env, ...extra }, fromEnd });
    apps.push(app);
    return app;
  };
  const as = (app: TestApp, actor: Actor) => ({
    get: (path: string) => app.http().get(path).set('authorization', bearer(actor)),
    post: (path: string, body: object = {}) => app.http().post(path).set('authorization', bearer(actor)).send(body),
    put: (path: string, body: object) => app.http().put(path).set('authorization', bearer(actor)).send(body),
  });
  const sweep = async (app = t) => (await as(app, SYSTEM).post('/notifications/deliveries/sweep').expect(200)).body as { sent: Record<string, number> };
  const register = async (app: TestApp, user: Actor) => {
    const { userId, ...rest } = user;
    await as(app, SYSTEM)
      .put(`/recipients/${userId}`, { ...rest, active: true })
      .expect(200);
  };

  /** A case reported in a district and dispatched to the department: the department's to-do. */
  const dispatchCase = async (districtId: string): Promise<{ caseId: string; events: EventEnvelope[] }> => {
    const caseId = uniqueName('case');
    const now = new Date().toISOString();
    const options = { aggregateId: caseId, districtId, zoneId: `${districtId}-z` };
    const events: EventEnvelope[] = [
      envelopeOf(
        CaseReported,
        {
          caseId,
          kind: 'LIVELIHOOD_SERVICE',
          priority: 'NORMAL',
          title: '路灯不亮',
          description: '商圈北口路灯不亮',
          source: 'GRID_WORKER',
          requesterName: null,
          gridId: `${districtId}-g`,
          workerId: null,
          districtId,
          subDistrictId: `${districtId}-s`,
          zoneId: `${districtId}-z`,
          timeLimitHours: 72,
          dueAt: new Date(Date.now() + 72 * 3600_000).toISOString(),
          at: now,
        },
        { ...options, version: 1 },
      ),
      envelopeOf(CaseDispatched, { caseId, assignee: { kind: 'DEPARTMENT', id: department }, instructions: null, at: now }, { ...options, version: 2 }),
    ];
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, events);
    return { caseId, events };
  };
  /** The to-do about the case in A's list, once the service has stored it. */
  const todoOf = (app: TestApp, caseId: string) =>
    waitFor(
      async () => {
        const res = await as(app, userA).get('/notifications?kind=TODO');
        return (res.body.items as { id: string; rule: string; record: { id: string } }[] | undefined)?.find((i) => i.record.id === caseId);
      },
      `the to-do about ${caseId}`,
      60_000,
      250,
    );
  const deliveryOf = (notificationId: string, user: Actor) => `${notificationId}:${user.userId}:WEBHOOK`;

  beforeAll(async () => {
    await receiver.start();
    env = {
      WEBHOOK_URLS: JSON.stringify({
        [okDistrict]: `${receiver.url}/ok/hook`,
        [flakyDistrict]: `${receiver.url}/flaky/hook`,
        [downDistrict]: `${receiver.url}/down/hook`,
        [holdDistrict]: `${receiver.url}/hold/hook`,
      }),
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_TIMEOUT_MS: '3000',
      // Retries due at once, so that each sweep of the test is the next try.
      WEBHOOK_RETRY_INITIAL_MS: '1',
      WEBHOOK_RETRY_MAX_MS: '1',
      WEBHOOK_FANOUT_LAG_MS: '0',
      MONGODB_DATABASE: uniqueName('t_notifications'),
      KAFKA_GROUP_ID: uniqueName('notifications-test'),
    };
    t = await start();
    for (const user of [userA, userB, userC]) await register(t, user);
  });

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await receiver.stop();
  });

  it('sends each to-do once per recipient, signed, and nothing to one who turned the webhook off for the rule', async () => {
    const { caseId, events } = await dispatchCase(okDistrict);
    const todo = await todoOf(t, caseId);
    await as(t, userB)
      .put('/notifications/preferences', { entries: [{ rule: todo.rule, channel: 'WEBHOOK', enabled: false }] })
      .expect(200);

    await sweep();
    await sweep();
    // The same facts again (a redelivery, a replay): no second notification, no second delivery.
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, events);
    await waitForGroupAtEnd(env.KAFKA_GROUP_ID!, [t.config.KAFKA_TOPIC_PREFIX + CONTEXT_TOPICS.governance]);
    await sweep();

    const toA = receiver.of(deliveryOf(todo.id, userA));
    expect(toA).toHaveLength(1);
    expect(receiver.of(deliveryOf(todo.id, userB))).toHaveLength(0);
    const [got] = toA;
    expect(got!.path).toBe('/ok/hook');
    const expected = createHmac('sha256', SECRET).update(`${got!.timestamp}.${got!.raw}`).digest('hex');
    expect(got!.signature).toBe(`sha256=${expected}`);
    expect(Math.abs(Number(got!.timestamp) - Date.now() / 1000)).toBeLessThan(120);
    // What the receiver needs to text the person, and nothing beyond what the notification shows.
    expect(Object.keys(got!.body).sort()).toEqual(['at', 'audience', 'body', 'id', 'kind', 'link', 'notificationId', 'rule', 'title', 'userId']);
    expect(got!.body).toMatchObject({
      id: deliveryOf(todo.id, userA),
      notificationId: todo.id,
      userId: userA.userId,
      audience: `department:${department}`,
      kind: 'TODO',
      rule: todo.rule,
      title: expect.any(String),
      body: expect.any(String),
      at: expect.any(String),
    });

    const listed = await as(t, cityAdmin).get('/notifications/deliveries?state=DELIVERED').expect(200);
    expect(listed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: deliveryOf(todo.id, userA), state: 'DELIVERED', attempts: 1 })]));
    expect(JSON.stringify(listed.body)).not.toContain(got!.body.title as string);
  });

  it('retries a receiver that answers 500 twice: three tries, one success', async () => {
    const flakyA = staff(uniqueName('fa'), flakyDistrict);
    await register(t, flakyA);
    const { caseId } = await dispatchCase(flakyDistrict);
    const todo = await todoOf(t, caseId);
    const id = deliveryOf(todo.id, flakyA);
    await waitFor(
      async () => {
        await sweep();
        const res = await as(t, cityAdmin).get('/notifications/deliveries?state=DELIVERED&limit=100');
        return (res.body.items as { id: string }[]).some((d) => d.id === id);
      },
      'the flaky receiver to take the delivery',
      30_000,
    );
    await sweep();
    expect(receiver.of(id).map((g) => g.delivery)).toEqual([id, id, id]);
    const res = await as(t, cityAdmin).get('/notifications/deliveries?state=DELIVERED&limit=100');
    expect((res.body.items as { id: string; attempts: number }[]).find((d) => d.id === id)).toMatchObject({ attempts: 3, state: 'DELIVERED', lastError: null });
  });

  it('dead-letters a delivery after the limit, lists it for the district, and a retry sends it again', async () => {
    const downA = staff(uniqueName('xa'), downDistrict);
    await register(t, downA);
    const { caseId } = await dispatchCase(downDistrict);
    const todo = await todoOf(t, caseId);
    const id = deliveryOf(todo.id, downA);
    const dead = await waitFor(
      async () => {
        await sweep();
        const res = await as(t, adminOf(downDistrict)).get('/notifications/deliveries?state=DEAD').expect(200);
        return (res.body.items as { id: string; attempts: number; lastError: string }[]).find((d) => d.id === id);
      },
      'the delivery to go dead',
      30_000,
    );
    expect(dead).toMatchObject({ attempts: 3, lastError: 'HTTP 500', districtId: downDistrict });
    await sweep();
    expect(receiver.of(id)).toHaveLength(3);
    // Another district's administrator neither sees nor re-queues it; a bad state is a 400 in Chinese.
    const other = await as(t, adminOf(okDistrict)).get('/notifications/deliveries?state=DEAD').expect(200);
    expect((other.body.items as { id: string }[]).some((d) => d.id === id)).toBe(false);
    await as(t, adminOf(okDistrict))
      .post(`/notifications/deliveries/${encodeURIComponent(id)}/retry`)
      .expect(404);
    const bad = await as(t, cityAdmin).get('/notifications/deliveries?state=LOST').expect(400);
    expect(JSON.stringify(bad.body)).toContain('state 必须是以下之一');
    await as(t, userA).get('/notifications/deliveries?state=DEAD').expect(403);

    // The district's receiver had moved: the operator corrects WEBHOOK_URLS and restarts; the retry goes to the new URL.
    await t.close();
    env = { ...env, WEBHOOK_URLS: JSON.stringify({ ...(JSON.parse(env.WEBHOOK_URLS!) as object), [downDistrict]: `${receiver.url}/ok/hook` }) };
    t = await start({}, false);
    const requeued = await as(t, adminOf(downDistrict))
      .post(`/notifications/deliveries/${encodeURIComponent(id)}/retry`)
      .expect(200);
    expect(requeued.body).toMatchObject({ id, state: 'PENDING', attempts: 0 });
    await as(t, adminOf(downDistrict))
      .post(`/notifications/deliveries/${encodeURIComponent(id)}/retry`)
      .expect(409);
    await sweep();
    expect(receiver.of(id).map((g) => g.path)).toEqual(['/down/hook', '/down/hook', '/down/hook', '/ok/hook']);
    const res = await as(t, cityAdmin).get('/notifications/deliveries?state=DEAD&limit=100');
    expect((res.body.items as { id: string }[]).some((d) => d.id === id)).toBe(false);
  });

  it('sends what was waiting and nothing twice across a restart, with two instances sweeping at once', async () => {
    const { caseId: before } = await dispatchCase(okDistrict);
    const first = await todoOf(t, before);
    await sweep();
    expect(receiver.of(deliveryOf(first.id, userA))).toHaveLength(1);
    // Stored but not yet sent when the instance stops.
    const { caseId: waiting } = await dispatchCase(okDistrict);
    const pending = await todoOf(t, waiting);

    await t.close();
    // Two instances on the same database and consumer group, from the committed offsets.
    const [one, two] = await Promise.all([start({}, false), start({}, false)]);
    const { caseId: after } = await dispatchCase(okDistrict);
    const second = await todoOf(one, after);
    await Promise.all([sweep(one), sweep(two), sweep(one), sweep(two)]);
    await sweep(two);
    t = one;

    expect(receiver.of(deliveryOf(first.id, userA))).toHaveLength(1);
    expect(receiver.of(deliveryOf(second.id, userA))).toHaveLength(1);
    expect(receiver.of(deliveryOf(pending.id, userA))).toHaveLength(1);
    // Nothing the receiver got came twice.
    const ids = receiver.got.filter((g) => g.path.startsWith('/ok')).map((g) => g.delivery);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('makes one daily digest per user and day, for users with something open, and sends it when they asked for it by webhook', async () => {
    await as(t, userA)
      .put('/notifications/preferences', { entries: [{ rule: 'digest.daily', channel: 'WEBHOOK', enabled: true }] })
      .expect(200);
    const first = await as(t, SYSTEM).post('/notifications/digests/sweep').expect(200);
    const second = await as(t, SYSTEM).post('/notifications/digests/sweep').expect(200);
    expect(first.body.made).toBeGreaterThanOrEqual(1);
    expect(second.body.made).toBe(0);

    const digestsOf = async (user: Actor) => {
      const res = await as(t, user).get('/notifications?kind=NOTICE&limit=100').expect(200);
      return (res.body.items as { id: string; rule: string; title: string; body: string }[]).filter((i) => i.rule === 'digest.daily');
    };
    const mine = await digestsOf(userA);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.title).toMatch(/^每日摘要（\d{4}-\d{2}-\d{2}）：待办 \d+ 项，未读通知 \d+ 条$/);
    expect(mine[0]!.body).toContain('【待办】');
    expect(await digestsOf(userC)).toHaveLength(0);

    await sweep();
    await sweep();
    expect(receiver.of(deliveryOf(mine[0]!.id, userA))).toHaveLength(1);
    // B kept the default (digest by webhook off): in the console only.
    const [forB] = await digestsOf(userB);
    expect(forB).toBeDefined();
    expect(receiver.of(deliveryOf(forB!.id, userB))).toHaveLength(0);
  });

  it('does not lose a try cut off by a crash mid-send: it is made again, with the same X-PB-Delivery', async () => {
    const holdA = staff(uniqueName('ha'), holdDistrict);
    await register(t, holdA);
    const { caseId } = await dispatchCase(holdDistrict);
    const todo = await todoOf(t, caseId);
    const id = deliveryOf(todo.id, holdA);
    // The instance sends and, while the receiver has not answered yet, loses its database and dies.
    const crashed = t;
    const inFlight = sweep(crashed).catch(() => undefined);
    await waitFor(async () => receiver.of(id).length === 1, 'the first try to reach the receiver');
    await crashed.db.close(true);
    receiver.release();
    await inFlight;
    await crashed.close().catch(() => undefined);

    // Another instance, two minutes later: the try left without an outcome counts as failed and is made again.
    const later = new ManualClock(new Date(Date.now() + 2 * 60_000));
    const next = await startServiceApp(NOTIFICATIONS, { env, clock: later });
    apps.push(next);
    t = next;
    await waitFor(
      async () => {
        await sweep(next);
        later.advance(1_000);
        const res = await as(next, cityAdmin).get('/notifications/deliveries?state=DELIVERED&limit=100');
        return (res.body.items as { id: string }[]).some((d) => d.id === id);
      },
      'the cut-off delivery to be made again',
      30_000,
    );
    expect(receiver.of(id).map((g) => [g.path, g.delivery])).toEqual([
      ['/hold/hook', id],
      ['/hold/hook', id],
    ]);
    const res = await as(next, cityAdmin).get('/notifications/deliveries?state=DELIVERED&limit=100');
    expect((res.body.items as { id: string }[]).find((d) => d.id === id)).toMatchObject({ state: 'DELIVERED', attempts: 2, lastError: null });
  });

  it('refuses a malformed WEBHOOK_URLS at start, naming it', async () => {
    await expect(start({ WEBHOOK_URLS: '{"x":"ftp://nowhere"}' })).rejects.toThrow(/WEBHOOK_URLS\["x"\] must be an http or https URL/);
  });
});
