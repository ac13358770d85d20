import { INestApplication } from '@nestjs/common';
import { Connection } from 'mongoose';
import request from 'supertest';
import { bearer, startServiceApp } from '@pb/testing';
import { GATEWAY } from './gateway-app';

const ADMIN = { username: 'city-admin', password: 'correct horse battery staple' };

describe('gateway sign-in, tokens and users (real database)', () => {
  let app: INestApplication;
  let db: Connection;
  const server = () => app.getHttpServer();

  beforeAll(async () => {
    ({ app, db } = await startServiceApp(GATEWAY, { env: { FIRST_ADMIN_USERNAME: ADMIN.username, FIRST_ADMIN_PASSWORD: ADMIN.password } }));
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

  it('rotates refresh tokens and revokes the family when an old one is replayed', async () => {
    const first = (await signIn(ADMIN.username, ADMIN.password).expect(200)).body;
    const second = (await request(server()).post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await request(server()).get('/api/auth/me').set('authorization', `Bearer ${second.accessToken}`).expect(200);
    // Replaying the used token is treated as theft: it and its successor stop working.
    await request(server()).post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await request(server()).post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
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
});
