import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import request from 'supertest';
import { CONTEXT_TOPICS, EventEnvelope, JurisdictionRegistered, OrganizationRegistered } from '@pb/contracts';
import { KafkaEventTransport } from '@pb/messaging';
import { Actor, createServiceApp, loadConfig, ManualClock } from '@pb/platform';
import { bearer, envelopeOf, infraEnv, publishEnvelopes, uniqueName, waitFor } from '@pb/testing';
import { GovernanceConfig } from '../src/governance.config';
import { GovernanceModule } from '../src/governance.module';

export interface TestApp {
  app: INestApplication;
  db: Connection;
  clock: ManualClock;
  server: () => ReturnType<INestApplication['getHttpServer']>;
  close: () => Promise<void>;
}

/** The governance app on the real database and broker, with a hand-moved clock and no sweep timer. */
export async function startGovernance(): Promise<TestApp> {
  const clock = new ManualClock(new Date('2024-03-01T08:00:00.000Z'));
  const config = loadConfig(
    GovernanceConfig,
    { ...infraEnv(), LOG_LEVEL: 'warn', KAFKA_GROUP_ID: uniqueName('governance-test'), SCHEDULE_OVERDUE_CASES: 'off' },
    { PORT: 3003, MONGODB_DATABASE: uniqueName('t_governance') },
  );
  const app = await createServiceApp(GovernanceModule.register(config, { clock }), { title: 'test', consumer: (a) => a.get(KafkaEventTransport) });
  await app.init();
  await app.startAllMicroservices();
  const db = app.get<Connection>(getConnectionToken());
  return {
    app,
    db,
    clock,
    server: () => app.getHttpServer(),
    close: async () => {
      await app.close();
    },
  };
}

/** A jurisdiction tree of the test's own, announced the way membership would. */
export interface World {
  cityId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  otherZoneId: string;
  otherDistrictId: string;
  otherDistrictZoneId: string;
  organizationId: string;
}

export function newWorld(): World {
  const tag = uniqueName('w');
  return {
    cityId: `city-${tag}`,
    districtId: `rencheng-${tag}`,
    subDistrictId: `fuqiao-${tag}`,
    zoneId: `zone-taibailou-${tag}`,
    otherZoneId: `zone-other-${tag}`,
    otherDistrictId: `other-${tag}`,
    otherDistrictZoneId: `zone-far-${tag}`,
    organizationId: `org-${tag}`,
  };
}

function jurisdiction(id: string, level: 'CITY' | 'DISTRICT' | 'SUB_DISTRICT' | 'ZONE', parentId: string | null, districtId: string | null, subDistrictId: string | null, name: string): EventEnvelope {
  return envelopeOf(
    JurisdictionRegistered,
    { jurisdictionId: id, level, name, parentId, districtId, subDistrictId, zoneId: level === 'ZONE' ? id : null, zoneKind: level === 'ZONE' ? 'BUSINESS_DISTRICT' : null },
    { aggregateId: id, version: 1, districtId: districtId ?? '', zoneId: level === 'ZONE' ? id : '' },
  );
}

export async function announceWorld(t: TestApp, w: World): Promise<void> {
  await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, [
    jurisdiction(w.cityId, 'CITY', null, null, null, '济宁市'),
    jurisdiction(w.districtId, 'DISTRICT', w.cityId, w.districtId, null, '任城区'),
    jurisdiction(w.subDistrictId, 'SUB_DISTRICT', w.districtId, w.districtId, w.subDistrictId, '阜桥街道'),
    jurisdiction(w.zoneId, 'ZONE', w.subDistrictId, w.districtId, w.subDistrictId, '太白楼路商圈'),
    jurisdiction(w.otherZoneId, 'ZONE', w.subDistrictId, w.districtId, w.subDistrictId, '另一商圈'),
    jurisdiction(w.otherDistrictId, 'DISTRICT', w.cityId, w.otherDistrictId, null, '高新区'),
    jurisdiction(w.otherDistrictZoneId, 'ZONE', `${w.otherDistrictId}-sd`, w.otherDistrictId, `${w.otherDistrictId}-sd`, '济宁软件园'),
    envelopeOf(
      OrganizationRegistered,
      { organizationId: w.organizationId, name: '太白楼路商圈党委', type: 'DISTRICT_COMMITTEE', parentId: null, districtId: w.districtId, subDistrictId: w.subDistrictId, zoneId: w.zoneId, host: null },
      { aggregateId: w.organizationId, version: 1, districtId: w.districtId, zoneId: w.zoneId },
    ),
  ]);
  await waitFor(async () => (await t.db.collection('membership_jurisdictions').countDocuments({ _id: { $in: [w.zoneId, w.otherZoneId, w.otherDistrictZoneId, w.districtId] } } as never)) === 4 && (await t.db.collection('membership_organizations').countDocuments({ _id: w.organizationId } as never)) === 1, 'membership events to be consumed', 90000);
}

export const actors = (w: World) => ({
  districtAdmin: { userId: 'da-1', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: w.districtId } } as Actor,
  otherDistrictAdmin: { userId: 'da-2', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: w.otherDistrictId } } as Actor,
  worker: { userId: `gw-a-${w.zoneId}`, role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: w.districtId, zoneId: w.zoneId } } as Actor,
  worker2: { userId: `gw-b-${w.zoneId}`, role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: w.districtId, zoneId: w.zoneId } } as Actor,
  otherZoneWorker: { userId: `gw-c-${w.zoneId}`, role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: w.districtId, zoneId: w.otherZoneId } } as Actor,
  analyst: { userId: 'an-1', role: 'ANALYST', scope: { level: 'CITY' } } as Actor,
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
  const s = t.server();
  const auth = bearer();
  const gridId = `grid-${w.zoneId}`;
  const otherZoneGridId = `grid-${w.otherZoneId}`;
  await request(s).post('/grids').set('authorization', auth).send({ gridId, name: '运河城网格', zoneId: w.zoneId }).expect(201);
  await request(s).post('/grids').set('authorization', auth).send({ gridId: otherZoneGridId, name: '另一网格', zoneId: w.otherZoneId }).expect(201);
  for (const [worker, zoneId, grid] of [
    [a.worker, w.zoneId, gridId],
    [a.worker2, w.zoneId, gridId],
    [a.otherZoneWorker, w.otherZoneId, otherZoneGridId],
  ] as const) {
    await request(s).post('/grid-workers').set('authorization', auth).send({ workerId: worker.userId, name: '李晓梅', zoneId }).expect(201);
    await request(s).post(`/grid-workers/${worker.userId}/grids`).set('authorization', auth).send({ gridId: grid }).expect(200);
  }
  const departmentId = `dept-scjg-${w.districtId}`;
  const department2Id = `dept-cg-${w.districtId}`;
  await request(s).post('/departments').set('authorization', auth).send({ departmentId, name: '任城区市场监督管理局', kind: 'MARKET_REGULATION', districtId: w.districtId }).expect(201);
  await request(s).post('/departments').set('authorization', auth).send({ departmentId: department2Id, name: '任城区城市管理局', kind: 'URBAN_MANAGEMENT', districtId: w.districtId }).expect(201);
  return { gridId, otherZoneGridId, departmentId, department2Id };
}

export const eventCount = (t: TestApp) => t.db.collection('events').countDocuments();
