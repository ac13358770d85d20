import { Actor, ManualClock } from '@pb/platform';
import { announceWorld, bearer, newWorld, startServiceApp, TestApp, World } from '@pb/testing';
import { GOVERNANCE } from './governance-app';

/** The governance app with a hand-moved clock (its sweep's schedule off: tests sweep by hand). */
export const startGovernance = () => startServiceApp(GOVERNANCE, { clock: new ManualClock(new Date('2024-03-01T08:00:00.000Z')) });

/** The people every governance test acts as, placed in the test's world. */
export const actors = (w: World) => ({
  districtAdmin: { userId: 'da-1', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: w.districtId } } as Actor,
  otherDistrictAdmin: { userId: 'da-2', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: w.otherDistrictId } } as Actor,
  worker: { userId: `gw-a-${w.zoneId}`, role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: w.districtId, zoneId: w.zoneId } } as Actor,
  worker2: { userId: `gw-b-${w.zoneId}`, role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: w.districtId, zoneId: w.zoneId } } as Actor,
  otherZoneWorker: { userId: `gw-c-${w.zoneId}`, role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: w.districtId, zoneId: w.otherZoneId } } as Actor,
  analyst: { userId: 'an-1', role: 'ANALYST', scope: { level: 'CITY' } } as Actor,
  /** The secretary of the world's organization, which cases may be dispatched to. */
  secretary: { userId: `sec-${w.zoneId}`, role: 'ORG_SECRETARY', organizationId: w.organizationId, scope: { level: 'ZONE', districtId: w.districtId, zoneId: w.zoneId } } as Actor,
});

/** Grids, workers and departments every case test needs. */
export interface Fixture {
  gridId: string;
  otherZoneGridId: string;
  departmentId: string;
  department2Id: string;
}

export async function setUpGrids(t: TestApp, w: World): Promise<Fixture> {
  const a = actors(w);
  const auth = bearer();
  const gridId = `grid-${w.zoneId}`;
  const otherZoneGridId = `grid-${w.otherZoneId}`;
  await t.http().post('/grids').set('authorization', auth).send({ gridId, name: '运河城网格', zoneId: w.zoneId }).expect(201);
  await t.http().post('/grids').set('authorization', auth).send({ gridId: otherZoneGridId, name: '另一网格', zoneId: w.otherZoneId }).expect(201);
  for (const [worker, zoneId, grid] of [
    [a.worker, w.zoneId, gridId],
    [a.worker2, w.zoneId, gridId],
    [a.otherZoneWorker, w.otherZoneId, otherZoneGridId],
  ] as const) {
    await t.http().post('/grid-workers').set('authorization', auth).send({ workerId: worker.userId, name: '李晓梅', zoneId }).expect(201);
    await t.http().post(`/grid-workers/${worker.userId}/grids`).set('authorization', auth).send({ gridId: grid }).expect(200);
  }
  const departmentId = `dept-scjg-${w.districtId}`;
  const department2Id = `dept-cg-${w.districtId}`;
  await t.http().post('/departments').set('authorization', auth).send({ departmentId, name: '任城区市场监督管理局', kind: 'MARKET_REGULATION', districtId: w.districtId }).expect(201);
  await t
    .http()
    .post('/departments')
    .set('authorization', auth)
    .send({ departmentId: department2Id, name: '任城区城市管理局', kind: 'URBAN_MANAGEMENT', districtId: w.districtId })
    .expect(201);
  return { gridId, otherZoneGridId, departmentId, department2Id };
}

export const eventCount = (t: TestApp) => t.db.collection('events').countDocuments();

/** The app (`t`), the test's world (`w`), the people acting in it (`a`) and its grids, workers and departments (`f`). */
export interface GovernanceWithGrids {
  t: TestApp<ManualClock>;
  w: World;
  a: ReturnType<typeof actors>;
  f: Fixture;
}

/** The governance app, a world of the test's own announced to it, and the grids, workers and departments in it. */
export async function startGovernanceWithGrids(): Promise<GovernanceWithGrids> {
  const t = await startGovernance();
  const w = newWorld();
  await announceWorld(t.db, w);
  return { t, w, a: actors(w), f: await setUpGrids(t, w) };
}
