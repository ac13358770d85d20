import request from 'supertest';
import { CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { announce, bearer, buildingRegistered, infraEnv, readTopic, uniqueName } from '@pb/testing';
import { eventCount, GovernanceWithGrids, startGovernanceWithGrids } from './fixtures';

/** 网格覆盖楼宇: a grid names the registered buildings of its zone it covers; grids are listed by building. */
describe('grids covering buildings (real database and Kafka)', () => {
  let { t, w, a, f } = {} as GovernanceWithGrids;
  const tower = uniqueName('bld-tower');
  const mall = uniqueName('bld-mall');
  const nextDoor = uniqueName('bld-next-door');
  const server = () => t.app.getHttpServer();
  const setBuildings = (gridId: string, body: Record<string, unknown>, actor = a.districtAdmin) =>
    request(server()).put(`/grids/${gridId}/buildings`).set('authorization', bearer(actor)).send(body);
  const gridsIn = async (buildingId: string, actor = a.districtAdmin) =>
    ((await request(server()).get(`/grids?buildingId=${buildingId}`).set('authorization', bearer(actor)).expect(200)).body as { gridId: string }[]).map((g) => g.gridId);

  beforeAll(async () => {
    ({ t, w, a, f } = await startGovernanceWithGrids());
    const zone = { districtId: w.districtId, subDistrictId: w.subDistrictId, zoneId: w.zoneId };
    await announce(t.db, [
      buildingRegistered(tower, zone, '运河城大厦'),
      buildingRegistered(mall, zone, '运河城购物中心', 'COMPLEX'),
      buildingRegistered(nextDoor, { ...zone, zoneId: w.otherZoneId }, '隔壁大厦'),
    ]);
  });
  afterAll(async () => t?.close());

  it('sets the buildings a grid covers, publishes GridBuildingsSet and lists the grids of a building', async () => {
    const set = await setBuildings(f.gridId, { buildingIds: [tower, mall], expectedVersion: 1 }).expect(200);
    expect(set.body).toMatchObject({ gridId: f.gridId, buildingIds: [tower, mall] });
    expect((await request(server()).get(`/grids/${f.gridId}`).set('authorization', bearer(a.worker)).expect(200)).body).toMatchObject({ buildingIds: [tower, mall], version: 2 });
    expect(await gridsIn(tower)).toEqual([f.gridId]);
    expect(await gridsIn(mall, a.worker)).toEqual([f.gridId]);

    const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, (m) =>
      m.some((x) => x.key === f.gridId && (JSON.parse(x.value!) as EventEnvelope).type === 'governance.GridBuildingsSet.v1'),
    );
    const event = messages.map((m) => JSON.parse(m.value!) as EventEnvelope).find((e) => e.subject === f.gridId && e.type === 'governance.GridBuildingsSet.v1')!;
    expect(event).toMatchObject({ aggregateversion: 2, zoneid: w.zoneId, data: { gridId: f.gridId, buildingIds: [tower, mall] } });

    // The whole list each time: the tower left, the grid is no longer listed for it.
    await setBuildings(f.gridId, { buildingIds: [mall] }).expect(200);
    expect(await gridsIn(tower)).toEqual([]);
    expect(await gridsIn(mall)).toEqual([f.gridId]);
    // A second grid of the zone covers the mall too.
    const second = await request(server()).post('/grids').set('authorization', bearer(a.districtAdmin)).send({ name: '购物中心网格', zoneId: w.zoneId }).expect(201);
    expect(second.body.buildingIds).toEqual([]);
    await setBuildings(second.body.gridId, { buildingIds: [mall] }).expect(200);
    expect((await gridsIn(mall)).sort()).toEqual([f.gridId, second.body.gridId].sort());
  });

  it('refuses a building of another zone or an unknown one (422), malformed ids (400), an unchanged list and a stale version (409), naming the field, and changes nothing', async () => {
    const before = await eventCount(t);
    const otherZone = await setBuildings(f.gridId, { buildingIds: [mall, nextDoor] }).expect(422);
    expect(otherZone.body).toMatchObject({ error: 'BUILDING_IN_OTHER_ZONE' });
    expect(otherZone.body.message).toMatch(/^buildingIds：楼宇隔壁大厦属于片区/);
    const unknown = await setBuildings(f.gridId, { buildingIds: ['bld-nowhere'] }).expect(422);
    expect(unknown.body).toMatchObject({ error: 'BUILDING_NOT_FOUND' });
    expect(unknown.body.message).toMatch(/^buildingIds：楼宇 bld-nowhere 未登记/);
    const malformed = await setBuildings(f.gridId, { buildingIds: ['bad id'] }).expect(400);
    expect(JSON.stringify(malformed.body.message)).toMatch(/buildingIds 的每一项须为楼宇编号/);
    const notArray = await setBuildings(f.gridId, { buildingIds: mall }).expect(400);
    expect(JSON.stringify(notArray.body.message)).toMatch(/buildingIds 须为楼宇编号的数组/);
    expect((await setBuildings(f.gridId, { buildingIds: [mall] }).expect(409)).body.error).toBe('BUILDINGS_UNCHANGED');
    expect((await setBuildings(f.gridId, { buildingIds: [tower], expectedVersion: 1 }).expect(409)).body.error).toBe('CONCURRENT_MODIFICATION');
    await setBuildings('grid-nowhere', { buildingIds: [tower] }).expect(404);
    await request(server()).get('/grids?buildingId=bad%20id').set('authorization', bearer()).expect(400);
    expect(await eventCount(t)).toBe(before);
  });

  it('keeps a grid’s buildings to administrators of its jurisdiction', async () => {
    const before = await eventCount(t);
    await setBuildings(f.gridId, { buildingIds: [tower] }, a.worker).expect(403);
    await setBuildings(f.gridId, { buildingIds: [tower] }, a.otherDistrictAdmin).expect(403);
    expect(await gridsIn(mall, a.otherDistrictAdmin)).toEqual([]);
    expect(await eventCount(t)).toBe(before);
  });
});
