import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import request from 'supertest';
import { Actor, Clock, createServiceApp, loadConfig, ManualClock } from '@pb/platform';
import { bearer, infraEnv, uniqueName } from '@pb/testing';
import { MembershipConfig } from '../src/membership.config';
import { MembershipModule } from '../src/membership.module';
import { TEST_DATA_KEY } from './member-fixtures';

export interface MemberTestApp {
  app: INestApplication;
  db: Connection;
  clock: ManualClock;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** The membership app as production builds it, on a database of its own, with a hand-set clock. */
export async function startMemberApp(now = '2026-06-01T02:00:00Z'): Promise<MemberTestApp> {
  const config = loadConfig(
    MembershipConfig,
    { ...infraEnv(), LOG_LEVEL: 'warn', MEMBERSHIP_DATA_KEY: TEST_DATA_KEY, KAFKA_GROUP_ID: uniqueName('membership-test'), SCHEDULE_TERM_REMINDERS: 'off' },
    { PORT: 3001, MONGODB_DATABASE: uniqueName('t_members') },
  );
  const app = await createServiceApp(MembershipModule.register(config), { title: 'test' });
  await app.init();
  const clock = new ManualClock(new Date(now));
  // The app's one Clock instance, steered by the test: deadlines move with the clock, no sleeping.
  jest.spyOn(app.get(Clock), 'now').mockImplementation(() => clock.now());
  const db = app.get<Connection>(getConnectionToken());
  return {
    app,
    db,
    clock,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
    },
  };
}

export const auth = (actor?: Actor) => bearer(actor);

const committees = new Map<string, Promise<string>>();

/**
 * Registers an organization through the organizations API (the other half of
 * this service). Branches without a parent get their zone's 商圈党委 as parent.
 */
export async function createOrganization(t: MemberTestApp, body: Record<string, unknown>): Promise<string> {
  if (['BRANCH', 'JOINT_BRANCH', 'GENERAL_BRANCH'].includes(body.type as string) && body.parentId === undefined && body.zoneId) {
    const key = `${t.db.name}/${body.zoneId as string}`;
    if (!committees.has(key)) {
      committees.set(key, createOrganization(t, { districtId: body.districtId, subDistrictId: body.subDistrictId, zoneId: body.zoneId, name: '商圈党委', type: 'DISTRICT_COMMITTEE' }));
    }
    body = { ...body, parentId: await committees.get(key)! };
  }
  const res = await request(t.app.getHttpServer()).post('/organizations').set('authorization', bearer()).send(body);
  if (res.status !== 201) throw new Error(`organization setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.organizationId as string;
}

/** Document counts of everything a member command may write. */
export async function memberCounts(db: Connection): Promise<Record<string, number>> {
  const names = ['events', 'members', 'member_id_numbers', 'member_personal_data', 'identity_declarations', 'recommendations'];
  const out: Record<string, number> = {};
  for (const name of names) out[name] = await db.collection(name).countDocuments();
  return out;
}

/** Registers a jurisdiction (city, district, sub-district or zone) through the jurisdictions API; an existing one is fine. */
export async function registerPlace(t: MemberTestApp, body: Record<string, unknown>): Promise<void> {
  const system: Actor = { userId: 'test-system', role: 'SYSTEM', scope: { level: 'CITY' } };
  const res = await request(t.app.getHttpServer()).post('/jurisdictions').set('authorization', bearer(system)).send(body);
  if (![201, 409].includes(res.status)) throw new Error(`jurisdiction setup failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** 济宁市 → district → 阜桥街道 → the zones given. */
export async function registerPlaces(t: MemberTestApp, district: string, subDistrict: string, zones: string[]): Promise<void> {
  await registerPlace(t, { jurisdictionId: 'jining', level: 'CITY', name: '济宁市' });
  await registerPlace(t, { jurisdictionId: district, level: 'DISTRICT', name: '任城区', parentId: 'jining' });
  await registerPlace(t, { jurisdictionId: subDistrict, level: 'SUB_DISTRICT', name: '阜桥街道', parentId: district });
  for (const zone of zones) await registerPlace(t, { jurisdictionId: zone, level: 'ZONE', name: `片区${zone}`, parentId: subDistrict, zoneKind: 'BUSINESS_DISTRICT' });
}
