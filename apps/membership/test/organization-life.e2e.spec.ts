import { Connection } from 'mongoose';
import { Actor, ManualClock } from '@pb/platform';
import { bearer, idNumberFor, phoneFor, startServiceApp, SYSTEM, TestApp, uniqueName } from '@pb/testing';
import { createOrganization, eventsOf, registerPlaces } from './fixtures';
import { MEMBERSHIP } from './membership-app';

describe('organizations and places over their life: re-parent, host, dissolve, merge, zone renames, buildings (real database and Kafka)', () => {
  let t: TestApp<ManualClock>;
  let db: Connection;
  const district = uniqueName('d');
  const zone = uniqueName('zone');
  const otherZone = uniqueName('zone');
  const base = () => ({ districtId: district, subDistrictId: 'fuqiao', zoneId: zone });
  let swc: string;
  let committee: string;
  let joint: string;
  let branch: string;
  let otherZoneCommittee: string;
  let memberId: string;

  const subDistrictAdmin = (): Actor => ({ userId: 'sa', role: 'SUB_DISTRICT_ADMIN', scope: { level: 'SUB_DISTRICT', districtId: district, subDistrictId: 'fuqiao' } });
  const otherAdmin: Actor = { userId: 'da2', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: 'elsewhere' } };
  const http = () => t.http();
  const org = async (id: string) => (await http().get(`/organizations/${id}`).set('authorization', bearer()).expect(200)).body;
  const counts = async () => ({
    events: await db.collection('events').countDocuments(),
    organizations: await db.collection('organizations').countDocuments(),
    buildings: await db.collection('buildings').countDocuments(),
  });
  const listIds = async (query: string) =>
    ((await http().get(`/organizations?${query}`).set('authorization', bearer()).expect(200)).body as { organizationId: string }[]).map((o) => o.organizationId);

  beforeAll(async () => {
    t = await startServiceApp(MEMBERSHIP, { clock: new ManualClock(new Date('2026-03-01T02:00:00Z')) });
    db = t.db;
    await registerPlaces(t, district, 'fuqiao', [zone, otherZone]);
    swc = await createOrganization(t, { ...base(), zoneId: null, name: '阜桥街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE' });
    committee = await createOrganization(t, { ...base(), name: '太白楼路商圈党委', type: 'DISTRICT_COMMITTEE', parentId: swc });
    joint = await createOrganization(t, { ...base(), name: '太白楼路商圈联合党委', type: 'JOINT_COMMITTEE', parentId: committee });
    branch = await createOrganization(t, { ...base(), name: '万达广场党支部', type: 'BRANCH', parentId: committee });
    otherZoneCommittee = await createOrganization(t, { ...base(), zoneId: otherZone, name: '古槐路商圈党委', type: 'DISTRICT_COMMITTEE', parentId: swc });
    const member = await http()
      .post('/members')
      .set('authorization', bearer())
      .send({
        name: '张明',
        gender: 'MALE',
        birthDate: '1990-03-15',
        idNumber: idNumberFor('1990-03-15', 901),
        phone: phoneFor(71_000_901),
        organizationId: branch,
        status: 'FULL',
        joinedOn: '2015-07-01',
      })
      .expect(201);
    memberId = member.body.memberId as string;
  });

  afterAll(async () => {
    await t.close();
  });

  it('re-parents an organization and publishes OrganizationReparented; a cycle, another zone or an unknown parent is refused and nothing changes', async () => {
    const res = await http().put(`/organizations/${branch}/parent`).set('authorization', bearer()).send({ parentId: joint }).expect(200);
    expect(res.body).toMatchObject({ organizationId: branch, parentId: joint });
    const events = await eventsOf(branch, 2);
    expect(events[1]).toMatchObject({ type: 'membership.OrganizationReparented.v1', data: { organizationId: branch, parentId: joint, previousParentId: committee } });
    expect(await listIds(`parentId=${joint}`)).toEqual([branch]);

    const before = await counts();
    const cycle = await http().put(`/organizations/${committee}/parent`).set('authorization', bearer()).send({ parentId: joint }).expect(422);
    expect(cycle.body).toMatchObject({ error: 'PARENT_CYCLE' });
    expect(cycle.body.message).toMatch(/不能作为其上级（隶属关系不能成环）/);
    const elsewhere = await http().put(`/organizations/${branch}/parent`).set('authorization', bearer()).send({ parentId: otherZoneCommittee }).expect(422);
    expect(elsewhere.body.error).toBe('PARENT_IN_OTHER_ZONE');
    await http().put(`/organizations/${branch}/parent`).set('authorization', bearer()).send({ parentId: 'org-nowhere' }).expect(422);
    const malformed = await http().put(`/organizations/${branch}/parent`).set('authorization', bearer()).send({ parentId: 'bad id' }).expect(400);
    expect(JSON.stringify(malformed.body)).toMatch(/parentId 须为党组织编号/);
    await http().put(`/organizations/${branch}/parent`).set('authorization', bearer(otherAdmin)).send({ parentId: committee }).expect(403);
    expect(await counts()).toEqual(before);
  });

  it('changes the host unit (依托单位) and clears it; a body without host is a 400', async () => {
    const res = await http()
      .put(`/organizations/${branch}/host`)
      .set('authorization', bearer())
      .send({ host: { kind: 'ENTERPRISE', name: '济宁万达广场商业管理有限公司' } })
      .expect(200);
    expect(res.body.host).toEqual({ kind: 'ENTERPRISE', name: '济宁万达广场商业管理有限公司', creditCode: null });
    const missing = await http().put(`/organizations/${branch}/host`).set('authorization', bearer()).send({}).expect(400);
    expect(JSON.stringify(missing.body)).toMatch(/host 必填/);
    await http().put(`/organizations/${branch}/host`).set('authorization', bearer()).send({ host: null }).expect(200);
    expect((await org(branch)).host).toBeNull();
  });

  it('refuses to dissolve an organization with members or child organizations, saying how many; dissolves it once they are moved, and it leaves the lists', async () => {
    const before = await counts();
    const withMember = await http().post(`/organizations/${branch}/dissolution`).set('authorization', bearer()).send({}).expect(409);
    expect(withMember.body).toMatchObject({ error: 'ORGANIZATION_HAS_MEMBERS' });
    expect(withMember.body.message).toMatch(/万达广场党支部还有1 名党员.*须先通过组织关系转接将党员转至指定的其他党组织/);
    const withChild = await http().post(`/organizations/${joint}/dissolution`).set('authorization', bearer()).send({}).expect(409);
    expect(withChild.body.message).toMatch(/还有 1 个下级党组织/);
    expect(await counts()).toEqual(before);

    // The member moves through the member's own transfer 组织关系转接.
    const transfers = `/members/${memberId}/transfers`;
    const requested = await http().post(transfers).set('authorization', bearer()).send({ toOrganizationId: joint, reason: '党组织撤销', requestedOn: '2026-03-01' }).expect(201);
    const transferId = requested.body.transfer.transferId as string;
    const pending = await http().post(`/organizations/${branch}/dissolution`).set('authorization', bearer()).send({}).expect(409);
    expect(pending.body.message).toMatch(/1 名党员/);
    await http().post(`${transfers}/${transferId}/approval`).set('authorization', bearer()).send({ on: '2026-03-01' }).expect(200);
    await http().post(`${transfers}/${transferId}/completion`).set('authorization', bearer()).send({ on: '2026-03-01' }).expect(200);

    const res = await http().post(`/organizations/${branch}/dissolution`).set('authorization', bearer()).send({}).expect(200);
    expect(res.body).toMatchObject({ organizationId: branch, dissolvedOn: '2026-03-01' });
    const events = await eventsOf(branch, 5);
    expect(events.map((e) => e.type).slice(-1)).toEqual(['membership.OrganizationDissolved.v1']);

    expect(await listIds(`zoneId=${zone}`)).not.toContain(branch);
    expect(await listIds(`zoneId=${zone}&includeDissolved=true`)).toContain(branch);
    const tree = await http().get(`/jurisdictions/${zone}/organization-tree`).set('authorization', bearer()).expect(200);
    expect(JSON.stringify(tree.body)).not.toContain(branch);
    // Its history stays readable, and it takes no further change.
    expect(await org(branch)).toMatchObject({ name: '万达广场党支部', dissolvedOn: '2026-03-01' });
    const rename = await http().patch(`/organizations/${branch}/name`).set('authorization', bearer()).send({ name: '新名称' }).expect(409);
    expect(rename.body.error).toBe('ORGANIZATION_DISSOLVED');
    await http().post(`/organizations/${branch}/dissolution`).set('authorization', bearer()).send({}).expect(409);
  });

  it('merges one organization into another: its child organizations move there, and it ends; a merge into its own child is refused', async () => {
    const merging = await createOrganization(t, { ...base(), name: '苏宁广场联合党委', type: 'JOINT_COMMITTEE', parentId: committee });
    const child = await createOrganization(t, { ...base(), name: '苏宁广场党支部', type: 'BRANCH', parentId: merging });
    const before = await counts();
    const down = await http().post(`/organizations/${merging}/merge`).set('authorization', bearer()).send({ intoOrganizationId: child }).expect(422);
    expect(down.body.error).toBe('MERGE_INTO_DESCENDANT');
    const elsewhere = await http().post(`/organizations/${merging}/merge`).set('authorization', bearer()).send({ intoOrganizationId: otherZoneCommittee }).expect(422);
    expect(elsewhere.body).toMatchObject({ error: 'CHILD_DOES_NOT_FIT' });
    expect(elsewhere.body.message).toMatch(/下级组织苏宁广场党支部不能改隶古槐路商圈党委/);
    expect(await counts()).toEqual(before);

    const res = await http().post(`/organizations/${merging}/merge`).set('authorization', bearer()).send({ intoOrganizationId: joint }).expect(200);
    expect(res.body).toMatchObject({ organizationId: merging, mergedIntoId: joint, dissolvedOn: '2026-03-01' });
    expect(await org(child)).toMatchObject({ parentId: joint });
    const [, reparented] = await eventsOf(child, 2);
    expect(reparented).toMatchObject({ type: 'membership.OrganizationReparented.v1', data: { parentId: joint, previousParentId: merging } });
    const [, merged] = await eventsOf(merging, 2);
    expect(merged).toMatchObject({ type: 'membership.OrganizationMerged.v1', data: { organizationId: merging, intoOrganizationId: joint, childOrganizationIds: [child] } });
    expect(await listIds(`parentId=${joint}`)).toContain(child);
    expect(await listIds(`zoneId=${zone}`)).not.toContain(merging);
  });

  it('renames a zone (JurisdictionRenamed): the lists and the tree show the new name; the same name is a 409, a sub-district admin a 403', async () => {
    const res = await http().patch(`/jurisdictions/${zone}/name`).set('authorization', bearer()).send({ name: '太白楼路—古槐路商圈' }).expect(200);
    expect(res.body).toMatchObject({ jurisdictionId: zone, name: '太白楼路—古槐路商圈' });
    const [, event] = await eventsOf(zone, 2);
    expect(event).toMatchObject({ type: 'membership.JurisdictionRenamed.v1', data: { jurisdictionId: zone, name: '太白楼路—古槐路商圈' } });
    const list = await http().get(`/jurisdictions?level=ZONE&districtId=${district}`).set('authorization', bearer()).expect(200);
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ jurisdictionId: zone, name: '太白楼路—古槐路商圈' })]));
    const tree = await http().get(`/jurisdictions/fuqiao/tree`).set('authorization', bearer()).expect(200);
    expect(JSON.stringify(tree.body)).toContain('太白楼路—古槐路商圈');

    const before = await counts();
    await http().patch(`/jurisdictions/${zone}/name`).set('authorization', bearer()).send({ name: '太白楼路—古槐路商圈' }).expect(409);
    await http().patch(`/jurisdictions/${zone}/name`).set('authorization', bearer(subDistrictAdmin())).send({ name: '别名' }).expect(403);
    const empty = await http().patch(`/jurisdictions/${zone}/name`).set('authorization', bearer()).send({ name: '' }).expect(400);
    expect(JSON.stringify(empty.body)).toMatch(/name 长度须在 1 到 100 之间/);
    await http().patch(`/jurisdictions/zone-nowhere/name`).set('authorization', bearer()).send({ name: '某片区' }).expect(404);
    expect(await counts()).toEqual(before);
  });

  it('registers buildings and complexes (楼宇、综合体) in a zone, lists them per zone, locates organizations in one of their own zone and counts what is inside', async () => {
    const wanda = uniqueName('bld');
    const guhuai = uniqueName('bld');
    const created = await http()
      .post('/buildings')
      .set('authorization', bearer(subDistrictAdmin()))
      .send({ buildingId: wanda, name: '万达广场', kind: 'COMPLEX', zoneId: zone, address: '太白楼中路' })
      .expect(201);
    expect(created.body).toMatchObject({ buildingId: wanda, kind: 'COMPLEX', districtId: district, subDistrictId: 'fuqiao', zoneId: zone, address: '太白楼中路' });
    await http().post('/buildings').set('authorization', bearer()).send({ buildingId: guhuai, name: '古槐大厦', kind: 'BUILDING', zoneId: otherZone }).expect(201);
    const [event] = await eventsOf(wanda);
    expect(event).toMatchObject({ type: 'membership.BuildingRegistered.v1', districtid: district, zoneid: zone });

    const before = await counts();
    const badKind = await http().post('/buildings').set('authorization', bearer()).send({ name: '某楼', kind: 'MALL', zoneId: zone }).expect(400);
    expect(JSON.stringify(badKind.body)).toMatch(/kind 必须是以下之一/);
    const noZone = await http().post('/buildings').set('authorization', bearer()).send({ name: '某楼', kind: 'BUILDING', zoneId: 'zone-nowhere' }).expect(422);
    expect(noZone.body.message).toMatch(/片区 zone-nowhere 未登记/);
    await http().post('/buildings').set('authorization', bearer(otherAdmin)).send({ name: '某楼', kind: 'BUILDING', zoneId: zone }).expect(403);
    const outside = await http().put(`/organizations/${joint}/building`).set('authorization', bearer()).send({ buildingId: guhuai }).expect(422);
    expect(outside.body).toMatchObject({ error: 'BUILDING_IN_OTHER_ZONE' });
    expect(outside.body.message).toMatch(/楼宇古槐大厦属于片区/);
    expect(await counts()).toEqual(before);

    const list = await http().get(`/buildings?zoneId=${zone}`).set('authorization', bearer()).expect(200);
    expect(list.body.map((b: { buildingId: string }) => b.buildingId)).toEqual([wanda]);

    await http().put(`/organizations/${joint}/building`).set('authorization', bearer()).send({ buildingId: wanda }).expect(200);
    expect(await listIds(`buildingId=${wanda}`)).toEqual([joint]);
    // The member transferred into the joint committee counts in the building.
    const detail = await http().get(`/buildings/${wanda}`).set('authorization', bearer()).expect(200);
    expect(detail.body).toMatchObject({ buildingId: wanda, name: '万达广场', counts: { organizations: 1, members: 1 } });
    await http().get(`/buildings/${wanda}`).set('authorization', bearer(otherAdmin)).expect(403);
    await http().get('/buildings/bld-nowhere').set('authorization', bearer(SYSTEM)).expect(404);
  });
});
