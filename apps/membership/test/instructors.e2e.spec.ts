import { Actor, ManualClock } from '@pb/platform';
import { bearer, idNumberFor, phoneFor, startServiceApp, TestApp, uniqueName } from '@pb/testing';
import { createOrganization, eventsOf, registerPlaces } from './fixtures';
import { MEMBERSHIP } from './membership-app';

/** 党建指导员: registered, assigned only when registered, and their guidance visits 指导记录 (#18, item 3). */
describe('membership instructors 党建指导员 and guidance visits 指导记录 (real database and Kafka)', () => {
  let t: TestApp<ManualClock>;
  const district = uniqueName('d');
  const sub = uniqueName('s');
  const zone = uniqueName('zone');
  const other = uniqueName('d');
  const otherSub = uniqueName('s');
  const ins = uniqueName('ins');
  let committee: string;
  let branch: string;
  let unguided: string;
  let otherBranch: string;

  const districtAdmin: Actor = { userId: 'da', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: district } };
  const subAdmin: Actor = { userId: 'sa', role: 'SUB_DISTRICT_ADMIN', scope: { level: 'SUB_DISTRICT', districtId: district, subDistrictId: sub } };
  const otherAdmin: Actor = { userId: 'oa', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: other } };

  const post = (path: string, body: object, actor?: Actor) => t.http().post(path).set('authorization', bearer(actor)).send(body);
  const get = (path: string, actor?: Actor) => t.http().get(path).set('authorization', bearer(actor));
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const name of ['events', 'instructors', 'guidance_visits', 'organizations']) out[name] = await t.db.collection(name).countDocuments();
    return out;
  };

  beforeAll(async () => {
    t = await startServiceApp(MEMBERSHIP, { clock: new ManualClock(new Date('2026-06-01T02:00:00Z')) });
    await registerPlaces(t, district, sub, [zone]);
    await registerPlaces(t, other, otherSub, []);
    committee = await createOrganization(t, { districtId: district, subDistrictId: sub, zoneId: zone, name: '太白楼路商圈党委', type: 'DISTRICT_COMMITTEE' });
    branch = await createOrganization(t, { districtId: district, subDistrictId: sub, zoneId: zone, name: '万达党支部', type: 'BRANCH', parentId: committee });
    unguided = await createOrganization(t, { districtId: district, subDistrictId: sub, zoneId: zone, name: '苏宁党支部', type: 'BRANCH', parentId: committee });
    otherBranch = await createOrganization(t, { districtId: other, subDistrictId: otherSub, zoneId: null, name: '外区街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE' });
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  describe('registering 登记', () => {
    it('registers instructors in their district (and sub-district), gets and lists them in the caller’s scope, publishing InstructorRegistered', async () => {
      const member = await post('/members', {
        name: '王党员',
        gender: 'MALE',
        birthDate: '1980-05-01',
        idNumber: idNumberFor('1980-05-01', 701),
        phone: phoneFor(83_000_701),
        status: 'FULL',
        joinedOn: '2005-07-01',
        organizationId: branch,
      }).expect(201);

      const wide = await post('/instructors', { name: '王建国', sendingUnit: '任城区委组织部', districtId: district, memberId: member.body.memberId }, districtAdmin).expect(201);
      expect(wide.body).toMatchObject({ name: '王建国', sendingUnit: '任城区委组织部', districtId: district, subDistrictId: null, memberId: member.body.memberId });
      expect(wide.body.instructorId).toMatch(/^ins-/);
      const local = await post('/instructors', { instructorId: ins, name: ' 李文华 ', sendingUnit: '阜桥街道办事处', districtId: district, subDistrictId: sub }, subAdmin).expect(201);
      expect(local.body).toMatchObject({ instructorId: ins, name: '李文华', subDistrictId: sub, memberId: null });
      await post('/instructors', { instructorId: `${ins}-x`, name: '赵外区', sendingUnit: '外区组织部', districtId: other }, otherAdmin).expect(201);

      const one = await get(`/instructors/${ins}`, subAdmin).expect(200);
      expect(one.body).toMatchObject({ instructorId: ins, name: '李文华', sendingUnit: '阜桥街道办事处', organizations: [], visits: { count: 0, lastVisitedOn: null } });

      // Paged by id, filtered by jurisdiction, narrowed to the caller's.
      const ids = [wide.body.instructorId, ins].sort();
      const first = await get(`/instructors?districtId=${district}&limit=1`).expect(200);
      expect(first.body.map((i: { instructorId: string }) => i.instructorId)).toEqual([ids[0]]);
      const second = await get(`/instructors?districtId=${district}&limit=1&after=${ids[0]}`).expect(200);
      expect(second.body.map((i: { instructorId: string }) => i.instructorId)).toEqual([ids[1]]);
      expect((await get(`/instructors?districtId=${district}&limit=1&after=${ids[1]}`).expect(200)).body).toEqual([]);
      expect((await get(`/instructors?subDistrictId=${sub}`).expect(200)).body.map((i: { instructorId: string }) => i.instructorId)).toEqual([ins]);
      expect((await get('/instructors', subAdmin).expect(200)).body.map((i: { instructorId: string }) => i.instructorId)).toEqual([ins]);
      expect((await get('/instructors', otherAdmin).expect(200)).body.map((i: { instructorId: string }) => i.instructorId)).toEqual([`${ins}-x`]);
      await get(`/instructors?districtId=${district}`, otherAdmin).expect(403);
      await get(`/instructors/${ins}`, otherAdmin).expect(403);
      // A sub-district's administrator does not see those working district-wide.
      await get(`/instructors/${wide.body.instructorId}`, subAdmin).expect(403);
      await get('/instructors/nobody').expect(404);

      const [event] = await eventsOf(ins, 1);
      expect(event).toMatchObject({ type: 'membership.InstructorRegistered.v1', districtid: district });
      expect(event.data).toEqual({ instructorId: ins, name: '李文华', sendingUnit: '阜桥街道办事处', districtId: district, subDistrictId: sub, memberId: null });
    });

    it('refuses an unregistered place, a sub-district of another district, an unknown member, a missing field, a taken id and another jurisdiction, storing nothing', async () => {
      const before = await counts();
      const body = { name: '钱立军', sendingUnit: '任城区委组织部', districtId: district };
      const noDistrict = await post('/instructors', { ...body, districtId: 'nowhere' }).expect(422);
      expect(noDistrict.body).toMatchObject({ error: 'DISTRICT_NOT_FOUND' });
      expect(noDistrict.body.message).toMatch(/districtId：区县 nowhere 未登记/);
      const noSub = await post('/instructors', { ...body, subDistrictId: 'nowhere' }).expect(422);
      expect(noSub.body.message).toMatch(/subDistrictId：街道 nowhere 未登记/);
      const elsewhere = await post('/instructors', { ...body, subDistrictId: otherSub }).expect(422);
      expect(elsewhere.body.error).toBe('SUB_DISTRICT_IN_OTHER_DISTRICT');
      const noMember = await post('/instructors', { ...body, memberId: 'mem-nobody' }).expect(422);
      expect(noMember.body.message).toMatch(/memberId：党员 mem-nobody 不存在/);
      const missing = await post('/instructors', { name: '钱立军', districtId: district }).expect(400);
      expect(JSON.stringify(missing.body.message)).toMatch(/sendingUnit/);
      const taken = await post('/instructors', { ...body, instructorId: ins }).expect(409);
      expect(taken.body.error).toBe('INSTRUCTOR_EXISTS');
      const clash = await post('/instructors', { ...body, instructorId: branch }).expect(409);
      expect(clash.body.error).toBe('ID_IN_USE');
      // Only the district's administrators register district-wide instructors.
      await post('/instructors', body, subAdmin).expect(403);
      await post('/instructors', body, otherAdmin).expect(403);
      await post('/instructors', body, { userId: 'sec', role: 'ORG_SECRETARY', scope: { level: 'ZONE', districtId: district, zoneId: zone } }).expect(403);
      expect(await counts()).toEqual(before);
    });
  });

  describe('assigning 选派', () => {
    it('assigns a registered instructor under the registered name; refuses an unregistered one, one of another district and a different name', async () => {
      const before = await counts();
      const unregistered = await post(`/organizations/${branch}/instructors`, { instructorId: 'ins-unregistered' }).expect(422);
      expect(unregistered.body).toMatchObject({ error: 'INSTRUCTOR_NOT_REGISTERED' });
      expect(unregistered.body.message).toMatch(/instructorId：党建指导员 ins-unregistered 未登记/);
      const away = await post(`/organizations/${otherBranch}/instructors`, { instructorId: ins }).expect(422);
      expect(away.body.error).toBe('INSTRUCTOR_IN_OTHER_DISTRICT');
      const misnamed = await post(`/organizations/${branch}/instructors`, { instructorId: ins, name: '李文' }).expect(422);
      expect(misnamed.body.message).toMatch(/^name 与党建指导员/);
      expect(await counts()).toEqual(before);

      const assigned = await post(`/organizations/${branch}/instructors`, { instructorId: ins, assignedOn: '2026-01-01' }, subAdmin).expect(201);
      expect(assigned.body.instructors).toEqual([{ instructorId: ins, name: '李文华', assignedOn: '2026-01-01' }]);
      const named = await post(`/organizations/${committee}/instructors`, { instructorId: ins, name: '李文华', assignedOn: '2026-02-01' }).expect(201);
      expect(named.body.instructors).toEqual([{ instructorId: ins, name: '李文华', assignedOn: '2026-02-01' }]);
    });
  });

  describe('guidance visits 指导记录', () => {
    const visit = (body: object, actor?: Actor) => post(`/instructors/${ins}/visits`, body, actor);

    it('records visits to the organizations the instructor guides; the instructor’s page counts them; the list pages newest first', async () => {
      const first = await visit({ visitId: `${ins}-v1`, organizationId: branch, visitedOn: '2026-03-01', summary: '指导支部完善“三会一课”记录\n商定亮身份安排' }, subAdmin).expect(201);
      expect(first.body).toMatchObject({ visitId: `${ins}-v1`, instructorId: ins, organizationId: branch, summary: '指导支部完善“三会一课”记录\n商定亮身份安排', zoneId: zone });
      await visit({ visitId: `${ins}-v2`, organizationId: committee, visitedOn: '2026-04-01', summary: '参加商圈党委理事会' }).expect(201);
      await visit({ visitId: `${ins}-v3`, organizationId: branch, visitedOn: '2026-05-10', summary: '上午：走访商户党员' }).expect(201);
      await visit({ visitId: `${ins}-v4`, organizationId: branch, visitedOn: '2026-05-10', summary: '下午：指导组织生活会' }).expect(201);
      const generated = await visit({ organizationId: committee, visitedOn: '2026-06-01', summary: '今天的指导' }).expect(201);
      expect(generated.body.visitId).toMatch(/^visit-/);

      const page = await get(`/instructors/${ins}`, subAdmin).expect(200);
      expect(page.body.organizations).toEqual([
        expect.objectContaining({ organizationId: [branch, committee].sort()[0] }),
        expect.objectContaining({ organizationId: [branch, committee].sort()[1] }),
      ]);
      const byId = Object.fromEntries(page.body.organizations.map((o: { organizationId: string }) => [o.organizationId, o]));
      expect(byId[branch]).toMatchObject({ name: '万达党支部', assignedOn: '2026-01-01', visits: 3, lastVisitedOn: '2026-05-10' });
      expect(byId[committee]).toMatchObject({ name: '太白楼路商圈党委', assignedOn: '2026-02-01', visits: 2, lastVisitedOn: '2026-06-01' });
      expect(page.body).toMatchObject({ organizationsTruncated: false, visits: { count: 5, lastVisitedOn: '2026-06-01' } });

      // Newest first; two visits on one day are neither skipped nor repeated across pages.
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const res: { body: { items: { visitId: string; visitedOn: string }[]; next: string | null } } = await get(
          `/instructors/${ins}/visits?limit=2${after ? `&after=${after}` : ''}`,
          subAdmin,
        ).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((v) => `${v.visitedOn} ${v.visitId}`));
        after = res.body.next;
      } while (after);
      expect(seen).toEqual([`2026-06-01 ${generated.body.visitId}`, `2026-05-10 ${ins}-v4`, `2026-05-10 ${ins}-v3`, `2026-04-01 ${ins}-v2`, `2026-03-01 ${ins}-v1`]);
      const toCommittee = await get(`/instructors/${ins}/visits?organizationId=${committee}`).expect(200);
      expect(toCommittee.body.items.map((v: { visitId: string }) => v.visitId)).toEqual([generated.body.visitId, `${ins}-v2`]);
      const bad = await get(`/instructors/${ins}/visits?after=not-a-cursor`).expect(400);
      expect(JSON.stringify(bad.body.message)).toMatch(/after 无效/);
      await get(`/instructors/${ins}/visits`, otherAdmin).expect(403);

      const events = await eventsOf(`${ins}-v1`, 1);
      expect(events[0]).toMatchObject({ type: 'membership.GuidanceVisitRecorded.v1', districtid: district, zoneid: zone });
      expect(events[0].data).toEqual({
        visitId: `${ins}-v1`,
        instructorId: ins,
        organizationId: branch,
        visitedOn: '2026-03-01',
        summary: '指导支部完善“三会一课”记录\n商定亮身份安排',
        districtId: district,
        subDistrictId: sub,
        zoneId: zone,
      });
    });

    it('refuses a visit to an organization not guided now, in the future, before the assignment, with a bad summary or out of scope, storing nothing', async () => {
      const before = await counts();
      const notGuided = await visit({ organizationId: unguided, visitedOn: '2026-05-01', summary: '走访' }).expect(422);
      expect(notGuided.body).toMatchObject({ error: 'INSTRUCTOR_NOT_ASSIGNED' });
      expect(notGuided.body.message).toMatch(/^organizationId：党建指导员 .* 目前未选派到苏宁党支部/);
      const future = await visit({ organizationId: branch, visitedOn: '2026-06-02', summary: '走访' }).expect(422);
      expect(future.body.message).toMatch(/visitedOn：指导日期 2026-06-02 晚于今天（2026-06-01）/);
      const early = await visit({ organizationId: committee, visitedOn: '2026-01-15', summary: '走访' }).expect(422);
      expect(early.body.error).toBe('VISIT_BEFORE_ASSIGNMENT');
      await visit({ organizationId: 'org-nowhere', visitedOn: '2026-05-01', summary: '走访' }).expect(422);
      const control = await visit({ organizationId: branch, visitedOn: '2026-05-01', summary: '走访\u0007' }).expect(400);
      expect(JSON.stringify(control.body.message)).toMatch(/summary/);
      await visit({ organizationId: branch, visitedOn: '2026-05-01' }).expect(400);
      await visit({ organizationId: branch, visitedOn: '2026-02-30', summary: '走访' }).expect(400);
      await visit({ visitId: `${ins}-v1`, organizationId: branch, visitedOn: '2026-05-01', summary: '重复' }).expect(409);
      await visit({ organizationId: branch, visitedOn: '2026-05-01', summary: '走访' }, otherAdmin).expect(403);
      await post('/instructors/nobody/visits', { organizationId: branch, visitedOn: '2026-05-01', summary: '走访' }).expect(404);
      expect(await counts()).toEqual(before);
    });

    it('after the instructor is withdrawn or the organization dissolved, refuses new visits there and no longer lists it, keeping the visits made', async () => {
      await t.http().delete(`/organizations/${branch}/instructors/${ins}`).set('authorization', bearer()).expect(200);
      const refused = await visit({ organizationId: branch, visitedOn: '2026-06-01', summary: '走访' }).expect(422);
      expect(refused.body.error).toBe('INSTRUCTOR_NOT_ASSIGNED');
      await post(`/organizations/${unguided}/instructors`, { instructorId: ins, assignedOn: '2026-05-01' }).expect(201);
      await post(`/organizations/${unguided}/dissolution`, { dissolvedOn: '2026-05-20' }).expect(200);
      const dissolved = await visit({ organizationId: unguided, visitedOn: '2026-05-10', summary: '走访' }).expect(422);
      expect(dissolved.body.error).toBe('ORGANIZATION_DISSOLVED');
      const page = await get(`/instructors/${ins}`).expect(200);
      expect(page.body.organizations.map((o: { organizationId: string }) => o.organizationId)).toEqual([committee]);
      expect(page.body.visits).toEqual({ count: 5, lastVisitedOn: '2026-06-01' });
      expect((await get(`/instructors/${ins}/visits?organizationId=${branch}`).expect(200)).body.items).toHaveLength(3);
    });
  });
});
