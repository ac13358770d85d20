import { request as httpRequest } from 'http';
import mongoose, { Connection } from 'mongoose';
import { AppProcess, freePort, serviceEnv, startAppProcess, uniqueName, waitFor } from '@pb/testing';
import { GATEWAY } from '../../apps/gateway/test/gateway-app';
import { record, say } from '../support/report';
import { READY_MS } from '../support/stack';

/**
 * Users' sessions and sign-in as a user and an attacker meet them (#17, item 6): two gateway
 * replicas as real processes on one database (no service is needed for accounts). Replica A
 * sits behind a trusted proxy (TRUSTED_PROXIES=loopback: the test is the proxy and says who
 * the client is in X-Forwarded-For); replica B trusts no proxy. Requests leave from loopback
 * addresses of their own (127.0.0.x) where a test needs a client address nobody else spends.
 */
const ADMIN = { username: 'sessions-admin', password: 'sessions admin secret 01' };
const SIGN_IN_LIMIT = 12;
const REFRESH_LIMIT = 12;
const DISTRICT = 'sess-district';
const OTHER_DISTRICT = 'sess-other';

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Record<string, string | string[] | undefined>;
  ms: number;
}

/** Where a request comes from: `peer`, the local address it leaves from; `forwardedFor`, what the proxy says. */
interface Origin {
  peer?: string;
  forwardedFor?: string;
}

describe('security: sessions, offboarding, lockout and sign-in rate limits (two gateway replicas)', () => {
  let a: AppProcess;
  let b: AppProcess;
  let db: Connection;
  let admin = '';
  const database = uniqueName('sess_gat');

  /** Each test's clients are addresses of their own (forwarded by the proxy to A, or as the connection's peer), so their budgets do not mix. */
  let nextAddress = 10;
  const forwarded = (): Origin => ({ forwardedFor: `198.51.100.${nextAddress++}` });
  const peer = (): Origin => ({ peer: `127.0.0.${nextAddress++}` });

  const call = (gw: AppProcess, method: string, path: string, body?: unknown, token?: string | null, origin: Origin = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (payload) headers['content-type'] = 'application/json';
      if (origin.forwardedFor) headers['x-forwarded-for'] = origin.forwardedFor;
      const started = Date.now();
      const req = httpRequest(`${gw.url}${path}`, { method, headers, localAddress: origin.peer, timeout: 15_000 }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null, headers: res.headers, ms: Date.now() - started }));
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  const signIn = (gw: AppProcess, username: string, password: string, origin?: Origin) => call(gw, 'POST', '/api/auth/sign-in', { username, password }, null, origin);
  const refresh = (gw: AppProcess, refreshToken: string, origin?: Origin) => call(gw, 'POST', '/api/auth/refresh', { refreshToken }, null, origin);
  const me = (gw: AppProcess, token: string) => call(gw, 'GET', '/api/auth/me', undefined, token);
  const ADMIN_ORIGIN: Origin = { forwardedFor: '198.51.100.1' };
  const asAdmin = (method: string, path: string, body?: unknown) => call(a, method, path, body, admin, ADMIN_ORIGIN);

  const createUser = async (user: Record<string, unknown>, token = admin): Promise<string> => {
    const res = await call(a, 'POST', '/api/users', user, token, ADMIN_ORIGIN);
    if (res.status !== 201) throw new Error(`creating ${String(user.username)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.userId as string;
  };

  /** Fixed one-minute windows: start a budget test with enough of the window left to finish in it. */
  const freshWindow = () => waitFor(async () => 60_000 - (Date.now() % 60_000) > 25_000, 'a rate-limit window with 25 s left', 40_000, 200);

  beforeAll(async () => {
    const [portA, portB] = await Promise.all([freePort(), freePort()]);
    const base = serviceEnv('gateway', {
      config: GATEWAY.config,
      env: {
        MONGODB_DATABASE: database,
        KAFKA_GROUP_ID: uniqueName('sess-gateway'),
        FIRST_ADMIN_USERNAME: ADMIN.username,
        FIRST_ADMIN_PASSWORD: ADMIN.password,
        SIGN_IN_RATE_LIMIT_PER_MINUTE: String(SIGN_IN_LIMIT),
        REFRESH_RATE_LIMIT_PER_MINUTE: String(REFRESH_LIMIT),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
      },
    });
    // One after the other: both would create the first administrator at once otherwise (that is handled, but not what this tests).
    a = await startAppProcess('gateway', portA, { ...base, TRUSTED_PROXIES: 'loopback' }, READY_MS);
    b = await startAppProcess('gateway', portB, { ...base, TRUSTED_PROXIES: '' }, READY_MS);
    db = await mongoose.createConnection(base.MONGODB_URI, { dbName: database }).asPromise();
    const res = await signIn(a, ADMIN.username, ADMIN.password, ADMIN_ORIGIN);
    if (res.status !== 200) throw new Error(`admin sign-in: ${res.status} ${JSON.stringify(res.body)}`);
    admin = res.body.accessToken as string;
  }, 400_000);

  afterAll(async () => {
    await db?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  describe('offboarding by an administrator', () => {
    let districtAdmin = '';
    const DISTRICT_ADMIN_ORIGIN: Origin = { forwardedFor: '198.51.100.2' };

    beforeAll(async () => {
      const districtAdminUser = {
        username: 'sess-district-admin',
        password: 'district admin secret 9',
        displayName: '区县管理员',
        role: 'DISTRICT_ADMIN',
        scope: { level: 'DISTRICT', districtId: DISTRICT },
      };
      await createUser(districtAdminUser);
      districtAdmin = (await signIn(a, districtAdminUser.username, districtAdminUser.password, DISTRICT_ADMIN_ORIGIN)).body.accessToken as string;
    });

    const worker = (username: string, districtId = DISTRICT) => ({
      username,
      password: 'grid worker secret 0001',
      displayName: '网格员',
      role: 'GRID_WORKER',
      scope: { level: 'ZONE', districtId, zoneId: `${districtId}-zone` },
    });

    it('disables a user: no sign-in, no refresh, and its access tokens refused at once here and within 5 s on the other replica', async () => {
      const user = worker('sess-disabled');
      const userId = await createUser(user, districtAdmin);
      const from = forwarded();
      const session = (await signIn(a, user.username, user.password, from)).body;
      expect((await me(a, session.accessToken)).status).toBe(200);
      expect((await me(b, session.accessToken)).status).toBe(200);

      const disabled = await call(a, 'POST', `/api/users/${userId}/disable`, undefined, districtAdmin, DISTRICT_ADMIN_ORIGIN);
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ userId, disabled: true });
      expect((await me(a, session.accessToken)).status).toBe(401);
      const started = Date.now();
      await waitFor(async () => (await me(b, session.accessToken)).status === 401, 'the other replica to refuse the disabled user’s token', 10_000, 100);
      const elsewhereMs = Date.now() - started;
      expect((await refresh(a, session.refreshToken, from)).status).toBe(401);
      const refused = await signIn(a, user.username, user.password, from);
      expect(refused.status).toBe(401);
      expect(refused.body.message).toMatch(/账号已停用/);

      // Enabled again: the user signs in anew; the old session stays ended.
      expect((await call(a, 'POST', `/api/users/${userId}/enable`, undefined, districtAdmin, DISTRICT_ADMIN_ORIGIN)).body).toMatchObject({ disabled: false });
      expect((await signIn(a, user.username, user.password, from)).status).toBe(200);
      expect((await me(a, session.accessToken)).status).toBe(401);
      expect((await refresh(a, session.refreshToken, from)).status).toBe(401);
      say(`disabled user: access token refused at once on the replica that disabled it, after ${elsewhereMs} ms on the other`);
      record('security-review', {
        checks: [`disabled user: sign-in and refresh 401, access token refused at once on the same replica and after ${elsewhereMs} ms on the other (bound 5 s)`],
      });
    });

    it('lets an administrator act only inside their jurisdiction and never on themselves', async () => {
      const outsider = worker('sess-outsider', OTHER_DISTRICT);
      const outsiderId = await createUser(outsider);
      const cityAdminId = (await me(a, admin)).body.userId as string;
      const districtAdminId = (await me(a, districtAdmin)).body.userId as string;
      for (const [path, body] of [
        [`/api/users/${outsiderId}/disable`, undefined],
        [`/api/users/${outsiderId}/password-reset`, { temporaryPassword: 'temporary password 01' }],
        [`/api/users/${outsiderId}/sessions/revoke`, undefined],
        [`/api/users/${cityAdminId}/disable`, undefined],
        [`/api/users/${districtAdminId}/disable`, undefined],
      ] as const) {
        const res = await call(a, 'POST', path, body, districtAdmin, DISTRICT_ADMIN_ORIGIN);
        expect([path, res.status]).toEqual([path, 403]);
      }
      // Moving a user of one's own district out of it is refused too.
      const own = await createUser(worker('sess-own'), districtAdmin);
      const moved = await call(
        a,
        'PUT',
        `/api/users/${own}/assignment`,
        { role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: OTHER_DISTRICT, zoneId: 'x-zone' } },
        districtAdmin,
        DISTRICT_ADMIN_ORIGIN,
      );
      expect(moved.status).toBe(403);
      expect(moved.body.message).toMatch(/管辖范围/);
      const self = await asAdmin('POST', `/api/users/${cityAdminId}/disable`);
      expect(self.status).toBe(403);
      expect((await asAdmin('POST', '/api/users/no-such-user/disable')).status).toBe(404);
      expect((await signIn(a, outsider.username, outsider.password, forwarded())).status).toBe(200);
      record('security-review', { checks: ['offboarding outside the jurisdiction, of a higher role or of oneself: 403, and the user unchanged'] });
    });

    it('changes a user’s role and jurisdiction: old tokens refused, the next sign-in carries the new ones', async () => {
      const user = worker('sess-reassigned');
      const userId = await createUser(user, districtAdmin);
      const from = forwarded();
      const session = (await signIn(a, user.username, user.password, from)).body;
      const next = { role: 'SUB_DISTRICT_ADMIN', scope: { level: 'SUB_DISTRICT', districtId: DISTRICT, subDistrictId: `${DISTRICT}-sub` } };
      const changed = await call(a, 'PUT', `/api/users/${userId}/assignment`, next, districtAdmin, DISTRICT_ADMIN_ORIGIN);
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject(next);
      expect((await me(a, session.accessToken)).status).toBe(401);
      expect((await refresh(a, session.refreshToken, from)).status).toBe(401);
      const fresh = (await signIn(a, user.username, user.password, from)).body;
      expect((await me(a, fresh.accessToken)).body).toMatchObject(next);
      record('security-review', { checks: ['role and jurisdiction changed: tokens of the old ones refused (access and refresh), the new sign-in carries the new ones'] });
    });

    it('resets a password: the user must set a new one before anything else', async () => {
      const user = worker('sess-reset');
      const userId = await createUser(user, districtAdmin);
      const from = forwarded();
      const session = (await signIn(a, user.username, user.password, from)).body;
      const temporary = 'temporary password 2024';
      const reset = await call(a, 'POST', `/api/users/${userId}/password-reset`, { temporaryPassword: temporary }, districtAdmin, DISTRICT_ADMIN_ORIGIN);
      expect(reset.status).toBe(200);
      expect(reset.body).toMatchObject({ mustChangePassword: true });
      expect((await me(a, session.accessToken)).status).toBe(401);
      expect((await refresh(a, session.refreshToken, from)).status).toBe(401);
      expect((await signIn(a, user.username, user.password, from)).status).toBe(401);
      const forced = await signIn(a, user.username, temporary, from);
      expect(forced.status).toBe(403);
      expect(forced.body).toMatchObject({ error: 'PASSWORD_CHANGE_REQUIRED' });
      expect(forced.body.accessToken).toBeUndefined();
      const weak = await call(a, 'POST', '/api/auth/change-password', { username: user.username, currentPassword: temporary, newPassword: 'short' }, null, from);
      expect(weak.status).toBe(422);
      const changed = await call(a, 'POST', '/api/auth/change-password', { username: user.username, currentPassword: temporary, newPassword: 'my own new password 77' }, null, from);
      expect(changed.status).toBe(200);
      expect((await me(a, changed.body.accessToken as string)).status).toBe(200);
      expect((await signIn(a, user.username, temporary, from)).status).toBe(401);
      expect((await signIn(a, user.username, 'my own new password 77', from)).status).toBe(200);
      record('security-review', {
        checks: ['password reset: sessions ended, sign-in with the temporary password 403 PASSWORD_CHANGE_REQUIRED without tokens until the user sets a new one'],
      });
    });

    it('revokes every session of a user', async () => {
      const user = worker('sess-revoked');
      const userId = await createUser(user, districtAdmin);
      const from = forwarded();
      const sessions = [(await signIn(a, user.username, user.password, from)).body, (await signIn(b, user.username, user.password, peer())).body];
      expect((await call(a, 'POST', `/api/users/${userId}/sessions/revoke`, undefined, districtAdmin, DISTRICT_ADMIN_ORIGIN)).status).toBe(204);
      for (const s of sessions) {
        expect((await me(a, s.accessToken as string)).status).toBe(401);
        expect((await refresh(a, s.refreshToken as string, from)).status).toBe(401);
      }
      await waitFor(async () => (await me(b, sessions[1].accessToken as string)).status === 401, 'the other replica to refuse the revoked token', 10_000, 100);
      expect((await signIn(a, user.username, user.password, from)).status).toBe(200);
      record('security-review', { checks: ['revoke every session of a user: both sessions’ access and refresh tokens refused on both replicas; the password still works'] });
    });
  });

  describe('lockout', () => {
    it('cannot be outrun by parallel attempts, on one replica or two', async () => {
      const user = { username: 'sess-parallel', password: 'parallel user secret 01', displayName: '并发', role: 'ANALYST', scope: { level: 'CITY' } };
      await createUser(user);
      // Twenty wrong passwords at once, half on each replica, each from an address of its own (no rate limit in the way).
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(i % 2 ? a : b, user.username, `wrong password ${i} xx`, i % 2 ? forwarded() : peer())));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(15);
      expect((await signIn(a, user.username, user.password, forwarded())).status).toBe(429);
      record('security-review', { checks: ['parallel sign-in guesses (20 at once over two replicas): exactly 5 checked (401), 15 refused (429), then the right password refused too'] });
    });

    it('answers an unknown username exactly as a known one', async () => {
      const known = { username: 'sess-known', password: 'known user secret 0001', displayName: '已知', role: 'ANALYST', scope: { level: 'CITY' } };
      await createUser(known);
      const attempts = async (username: string) => {
        const out: Answer[] = [];
        for (let i = 0; i < 6; i++) out.push(await signIn(a, username, `wrong password ${i} yy`, forwarded()));
        return out;
      };
      const ofKnown = await attempts(known.username);
      const ofUnknown = await attempts('sess-nobody-here');
      const shape = (r: Answer) => `${r.status} ${r.body.error} ${r.body.message}`;
      expect(ofUnknown.map(shape)).toEqual(ofKnown.map(shape));
      expect(ofKnown.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
      // Comparable work: the unknown username's password is checked against a decoy argon2id hash.
      const median = (rs: Answer[]) => rs.map((r) => r.ms).sort((x, y) => x - y)[2];
      const [knownMs, unknownMs] = [median(ofKnown.slice(0, 5)), median(ofUnknown.slice(0, 5))];
      expect(unknownMs).toBeGreaterThan(knownMs / 3);
      say(`wrong password: median ${knownMs} ms for a known username, ${unknownMs} ms for an unknown one`);
      record('security-review', {
        checks: [`unknown vs known username: the same statuses and messages (401 ×5, then 429), median ${unknownMs} ms vs ${knownMs} ms`],
      });
    });
  });

  describe('rate limits per client address, shared by the replicas', () => {
    const nobody = () => ({ username: uniqueName('sess-rl'), password: 'wrong password 0000' });
    const isRateLimited = (r: Answer) => r.status === 429 && /请求过于频繁/.test(String(r.body.message));

    it('spends one sign-in budget across both replicas, ignores X-Forwarded-For from an untrusted peer and keys on the client behind a trusted proxy', async () => {
      await freshWindow();
      // One client connecting to both replicas directly (no forwarded address): half its budget on each.
      const direct = peer();
      const spent: Answer[] = [];
      for (let i = 0; i < SIGN_IN_LIMIT; i++) {
        const n = nobody();
        spent.push(await signIn(i % 2 ? a : b, n.username, n.password, direct));
      }
      expect(spent.map((r) => r.status)).toEqual(Array(SIGN_IN_LIMIT).fill(401));
      const n = nobody();
      const overA = await signIn(a, n.username, n.password, direct);
      const overB = await signIn(b, n.username, n.password, direct);
      expect(isRateLimited(overA) && isRateLimited(overB)).toBe(true);
      expect(Number(overB.headers['retry-after'])).toBeGreaterThan(0);
      // B trusts no proxy: a forwarded address is the client's claim, and it is ignored.
      const spoofed = await signIn(b, n.username, n.password, { ...direct, forwardedFor: '203.0.113.77' });
      expect(isRateLimited(spoofed)).toBe(true);
      // A trusts its proxy (loopback): the address it forwards is the client, with a budget of its own.
      const behindProxy = await signIn(a, n.username, n.password, { ...direct, forwardedFor: '203.0.113.78' });
      expect(behindProxy.status).toBe(401);
      record('security-review', {
        checks: [
          `sign-in rate limit shared by two replicas: ${SIGN_IN_LIMIT} answered, the next 429 on both`,
          'X-Forwarded-For from an untrusted peer ignored (still 429); behind a trusted proxy the forwarded client has its own budget',
        ],
      });
    });

    it('limits refresh with a budget of its own', async () => {
      await freshWindow();
      const from = peer();
      const junk = 'x'.repeat(43);
      const answers: number[] = [];
      for (let i = 0; i < REFRESH_LIMIT; i++) answers.push((await refresh(i % 2 ? a : b, junk, from)).status);
      expect(answers).toEqual(Array(REFRESH_LIMIT).fill(401));
      expect(isRateLimited(await refresh(a, junk, from))).toBe(true);
      expect(isRateLimited(await refresh(b, junk, from))).toBe(true);
      // The sign-in budget of that address is untouched.
      const n = nobody();
      expect((await signIn(a, n.username, n.password, from)).status).toBe(401);
      record('security-review', { checks: [`refresh rate limit of its own: ${REFRESH_LIMIT} answered then 429, sign-in from that address still answered`] });
    });
  });

  describe('two tabs refreshing at once', () => {
    it('get the same new pair, on one replica or two, and the session lives on', async () => {
      const user = { username: 'sess-tabs', password: 'two tabs user secret 1', displayName: '两个标签页', role: 'ANALYST', scope: { level: 'CITY' } };
      await createUser(user);
      const from = forwarded();
      const session = (await signIn(a, user.username, user.password, from)).body;
      const [one, two] = await Promise.all([refresh(a, session.refreshToken as string, from), refresh(b, session.refreshToken as string, peer())]);
      expect([one.status, two.status]).toEqual([200, 200]);
      expect(two.body.refreshToken).toBe(one.body.refreshToken);
      const next = await refresh(a, one.body.refreshToken as string, from);
      expect(next.status).toBe(200);
      expect((await me(a, next.body.accessToken as string)).status).toBe(200);
      record('security-review', { checks: ['two tabs refreshing one token at once (two replicas): both 200 with the same new pair, the session continues'] });
    });
  });
});
