import { execFile } from 'child_process';
import path from 'path';
import { pathToFileURL } from 'url';
import { promisify } from 'util';
import request from 'supertest';
import { bearer, REPO_ROOT, startServiceApp, SYSTEM, TestApp } from '@pb/testing';
import { creditCodeProblem } from '../src/domain/enterprise/credit-code';
import { ENTERPRISE } from './enterprise-app';

/**
 * The demo seed, run by node as `npm run seed` runs it, against the real app
 * listening on a port: the `/enterprise` prefix the gateway routes on is
 * stripped, and conflicts count as "already there", as the seed client does.
 * The zones are written into the app's view directly rather than published,
 * so this test does not announce demo zones on the shared membership topic.
 */
describe('enterprise demo seed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startServiceApp(ENTERPRISE, { fromEnd: true });
    await t.db.collection('membership_jurisdictions').insertMany([
      { _id: 'rencheng', level: 'DISTRICT', name: '任城区', districtId: 'rencheng', subDistrictId: null, zoneId: null, version: 1 },
      { _id: 'gaoxin', level: 'DISTRICT', name: '高新区', districtId: 'gaoxin', subDistrictId: null, zoneId: null, version: 1 },
      { _id: 'zone-haineng', level: 'ZONE', name: '海能电商园', districtId: 'rencheng', subDistrictId: 'xianying', zoneId: 'zone-haineng', version: 1 },
      { _id: 'zone-software-park', level: 'ZONE', name: '济宁软件园', districtId: 'gaoxin', subDistrictId: 'gaoxin-huangtun', zoneId: 'zone-software-park', version: 1 },
      { _id: 'zone-taibailou', level: 'ZONE', name: '太白楼路商圈', districtId: 'rencheng', subDistrictId: 'fuqiao', zoneId: 'zone-taibailou', version: 1 },
    ] as never[]);
    // 太白楼路商圈's buildings, as membership's seed registers them.
    const place = { districtId: 'rencheng', subDistrictId: 'fuqiao', zoneId: 'zone-taibailou', version: 1 };
    await t.db.collection('membership_buildings').insertMany([
      { _id: 'bld-tbl-wanda', name: '万达广场', kind: 'COMPLEX', ...place },
      { _id: 'bld-tbl-suning', name: '苏宁广场', kind: 'COMPLEX', ...place },
      { _id: 'bld-tbl-yunhecheng', name: '运河城', kind: 'COMPLEX', ...place },
      { _id: 'bld-tbl-guihe', name: '贵和购物中心', kind: 'COMPLEX', ...place },
      { _id: 'bld-tbl-taibailou-mall', name: '太白楼商厦', kind: 'BUILDING', ...place },
    ] as never[]);
  });

  afterAll(async () => t.close());

  /** Runs the seed module in a node process of its own (jest cannot load .mjs) and returns what it created. */
  async function runSeed(url: string): Promise<{ created: number; existing: number }> {
    const script = `
      const { seed } = await import(${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'scripts/seed/enterprise.mjs')).href)});
      const stats = { created: 0, existing: 0 };
      async function call(method, p, body) {
        const res = await fetch(process.env.URL + p.replace(/^\\/enterprise/, ''), {
          method, headers: { 'content-type': 'application/json', authorization: process.env.TOKEN }, body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (res.status === 409) { stats.existing++; return null; }
        if (!res.ok) throw new Error(method + ' ' + p + ' -> ' + res.status + ': ' + text.slice(0, 300));
        stats.created++;
        return text ? JSON.parse(text) : null;
      }
      await seed({ call, log: () => undefined });
      process.stdout.write(JSON.stringify(stats));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, URL: url, TOKEN: bearer(SYSTEM, 600) },
      maxBuffer: 1024 * 1024,
    });
    return JSON.parse(stdout) as { created: number; existing: number };
  }

  it('loads 海能电商园 with ~200 enterprises and 2000+ graduates, the service days, the software park and 太白楼路商圈’s enterprises in its buildings, and creates nothing on a second run', async () => {
    await t.app.listen(0, '127.0.0.1');
    const url = await t.app.getUrl();
    const first = await runSeed(url);
    expect(first.created).toBeGreaterThan(200);
    const figures = await request(t.app.getHttpServer()).get('/zones/zone-haineng/figures').set('authorization', bearer()).expect(200);
    expect(figures.body.enterprises).toBe(200);
    expect(figures.body.graduatesEmployed).toBeGreaterThanOrEqual(2000);
    expect(figures.body.financingGranted).toBe(3_300_000);
    const codes = (
      await t.db
        .collection('enterprises')
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map((d) => String(d._id));
    expect(codes.every((c) => creditCodeProblem(c) === null)).toBe(true);
    const departments = (await t.db.collection('service_days').find().toArray()).map((d) => d.department).sort();
    expect(departments).toEqual(['FINANCE', 'JUSTICE', 'MARKET_REGULATION', 'TAX']);
    const spaces = (await t.db.collection('maker_spaces').find().toArray()).map((d) => d.name).sort();
    expect(spaces).toEqual(['UP咖啡', '互联网应用学院', '止一创新实验室'].sort());
    expect(await t.db.collection('mentors').countDocuments({ zoneId: 'zone-software-park' })).toBeGreaterThanOrEqual(5);
    // 太白楼路商圈's enterprises are in its buildings, named after them.
    const inWanda = await request(t.app.getHttpServer()).get('/enterprises?buildingId=bld-tbl-wanda').set('authorization', bearer()).expect(200);
    expect(inWanda.body.items.map((e: { name: string; building: string }) => [e.name, e.building])).toEqual([
      ['济宁万达广场商业管理有限公司', '万达广场'],
      ['济宁万达物业服务有限公司', '万达广场'],
    ]);

    const events = await t.db.collection('events').countDocuments();
    const second = await runSeed(url);
    expect(await t.db.collection('events').countDocuments()).toBe(events);
    // Only the policy matching runs answer 200 again (and push nothing new).
    expect(second.created).toBe(2);
  }, 900000);
});
