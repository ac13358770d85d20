import { spawnSync } from 'child_process';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { AppProcess, bearer, entryOf, freePort, infraEnv, readTopic, serviceEnv, startAppProcess, uniqueName, waitFor } from '@pb/testing';

const ADMIN = { username: 'skeleton-admin', password: 'walking skeleton secret 1' };

/**
 * The walking skeleton as production runs it: all five apps as separate
 * processes on the real broker and database. A command sent to the gateway is
 * stored by membership, published by its relay, consumed by the gateway and
 * visible in the gateway's dashboard.
 */
describe('walking skeleton through the gateway (separate processes)', () => {
  let membership: AppProcess;
  let services: AppProcess[] = [];
  let gateway: AppProcess;
  let token = '';
  const district = uniqueName('d');
  const subDistrict = uniqueName('sd');
  const zone = uniqueName('zone');
  const auth = () => `Bearer ${token}`;
  const post = (path: string, body: unknown) =>
    fetch(`${gateway.url}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth() }, body: JSON.stringify(body) });

  beforeAll(async () => {
    const [membershipPort, gatewayPort, nobodyPort, governancePort, enterprisePort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    membership = await startAppProcess('membership', membershipPort, serviceEnv('membership'));
    // The other services boot as processes of their own too (activities stays down: see the 503 test).
    services = await Promise.all([startAppProcess('governance', governancePort, serviceEnv('governance')), startAppProcess('enterprise', enterprisePort, serviceEnv('enterprise'))]);
    const env = {
      LOG_LEVEL: 'info',
      // The group's name shows in the gateway's metrics (checked below).
      KAFKA_GROUP_ID: uniqueName('t_gateway_group'),
      FIRST_ADMIN_USERNAME: ADMIN.username,
      FIRST_ADMIN_PASSWORD: ADMIN.password,
      MEMBERSHIP_URL: membership.url,
      GOVERNANCE_URL: services[0].url,
      ENTERPRISE_URL: services[1].url,
      // Nothing listens here: the routing must answer 503, not hang.
      ACTIVITIES_URL: `http://127.0.0.1:${nobodyPort}`,
    };
    gateway = await startAppProcess('gateway', gatewayPort, serviceEnv('gateway', { env }));
    const signIn = await fetch(`${gateway.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(signIn.status).toBe(200);
    token = ((await signIn.json()) as { accessToken: string }).accessToken;
    // The jurisdiction the organization will belong to, registered through the gateway as an administrator would.
    for (const [body, expected] of [
      [{ jurisdictionId: 'jining', level: 'CITY', name: '济宁市' }, [201, 409]],
      [{ jurisdictionId: district, level: 'DISTRICT', name: '高新区', parentId: 'jining' }, [201]],
      [{ jurisdictionId: subDistrict, level: 'SUB_DISTRICT', name: '某街道', parentId: district }, [201]],
      [{ jurisdictionId: zone, level: 'ZONE', name: '济宁软件园', parentId: subDistrict, zoneKind: 'INDUSTRIAL_PARK' }, [201]],
    ] as const) {
      const res = await post('/membership/jurisdictions', body);
      expect(expected).toContain(res.status);
    }
  }, 180000);

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([membership, ...services].map((s) => s?.stop()));
  });

  it('routes a command to membership and shows its effect in the gateway dashboard', async () => {
    const res = await fetch(`${gateway.url}/api/membership/organizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'skeleton-corr-1', authorization: auth() },
      body: JSON.stringify({ name: '济宁软件园联合党委', type: 'JOINT_COMMITTEE', districtId: district, subDistrictId: subDistrict, zoneId: zone }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-correlation-id')).toBe('skeleton-corr-1');
    const created = (await res.json()) as { organizationId: string };

    const dashboard = await waitFor(
      async () => {
        const d = (await (await fetch(`${gateway.url}/api/dashboard?scope=zone&id=${zone}`, { headers: { authorization: auth() } })).json()) as {
          organizations: number;
          freshness: Record<string, string>;
        };
        return d.organizations === 1 ? d : undefined;
      },
      'the organization to reach the gateway read model',
      30000,
    );
    expect(new Date(dashboard.freshness.membership).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const listed = (await (await fetch(`${gateway.url}/api/dashboard/organizations?scope=zone&id=${zone}`, { headers: { authorization: auth() } })).json()) as {
      items: { _id: string; name: string }[];
      next: string | null;
    };
    expect(listed).toEqual({ items: [expect.objectContaining({ _id: created.organizationId, name: '济宁软件园联合党委' })], next: null });

    // The event on the topic carries the correlation id the caller sent to the gateway.
    const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, (m) => m.some((x) => x.key === created.organizationId));
    expect(JSON.parse(messages.find((m) => m.key === created.organizationId)!.value!).correlationid).toBe('skeleton-corr-1');
  });

  it('passes a service 4xx through unchanged', async () => {
    const res = await fetch(`${gateway.url}/api/membership/organizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth() },
      body: JSON.stringify({ type: 'CLUB' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string[] };
    expect(body.message.join(' ')).toMatch(/type 必须是以下之一/);
  });

  it('answers 503 with a retry hint for a service that is down, and 404 for one that does not exist', async () => {
    const started = Date.now();
    const res = await fetch(`${gateway.url}/api/activities/activities`, { headers: { authorization: auth() } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await fetch(`${gateway.url}/api/nothing/here`, { headers: { authorization: auth() } })).status).toBe(404);
    expect((await fetch(`${gateway.url}/api/dashboard`)).status).toBe(401);
    // The services' internal token is not a user's token: the gateway refuses it.
    expect((await fetch(`${gateway.url}/api/dashboard`, { headers: { authorization: bearer() } })).status).toBe(401);
  });

  it('exposes readiness and Prometheus metrics of what moved through', async () => {
    for (const app of [membership, ...services, gateway]) {
      const ready = await fetch(`${app.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, kafka: { status: 'up' } } });
      expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    }
    const membershipMetrics = await (await fetch(`${membership.url}/metrics`)).text();
    expect(membershipMetrics).toMatch(/pb_events_stored_total\{type="membership.OrganizationRegistered.v1"\} [1-9]/);
    expect(membershipMetrics).toMatch(/pb_events_published_total\{topic="[^"]*membership.events"\} [1-9]/);
    expect(membershipMetrics).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/organizations"/);
    const gatewayMetrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(gatewayMetrics).toMatch(/pb_events_consumed_total\{topic="[^"]*membership.events",outcome="handled"\} [1-9]/);
    expect(gatewayMetrics).toMatch(/pb_consumer_lag\{group="t_gateway_group_/);
  });

  it('writes structured JSON logs, request lines carrying the correlation id', () => {
    const lines = gateway
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    const entries = lines.map((line) => JSON.parse(line) as { correlationId?: string; msg?: string });
    expect(entries.some((e) => e.correlationId === 'skeleton-corr-1' && e.msg === 'request completed')).toBe(true);
  });

  it('stops cleanly on SIGTERM', async () => {
    const code = await gateway.stop('SIGTERM');
    expect(code).toBe(0);
  });
});

describe('configuration checked at start', () => {
  it('stops the app with a message naming a missing variable', () => {
    const result = spawnSync(process.execPath, [entryOf('membership')], {
      env: { PATH: process.env.PATH, MONGODB_URI: 'mongodb://127.0.0.1:1' },
      encoding: 'utf8',
      // Loading the compiled app takes a while on a busy machine; the exit itself is immediate.
      timeout: 90000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/KAFKA_BROKERS \(not set\)/);
  }, 120_000);
});
