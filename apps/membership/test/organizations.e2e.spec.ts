import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Connection } from 'mongoose';
import request from 'supertest';
import { CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { bearer, infraEnv, readTopic, startServiceApp, uniqueName } from '@pb/testing';
import { registerPlaces } from './fixtures';
import { MEMBERSHIP } from './membership-app';

describe('membership organizations API (real database and Kafka)', () => {
  let app: INestApplication;
  let db: Connection;
  const district = uniqueName('d');

  beforeAll(async () => {
    const t = await startServiceApp(MEMBERSHIP);
    ({ app, db } = t);
    await registerPlaces(t, district);
  });

  afterAll(async () => {
    await app.close();
  });

  const organization = (overrides: Record<string, unknown> = {}) => ({
    name: '太白楼路商圈党委',
    type: 'DISTRICT_COMMITTEE',
    districtId: district,
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
    ...overrides,
  });

  const counts = async () => ({
    events: await db.collection('events').countDocuments(),
    organizations: await db.collection('organizations').countDocuments(),
  });

  it('registers an organization, stores its event and publishes it on the membership topic', async () => {
    const res = await request(app.getHttpServer()).post('/organizations').set('authorization', bearer()).set('x-correlation-id', 'corr-skeleton-1').send(organization()).expect(201);
    expect(res.body).toMatchObject({ name: '太白楼路商圈党委', type: 'DISTRICT_COMMITTEE', districtId: district });
    const id = res.body.organizationId as string;

    const got = await request(app.getHttpServer()).get(`/organizations/${id}`).set('authorization', bearer()).expect(200);
    expect(got.body).toMatchObject({ organizationId: id, version: 1 });

    const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, (m) => m.some((x) => x.key === id));
    const event = JSON.parse(messages.find((m) => m.key === id)!.value!) as EventEnvelope;
    expect(event).toMatchObject({
      type: 'membership.OrganizationRegistered.v1',
      subject: id,
      aggregateversion: 1,
      districtid: district,
      zoneid: 'zone-taibailou',
      correlationid: 'corr-skeleton-1',
    });
  });

  it.each([
    ['a missing name', organization({ name: undefined }), /name/],
    ['an unknown type', organization({ type: 'CLUB' }), /type 必须是以下之一/],
    ['a number for districtId', organization({ districtId: 42 }), /districtId/],
    ['an injection object in a field', organization({ zoneId: { $gt: '' } }), /zoneId/],
    ['an extra field', organization({ idNumber: '370802199001011234' }), /idNumber should not exist/],
    ['a 5000-character name', organization({ name: '名'.repeat(5000) }), /name 长度/],
  ])('rejects %s with 400 naming the problem and stores nothing', async (_, body, message) => {
    const before = await counts();
    const res = await request(app.getHttpServer()).post('/organizations').set('authorization', bearer()).send(body).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('rejects malformed JSON and a wrong content type with 4xx', async () => {
    const before = await counts();
    await request(app.getHttpServer()).post('/organizations').set('authorization', bearer()).set('content-type', 'application/json').send('{"name": ').expect(400);
    const res = await request(app.getHttpServer()).post('/organizations').set('authorization', bearer()).set('content-type', 'text/plain').send('name=x');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await counts()).toEqual(before);
  });

  it('refuses to register the same organization twice (409) and an unknown parent (422)', async () => {
    const id = `org-${randomUUID()}`;
    await request(app.getHttpServer())
      .post('/organizations')
      .set('authorization', bearer())
      .send(organization({ organizationId: id }))
      .expect(201);
    const before = await counts();
    const dup = await request(app.getHttpServer())
      .post('/organizations')
      .set('authorization', bearer())
      .send(organization({ organizationId: id }))
      .expect(409);
    expect(dup.body.error).toBe('ORGANIZATION_EXISTS');
    const orphan = await request(app.getHttpServer())
      .post('/organizations')
      .set('authorization', bearer())
      .send(organization({ parentId: 'org-nowhere' }))
      .expect(422);
    expect(orphan.body.message).toMatch(/上级党组织 org-nowhere 不存在/);
    expect(await counts()).toEqual(before);
  });

  it('lets one of two concurrent edits of the same version win and answers the other with 409', async () => {
    const created = await request(app.getHttpServer()).post('/organizations').set('authorization', bearer()).send(organization()).expect(201);
    const id = created.body.organizationId as string;
    const [a, b] = await Promise.all([
      request(app.getHttpServer()).patch(`/organizations/${id}/name`).set('authorization', bearer()).send({ name: '甲', expectedVersion: 1 }),
      request(app.getHttpServer()).patch(`/organizations/${id}/name`).set('authorization', bearer()).send({ name: '乙', expectedVersion: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error).toBe('CONCURRENT_MODIFICATION');
    const winner = a.status === 200 ? a : b;
    const now = await request(app.getHttpServer()).get(`/organizations/${id}`).set('authorization', bearer()).expect(200);
    expect(now.body).toMatchObject({ name: winner.body.name, version: 2 });
  });

  describe('who may do what', () => {
    const districtAdmin = { userId: 'da-1', role: 'DISTRICT_ADMIN' as const, scope: { level: 'DISTRICT' as const, districtId: district } };
    const otherDistrictAdmin = { userId: 'da-2', role: 'DISTRICT_ADMIN' as const, scope: { level: 'DISTRICT' as const, districtId: 'elsewhere' } };
    const gridWorker = { userId: 'gw-1', role: 'GRID_WORKER' as const, scope: { level: 'ZONE' as const, districtId: district, zoneId: 'zone-taibailou' } };

    it('answers 401 without a token, with a tampered token and with an expired one', async () => {
      const server = app.getHttpServer();
      expect((await request(server).get('/organizations')).status).toBe(401);
      const token = bearer();
      const tampered = token.slice(0, -3) + (token.endsWith('abc') ? 'xyz' : 'abc');
      expect((await request(server).get('/organizations').set('authorization', tampered)).status).toBe(401);
      expect((await request(server).get('/organizations').set('authorization', bearer(undefined, -10))).status).toBe(401);
      // Health stays open for probes.
      expect((await request(server).get('/health/live')).status).toBe(200);
    });

    it('lets a district admin register in their district only, and forbids a grid worker (403 with the reason)', async () => {
      const server = app.getHttpServer();
      await request(server).post('/organizations').set('authorization', bearer(districtAdmin)).send(organization()).expect(201);
      const before = await counts();
      const outside = await request(server).post('/organizations').set('authorization', bearer(otherDistrictAdmin)).send(organization()).expect(403);
      expect(outside.body.message).toMatch(/不在您的管辖范围内/);
      const role = await request(server).post('/organizations').set('authorization', bearer(gridWorker)).send(organization()).expect(403);
      expect(role.body.message).toMatch(/GRID_WORKER 无权/);
      expect(await counts()).toEqual(before);
    });

    it("limits reads to the caller's jurisdiction", async () => {
      const server = app.getHttpServer();
      const created = await request(server).post('/organizations').set('authorization', bearer()).send(organization()).expect(201);
      const mine = await request(server).get('/organizations').set('authorization', bearer(districtAdmin)).expect(200);
      expect(mine.body.length).toBeGreaterThan(0);
      expect(mine.body.every((o: { districtId: string }) => o.districtId === district)).toBe(true);
      const theirs = await request(server).get('/organizations').set('authorization', bearer(otherDistrictAdmin)).expect(200);
      expect(theirs.body).toEqual([]);
      await request(server).get(`/organizations?districtId=${district}`).set('authorization', bearer(otherDistrictAdmin)).expect(403);
      await request(server).get(`/organizations/${created.body.organizationId}`).set('authorization', bearer(otherDistrictAdmin)).expect(403);
    });
  });

  it('answers an unknown organization with 404', async () => {
    await request(app.getHttpServer()).get('/organizations/org-does-not-exist').set('authorization', bearer()).expect(404);
  });
});
