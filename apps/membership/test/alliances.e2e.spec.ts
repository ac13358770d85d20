import { INestApplication } from '@nestjs/common';
import { Connection } from 'mongoose';
import request from 'supertest';
import { Actor, ManualClock } from '@pb/platform';
import { bearer, idNumberFor, phoneFor, startServiceApp, uniqueName } from '@pb/testing';
import { eventsOf, registerPlaces } from './fixtures';
import { MEMBERSHIP } from './membership-app';

describe('membership alliances 党建联盟 API (real database and Kafka)', () => {
  let app: INestApplication;
  let db: Connection;
  const clock = new ManualClock(new Date('2026-04-10T02:00:00Z'));
  const district = uniqueName('d');
  const alliance = uniqueName('alliance');
  const swc = uniqueName('swc');
  const committee = uniqueName('dc');
  const wanda = uniqueName('wanda');
  const suning = uniqueName('suning');
  /** Members who may and may not head a council department: one of a member organization, one of an outside one. */
  const heads = { inUnit: '', outside: '', other: '' };
  const server = () => app.getHttpServer();
  const counts = async () => ({ events: await db.collection('events').countDocuments(), alliances: await db.collection('alliances').countDocuments() });
  const register = (body: object) =>
    request(server())
      .post('/organizations')
      .set('authorization', bearer())
      .send({ districtId: district, subDistrictId: 'fuqiao', zoneId: 'zone-taibailou', ...body })
      .expect(201);

  const subDistrictAdmin: Actor = { userId: 'sa', role: 'SUB_DISTRICT_ADMIN', scope: { level: 'SUB_DISTRICT', districtId: district, subDistrictId: 'fuqiao' } };
  const otherAdmin: Actor = { userId: 'oa', role: 'SUB_DISTRICT_ADMIN', scope: { level: 'SUB_DISTRICT', districtId: district, subDistrictId: 'xianying' } };
  const analyst: Actor = { userId: 'an', role: 'ANALYST', scope: { level: 'CITY' } };

  beforeAll(async () => {
    const t = await startServiceApp(MEMBERSHIP, { clock });
    ({ app, db } = t);
    await registerPlaces(t, district);
    await register({ organizationId: swc, name: '阜桥街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE', zoneId: null });
    await register({ organizationId: committee, name: '太白楼路商圈党委', type: 'DISTRICT_COMMITTEE', parentId: swc });
    await register({ organizationId: wanda, name: '万达广场党支部', type: 'BRANCH', parentId: committee });
    await register({ organizationId: suning, name: '苏宁广场党支部', type: 'BRANCH', parentId: committee });
    const seq = Math.floor(Math.random() * 900);
    for (const [key, organizationId, n] of [
      ['inUnit', wanda, 1],
      ['other', wanda, 2],
      ['outside', committee, 3],
    ] as const) {
      const res = await request(server())
        .post('/members')
        .set('authorization', bearer())
        .send({
          name: '王部长',
          gender: 'FEMALE',
          birthDate: '1980-01-01',
          idNumber: idNumberFor('1980-01-01', seq + n),
          phone: phoneFor(seq * 10 + n),
          organizationId,
          status: 'FULL',
          joinedOn: '2005-07-01',
        })
        .expect(201);
      heads[key] = res.body.memberId as string;
    }
  });

  afterAll(async () => {
    await app.close();
  });

  it('is formed by a sub-district working committee and published as AllianceFormed', async () => {
    const res = await request(server())
      .post('/alliances')
      .set('authorization', bearer(subDistrictAdmin))
      .send({ allianceId: alliance, name: '太白楼路商圈党建联盟', foundingCommitteeId: swc, zoneId: 'zone-taibailou' })
      .expect(201);
    expect(res.body).toMatchObject({ districtId: district, subDistrictId: 'fuqiao', zoneId: 'zone-taibailou', formedOn: '2026-04-10', members: [], departments: [] });
    const [event] = await eventsOf(alliance);
    expect(event).toMatchObject({ type: 'membership.AllianceFormed.v1', actorid: 'sa', districtid: district, data: { allianceId: alliance, foundingCommitteeId: swc } });
  });

  it('refuses a founder that is not a working committee, unknown founders, bad input and a taken id, storing nothing', async () => {
    const before = await counts();
    const notSwc = await request(server()).post('/alliances').set('authorization', bearer()).send({ name: '联盟', foundingCommitteeId: committee }).expect(422);
    expect(notSwc.body.message).toMatch(/须由街道党工委牵头成立/);
    await request(server()).post('/alliances').set('authorization', bearer()).send({ name: '联盟', foundingCommitteeId: 'org-nowhere' }).expect(422);
    await request(server()).post('/alliances').set('authorization', bearer()).send({ foundingCommitteeId: swc }).expect(400);
    await request(server()).post('/alliances').set('authorization', bearer()).send({ name: '联盟', foundingCommitteeId: swc, formedOn: 'yesterday' }).expect(400);
    await request(server()).post('/alliances').set('authorization', bearer()).send({ allianceId: alliance, name: '再来', foundingCommitteeId: swc }).expect(409);
    await request(server()).post('/alliances').set('authorization', bearer(otherAdmin)).send({ name: '越界', foundingCommitteeId: swc }).expect(403);
    await request(server()).post('/alliances').set('authorization', bearer(analyst)).send({ name: '越权', foundingCommitteeId: swc }).expect(403);
    expect(await counts()).toEqual(before);
  });

  it('lets member organizations join and leave, with AllianceMemberJoined / AllianceMemberLeft; refuses double joins and leaving non-members', async () => {
    await request(server()).post(`/alliances/${alliance}/members`).set('authorization', bearer(subDistrictAdmin)).send({ organizationId: wanda, joinedOn: '2018-05-20' }).expect(201);
    const res = await request(server()).post(`/alliances/${alliance}/members`).set('authorization', bearer()).send({ organizationId: suning }).expect(201);
    expect(res.body.members).toEqual([
      { organizationId: wanda, joinedOn: '2018-05-20' },
      { organizationId: suning, joinedOn: '2026-04-10' },
    ]);
    const before = await counts();
    const twice = await request(server()).post(`/alliances/${alliance}/members`).set('authorization', bearer()).send({ organizationId: wanda }).expect(409);
    expect(twice.body.error).toBe('ALREADY_MEMBER');
    await request(server()).post(`/alliances/${alliance}/members`).set('authorization', bearer()).send({ organizationId: 'org-nowhere' }).expect(422);
    await request(server()).post(`/alliances/${alliance}/members`).set('authorization', bearer()).send({}).expect(400);
    await request(server()).post(`/alliances/alliance-nowhere/members`).set('authorization', bearer()).send({ organizationId: wanda }).expect(404);
    const notMember = await request(server()).delete(`/alliances/${alliance}/members/${committee}`).set('authorization', bearer()).expect(409);
    expect(notMember.body.message).toMatch(/不是太白楼路商圈党建联盟的成员单位/);
    await request(server()).delete(`/alliances/${alliance}/members/${wanda}`).set('authorization', bearer(otherAdmin)).expect(403);
    expect(await counts()).toEqual(before);

    const left = await request(server()).delete(`/alliances/${alliance}/members/${suning}`).set('authorization', bearer()).expect(200);
    expect(left.body.members.map((m: { organizationId: string }) => m.organizationId)).toEqual([wanda]);
    const ofWanda = await request(server()).get(`/alliances?organizationId=${wanda}`).set('authorization', bearer()).expect(200);
    expect(ofWanda.body.map((a: { allianceId: string }) => a.allianceId)).toEqual([alliance]);

    const events = await eventsOf(alliance, 4);
    expect(events.slice(1).map((e) => e.type)).toEqual(['membership.AllianceMemberJoined.v1', 'membership.AllianceMemberJoined.v1', 'membership.AllianceMemberLeft.v1']);
    expect(events[3].data).toEqual({ allianceId: alliance, organizationId: suning, leftOn: '2026-04-10' });
  });

  it('sets up the council 理事会: departments with heads; department names unique', async () => {
    const names = ['办公室', '党建群团工作部', '志愿者工作部', '法律与调解服务部', '企业服务部'];
    for (const [i, name] of names.entries()) {
      await request(server())
        .post(`/alliances/${alliance}/departments`)
        .set('authorization', bearer())
        .send({ departmentId: `dept-${i + 1}`, name })
        .expect(201);
    }
    const head = await request(server())
      .put(`/alliances/${alliance}/departments/dept-1/head`)
      .set('authorization', bearer(subDistrictAdmin))
      .send({ headMemberId: heads.inUnit })
      .expect(200);
    expect(head.body.departments).toHaveLength(5);
    expect(head.body.departments[0]).toEqual({ departmentId: 'dept-1', name: '办公室', headMemberId: heads.inUnit });

    const before = await counts();
    const dup = await request(server()).post(`/alliances/${alliance}/departments`).set('authorization', bearer()).send({ name: '办公室' }).expect(409);
    expect(dup.body.error).toBe('DEPARTMENT_EXISTS');
    await request(server()).put(`/alliances/${alliance}/departments/dept-9/head`).set('authorization', bearer()).send({ headMemberId: heads.inUnit }).expect(404);
    await request(server()).put(`/alliances/${alliance}/departments/dept-1/head`).set('authorization', bearer()).send({ headMemberId: heads.inUnit }).expect(409);
    await request(server()).put(`/alliances/${alliance}/departments/dept-1/head`).set('authorization', bearer()).send({ headMemberId: heads.other, expectedVersion: 1 }).expect(409);
    // Heads come from the alliance's member organizations (or its founding committee), and must exist.
    const outside = await request(server()).put(`/alliances/${alliance}/departments/dept-2/head`).set('authorization', bearer()).send({ headMemberId: heads.outside }).expect(422);
    expect(outside.body.message).toMatch(/不是太白楼路商圈党建联盟的成员单位/);
    const nobody = await request(server()).put(`/alliances/${alliance}/departments/dept-2/head`).set('authorization', bearer()).send({ headMemberId: 'mem-nobody' }).expect(422);
    expect(nobody.body.message).toMatch(/党员 mem-nobody 不存在/);
    await request(server()).post(`/alliances/${alliance}/departments`).set('authorization', bearer()).send({ name: '宣传部', headMemberId: heads.outside }).expect(422);
    await request(server()).put(`/alliances/${alliance}/departments/dept-1/head`).set('authorization', bearer()).send({}).expect(400);
    expect(await counts()).toEqual(before);

    const events = await eventsOf(alliance, 10);
    expect(events[4]).toMatchObject({ type: 'membership.AllianceDepartmentEstablished.v1', data: { departmentId: 'dept-1', name: '办公室', headMemberId: null } });
    expect(events[9]).toMatchObject({ type: 'membership.AllianceDepartmentHeadAppointed.v1', data: { departmentId: 'dept-1', headMemberId: heads.inUnit } });
  });

  it("limits reads to the caller's jurisdiction", async () => {
    await request(server()).get(`/alliances/${alliance}`).set('authorization', bearer(subDistrictAdmin)).expect(200);
    await request(server()).get(`/alliances/${alliance}`).set('authorization', bearer(otherAdmin)).expect(403);
    expect((await request(server()).get('/alliances').set('authorization', bearer(otherAdmin)).expect(200)).body).toEqual([]);
    await request(server()).get('/alliances/alliance-nowhere').set('authorization', bearer()).expect(404);
    expect((await request(server()).get(`/alliances/${alliance}`)).status).toBe(401);
  });
});
