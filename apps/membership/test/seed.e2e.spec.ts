import { INestApplication } from '@nestjs/common';
import { execFile } from 'child_process';
import { Connection } from 'mongoose';
import path from 'path';
import request from 'supertest';
import { promisify } from 'util';
import { bearer, startServiceApp, SYSTEM } from '@pb/testing';
import { MEMBERSHIP } from './membership-app';

const run = promisify(execFile);
const SEED = path.resolve(__dirname, '../../../scripts/seed/membership.mjs');

/**
 * Runs scripts/seed/membership.mjs in its own node process against this app,
 * with a client that behaves like the seed's gateway client (409 = already there).
 */
async function runSeed(baseUrl: string, token: string, options: Record<string, unknown> = { withMembers: false }): Promise<{ created: number; existing: number }> {
  const code = `
    const { seed } = await import(${JSON.stringify(SEED)});
    const stats = { created: 0, existing: 0 };
    async function call(method, p, body) {
      const res = await fetch(${JSON.stringify(baseUrl)} + p.replace(/^\\/membership/, ''), {
        method, headers: { 'content-type': 'application/json', authorization: ${JSON.stringify(token)} },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.ok) { if (method !== 'GET') stats.created += 1; return text ? JSON.parse(text) : null; }
      if (res.status === 409) { stats.existing += 1; return null; }
      throw new Error(method + ' ' + p + ' -> ' + res.status + ' ' + text.slice(0, 300));
    }
    await seed({ call, log: () => undefined, stats }, ${JSON.stringify(options)});
    console.log(JSON.stringify(stats));
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], { timeout: 120000 });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('membership demo data (scripts/seed/membership.mjs)', () => {
  let app: INestApplication;
  let db: Connection;
  let baseUrl: string;

  beforeAll(async () => {
    ({ app, db } = await startServiceApp(MEMBERSHIP));
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  it("loads the article's jurisdictions, organizations and alliance, and a second run creates nothing", async () => {
    const first = await runSeed(baseUrl, bearer(SYSTEM, 600));
    expect(first.created).toBeGreaterThan(100);
    const events = await db.collection('events').countDocuments();

    const stats = await request(app.getHttpServer()).get('/jurisdictions/zone-taibailou/statistics').set('authorization', bearer()).expect(200);
    expect(stats.body.totals).toMatchObject({ organizations: 25, alliances: 1 });
    expect(stats.body.zones[0]).toMatchObject({ zoneId: 'zone-taibailou', pilot: true, demonstration: true });
    const tree = await request(app.getHttpServer()).get('/jurisdictions/fuqiao/organization-tree').set('authorization', bearer()).expect(200);
    expect(tree.body.roots.map((r: { name: string }) => r.name)).toEqual(['阜桥街道党工委']);
    expect(tree.body.roots[0].children.map((c: { name: string }) => c.name)).toEqual(['太白楼路商圈党委']);
    const alliance = await request(app.getHttpServer()).get('/alliances/alliance-taibailou').set('authorization', bearer()).expect(200);
    expect(alliance.body.departments.map((d: { name: string }) => d.name)).toEqual(['办公室', '党建群团工作部', '志愿者工作部', '法律与调解服务部', '企业服务部']);
    const xianying = await request(app.getHttpServer()).get('/organizations?subDistrictId=xianying').set('authorization', bearer()).expect(200);
    expect(xianying.body.filter((o: { host: { kind: string } | null }) => o.host?.kind === 'TWO_NEW_ORGANIZATION').length).toBeGreaterThanOrEqual(10);
    const park = await request(app.getHttpServer()).get('/organizations?zoneId=zone-software-park&type=JOINT_COMMITTEE').set('authorization', bearer()).expect(200);
    expect(park.body.map((o: { name: string }) => o.name)).toEqual(['济宁软件园联合党委']);
    // 楼宇、综合体 of 太白楼路商圈, with organizations located in them.
    const buildings = await request(app.getHttpServer()).get('/buildings?zoneId=zone-taibailou').set('authorization', bearer()).expect(200);
    expect(buildings.body.map((b: { name: string }) => b.name)).toEqual(expect.arrayContaining(['万达广场', '苏宁广场', '运河城', '贵和购物中心']));
    const wanda = await request(app.getHttpServer()).get('/buildings/bld-tbl-wanda').set('authorization', bearer()).expect(200);
    expect(wanda.body).toMatchObject({ kind: 'COMPLEX', counts: { organizations: 3 } });
    // 党建指导员: registered, assigned and with their 指导记录.
    const instructor = await request(app.getHttpServer()).get('/instructors/ins-fuqiao-01').set('authorization', bearer()).expect(200);
    expect(instructor.body).toMatchObject({ name: '赵国梁', sendingUnit: '任城区委组织部', subDistrictId: 'fuqiao', visits: { count: 3, lastVisitedOn: '2025-03-18' } });
    expect(instructor.body.organizations.map((o: { name: string }) => o.name)).toHaveLength(3);

    const second = await runSeed(baseUrl, bearer(SYSTEM, 600));
    // Only the idempotent term-reminder sweep answers 200 again.
    expect(second.created).toBeLessThanOrEqual(1);
    expect(await db.collection('events').countDocuments()).toBe(events);
  }, 240000);

  it('records floating members directly and takes three people through the pipeline, a second run adding nothing', async () => {
    // A few members per zone: the shape of the article's 804 (382 floating) without their import time.
    const memberSizes = { tbl: { count: 60, floating: 8 }, hn: { count: 4, floating: 1 }, sp: { count: 4, floating: 1 } };
    await runSeed(baseUrl, bearer(SYSTEM, 600), { withMembers: true, memberSizes });
    const floating = await request(app.getHttpServer()).get('/members?zoneId=zone-taibailou&floating=true&limit=200').set('authorization', bearer()).expect(200);
    expect(floating.body.items).toHaveLength(8);
    expect(floating.body.items[0]).toMatchObject({ memberId: 'mem-tbl-0001', isFloating: true, countedIn: { zoneId: 'zone-taibailou', floating: true } });
    // Floating members were never local members: one FloatingMemberRegistered, no import, no check-in.
    const recorded = await db.collection('events').find({ aggregateId: 'mem-tbl-0001' }).toArray();
    expect(recorded.map((e) => e.type)).toEqual(['membership.FloatingMemberRegistered.v1']);
    const local = await request(app.getHttpServer()).get('/members?zoneId=zone-taibailou&floating=false&limit=200').set('authorization', bearer()).expect(200);
    expect(local.body.items.filter((m: { memberId: string }) => /^mem-tbl-\d{4}$/.test(m.memberId))).toHaveLength(52);

    const stageOf = async (memberId: string) => (await request(app.getHttpServer()).get(`/members/${memberId}`).set('authorization', bearer()).expect(200)).body;
    expect(await stageOf('mem-tbl-dev-901')).toMatchObject({ stage: 'FULL', status: 'FULL' });
    const sworn = await stageOf('mem-tbl-dev-902');
    expect(sworn).toMatchObject({ stage: 'PROBATIONARY', development: { oathOn: '2024-11-12' } });
    expect(sworn.development.training).toBeTruthy();
    expect(sworn.development.approval).toBeTruthy();
    expect(await stageOf('mem-tbl-dev-903')).toMatchObject({ stage: 'DEVELOPMENT_TARGET' });
    const steps = await db.collection('events').find({ aggregateId: 'mem-tbl-dev-902' }).sort({ version: 1 }).toArray();
    expect(steps.map((e) => (e.type as string).replace(/^membership\.|\.v1$/g, ''))).toEqual([
      'MembershipApplicationSubmitted',
      'DevelopmentStageAdvanced',
      'DevelopmentStageAdvanced',
      'DevelopmentTrainingCompleted',
      'PoliticalReviewPassed',
      'AdmissionNoticePublished',
      'AdmissionApproved',
      // 接收为预备党员 is the member's registration, as before the steps existed.
      'MemberRegistered',
      'OathTaken',
    ]);

    const events = await db.collection('events').countDocuments();
    await runSeed(baseUrl, bearer(SYSTEM, 600), { withMembers: true, memberSizes });
    expect(await db.collection('events').countDocuments()).toBe(events);
  }, 240000);
});
