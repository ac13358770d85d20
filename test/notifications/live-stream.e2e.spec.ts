import { CaseDispatched, CaseReported, CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { envelopeOf, infraEnv, publishEnvelopes, startServiceApp, TestApp, uniqueName, waitFor } from '@pb/testing';
import { LiveFeed } from '../../apps/notifications/src/application/live/live-feed';
import { NOTIFICATIONS } from '../../apps/notifications/test/notifications-app';
import { GATEWAY } from '../../apps/gateway/test/gateway-app';

const ADMIN = { username: 'stream-admin', password: 'stream admin secret 01' };

interface Frame {
  event: string;
  data: Record<string, unknown>;
}

/** A stream opened through the gateway as a browser would (fetch with the bearer header), its frames collected as they come. */
class OpenStream {
  readonly frames: Frame[] = [];
  readonly comments: string[] = [];
  status = 0;
  contentType = '';
  ended = false;
  error?: Error;
  private readonly abort = new AbortController();

  constructor(url: string, token: string) {
    void this.read(url, token);
  }

  private async read(url: string, token: string): Promise<void> {
    try {
      const res = await fetch(url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` }, signal: this.abort.signal });
      this.status = res.status;
      this.contentType = res.headers.get('content-type') ?? '';
      if (res.status !== 200) throw new Error(`stream answered ${res.status}: ${await res.text()}`);
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) this.frames.push({ event, data: JSON.parse(data) as Record<string, unknown> });
          else if (block.startsWith(':')) this.comments.push(block);
        }
      }
    } catch (error) {
      // Closed by the test.
      this.error = error as Error;
    } finally {
      this.ended = true;
    }
  }

  about(recordId: string, event = 'notification'): Frame[] {
    return this.frames.filter((f) => f.event === event && (f.data.record as { id?: string } | undefined)?.id === recordId);
  }

  close(): void {
    this.abort.abort();
  }
}

/**
 * 待办与通知的实时推送 through the gateway: the notifications service and the gateway in this process
 * on the real broker and database, events published to governance's topic as governance publishes them.
 */
describe('live notifications through the gateway (SSE)', () => {
  let notifications: TestApp;
  let gateway: TestApp;
  let gatewayUrl = '';
  const district = uniqueName('d');
  const subDistrict = uniqueName('sd');
  const zone = uniqueName('z');
  const users: Record<'a' | 'b', { userId: string; token: string }> = { a: { userId: '', token: '' }, b: { userId: '', token: '' } };
  let adminToken = '';
  const streams: OpenStream[] = [];

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${gatewayUrl}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
  };

  const open = (token: string) => {
    const stream = new OpenStream(`${gatewayUrl}/api/notifications/notifications/stream`, token);
    streams.push(stream);
    return stream;
  };

  /** A case `reporter` reported, then dispatched: the reporter is told it moved (a notice to `user:<reporter>`). */
  const caseOf = (reporter: string): { caseId: string; events: EventEnvelope[] } => {
    const caseId = uniqueName('case');
    const place = { districtId: district, zoneId: zone };
    const reported = envelopeOf(
      CaseReported,
      {
        ...CaseReported.example,
        caseId,
        districtId: district,
        subDistrictId: subDistrict,
        zoneId: zone,
        at: new Date().toISOString(),
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
      { aggregateId: caseId, version: 1, ...place },
    );
    const dispatched = envelopeOf(
      CaseDispatched,
      { ...CaseDispatched.example, caseId, assignee: { kind: 'ORGANIZATION', id: uniqueName('org') }, at: new Date().toISOString() },
      { aggregateId: caseId, version: 2, ...place },
    );
    return {
      caseId,
      events: [
        { ...reported, actorid: reporter },
        { ...dispatched, actorid: 'dispatcher' },
      ],
    };
  };

  beforeAll(async () => {
    notifications = await startServiceApp(NOTIFICATIONS, { fromEnd: true });
    await notifications.app.listen(0, '127.0.0.1');
    const nobody = 'http://127.0.0.1:9';
    gateway = await startServiceApp(GATEWAY, {
      env: {
        FIRST_ADMIN_USERNAME: ADMIN.username,
        FIRST_ADMIN_PASSWORD: ADMIN.password,
        NOTIFICATIONS_URL: await notifications.app.getUrl(),
        // The sync of every user, every 2 s rather than hourly.
        SCHEDULE_RECIPIENT_SYNC: '*/2 * * * * *',
        MEMBERSHIP_URL: nobody,
        ACTIVITIES_URL: nobody,
        GOVERNANCE_URL: nobody,
        ENTERPRISE_URL: nobody,
      },
    });
    await gateway.app.listen(0, '127.0.0.1');
    gatewayUrl = await gateway.app.getUrl();
    const signIn = async (username: string, password: string) => {
      const res = await fetch(`${gatewayUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    adminToken = await signIn(ADMIN.username, ADMIN.password);
    for (const key of ['a', 'b'] as const) {
      const username = uniqueName(`stream-${key}`);
      const password = `stream user ${key} secret 01`;
      const created = await call('POST', '/users', adminToken, {
        username,
        password,
        displayName: `街道管理员${key}`,
        role: 'SUB_DISTRICT_ADMIN',
        scope: { level: 'SUB_DISTRICT', districtId: district, subDistrictId: subDistrict },
      });
      expect(created.status).toBe(201);
      users[key] = { userId: String(created.body.userId), token: await signIn(username, password) };
    }
  }, 120_000);

  afterAll(async () => {
    for (const s of streams) s.close();
    // The last test closes them already.
    await gateway?.close().catch(() => undefined);
    await notifications?.close().catch(() => undefined);
  });

  it('delivers a new item to the user it is addressed to, and not to another', async () => {
    const a = open(users.a.token);
    const b = open(users.b.token);
    await waitFor(async () => a.status === 200 && b.status === 200, 'both streams open', 10_000).catch((e) => {
      throw new Error(`${(e as Error).message}: ${a.status} ${String(a.error)} ${String(a.error?.cause)}`);
    });
    expect(a.contentType).toMatch(/^text\/event-stream/);

    const ofA = caseOf(users.a.userId);
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, ofA.events);
    await waitFor(async () => a.about(ofA.caseId).length > 0, "A's item on A's stream", 30_000).catch(async (e) => {
      const docs = await notifications.db.collection('notifications').find({ 'record.id': ofA.caseId }).toArray();
      const ctx = await notifications.db.collection('notification_contexts').find({}).toArray();
      throw new Error(
        `${(e as Error).message} ${JSON.stringify(docs)} ${JSON.stringify(ctx)} frames=${JSON.stringify(a.frames)} userA=${users.a.userId} ended=${a.ended} ${String(a.error)}`,
      );
    });
    const [frame] = a.about(ofA.caseId);
    expect(frame.data).toMatchObject({ kind: 'NOTICE', read: false, record: { id: ofA.caseId }, districtId: district });
    expect(typeof frame.data.title).toBe('string');

    // The same poller writes to both streams in order: once B has what was published after, it
    // would have had A's item too.
    const ofB = caseOf(users.b.userId);
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, ofB.events);
    await waitFor(async () => b.about(ofB.caseId).length > 0, "B's item on B's stream", 30_000);
    expect(b.about(ofA.caseId)).toEqual([]);
    expect(a.about(ofB.caseId)).toEqual([]);
    // Once, though the poller reads a few seconds back each time.
    expect(a.about(ofA.caseId)).toHaveLength(1);
    expect(a.ended).toBe(false);
  });

  it('releases the connection in the service when the browser closes it', async () => {
    const feed = notifications.app.get(LiveFeed);
    const before = feed.size;
    const stream = open(users.a.token);
    await waitFor(async () => stream.status === 200 && feed.size === before + 1, 'the stream open in the service', 10_000);
    stream.close();
    await waitFor(async () => feed.size === before, 'the stream dropped by the service', 10_000);
    // The service's gauge says the same.
    const metrics = await fetch(`${await notifications.app.getUrl()}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(new RegExp(`^pb_notification_streams_open ${before}$`, 'm'));
  });

  it('keeps a quiet stream open past the 10 s the gateway gives ordinary calls, with a heartbeat every 15 s', async () => {
    const stream = open(users.a.token);
    await waitFor(async () => stream.status === 200, 'the stream open', 10_000);
    await waitFor(async () => stream.comments.length > 0, 'a heartbeat', 25_000);
    expect(stream.comments[0]).toMatch(/^: heartbeat/);
    expect(stream.ended).toBe(false);
    stream.close();
  }, 40_000);

  it('tells the service who a user is when the gateway creates, reassigns or disables them', async () => {
    const recipients = notifications.db.collection<{ _id: string; audiences: string[]; active: boolean }>('recipients');
    await waitFor(
      async () => (await recipients.findOne({ _id: users.b.userId }))?.audiences.includes(`desk:SUB_DISTRICT:${subDistrict}`) === true,
      'the user known to the service',
      10_000,
    );
    expect(await call('POST', `/users/${users.b.userId}/disable`, adminToken)).toMatchObject({ status: 200 });
    await waitFor(async () => (await recipients.findOne({ _id: users.b.userId }))?.active === false, 'the user disabled in the service', 10_000);
  });

  it('does not route PUT /recipients from outside, however the path is spelled', async () => {
    for (const path of ['/notifications/recipients/someone', '/notifications/%72ecipients/someone', '/notifications//recipients/someone', '/notifications/x/../recipients/someone']) {
      const res = await call('PUT', path, adminToken, { role: 'CITY_ADMIN', scope: { level: 'CITY' }, active: true });
      expect([403, 404]).toContain(res.status);
    }
    const res = await call('PUT', '/notifications/recipients/someone', adminToken, { role: 'CITY_ADMIN', scope: { level: 'CITY' }, active: true });
    expect(res.status).toBe(403);
    expect(String(res.body.message)).toContain('仅供网关内部调用');
  });

  it('tells the service of users made without the user routes (the first administrator) by its periodic sync', async () => {
    const listed = await call('GET', `/users?q=${ADMIN.username}`, adminToken);
    const admin = (listed.body as unknown as { userId: string; username: string }[]).find((u) => u.username === ADMIN.username)!;
    const recipients = notifications.db.collection<{ _id: string; audiences: string[]; active: boolean }>('recipients');
    const known = await waitFor(async () => (await recipients.findOne({ _id: admin.userId })) ?? undefined, 'the first administrator known to the service', 20_000, 250);
    expect(known).toMatchObject({ active: true, audiences: expect.arrayContaining(['desk:CITY']) });
  });

  // Last: it shuts both apps down. An open stream must not hold a shutdown (a rollout) until its grace runs out.
  it('ends open streams when the gateway and the service shut down, instead of waiting for them', async () => {
    const stream = open(users.a.token);
    await waitFor(async () => stream.status === 200 || undefined, 'the stream to open', 20_000);
    const started = Date.now();
    await gateway.close();
    await notifications.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    await waitFor(async () => stream.ended || undefined, 'the stream to end', 5_000);
  });
});
