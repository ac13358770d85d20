import { execFile } from 'child_process';
import { promisify } from 'util';
import path from 'path';
import { pathToFileURL } from 'url';
import request from 'supertest';
import { bearer, TestApp } from '@pb/testing';
import { eventCount, startGovernance } from './fixtures';

/**
 * Runs scripts/seed/governance.mjs in its own node process (it is an ES module), against the
 * app listening on a port; `call` behaves like the seed client (409 → null), minus the gateway
 * prefix /api/governance.
 */
async function runSeed(url: string, token: string, reviewerToken: string): Promise<{ created: number; existing: number }> {
  const runner = `
    const { seed } = await import(${JSON.stringify(pathToFileURL(path.resolve(__dirname, '../../../scripts/seed/governance.mjs')).href)});
    const stats = { created: 0, existing: 0 };
    const callAs = (token) => async (method, route, body) => {
      const res = await fetch(process.env.APP_URL + route.slice('/governance'.length), { method, headers: { 'content-type': 'application/json', authorization: token }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      if (res.status === 409) { stats.existing += 1; return null; }
      if (!res.ok) throw new Error(method + ' ' + route + ' -> ' + res.status + ': ' + text);
      stats.created += 1;
      return text ? JSON.parse(text) : null;
    };
    await seed({ call: callAs(process.env.TOKEN), review: callAs(process.env.REVIEWER_TOKEN), log: () => undefined });
    process.stdout.write(JSON.stringify(stats));
  `;
  const { stdout: out } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', runner], {
    env: { ...process.env, APP_URL: url, TOKEN: token, REVIEWER_TOKEN: reviewerToken },
    encoding: 'utf8',
    timeout: 280_000,
  });
  return JSON.parse(out) as { created: number; existing: number };
}

describe('governance demo data', () => {
  let t: TestApp;
  let url: string;
  let stats: { created: number; existing: number };

  beforeAll(async () => {
    t = await startGovernance();
    await t.app.listen(0, '127.0.0.1');
    url = await t.app.getUrl();
    // What membership's seed announces: 太白楼路商圈 in 阜桥街道, 任城区 (written straight into the view, not onto the shared topic).
    await t.db.collection('membership_jurisdictions').insertOne({
      _id: 'zone-taibailou',
      level: 'ZONE',
      name: '太白楼路商圈',
      parentId: 'fuqiao',
      districtId: 'rencheng',
      subDistrictId: 'fuqiao',
      zoneId: 'zone-taibailou',
      zoneKind: 'BUSINESS_DISTRICT',
      version: 1,
    } as never);
    // … and its buildings and complexes.
    const place = { districtId: 'rencheng', subDistrictId: 'fuqiao', zoneId: 'zone-taibailou', version: 1 };
    await t.db.collection('membership_buildings').insertMany(
      [
        ['bld-tbl-wanda', '万达广场'],
        ['bld-tbl-suning', '苏宁广场'],
        ['bld-tbl-yunhecheng', '运河城'],
        ['bld-tbl-guihe', '贵和购物中心'],
      ].map(([_id, name]) => ({ _id, name, kind: 'COMPLEX', ...place })) as never[],
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  const load = async () => {
    // Two people, as `npm run seed` signs in: the administrator who reports the cases, and the reviewer who verifies and rates them.
    stats = await runSeed(
      url,
      bearer({ userId: 'demo-seed', role: 'CITY_ADMIN', scope: { level: 'CITY' } }, 600),
      bearer({ userId: 'demo-reviewer', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: 'rencheng' } }, 600),
    );
  };

  it('creates the committee, grids, workers and cases in every state, and nothing twice on a second run', async () => {
    await load();
    expect(stats.created).toBeGreaterThan(50);
    const s = t.app.getHttpServer();
    const committee = await request(s).get('/committees/committee-yunhecheng').set('authorization', bearer()).expect(200);
    expect(committee.body).toMatchObject({ name: '运河城共治委员会', zoneId: 'zone-taibailou' });
    expect(new Set(committee.body.members.map((m: { party: string }) => m.party))).toEqual(new Set(['PROPERTY', 'MERCHANT', 'RESIDENT', 'DEPARTMENT', 'PARTY_ORGANIZATION']));
    expect((await request(s).get('/committees/committee-yunhecheng/meetings').set('authorization', bearer()).expect(200)).body).toHaveLength(2);
    const workers = await request(s).get('/grid-workers?zoneId=zone-taibailou').set('authorization', bearer()).expect(200);
    expect(workers.body.items).toHaveLength(4);
    const cases = await request(s).get('/cases?zoneId=zone-taibailou&limit=200').set('authorization', bearer()).expect(200);
    expect(new Set(cases.body.items.map((c: { status: string }) => c.status))).toEqual(
      new Set(['REPORTED', 'ACCEPTED', 'REJECTED', 'DUPLICATE', 'DISPATCHED', 'RETURNED', 'HANDLED', 'REWORK', 'VERIFIED', 'CLOSED', 'RATED', 'ON_HOLD']),
    );

    const inGuihe = await request(s).get('/grids?buildingId=bld-tbl-guihe').set('authorization', bearer()).expect(200);
    expect(inGuihe.body).toEqual([expect.objectContaining({ gridId: 'grid-taibailou-suning', buildingIds: ['bld-tbl-suning', 'bld-tbl-guihe'] })]);

    const before = await eventCount(t);
    await load();
    expect(stats.created).toBe(0);
    expect(await eventCount(t)).toBe(before);
  }, 300_000);
});
