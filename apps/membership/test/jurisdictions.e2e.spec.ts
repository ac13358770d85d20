import { INestApplication } from '@nestjs/common';
import { Connection } from 'mongoose';
import request from 'supertest';
import { Actor } from '@pb/platform';
import { bearer, startServiceApp, SYSTEM, uniqueName } from '@pb/testing';
import { eventsOf } from './fixtures';
import { MEMBERSHIP } from './membership-app';

describe('membership jurisdictions API (real database and Kafka)', () => {
  let app: INestApplication;
  let db: Connection;
  // Ids unique to this run, so the events read back from the shared topic are ours.
  const city = uniqueName('city');
  const district = uniqueName('dist');
  const otherDistrict = uniqueName('dist');
  const sub = uniqueName('sub');
  const zone = uniqueName('zone');
  const building = uniqueName('bld');
  const server = () => app.getHttpServer();
  const post = (body: object, actor: Actor = SYSTEM) => request(server()).post('/jurisdictions').set('authorization', bearer(actor)).send(body);
  const counts = async () => ({ events: await db.collection('events').countDocuments(), jurisdictions: await db.collection('jurisdictions').countDocuments() });

  const cityAdmin: Actor = { userId: 'ca', role: 'CITY_ADMIN', scope: { level: 'CITY' } };
  const districtAdmin: Actor = { userId: 'da', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: district } };
  const otherDistrictAdmin: Actor = { userId: 'da2', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: otherDistrict } };
  const subDistrictAdmin: Actor = { userId: 'sa', role: 'SUB_DISTRICT_ADMIN', scope: { level: 'SUB_DISTRICT', districtId: district, subDistrictId: sub } };
  const gridWorker: Actor = { userId: 'gw', role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: district, zoneId: zone } };

  beforeAll(async () => {
    ({ app, db } = await startServiceApp(MEMBERSHIP));
  });

  afterAll(async () => {
    await app.close();
  });

  it('registers city → district → sub-district → zone by the roles allowed at each level, and publishes JurisdictionRegistered', async () => {
    await post({ jurisdictionId: city, level: 'CITY', name: '济宁市' }).expect(201);
    await post({ jurisdictionId: district, level: 'DISTRICT', name: '任城区', parentId: city }, cityAdmin).expect(201);
    await post({ jurisdictionId: otherDistrict, level: 'DISTRICT', name: '高新区', parentId: city }, cityAdmin).expect(201);
    await post({ jurisdictionId: sub, level: 'SUB_DISTRICT', name: '阜桥街道', parentId: district }, districtAdmin).expect(201);
    const res = await post({ jurisdictionId: zone, level: 'ZONE', name: '太白楼路商圈', parentId: sub, zoneKind: 'BUSINESS_DISTRICT' }, districtAdmin).expect(201);
    expect(res.body).toMatchObject({ jurisdictionId: zone, districtId: district, subDistrictId: sub, zoneId: zone, surveyed: false, pilot: false });

    const [event] = await eventsOf(zone);
    expect(event).toMatchObject({
      type: 'membership.JurisdictionRegistered.v1',
      subject: zone,
      districtid: district,
      zoneid: zone,
      actorid: 'da',
      data: { jurisdictionId: zone, level: 'ZONE', name: '太白楼路商圈', parentId: sub, districtId: district, subDistrictId: sub, zoneId: zone, zoneKind: 'BUSINESS_DISTRICT' },
    });
    const [cityEvent] = await eventsOf(city);
    expect(cityEvent).toMatchObject({ districtid: '', zoneid: '', data: { level: 'CITY', parentId: null, districtId: null } });
  });

  it.each([
    ['a missing level', { jurisdictionId: 'x1', name: '某区', parentId: 'jining' }, /level 必须是以下之一/],
    ['an unknown zone kind', { jurisdictionId: 'x1', level: 'ZONE', name: '某片区', parentId: 'p', zoneKind: 'MALL' }, /zoneKind 必须是以下之一/],
    ['an id with a slash', { jurisdictionId: 'a/b', level: 'DISTRICT', name: '某区', parentId: 'jining' }, /jurisdictionId 只能包含/],
    ['a missing id', { level: 'DISTRICT', name: '某区', parentId: 'jining' }, /jurisdictionId/],
    ['an object as parent', { jurisdictionId: 'x1', level: 'DISTRICT', name: '某区', parentId: { $ne: null } }, /parentId/],
  ])('rejects %s with 400 and stores nothing', async (_, body, message) => {
    const before = await counts();
    const res = await post(body).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('refuses a parent of the wrong level or unknown (422), a zone without a kind (422) and a taken id (409), storing nothing', async () => {
    const before = await counts();
    const wrong = await post({ jurisdictionId: 'x-zone', level: 'ZONE', name: '片区', parentId: district, zoneKind: 'BUILDING' }).expect(422);
    expect(wrong.body).toMatchObject({ error: 'PARENT_WRONG_LEVEL' });
    expect(wrong.body.message).toMatch(/片区的上级必须是街道/);
    await post({ jurisdictionId: 'x-sub', level: 'SUB_DISTRICT', name: '街道', parentId: 'nowhere' }).expect(422);
    const kindless = await post({ jurisdictionId: 'x-zone', level: 'ZONE', name: '片区', parentId: sub }).expect(422);
    expect(kindless.body.error).toBe('ZONE_KIND_REQUIRED');
    const dup = await post({ jurisdictionId: zone, level: 'ZONE', name: '另一个', parentId: sub, zoneKind: 'BUILDING' }).expect(409);
    expect(dup.body).toMatchObject({ error: 'JURISDICTION_EXISTS' });
    expect(await counts()).toEqual(before);
  });

  it('marks a zone surveyed, then pilot and demonstration site, publishing ZoneDesignated; refuses a pilot before the survey and no-ops', async () => {
    const before = await counts();
    const early = await request(server()).patch(`/jurisdictions/${zone}/designation`).set('authorization', bearer(subDistrictAdmin)).send({ pilot: true }).expect(422);
    expect(early.body.message).toMatch(/须先完成摸排/);
    await request(server()).patch(`/jurisdictions/${sub}/designation`).set('authorization', bearer()).send({ surveyed: true }).expect(422);
    await request(server()).patch(`/jurisdictions/${zone}/designation`).set('authorization', bearer()).send({ pilot: 'yes' }).expect(400);
    expect(await counts()).toEqual(before);

    await request(server()).patch(`/jurisdictions/${zone}/designation`).set('authorization', bearer(subDistrictAdmin)).send({ surveyed: true }).expect(200);
    const res = await request(server())
      .patch(`/jurisdictions/${zone}/designation`)
      .set('authorization', bearer(districtAdmin))
      .send({ pilot: true, demonstration: true, expectedVersion: 2 })
      .expect(200);
    expect(res.body).toMatchObject({ surveyed: true, pilot: true, demonstration: true });
    const again = await request(server()).patch(`/jurisdictions/${zone}/designation`).set('authorization', bearer()).send({ pilot: true }).expect(409);
    expect(again.body.message).toMatch(/当前：摸排 是，试点 是，示范点 是/);
    const stale = await request(server()).patch(`/jurisdictions/${zone}/designation`).set('authorization', bearer()).send({ demonstration: false, expectedVersion: 2 }).expect(409);
    expect(stale.body.error).toBe('CONCURRENT_MODIFICATION');

    const events = await eventsOf(zone, 3);
    expect(events.map((e) => e.type)).toEqual(['membership.JurisdictionRegistered.v1', 'membership.ZoneDesignated.v1', 'membership.ZoneDesignated.v1']);
    expect(events[2].data).toEqual({ zoneId: zone, surveyed: true, pilot: true, demonstration: true });
  });

  it('answers the tree below a jurisdiction and pages the list', async () => {
    await post({ jurisdictionId: building, level: 'ZONE', name: '海能电商园', parentId: sub, zoneKind: 'BUILDING' }).expect(201);
    const res = await request(server()).get(`/jurisdictions/${city}/tree`).set('authorization', bearer()).expect(200);
    expect(res.body.truncated).toBe(false);
    const rencheng = res.body.tree.children.find((c: { jurisdictionId: string }) => c.jurisdictionId === district);
    expect(rencheng.children.map((c: { jurisdictionId: string }) => c.jurisdictionId)).toEqual([sub]);
    expect(rencheng.children[0].children.map((c: { jurisdictionId: string }) => c.jurisdictionId).sort()).toEqual([building, zone].sort());

    const first = await request(server()).get(`/jurisdictions?level=ZONE&limit=1`).set('authorization', bearer()).expect(200);
    expect(first.body).toHaveLength(1);
    const second = await request(server()).get(`/jurisdictions?level=ZONE&limit=1&after=${first.body[0].jurisdictionId}`).set('authorization', bearer()).expect(200);
    expect(second.body).toHaveLength(1);
    expect(second.body[0].jurisdictionId).not.toBe(first.body[0].jurisdictionId);
    await request(server()).get(`/jurisdictions?limit=9999`).set('authorization', bearer()).expect(400);
    await request(server()).get(`/jurisdictions/nowhere`).set('authorization', bearer()).expect(404);
  });

  describe('who may do what', () => {
    it('keeps each level to its registrars and each district admin to their own district (403 with the reason, nothing stored)', async () => {
      const before = await counts();
      const cityByDistrict = await post({ jurisdictionId: 'x-city', level: 'CITY', name: '某市' }, districtAdmin).expect(403);
      expect(cityByDistrict.body.message).toMatch(/DISTRICT_ADMIN 无权登记市/);
      await post({ jurisdictionId: 'x-d', level: 'DISTRICT', name: '某区', parentId: city }, districtAdmin).expect(403);
      const foreign = await post({ jurisdictionId: 'x-s', level: 'SUB_DISTRICT', name: '某街道', parentId: district }, otherDistrictAdmin).expect(403);
      expect(foreign.body.message).toMatch(/不在您的管辖范围内/);
      await post({ jurisdictionId: 'x-z', level: 'ZONE', name: '某片区', parentId: sub, zoneKind: 'BUILDING' }, subDistrictAdmin).expect(403);
      await post({ jurisdictionId: 'x-z', level: 'ZONE', name: '某片区', parentId: sub, zoneKind: 'BUILDING' }, gridWorker).expect(403);
      await request(server()).patch(`/jurisdictions/${zone}/designation`).set('authorization', bearer(otherDistrictAdmin)).send({ demonstration: false }).expect(403);
      await request(server()).patch(`/jurisdictions/${zone}/designation`).set('authorization', bearer(gridWorker)).send({ demonstration: false }).expect(403);
      expect(await counts()).toEqual(before);
      expect((await request(server()).get('/jurisdictions')).status).toBe(401);
    });

    it("limits reads to the caller's jurisdiction", async () => {
      await request(server()).get(`/jurisdictions/${city}`).set('authorization', bearer(districtAdmin)).expect(403);
      await request(server()).get(`/jurisdictions/${sub}/tree`).set('authorization', bearer(otherDistrictAdmin)).expect(403);
      const mine = await request(server()).get('/jurisdictions').set('authorization', bearer(districtAdmin)).expect(200);
      expect(mine.body.length).toBeGreaterThan(0);
      expect(mine.body.every((j: { districtId: string }) => j.districtId === district)).toBe(true);
      const zoneOnly = await request(server()).get('/jurisdictions').set('authorization', bearer(gridWorker)).expect(200);
      expect(zoneOnly.body.map((j: { jurisdictionId: string }) => j.jurisdictionId)).toEqual([zone]);
      await request(server()).get(`/jurisdictions?districtId=${district}`).set('authorization', bearer(otherDistrictAdmin)).expect(403);
    });
  });

  describe('organization tree and per-zone statistics', () => {
    const org = (body: object) =>
      request(server())
        .post('/organizations')
        .set('authorization', bearer())
        .send({ districtId: district, subDistrictId: sub, ...body });

    beforeAll(async () => {
      await org({ organizationId: `${sub}-swc`, name: '阜桥街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE' }).expect(201);
      await org({ organizationId: `${zone}-dc`, name: '太白楼路商圈党委', type: 'DISTRICT_COMMITTEE', parentId: `${sub}-swc`, zoneId: zone }).expect(201);
      await org({ organizationId: `${zone}-gb`, name: '运河城党总支', type: 'GENERAL_BRANCH', parentId: `${zone}-dc`, zoneId: zone }).expect(201);
      await org({ organizationId: `${zone}-b1`, name: '万达党支部', type: 'BRANCH', parentId: `${zone}-dc`, zoneId: zone }).expect(201);
      await org({ organizationId: `${zone}-b2`, name: '运河城物业党支部', type: 'BRANCH', parentId: `${zone}-gb`, zoneId: zone }).expect(201);
      await org({ organizationId: `${building}-jc`, name: '海能电商园联合党委', type: 'JOINT_COMMITTEE', parentId: `${sub}-swc`, zoneId: building }).expect(201);
      await request(server())
        .post('/mass-organizations')
        .set('authorization', bearer())
        .send({ massOrganizationId: `${building}-union`, name: '海能电商园工会', kind: 'UNION', jointCommitteeId: `${building}-jc` })
        .expect(201);
    });

    it('answers the organization tree of a sub-district and of a zone, bounded', async () => {
      const res = await request(server()).get(`/jurisdictions/${sub}/organization-tree`).set('authorization', bearer()).expect(200);
      expect(res.body).toMatchObject({ total: 6, truncated: false });
      expect(res.body.roots.map((r: { organizationId: string }) => r.organizationId)).toEqual([`${sub}-swc`]);
      const swc = res.body.roots[0];
      expect(swc.children.map((c: { organizationId: string }) => c.organizationId).sort()).toEqual([`${building}-jc`, `${zone}-dc`].sort());
      const dc = swc.children.find((c: { organizationId: string }) => c.organizationId === `${zone}-dc`);
      const gb = dc.children.find((c: { organizationId: string }) => c.organizationId === `${zone}-gb`);
      expect(gb.children.map((c: { organizationId: string }) => c.organizationId)).toEqual([`${zone}-b2`]);

      const zoneTree = await request(server()).get(`/jurisdictions/${zone}/organization-tree`).set('authorization', bearer()).expect(200);
      expect(zoneTree.body.total).toBe(4);
      expect(zoneTree.body.roots.map((r: { organizationId: string }) => r.organizationId)).toEqual([`${zone}-dc`]);

      const cut = await request(server()).get(`/jurisdictions/${sub}/organization-tree?limit=2`).set('authorization', bearer()).expect(200);
      expect(cut.body).toMatchObject({ total: 2, truncated: true });
      await request(server()).get(`/jurisdictions/${sub}/organization-tree?limit=5000`).set('authorization', bearer()).expect(400);
      await request(server()).get(`/jurisdictions/${sub}/organization-tree`).set('authorization', bearer(otherDistrictAdmin)).expect(403);
    });

    it('counts organizations per jurisdiction and per zone', async () => {
      const res = await request(server()).get(`/jurisdictions/${sub}/statistics`).set('authorization', bearer(districtAdmin)).expect(200);
      expect(res.body.totals).toMatchObject({
        organizations: 6,
        organizationsByType: { SUB_DISTRICT_WORKING_COMMITTEE: 1, DISTRICT_COMMITTEE: 1, GENERAL_BRANCH: 1, BRANCH: 2, JOINT_COMMITTEE: 1 },
        massOrganizations: 1,
        alliances: 0,
      });
      const byZone = Object.fromEntries(res.body.zones.map((z: { zoneId: string; counts: object }) => [z.zoneId, z]));
      expect(byZone[zone]).toMatchObject({ name: '太白楼路商圈', pilot: true, demonstration: true, counts: { organizations: 4 } });
      expect(byZone[building]).toMatchObject({ zoneKind: 'BUILDING', counts: { organizations: 1, massOrganizations: 1 } });
      expect(res.body.nextAfter).toBeNull();

      const page = await request(server()).get(`/jurisdictions/${sub}/statistics?zoneLimit=1`).set('authorization', bearer()).expect(200);
      expect(page.body.zones).toHaveLength(1);
      expect(page.body.nextAfter).toBe(page.body.zones[0].zoneId);
      const zoneStats = await request(server()).get(`/jurisdictions/${zone}/statistics`).set('authorization', bearer(gridWorker)).expect(200);
      expect(zoneStats.body.totals.organizations).toBe(4);
      await request(server()).get(`/jurisdictions/${sub}/statistics`).set('authorization', bearer(gridWorker)).expect(403);
    });
  });
});
