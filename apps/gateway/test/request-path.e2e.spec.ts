import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import request from 'supertest';
import { startServiceApp, TEST_KEYS } from '@pb/testing';
import { User } from '../src/domain/user/user';
import { signAccessToken } from '../src/infrastructure/user/user-tokens';
import { ANALYST_REFUSAL, DEPARTMENT_STAFF_REFUSAL } from '../src/interface/http/route-policy';
import { GATEWAY } from './gateway-app';

function tokenFor(user: Partial<User> & Pick<User, 'role' | 'scope'>): string {
  return `Bearer ${signAccessToken({ userId: `u-${randomUUID()}`, username: 'x', displayName: 'x', disabled: false, ...user }, TEST_KEYS.JWT_SECRET, 300)}`;
}

/**
 * The gateway's per-request pipeline on its hottest read (a dashboard served from the shared
 * answer): what a cheaper path must keep doing on every request.
 */
describe('the gateway’s request path on a dashboard read (real database)', () => {
  const city = tokenFor({ role: 'CITY_ADMIN', scope: { level: 'CITY' } });
  let app: INestApplication;
  const get = (path: string, token = city) => request(app.getHttpServer()).get(path).set('authorization', token);

  /** How many requests the latency histogram holds for this method, route and status. */
  const counted = async (route: string, status: number): Promise<number> => {
    const text = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
    const line = text.split('\n').find((l) => l.startsWith(`http_request_duration_seconds_count{method="GET",route="${route}",status="${status}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  beforeAll(async () => {
    app = (await startServiceApp(GATEWAY)).app;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('counts every dashboard request in the HTTP metrics under its route and status, served or refused', async () => {
    const [ok, refused] = [await counted('/api/dashboard', 200), await counted('/api/dashboard', 400)];
    for (let i = 0; i < 3; i++) await get('/api/dashboard?scope=city').expect(200);
    await get('/api/dashboard?scope=city&period=later').expect(400);
    expect(await counted('/api/dashboard', 200)).toBe(ok + 3);
    expect(await counted('/api/dashboard', 400)).toBe(refused + 1);
  });

  it('answers with the caller’s correlation id when well-formed, a new one otherwise', async () => {
    const mine = await get('/api/dashboard?scope=city').set('x-correlation-id', 'rp-corr-1').expect(200);
    expect(mine.headers['x-correlation-id']).toBe('rp-corr-1');
    const other = await get('/api/dashboard?scope=city').set('x-correlation-id', 'bad id\t').expect(200);
    expect(other.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a bad query with the same 400 before and after the valid one was remembered', async () => {
    const before = await get('/api/dashboard?scope=city&period=2026-13').expect(400);
    for (let i = 0; i < 3; i++) await get('/api/dashboard?scope=city&period=2026').expect(200);
    const after = await get('/api/dashboard?scope=city&period=2026-13').expect(400);
    expect(after.body.message).toEqual(before.body.message);
    expect(JSON.stringify(after.body.message)).toContain('period');
    await get('/api/dashboard?scope=city&period=2026&extra=1').expect(400);
  });

  it('checks authentication, jurisdiction and the route policy by role on every request', async () => {
    await get('/api/dashboard?scope=city').expect(200);
    await request(app.getHttpServer()).get('/api/dashboard?scope=city').expect(401);
    await get('/api/dashboard?scope=city', 'Bearer not-a-token').expect(401);
    const district = tokenFor({ role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: 'rp-district' } });
    expect((await get('/api/dashboard?scope=city', district).expect(403)).body.message).toContain('管辖范围');
    // Analysts reach the dashboards, not the timeline; department staff neither.
    const analyst = tokenFor({ role: 'ANALYST', scope: { level: 'CITY' } });
    await get('/api/dashboard?scope=city', analyst).expect(200);
    expect((await get('/api/timeline?scope=city', analyst).expect(403)).body.message).toBe(ANALYST_REFUSAL);
    const staff = tokenFor({ role: 'DEPARTMENT_STAFF', scope: { level: 'CITY' }, departmentId: 'rp-department' });
    expect((await get('/api/dashboard?scope=city', staff).expect(403)).body.message).toBe(DEPARTMENT_STAFF_REFUSAL);
  });
});
