import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import request from 'supertest';
import {
  CONTEXT_TOPICS,
  EventEnvelope,
  FloatingMemberCheckedIn,
  FloatingMemberCheckedOut,
  JurisdictionRegistered,
  MemberAdmittedAsFull,
  MemberRegistered,
  MemberTransferCompleted,
  OrganizationRegistered,
  ZoneDesignated,
} from '@pb/contracts';
import { KafkaEventTransport } from '@pb/messaging';
import { createServiceApp, loadConfig } from '@pb/platform';
import { envelopeOf, infraEnv, publishEnvelopes, uniqueName, waitFor } from '@pb/testing';
import { signAccessToken } from '../src/application/auth/user-tokens';
import { User } from '../src/domain/user/user';
import { GATEWAY_DEFAULTS, GatewayConfig } from '../src/gateway.config';
import { GatewayModule } from '../src/gateway.module';

const JWT_SECRET = 'read-model-test-jwt-secret-0123456789abc';
// Topics of this test's own: a replay reads only what this test published.
const PREFIX = `${uniqueName('t')}.`;

async function startGateway(): Promise<INestApplication> {
  const config = loadConfig(
    GatewayConfig,
    { ...infraEnv(), LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', MONGODB_DATABASE: uniqueName('t_gateway_rm'), KAFKA_GROUP_ID: uniqueName('t_gateway_rm'), KAFKA_TOPIC_PREFIX: PREFIX, JWT_SECRET },
    GATEWAY_DEFAULTS,
  );
  const app = await createServiceApp(GatewayModule.register(config), { title: 'test', consumer: (a) => a.get(KafkaEventTransport) });
  await app.init();
  await app.startAllMicroservices();
  return app;
}

function tokenFor(user: Partial<User> & Pick<User, 'role' | 'scope'>): string {
  return `Bearer ${signAccessToken({ userId: `u-${randomUUID()}`, username: 'x', displayName: 'x', disabled: false, ...user }, JWT_SECRET, 300)}`;
}

/**
 * The gateway's views are built only from membership's events: published here
 * as membership's relay would, with a duplicate and an out-of-order redelivery.
 */
describe('gateway read models from the event streams (real Kafka and database)', () => {
  const district = uniqueName('d');
  const subDistrict = uniqueName('sd');
  const zoneA = uniqueName('za');
  const zoneB = uniqueName('zb');
  const otherDistrict = uniqueName('d');
  const city = tokenFor({ role: 'CITY_ADMIN', scope: { level: 'CITY' } });
  const gridWorkerA = tokenFor({ role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: district, zoneId: zoneA } });
  const otherDistrictAdmin = tokenFor({ role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: otherDistrict } });
  let live: INestApplication;
  let rebuilt: INestApplication | undefined;
  const orgA = `org-${randomUUID()}`;
  const orgB = `org-${randomUUID()}`;

  const juris = (id: string, level: 'DISTRICT' | 'SUB_DISTRICT' | 'ZONE', parentId: string | null) =>
    envelopeOf(
      JurisdictionRegistered,
      {
        jurisdictionId: id,
        level,
        name: `${level} ${id}`,
        parentId,
        districtId: district,
        subDistrictId: level === 'DISTRICT' ? null : subDistrict,
        zoneId: level === 'ZONE' ? id : null,
        zoneKind: level === 'ZONE' ? 'BUSINESS_DISTRICT' : null,
      },
      { aggregateId: id, version: 1, districtId: district },
    );
  const org = (id: string, zone: string) =>
    envelopeOf(
      OrganizationRegistered,
      { organizationId: id, name: `支部 ${id}`, type: 'BRANCH', parentId: null, districtId: district, subDistrictId: subDistrict, zoneId: zone, host: null },
      { aggregateId: id, version: 1, districtId: district, zoneId: zone },
    );
  const member = (id: string, organizationId: string, zone: string, status: 'FULL' | 'PROBATIONARY' = 'FULL') =>
    envelopeOf(
      MemberRegistered,
      {
        memberId: id,
        name: '王芳',
        gender: 'FEMALE',
        birthYear: 1990,
        status,
        joinedOn: '2015-07-01',
        organizationId,
        employerName: null,
        employerCreditCode: null,
        districtId: district,
        subDistrictId: subDistrict,
        zoneId: zone,
      },
      { aggregateId: id, version: 1, districtId: district, zoneId: zone },
    );

  beforeAll(async () => {
    live = await startGateway();
  });

  afterAll(async () => {
    for (const app of [live, rebuilt]) await app?.close();
  });

  const dashboard = (app: INestApplication, scope: string, id: string | undefined, token = city) =>
    request(app.getHttpServer()).get(`/api/dashboard?scope=${scope}${id ? `&id=${id}` : ''}`).set('authorization', token);

  it('counts organizations, members and floating members per zone, sub-district and district, idempotently', async () => {
    const m1 = `mem-${randomUUID()}`;
    const m2 = `mem-${randomUUID()}`;
    const m3 = `mem-${randomUUID()}`;
    const f1 = `mem-${randomUUID()}`;
    const registeredM1 = member(m1, orgA, zoneA);
    const transferM1 = envelopeOf(
      MemberTransferCompleted,
      { memberId: m1, transferId: 'tr-1', fromOrganizationId: orgA, toOrganizationId: orgB, districtId: district, subDistrictId: subDistrict, zoneId: zoneB, completedOn: '2026-11-01' },
      { aggregateId: m1, version: 2, districtId: district, zoneId: zoneB },
    );
    const events: EventEnvelope[] = [
      juris(district, 'DISTRICT', null),
      juris(subDistrict, 'SUB_DISTRICT', district),
      juris(zoneA, 'ZONE', subDistrict),
      juris(zoneB, 'ZONE', subDistrict),
      envelopeOf(ZoneDesignated, { zoneId: zoneA, surveyed: true, pilot: true, demonstration: false }, { aggregateId: zoneA, version: 2, districtId: district, zoneId: zoneA }),
      org(orgA, zoneA),
      org(orgB, zoneB),
      registeredM1,
      transferM1,
      // Redelivered (same event id) and an older version arriving after a newer one: both change nothing.
      transferM1,
      { ...registeredM1, id: randomUUID() },
      member(m2, orgA, zoneA, 'PROBATIONARY'),
      envelopeOf(MemberAdmittedAsFull, { memberId: m2, admittedOn: '2026-07-01' }, { aggregateId: m2, version: 2, districtId: district, zoneId: zoneA }),
      member(m3, orgA, zoneA, 'PROBATIONARY'),
      envelopeOf(
        FloatingMemberCheckedIn,
        { memberId: f1, organizationId: orgA, homeOrganizationName: '菏泽某村党支部', checkedInOn: '2026-03-01', districtId: district, subDistrictId: subDistrict, zoneId: zoneA },
        { aggregateId: f1, version: 1, districtId: district, zoneId: zoneA },
      ),
    ];
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, PREFIX + CONTEXT_TOPICS.membership, events);

    const zoneAView = await waitFor(async () => {
      const d = (await dashboard(live, 'zone', zoneA)).body;
      return d.members === 3 && d.floatingMembers === 1 ? d : undefined;
    }, 'zone A figures', 30000);
    expect(zoneAView).toMatchObject({ organizations: 1, members: 3, floatingMembers: 1, probationaryMembers: 1, jurisdiction: { level: 'ZONE', subDistrictId: subDistrict } });
    expect((await dashboard(live, 'zone', zoneB)).body).toMatchObject({ organizations: 1, members: 1, floatingMembers: 0 });
    expect((await dashboard(live, 'subDistrict', subDistrict)).body).toMatchObject({ organizations: 2, members: 4, floatingMembers: 1 });
    expect((await dashboard(live, 'district', district)).body).toMatchObject({ organizations: 2, members: 4 });
    expect(new Date((await dashboard(live, 'district', district)).body.freshness.membership).getTime()).toBeGreaterThan(Date.now() - 120_000);

    // The floating member leaves: no longer counted.
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, PREFIX + CONTEXT_TOPICS.membership, [
      envelopeOf(FloatingMemberCheckedOut, { memberId: f1, organizationId: orgA, checkedOutOn: '2026-10-31' }, { aggregateId: f1, version: 2, districtId: district, zoneId: zoneA }),
    ]);
    await waitFor(async () => (await dashboard(live, 'zone', zoneA)).body.floatingMembers === 0, 'the check-out to count');
  });

  it('keeps every caller inside their jurisdiction', async () => {
    await dashboard(live, 'zone', zoneA, gridWorkerA).expect(200);
    const sideways = await dashboard(live, 'zone', zoneB, gridWorkerA).expect(403);
    expect(sideways.body.message).toMatch(/管辖范围/);
    await dashboard(live, 'district', district, gridWorkerA).expect(403);
    await dashboard(live, 'city', undefined, gridWorkerA).expect(403);
    await dashboard(live, 'district', district, otherDistrictAdmin).expect(403);
    await dashboard(live, 'zone', 'no-such-zone').expect(404);
    await dashboard(live, 'zone', undefined).expect(400);
    await request(live.getHttpServer()).get('/api/dashboard?scope=galaxy').set('authorization', city).expect(400);
  });

  it('serves a zone timeline and a record history, without names for roles that need none', async () => {
    const timeline = await request(live.getHttpServer()).get(`/api/timeline?scope=zone&id=${zoneA}`).set('authorization', city).expect(200);
    expect(timeline.body.events.length).toBeGreaterThanOrEqual(5);
    const times = timeline.body.events.map((e: { time: string }) => new Date(e.time).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const someMember = timeline.body.events.find((e: { type: string }) => e.type === MemberRegistered.type);
    const history = await request(live.getHttpServer()).get(`/api/history/${someMember.subject}`).set('authorization', city).expect(200);
    expect(history.body.events[0]).toMatchObject({ type: MemberRegistered.type, version: 1, actorId: 'test', data: { name: '王芳' } });
    const asWorker = await request(live.getHttpServer()).get(`/api/history/${someMember.subject}`).set('authorization', gridWorkerA).expect(200);
    expect(asWorker.body.events[0].data.name).toBeUndefined();
    await request(live.getHttpServer()).get(`/api/history/${someMember.subject}`).set('authorization', otherDistrictAdmin).expect(403);
    await request(live.getHttpServer()).get('/api/history/nothing-like-this').set('authorization', city).expect(404);
  });

  it('rebuilds the same views by replaying the topic into a fresh database', async () => {
    rebuilt = await startGateway();
    for (const [scope, id] of [['zone', zoneA], ['zone', zoneB], ['subDistrict', subDistrict], ['district', district]] as const) {
      const expected = (await dashboard(live, scope, id).expect(200)).body;
      expect(expected.organizations).toBeGreaterThan(0);
      const comparable = (d: Record<string, unknown>) => JSON.stringify({ ...d, freshness: null });
      // Wait until the replay has caught up; if it never equals the live view, show the difference.
      const replayed = await waitFor(async () => {
        const d = (await dashboard(rebuilt!, scope, id)).body;
        return comparable(d) === comparable(expected) ? d : undefined;
      }, `the replayed ${scope} view`, 60000).catch(async () => (await dashboard(rebuilt!, scope, id)).body);
      expect({ ...replayed, freshness: null }).toEqual({ ...expected, freshness: null });
    }
  });
});
