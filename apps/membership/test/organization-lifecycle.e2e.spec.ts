import { INestApplication } from '@nestjs/common';
import { Connection } from 'mongoose';
import request from 'supertest';
import { Actor, ManualClock } from '@pb/platform';
import { bearer, idNumberFor, phoneFor, startServiceApp, SYSTEM, uniqueName } from '@pb/testing';
import { eventsOf, registerPlaces } from './fixtures';
import { MEMBERSHIP } from './membership-app';

describe('membership organizations: secretary, 换届, instructors, three-in-one, mass organizations (real database and Kafka)', () => {
  let app: INestApplication;
  let db: Connection;
  const clock = new ManualClock(new Date('2026-03-01T02:00:00Z'));
  const district = uniqueName('d');
  const swc = uniqueName('swc');
  const committee = uniqueName('dc');
  const server = () => app.getHttpServer();
  const counts = async () => ({
    events: await db.collection('events').countDocuments(),
    organizations: await db.collection('organizations').countDocuments(),
    massOrganizations: await db.collection('mass_organizations').countDocuments(),
  });
  const snapshot = async (id: string) => (await request(server()).get(`/organizations/${id}`).set('authorization', bearer()).expect(200)).body;
  const register = (body: object) =>
    request(server())
      .post('/organizations')
      .set('authorization', bearer())
      .send({ districtId: district, subDistrictId: 'fuqiao', zoneId: 'zone-taibailou', ...body });

  const districtAdmin: Actor = { userId: 'da', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: district } };
  const otherAdmin: Actor = { userId: 'da2', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: 'elsewhere' } };
  const secretary: Actor = { userId: 'sec', role: 'ORG_SECRETARY', scope: { level: 'ZONE', districtId: district, zoneId: 'zone-taibailou' } };

  beforeAll(async () => {
    const t = await startServiceApp(MEMBERSHIP, { clock });
    ({ app, db } = t);
    await registerPlaces(t, district);
    await register({ organizationId: swc, name: '阜桥街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE', zoneId: null }).expect(201);
    await register({ organizationId: committee, name: '太白楼路商圈党委', type: 'DISTRICT_COMMITTEE', parentId: swc }).expect(201);
  });

  afterAll(async () => {
    await app.close();
  });

  describe('registration rules through the API', () => {
    it('refuses a committee under a branch, an unregistered zone or sub-district, storing nothing', async () => {
      const branch = uniqueName('br');
      await register({ organizationId: branch, name: '万达党支部', type: 'BRANCH', parentId: committee, host: { kind: 'ENTERPRISE', name: '济宁万达广场' } }).expect(201);
      const before = await counts();
      const upside = await register({ name: '联合党委', type: 'JOINT_COMMITTEE', parentId: branch }).expect(422);
      expect(upside.body).toMatchObject({ error: 'PARENT_TYPE_NOT_ALLOWED' });
      expect(upside.body.message).toMatch(/党支部不能作为联合党委的上级/);
      const orphan = await register({ name: '某党支部', type: 'BRANCH' }).expect(422);
      expect(orphan.body.error).toBe('PARENT_REQUIRED');
      await register({ name: '某党支部', type: 'BRANCH', parentId: committee, zoneId: 'zone-nowhere' }).expect(422);
      const noSub = await register({ name: '某党委', type: 'JOINT_COMMITTEE', subDistrictId: 'nowhere', zoneId: null }).expect(422);
      expect(noSub.body.message).toMatch(/街道 nowhere 未登记/);
      const clash = await register({ organizationId: 'fuqiao', name: '与街道同名编号', type: 'JOINT_COMMITTEE' }).expect(409);
      expect(clash.body.error).toBe('ID_IN_USE');
      expect(await counts()).toEqual(before);
    });
  });

  describe('secretary 书记', () => {
    /** A member of `organizationId` (full unless said otherwise), registered through the API. */
    const memberOf = async (organizationId: string, status: 'FULL' | 'PROBATIONARY' = 'FULL') => {
      const n = Math.floor(Math.random() * 1e6);
      const res = await request(server())
        .post('/members')
        .set('authorization', bearer())
        .send({
          name: '书记候选',
          gender: 'FEMALE',
          birthDate: '1982-02-02',
          idNumber: idNumberFor('1982-02-02', n),
          phone: phoneFor(n),
          organizationId,
          status,
          joinedOn: '2010-07-01',
        })
        .expect(201);
      return res.body.memberId as string;
    };

    it('appoints a secretary from the organization’s own full members and publishes OrganizationSecretaryAppointed; reappointing the same one is a 409', async () => {
      const own = await memberOf(committee);
      const probationary = await memberOf(committee, 'PROBATIONARY');
      const elsewhere = await memberOf(swc);
      const before = await counts();
      for (const [memberId, message] of [
        ['mem-nobody', /党员 mem-nobody 不存在/],
        [elsewhere, /书记须从本组织党员中产生/],
        [probationary, /书记须为正式党员/],
      ] as const) {
        const refused = await request(server())
          .put(`/organizations/${committee}/secretary`)
          .set('authorization', bearer(districtAdmin))
          .send({ secretaryMemberId: memberId })
          .expect(422);
        expect(refused.body.message).toMatch(message);
      }
      expect(await counts()).toEqual(before);
      const res = await request(server()).put(`/organizations/${committee}/secretary`).set('authorization', bearer(districtAdmin)).send({ secretaryMemberId: own }).expect(200);
      expect(res.body).toMatchObject({ secretaryMemberId: own, secretaryAppointedOn: '2026-03-01' });
      await request(server()).put(`/organizations/${committee}/secretary`).set('authorization', bearer()).send({ secretaryMemberId: own }).expect(409);
      const afterAppointment = await counts();
      await request(server()).put(`/organizations/${committee}/secretary`).set('authorization', bearer()).send({ secretaryMemberId: 'mem 1' }).expect(400);
      await request(server()).put(`/organizations/${committee}/secretary`).set('authorization', bearer()).send({ secretaryMemberId: 'mem-2', appointedOn: '2026-02-30' }).expect(400);
      await request(server()).put(`/organizations/org-nowhere/secretary`).set('authorization', bearer()).send({ secretaryMemberId: 'mem-2' }).expect(404);
      await request(server()).put(`/organizations/${committee}/secretary`).set('authorization', bearer(otherAdmin)).send({ secretaryMemberId: 'mem-2' }).expect(403);
      await request(server()).put(`/organizations/${committee}/secretary`).set('authorization', bearer(secretary)).send({ secretaryMemberId: 'mem-2' }).expect(403);
      expect(await counts()).toEqual(afterAppointment);
      const events = await eventsOf(committee, 2);
      expect(events[1]).toMatchObject({
        type: 'membership.OrganizationSecretaryAppointed.v1',
        actorid: 'da',
        data: { organizationId: committee, secretaryMemberId: own, appointedOn: '2026-03-01' },
      });
    });
  });

  describe('terms 换届 and the term-renewal reminder 换届提醒', () => {
    const branch = uniqueName('br');
    const sweep = (actor: Actor = SYSTEM) => request(server()).post('/organizations/term-reminders/sweep').set('authorization', bearer(actor)).send();

    beforeAll(async () => {
      await register({ organizationId: branch, name: '苏宁党支部', type: 'BRANCH', parentId: committee }).expect(201);
    });

    it('starts a term and refuses an over-long one, an end before the start, and a term starting before the current one', async () => {
      const res = await request(server()).post(`/organizations/${branch}/terms`).set('authorization', bearer()).send({ termStart: '2023-08-01', termEnd: '2026-07-31' }).expect(201);
      expect(res.body).toMatchObject({ termNumber: 1, termStart: '2023-08-01', termEnd: '2026-07-31', termReminded: false });
      const before = await counts();
      const long = await request(server()).post(`/organizations/${branch}/terms`).set('authorization', bearer()).send({ termStart: '2026-08-01', termEnd: '2030-08-01' }).expect(422);
      expect(long.body.message).toMatch(/党支部每届任期不超过 3 年/);
      await request(server()).post(`/organizations/${branch}/terms`).set('authorization', bearer()).send({ termStart: '2026-08-01', termEnd: '2026-07-01' }).expect(422);
      const back = await request(server()).post(`/organizations/${branch}/terms`).set('authorization', bearer()).send({ termStart: '2023-01-01', termEnd: '2025-01-01' }).expect(409);
      expect(back.body.message).toMatch(/当前为第 1 届（2023-08-01 至 2026-07-31）/);
      await request(server()).post(`/organizations/${branch}/terms`).set('authorization', bearer()).send({ termStart: '2026-08-01' }).expect(400);
      expect(await counts()).toEqual(before);
    });

    it('raises OrganizationTermEnding once the term ends within 90 days, once per term, however often the sweep runs', async () => {
      // 2026-03-01: 152 days left — nothing due.
      expect((await sweep().expect(200)).body.reminded.filter((r: { organizationId: string }) => r.organizationId === branch)).toEqual([]);
      clock.set('2026-05-02T02:00:00Z'); // 90 days before 2026-07-31
      const first = await sweep().expect(200);
      expect(first.body.reminded).toEqual([{ organizationId: branch, termNumber: 1, termEnd: '2026-07-31', daysLeft: 90 }]);
      const before = await counts();
      expect((await sweep().expect(200)).body.reminded).toEqual([]);
      clock.set('2026-07-30T02:00:00Z');
      expect((await sweep().expect(200)).body.reminded).toEqual([]);
      expect(await counts()).toEqual(before);
      expect(await snapshot(branch)).toMatchObject({ termReminded: true });

      const events = await eventsOf(branch, 3);
      expect(events.filter((e) => e.type === 'membership.OrganizationTermEnding.v1')).toHaveLength(1);
      expect(events[2]).toMatchObject({ type: 'membership.OrganizationTermEnding.v1', data: { organizationId: branch, termNumber: 1, termEnd: '2026-07-31', daysLeft: 90 } });
    });

    it("reminds the next term again after 换届, and keeps a district admin's sweep inside their district", async () => {
      await request(server()).post(`/organizations/${branch}/terms`).set('authorization', bearer()).send({ termStart: '2026-07-31', termEnd: '2029-07-30' }).expect(201);
      expect(await snapshot(branch)).toMatchObject({ termNumber: 2, termReminded: false });
      clock.set('2029-06-01T02:00:00Z');
      expect((await sweep(otherAdmin).expect(200)).body.reminded).toEqual([]);
      await sweep({ userId: 'gw', role: 'GRID_WORKER', scope: { level: 'CITY' } }).expect(403);
      const mine = await sweep(districtAdmin).expect(200);
      expect(mine.body.reminded).toEqual([{ organizationId: branch, termNumber: 2, termEnd: '2029-07-30', daysLeft: 59 }]);
      const events = await eventsOf(branch, 5);
      expect(events.filter((e) => e.type === 'membership.OrganizationTermEnding.v1').map((e) => (e.data as { termNumber: number }).termNumber)).toEqual([1, 2]);
      clock.set('2026-03-01T02:00:00Z');
    });
  });

  describe('Party-building instructors 党建指导员', () => {
    it('assigns and withdraws instructors, publishing both events; refuses duplicates and unknown instructors', async () => {
      await request(server())
        .post('/instructors')
        .set('authorization', bearer())
        .send({ instructorId: 'ins-01', name: '李文华', sendingUnit: '任城区委组织部', districtId: district })
        .expect(201);
      const res = await request(server()).post(`/organizations/${committee}/instructors`).set('authorization', bearer()).send({ instructorId: 'ins-01' }).expect(201);
      expect(res.body.instructors).toEqual([{ instructorId: 'ins-01', name: '李文华', assignedOn: '2026-03-01' }]);
      const guided = await request(server()).get(`/organizations?instructorId=ins-01`).set('authorization', bearer()).expect(200);
      expect(guided.body.map((o: { organizationId: string }) => o.organizationId)).toEqual([committee]);
      const before = await counts();
      await request(server()).post(`/organizations/${committee}/instructors`).set('authorization', bearer()).send({ instructorId: 'ins-01', name: '李文华' }).expect(409);
      const unregistered = await request(server()).post(`/organizations/${committee}/instructors`).set('authorization', bearer()).send({ instructorId: 'ins-02' }).expect(422);
      expect(unregistered.body.message).toMatch(/党建指导员 ins-02 未登记/);
      const absent = await request(server()).delete(`/organizations/${committee}/instructors/ins-09`).set('authorization', bearer()).expect(409);
      expect(absent.body.message).toMatch(/当前指导员：ins-01/);
      await request(server()).delete(`/organizations/${committee}/instructors/ins-01`).set('authorization', bearer(otherAdmin)).expect(403);
      expect(await counts()).toEqual(before);
      const gone = await request(server()).delete(`/organizations/${committee}/instructors/ins-01`).set('authorization', bearer()).expect(200);
      expect(gone.body.instructors).toEqual([]);
      const events = await eventsOf(committee, 4);
      expect(events.slice(2).map((e) => e.type)).toEqual(['membership.InstructorAssigned.v1', 'membership.InstructorUnassigned.v1']);
      expect(events[2].data).toEqual({ organizationId: committee, instructorId: 'ins-01', name: '李文华', assignedOn: '2026-03-01' });
    });
  });

  describe('three in one 三位一体 and mass organizations 群团', () => {
    const joint = uniqueName('jb');
    const formation = {
      propertyOwner: { name: '济宁海能投资有限公司' },
      propertyManager: { name: '济宁海能物业服务有限公司', creditCode: null },
      residentEnterprises: [{ name: '济宁云采电子商务有限公司' }, { name: '济宁鲁货优选网络科技有限公司' }],
    };

    beforeAll(async () => {
      await register({ organizationId: joint, name: '运河城联合党支部', type: 'JOINT_BRANCH', parentId: committee }).expect(201);
    });

    it('records which units form a joint organization and publishes ThreeInOneFormed', async () => {
      const res = await request(server()).put(`/organizations/${joint}/three-in-one`).set('authorization', bearer()).send(formation).expect(200);
      expect(res.body.threeInOne).toEqual({
        propertyOwner: { name: '济宁海能投资有限公司', creditCode: null },
        propertyManager: { name: '济宁海能物业服务有限公司', creditCode: null },
        residentEnterprises: [
          { name: '济宁云采电子商务有限公司', creditCode: null },
          { name: '济宁鲁货优选网络科技有限公司', creditCode: null },
        ],
      });
      const [, event] = await eventsOf(joint, 2);
      expect(event).toMatchObject({ type: 'membership.ThreeInOneFormed.v1', data: { organizationId: joint, propertyOwner: { name: '济宁海能投资有限公司' } } });
    });

    it('refuses it for a non-joint organization, with no resident enterprise, or unchanged', async () => {
      const before = await counts();
      await request(server()).put(`/organizations/${committee}/three-in-one`).set('authorization', bearer()).send(formation).expect(422);
      const empty = await request(server())
        .put(`/organizations/${joint}/three-in-one`)
        .set('authorization', bearer())
        .send({ ...formation, residentEnterprises: [] })
        .expect(400);
      expect(JSON.stringify(empty.body.message)).toMatch(/至少包含 1 家入驻企业/);
      await request(server())
        .put(`/organizations/${joint}/three-in-one`)
        .set('authorization', bearer())
        .send({ ...formation, propertyOwner: { name: '' } })
        .expect(400);
      await request(server()).put(`/organizations/${joint}/three-in-one`).set('authorization', bearer()).send(formation).expect(409);
      expect(await counts()).toEqual(before);
    });

    it('forms mass organizations under a joint committee only, publishing MassOrganizationFormed', async () => {
      const id = uniqueName('mass');
      const res = await request(server())
        .post('/mass-organizations')
        .set('authorization', bearer(districtAdmin))
        .send({ massOrganizationId: id, name: '太白楼路商圈志愿者服务队', kind: 'VOLUNTEER_TEAM', jointCommitteeId: committee })
        .expect(201);
      expect(res.body).toMatchObject({ districtId: district, subDistrictId: 'fuqiao', zoneId: 'zone-taibailou', kind: 'VOLUNTEER_TEAM' });
      const [event] = await eventsOf(id);
      expect(event).toMatchObject({ type: 'membership.MassOrganizationFormed.v1', districtid: district, zoneid: 'zone-taibailou', data: { jointCommitteeId: committee } });
      const listed = await request(server()).get(`/mass-organizations?jointCommitteeId=${committee}`).set('authorization', bearer()).expect(200);
      expect(listed.body.map((m: { massOrganizationId: string }) => m.massOrganizationId)).toEqual([id]);

      const before = await counts();
      const underBranch = await request(server()).post('/mass-organizations').set('authorization', bearer()).send({ name: '工会', kind: 'UNION', jointCommitteeId: joint }).expect(422);
      expect(underBranch.body.message).toMatch(/须在联合党委/);
      await request(server()).post('/mass-organizations').set('authorization', bearer()).send({ name: '俱乐部', kind: 'CLUB', jointCommitteeId: committee }).expect(400);
      await request(server())
        .post('/mass-organizations')
        .set('authorization', bearer())
        .send({ massOrganizationId: id, name: '重复', kind: 'UNION', jointCommitteeId: committee })
        .expect(409);
      await request(server()).post('/mass-organizations').set('authorization', bearer(otherAdmin)).send({ name: '工会', kind: 'UNION', jointCommitteeId: committee }).expect(403);
      expect(await counts()).toEqual(before);
      await request(server()).get(`/mass-organizations/${id}`).set('authorization', bearer(otherAdmin)).expect(403);
    });
  });
});
