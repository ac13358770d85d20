import { INestApplication } from '@nestjs/common';
import { createHash } from 'crypto';
import { Connection } from 'mongoose';
import request from 'supertest';
import { ManualClock } from '@pb/platform';
import { bearer, startServiceApp, TEST_KEYS, waitFor } from '@pb/testing';
import { signAccessToken } from '../src/infrastructure/user/user-tokens';
import { SessionSweepJob } from '../src/interface/schedule/session-sweep.job';
import { GATEWAY } from './gateway-app';

const ADMIN = { username: 'city-admin', password: 'correct horse battery staple' };

describe('gateway sign-in, tokens and users (real database)', () => {
  let app: INestApplication;
  let db: Connection;
  const clock = new ManualClock();
  const server = () => app.getHttpServer();

  beforeAll(async () => {
    ({ app, db } = await startServiceApp(GATEWAY, {
      clock,
      // The per-address rate limits are tested through gateway processes (test/security/sessions.e2e.spec.ts).
      env: {
        FIRST_ADMIN_USERNAME: ADMIN.username,
        FIRST_ADMIN_PASSWORD: ADMIN.password,
        SIGN_IN_RATE_LIMIT_PER_MINUTE: '10000',
        REFRESH_RATE_LIMIT_PER_MINUTE: '10000',
        SESSION_MAX_SECONDS: '3600',
      },
    }));
    // Listening, so many requests at once share one server rather than each starting its own.
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
  });

  const signIn = (username: string, password: string) => request(server()).post('/api/auth/sign-in').send({ username, password });

  it('creates the first administrator from configuration and stores only an argon2id hash', async () => {
    const res = await signIn(ADMIN.username, ADMIN.password).expect(200);
    expect(res.body.user).toMatchObject({ username: ADMIN.username, role: 'CITY_ADMIN', scope: { level: 'CITY' } });
    const stored = await db.collection('users').findOne({ username: ADMIN.username });
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(stored)).not.toContain(ADMIN.password);
    const me = await request(server()).get('/api/auth/me').set('authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ userId: stored!._id, role: 'CITY_ADMIN' });
  });

  it('answers a wrong password and an unknown user alike, with 401', async () => {
    const wrong = await signIn(ADMIN.username, 'not the password at all').expect(401);
    const unknown = await signIn('nobody-here', 'not the password at all').expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('locks an account after repeated failures (429 with Retry-After), even for the right password', async () => {
    const admin = { username: 'lockout-target', password: 'a long enough password 42' };
    const token = (await signIn(ADMIN.username, ADMIN.password)).body.accessToken as string;
    await request(server())
      .post('/api/users')
      .set('authorization', `Bearer ${token}`)
      .send({ ...admin, displayName: '锁定测试', role: 'ANALYST', scope: { level: 'CITY' } })
      .expect(201);
    for (let i = 0; i < 5; i++) await signIn(admin.username, `wrong password number ${i}`).expect(401);
    const locked = await signIn(admin.username, admin.password).expect(429);
    expect(locked.body.message).toMatch(/登录失败次数过多/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  const refresh = (refreshToken: string) => request(server()).post('/api/auth/refresh').send({ refreshToken });

  it('rotates refresh tokens and revokes the family when an old one is replayed after the grace window', async () => {
    const first = (await signIn(ADMIN.username, ADMIN.password).expect(200)).body;
    const second = (await refresh(first.refreshToken).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await request(server()).get('/api/auth/me').set('authorization', `Bearer ${second.accessToken}`).expect(200);
    // Within the grace window (two tabs, a lost answer) the spent token gives the same new pair.
    const again = (await refresh(first.refreshToken).expect(200)).body;
    expect(again.refreshToken).toBe(second.refreshToken);
    // Later, replaying the used token is treated as theft: it and its successor stop working.
    clock.advance(31_000);
    await refresh(first.refreshToken).expect(401);
    await refresh(second.refreshToken).expect(401);
  });

  it('gives two refreshes of one token at once the same new pair, and keeps the session', async () => {
    const first = (await signIn(ADMIN.username, ADMIN.password).expect(200)).body;
    const answers = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken), refresh(first.refreshToken)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.refreshToken)).size).toBe(1);
    await refresh(answers[0].body.refreshToken as string).expect(200);
    // Only one successor exists for a spent token.
    const spent = createHash('sha256').update(first.refreshToken).digest('hex');
    expect(await db.collection('session_tokens').countDocuments({ parentId: spent })).toBe(1);
  });

  it('ends a session at its absolute lifetime however often it is refreshed, and sweeps expired tokens', async () => {
    let pair = (await signIn(ADMIN.username, ADMIN.password).expect(200)).body;
    // SESSION_MAX_SECONDS is 3600 here: refreshed every 20 minutes, it still ends after an hour.
    for (let i = 0; i < 2; i++) {
      clock.advance(20 * 60_000);
      pair = (await refresh(pair.refreshToken).expect(200)).body;
    }
    clock.advance(20 * 60_000 + 1000);
    const ended = await refresh(pair.refreshToken).expect(401);
    expect(ended.body.message).toMatch(/最长有效期/);
    const stored = await db.collection('session_tokens').findOne({ userId: pair.user.userId, usedAt: null, expiresAt: { $lt: clock.now() } });
    expect(stored).not.toBeNull();
    // A TTL index deletes them on MongoDB; FerretDB has none, and the sweep does it on both.
    await app.get(SessionSweepJob).run();
    expect(await db.collection('session_tokens').countDocuments({ expiresAt: { $lt: clock.now() } })).toBe(0);
  });

  it('locks a username after five failures even when the attempts come at once, known or not, and trims the record', async () => {
    const target = { username: 'parallel-target', password: 'a long enough password 43' };
    const token = (await signIn(ADMIN.username, ADMIN.password)).body.accessToken as string;
    await request(server())
      .post('/api/users')
      .set('authorization', `Bearer ${token}`)
      .send({ ...target, displayName: '并发锁定测试', role: 'ANALYST', scope: { level: 'CITY' } })
      .expect(201);
    for (const username of [target.username, 'nobody-at-all']) {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(username, `wrong password number ${i}`)));
      expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(15);
      const locked = await signIn(username, target.password).expect(429);
      expect(locked.body.message).toMatch(/登录失败次数过多/);
    }
    // The record is the window's attempts only: after it, sign-in works and the username's old attempts are gone…
    clock.advance(15 * 60_000 + 1000);
    await signIn(target.username, target.password).expect(200);
    const keyOf = (username: string) => createHash('sha256').update(`sign-in:${username}`).digest('hex');
    expect(await db.collection('sign_in_attempts').countDocuments({ key: keyOf(target.username) })).toBe(1);
    // … and the sweep deletes those of usernames nobody tried since.
    expect(await db.collection('sign_in_attempts').countDocuments({ key: keyOf('nobody-at-all') })).toBe(5);
    await app.get(SessionSweepJob).run();
    expect(await db.collection('sign_in_attempts').countDocuments({ key: keyOf('nobody-at-all') })).toBe(0);
  });

  it('refuses missing, tampered and foreign tokens with 401', async () => {
    await request(server()).get('/api/auth/me').expect(401);
    const token = (await signIn(ADMIN.username, ADMIN.password)).body.accessToken as string;
    await request(server())
      .get('/api/auth/me')
      .set('authorization', `Bearer ${token.slice(0, -2)}xx`)
      .expect(401);
    // An internal service token is not a user token.
    await request(server()).get('/api/auth/me').set('authorization', bearer()).expect(401);
  });

  it('remembers a verified token no longer than it lives, and refuses a remembered one once its user is disabled or signed out everywhere', async () => {
    const me = (token: string) => request(server()).get('/api/auth/me').set('authorization', `Bearer ${token}`);
    // A token of one second: accepted (and remembered), then refused once it has expired.
    const shortLived = signAccessToken(
      { userId: 'u-short', username: 'short', displayName: 'x', role: 'CITY_ADMIN', scope: { level: 'CITY' }, disabled: false },
      TEST_KEYS.JWT_SECRET,
      1,
    );
    await me(shortLived).expect(200);
    await me(shortLived).expect(200);
    await waitFor(async () => (await me(shortLived)).status === 401, 'the remembered token to be refused once expired', 5000, 50);

    const city = (await signIn(ADMIN.username, ADMIN.password)).body.accessToken as string;
    const worker = {
      username: 'remembered-grid',
      password: 'remembered grid password',
      displayName: '网格员（令牌缓存）',
      role: 'GRID_WORKER',
      scope: { level: 'ZONE', districtId: 'jinxiang', zoneId: 'zone-jx-remembered' },
    };
    const { userId } = (await request(server()).post('/api/users').set('authorization', `Bearer ${city}`).send(worker).expect(201)).body as { userId: string };
    const session = async () => {
      const pair = (await signIn(worker.username, worker.password).expect(200)).body as { accessToken: string; refreshToken: string };
      // Used twice: verified, then answered from what was remembered.
      await me(pair.accessToken).expect(200);
      await me(pair.accessToken).expect(200);
      return pair;
    };

    const disabledSession = await session();
    await request(server()).post(`/api/users/${userId}/disable`).set('authorization', `Bearer ${city}`).expect(200);
    await me(disabledSession.accessToken).expect(401);
    await request(server()).post(`/api/users/${userId}/enable`).set('authorization', `Bearer ${city}`).expect(200);
    // Enabled again: the token from before stays refused; a new sign-in works.
    await me(disabledSession.accessToken).expect(401);

    const revokedSession = await session();
    await request(server()).post(`/api/users/${userId}/sessions/revoke`).set('authorization', `Bearer ${city}`).expect(204);
    await me(revokedSession.accessToken).expect(401);

    // Signing out ends the session's refresh token, as before.
    const signedOut = await session();
    await request(server()).post('/api/auth/sign-out').send({ refreshToken: signedOut.refreshToken }).expect(204);
    await request(server()).post('/api/auth/refresh').send({ refreshToken: signedOut.refreshToken }).expect(401);
  });

  it('lets administrators create users only inside their jurisdiction and only with fitting roles', async () => {
    const city = (await signIn(ADMIN.username, ADMIN.password)).body.accessToken as string;
    const districtAdmin = {
      username: 'rencheng-admin',
      password: 'rencheng district secret',
      displayName: '任城区管理员',
      role: 'DISTRICT_ADMIN',
      scope: { level: 'DISTRICT', districtId: 'rencheng' },
    };
    await request(server()).post('/api/users').set('authorization', `Bearer ${city}`).send(districtAdmin).expect(201);
    await request(server()).post('/api/users').set('authorization', `Bearer ${city}`).send(districtAdmin).expect(409);
    const mismatch = await request(server())
      .post('/api/users')
      .set('authorization', `Bearer ${city}`)
      .send({ ...districtAdmin, username: 'bad-scope', scope: { level: 'CITY' } })
      .expect(422);
    expect(mismatch.body.message).toMatch(/须绑定到 DISTRICT 级辖区/);
    await request(server())
      .post('/api/users')
      .set('authorization', `Bearer ${city}`)
      .send({ ...districtAdmin, username: 'weak', password: 'short' })
      .expect(422);

    const district = (await signIn(districtAdmin.username, districtAdmin.password).expect(200)).body.accessToken as string;
    const worker = {
      username: 'grid-1',
      password: 'grid worker password 1',
      displayName: '网格员一',
      role: 'GRID_WORKER',
      scope: { level: 'ZONE', districtId: 'rencheng', zoneId: 'zone-taibailou' },
    };
    await request(server()).post('/api/users').set('authorization', `Bearer ${district}`).send(worker).expect(201);
    const elsewhere = await request(server())
      .post('/api/users')
      .set('authorization', `Bearer ${district}`)
      .send({ ...worker, username: 'grid-2', scope: { level: 'ZONE', districtId: 'gaoxin', zoneId: 'zone-software-park' } })
      .expect(403);
    expect(elsewhere.body.message).toMatch(/管辖范围/);
    await request(server())
      .post('/api/users')
      .set('authorization', `Bearer ${district}`)
      .send({ ...districtAdmin, username: 'another-district-admin' })
      .expect(403);
    const gridToken = (await signIn(worker.username, worker.password).expect(200)).body.accessToken as string;
    await request(server()).get('/api/users').set('authorization', `Bearer ${gridToken}`).expect(403);
    const listed = await request(server()).get('/api/users').set('authorization', `Bearer ${district}`).expect(200);
    expect(listed.body.map((u: { username: string }) => u.username).sort()).toEqual(['grid-1', 'rencheng-admin']);
    expect(JSON.stringify(listed.body)).not.toMatch(/passwordHash|argon2/);
  });

  it('lists users a page at a time, narrowed by jurisdiction, role, status and a search, and refuses bad filters', async () => {
    const city = (await signIn(ADMIN.username, ADMIN.password)).body.accessToken as string;
    const create = (user: Record<string, unknown>) => request(server()).post('/api/users').set('authorization', `Bearer ${city}`).send(user).expect(201);
    const list = (query: Record<string, string | number>, token = city) => request(server()).get('/api/users').query(query).set('authorization', `Bearer ${token}`);
    const weishan = { level: 'DISTRICT', districtId: 'weishan' };
    await create({ username: 'weishan-admin', password: 'weishan district secret', displayName: '微山县管理员', role: 'DISTRICT_ADMIN', scope: weishan });
    const workers = ['ws-grid-a', 'ws-grid-b', 'ws-grid-c'];
    for (const [i, username] of workers.entries()) {
      await create({
        username,
        password: `weishan grid secret ${i}0`,
        displayName: `微山网格员${i}`,
        role: 'GRID_WORKER',
        scope: { level: 'ZONE', districtId: 'weishan', subDistrictId: 'ws-sd', zoneId: `ws-zone-${i}` },
      });
    }
    const names = (answer: request.Response) => (answer.body as Array<{ username: string }>).map((u) => u.username);

    // Two at a time, by username, to the end.
    const first = await list({ districtId: 'weishan', role: 'GRID_WORKER', limit: 2 }).expect(200);
    expect(names(first)).toEqual(['ws-grid-a', 'ws-grid-b']);
    const second = await list({ districtId: 'weishan', role: 'GRID_WORKER', limit: 2, after: 'ws-grid-b' }).expect(200);
    expect(names(second)).toEqual(['ws-grid-c']);
    expect(names(await list({ zoneId: 'ws-zone-1' }).expect(200))).toEqual(['ws-grid-b']);
    // A search finds a username's beginning or part of a display name, regular-expression characters taken literally.
    expect(names(await list({ q: 'ws-grid' }).expect(200))).toEqual(workers);
    expect(names(await list({ q: '县管理' }).expect(200))).toEqual(['weishan-admin']);
    expect(names(await list({ q: '.*' }).expect(200))).toEqual([]);

    // Disabled accounts are listed apart.
    const [b] = (await list({ q: 'ws-grid-b' }).expect(200)).body as Array<{ userId: string }>;
    await request(server()).post(`/api/users/${b.userId}/disable`).set('authorization', `Bearer ${city}`).expect(200);
    expect(names(await list({ districtId: 'weishan', status: 'DISABLED' }).expect(200))).toEqual(['ws-grid-b']);
    expect(names(await list({ districtId: 'weishan', role: 'GRID_WORKER', status: 'ACTIVE' }).expect(200))).toEqual(['ws-grid-a', 'ws-grid-c']);
    expect(names(await list({ userIds: b.userId }).expect(200))).toEqual(['ws-grid-b']);

    // A district administrator sees their own district, and is told when asking for another.
    const district = (await signIn('weishan-admin', 'weishan district secret').expect(200)).body.accessToken as string;
    expect(names(await list({ q: 'ws-grid' }, district).expect(200))).toEqual(workers);
    expect(names(await list({ q: 'city-admin' }, district).expect(200))).toEqual([]);
    const outside = await list({ districtId: 'rencheng' }, district).expect(403);
    expect(outside.body.message).toMatch(/管辖范围/);

    for (const [query, message] of [
      [{ limit: 0 }, /limit 须为 1 到 500 的整数/],
      [{ status: 'GONE' }, /status 必须是 ACTIVE 或 DISABLED/],
      [{ role: 'KING' }, /role 必须是以下之一/],
      [{ after: 'a b' }, /after 格式不正确/],
      [{ userIds: 'ok,not ok' }, /userIds 格式不正确/],
      [{ sort: 'username' }, /sort/],
    ] as const) {
      const refused = await list(query as Record<string, string | number>).expect(400);
      expect(JSON.stringify(refused.body.message)).toMatch(message);
    }
  });
});
