import { Actor, ManualClock } from '@pb/platform';
import { bearer, idNumberFor, phoneFor, startServiceApp, TestApp, uniqueName } from '@pb/testing';
import { createOrganization, eventsOf, memberCounts, registerPlaces } from './fixtures';
import { MEMBERSHIP } from './membership-app';

/**
 * Members over their whole life (#18, item 1): a record is corrected with a reason, an ID number
 * by a district administrator (audited), a membership ends in the ways the rules know and then
 * counts nowhere, and people are found by name, ID number or phone within the caller's jurisdiction.
 */
describe('members over their whole life: corrections, endings, search (real database and Kafka)', () => {
  let t: TestApp<ManualClock>;
  const district = uniqueName('d');
  const [zone, zone2] = [uniqueName('zone'), uniqueName('zone')];
  let orgA: string;
  let orgB: string;
  let otherDistrictOrg: string;
  let seq = 0;

  const districtAdmin: Actor = { userId: 'da-1', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: district } };
  const subDistrictAdmin: Actor = { userId: 'sda-1', role: 'SUB_DISTRICT_ADMIN', scope: { level: 'SUB_DISTRICT', districtId: district, subDistrictId: 'fuqiao' } };
  const otherDistrictAdmin: Actor = { userId: 'da-2', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: 'elsewhere' } };
  const gridWorker: Actor = { userId: 'gw-1', role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: district, zoneId: zone } };
  const secretaryOf = (organizationId: string): Actor => ({
    userId: `sec-${organizationId}`,
    role: 'ORG_SECRETARY',
    scope: { level: 'SUB_DISTRICT', districtId: district, subDistrictId: 'fuqiao' },
    organizationId,
  });

  beforeAll(async () => {
    t = await startServiceApp(MEMBERSHIP, { clock: new ManualClock(new Date('2026-06-01T02:00:00Z')) });
    await registerPlaces(t, district, 'fuqiao', [zone, zone2]);
    await registerPlaces(t, 'elsewhere', 'x', []);
    orgA = await createOrganization(t, { districtId: district, subDistrictId: 'fuqiao', zoneId: zone, name: '万达广场党支部', type: 'BRANCH' });
    orgB = await createOrganization(t, { districtId: district, subDistrictId: 'fuqiao', zoneId: zone2, name: '苏宁广场党支部', type: 'BRANCH' });
    otherDistrictOrg = await createOrganization(t, { districtId: 'elsewhere', subDistrictId: 'x', zoneId: null, name: '外区街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE' });
  });

  afterAll(async () => {
    await t.close();
  });

  const register = async (overrides: Record<string, unknown> = {}) => {
    seq += 1;
    const birthDate = '1990-03-15';
    const body = {
      name: '张明',
      gender: 'MALE',
      birthDate,
      idNumber: idNumberFor(birthDate, 500 + seq),
      phone: phoneFor(72_000_000 + seq),
      employerName: null,
      employerCreditCode: null,
      organizationId: orgA,
      status: 'FULL',
      joinedOn: '2015-07-01',
      ...overrides,
    };
    const res = await t.http().post('/members').set('authorization', bearer(districtAdmin)).send(body);
    if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { body, memberId: res.body.memberId as string };
  };
  const post = (path: string, body: unknown, actor: Actor = districtAdmin) =>
    t
      .http()
      .post(path)
      .set('authorization', bearer(actor))
      .send(body as object);
  const get = (path: string, actor: Actor = districtAdmin) => t.http().get(path).set('authorization', bearer(actor));
  const zoneCounts = async (zoneId: string) => (await get(`/zones/${zoneId}/member-counts`).expect(200)).body as { members: number; fullMembers: number };

  describe('修改党员信息 corrections', () => {
    it('corrects name, phone, employer, education and organization with a reason; every view follows; the event carries no phone', async () => {
      const { memberId } = await register({ name: '王小明' });
      const before = await zoneCounts(zone2);
      const res = await post(`/members/${memberId}/corrections`, {
        reason: '登记时姓名和所在党组织录入错误',
        name: '王晓明',
        phone: '13912345678',
        employerName: '济宁苏宁易购有限公司',
        employerCreditCode: '91370800MA3C5EXA2N',
        education: 'UNDERGRADUATE',
        organizationId: orgB,
        expectedVersion: 1,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: '王晓明',
        education: 'UNDERGRADUATE',
        organizationId: orgB,
        zoneId: zone2,
        employerName: '济宁苏宁易购有限公司',
        phone: '139****5678',
        version: 2,
      });

      const detail = await get(`/members/${memberId}?reveal=true`).expect(200);
      expect(detail.body).toMatchObject({ name: '王晓明', phone: '13912345678', organizationId: orgB });
      const listed = await get(`/members?organizationId=${orgB}`).expect(200);
      expect(listed.body.items.map((m: { memberId: string }) => m.memberId)).toContain(memberId);
      expect((await zoneCounts(zone2)).members).toBe(before.members + 1);

      const [, event] = await eventsOf(memberId, 2);
      expect(event).toMatchObject({ type: 'membership.MemberRecordCorrected.v1', zoneid: zone2 });
      expect(event!.data).toMatchObject({ corrected: ['name', 'phone', 'employer', 'education', 'organization'], reason: '登记时姓名和所在党组织录入错误', organizationId: orgB });
      expect(JSON.stringify(event)).not.toContain('13912345678');
      // Found by the new phone number (its blind index followed), no longer by the old one.
      const byPhone = await get(`/members?phone=13912345678`).expect(200);
      expect(byPhone.body.items.map((m: { memberId: string }) => m.memberId)).toEqual([memberId]);
    });

    it('refuses a correction without a reason or with nothing to correct (a 4xx naming the field), a stale version, and changes nothing', async () => {
      const { memberId, body } = await register();
      const counts = await memberCounts(t.db);
      const noReason = await post(`/members/${memberId}/corrections`, { name: '李四' });
      expect(noReason.status).toBe(400);
      expect(JSON.stringify(noReason.body)).toContain('reason');
      const nothing = await post(`/members/${memberId}/corrections`, { reason: '核对', name: '张明', phone: body.phone });
      expect(nothing.status).toBe(422);
      expect(nothing.body.message).toContain('没有需要修改的内容');
      const stale = await post(`/members/${memberId}/corrections`, { reason: '核对', name: '李四', expectedVersion: 7 });
      expect(stale.status).toBe(409);
      const badOrg = await post(`/members/${memberId}/corrections`, { reason: '核对', organizationId: 'org-nowhere' });
      expect(badOrg.status).toBe(422);
      expect(await memberCounts(t.db)).toEqual(counts);
      expect((await get(`/members/${memberId}?reveal=true`).expect(200)).body).toMatchObject({ name: '张明', phone: body.phone, version: 1 });
    });

    it('lets only a district administrator or above correct an ID number, in their jurisdiction, audited; the blind index follows', async () => {
      const { memberId, body } = await register();
      const next = idNumberFor('1991-04-16', 900 + seq);
      expect((await post(`/members/${memberId}/id-number-correction`, { idNumber: next, reason: '末位录入错误' }, subDistrictAdmin)).status).toBe(403);
      expect((await post(`/members/${memberId}/id-number-correction`, { idNumber: next, reason: '末位录入错误' }, otherDistrictAdmin)).status).toBe(403);
      const taken = await register();
      const clash = await post(`/members/${memberId}/id-number-correction`, { idNumber: taken.body.idNumber, reason: '核对' });
      expect(clash.status).toBe(409);

      const res = await post(`/members/${memberId}/id-number-correction`, { idNumber: next, reason: '末位录入错误', expectedVersion: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ birthYear: 1991, version: 2 });
      expect((await get(`/members/${memberId}?reveal=true`).expect(200)).body.idNumber).toBe(next);
      const [, event] = await eventsOf(memberId, 2);
      expect(event).toMatchObject({ type: 'membership.MemberIdNumberCorrected.v1', data: { memberId, reason: '末位录入错误', birthYear: 1991 } });
      expect(JSON.stringify(event)).not.toContain(next);
      // 留痕: the correction is recorded as the clear views are.
      // The refused attempt stays audited (its 409 said the number is on record), marked as refused.
      const audit = await get(`/id-number-reveals?memberId=${memberId}`).expect(200);
      const actions = audit.body.items.map((r: { action: string }) => r.action).filter((a: string) => a !== 'VIEWED');
      expect(actions.sort()).toEqual(['CORRECTED', 'CORRECTION_REFUSED']);
      // Found by the new number, not by the old; the old number is free for someone else.
      expect((await get(`/members?idNumber=${next}`).expect(200)).body.items.map((m: { memberId: string }) => m.memberId)).toEqual([memberId]);
      expect((await get(`/members?idNumber=${body.idNumber}`).expect(200)).body.items).toEqual([]);
      const reuse = await t
        .http()
        .post('/members')
        .set('authorization', bearer(districtAdmin))
        .send({ ...body, name: '李四' });
      expect(reuse.status).toBe(201);
    });
  });

  describe('党籍终止 ending a membership', () => {
    it('ends a membership: counted nowhere, listed only when asked, history readable, further commands refused with a 409 saying why', async () => {
      const { memberId } = await register();
      const before = await zoneCounts(zone);
      const res = await post(`/members/${memberId}/ending`, { kind: 'TRANSFERRED_OUT', endedOn: '2026-05-20', approvingOrganizationId: orgA, letterNumber: '济组转〔2026〕118号' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'ENDED',
        countedIn: null,
        ending: { kind: 'TRANSFERRED_OUT', endedOn: '2026-05-20', letterNumber: '济组转〔2026〕118号', statusBefore: 'FULL' },
      });
      const [, event] = await eventsOf(memberId, 2);
      expect(event).toMatchObject({ type: 'membership.MembershipEnded.v1', data: { kind: 'TRANSFERRED_OUT', approvingOrganizationId: orgA } });

      const after = await zoneCounts(zone);
      expect(after.members).toBe(before.members - 1);
      const listed = (await get(`/members?organizationId=${orgA}&limit=200`).expect(200)).body.items.map((m: { memberId: string }) => m.memberId);
      expect(listed).not.toContain(memberId);
      const ended = (await get(`/members?organizationId=${orgA}&status=ENDED`).expect(200)).body.items.map((m: { memberId: string }) => m.memberId);
      expect(ended).toContain(memberId);
      expect((await get(`/members/${memberId}`).expect(200)).body).toMatchObject({ status: 'ENDED', organizationId: orgA });

      const checkIn = await post(`/members/${memberId}/floating/check-in`, { organizationId: orgB, homeOrganizationName: '外地支部', checkedInOn: '2026-05-25' });
      expect(checkIn.status).toBe(409);
      expect(checkIn.body.message).toContain('已终止');
      const transfer = await post(`/members/${memberId}/transfers`, { toOrganizationId: orgB, reason: '工作调动', requestedOn: '2026-05-25' });
      expect(transfer.status).toBe(409);
      expect((await post(`/members/${memberId}/ending`, { kind: 'DECEASED', endedOn: '2026-05-30', approvingOrganizationId: orgA })).status).toBe(409);
    });

    it('needs an existing approving organization in reach, the letter for a transfer out, a date not in the future; nothing changes otherwise', async () => {
      const { memberId } = await register({ status: 'PROBATIONARY', joinedOn: '2026-01-02' });
      const counts = await memberCounts(t.db);
      const cases: [Record<string, unknown>, number, string][] = [
        [{ kind: 'WITHDRAWN', endedOn: '2026-05-20', approvingOrganizationId: 'org-nowhere' }, 422, 'approvingOrganizationId'],
        [{ kind: 'TRANSFERRED_OUT', endedOn: '2026-05-20', approvingOrganizationId: orgA }, 422, 'letterNumber'],
        [{ kind: 'STOPPED', endedOn: '2026-07-01', approvingOrganizationId: orgA }, 422, 'endedOn'],
        [{ kind: 'LEFT', endedOn: '2026-05-20', approvingOrganizationId: orgA }, 400, 'kind'],
        [{ kind: 'EXPELLED', endedOn: '2026-05-20', approvingOrganizationId: otherDistrictOrg }, 403, ''],
      ];
      for (const [body, status, field] of cases) {
        const res = await post(`/members/${memberId}/ending`, body);
        expect({ body, status: res.status }).toEqual({ body, status });
        expect(JSON.stringify(res.body)).toContain(field);
      }
      expect(await memberCounts(t.db)).toEqual(counts);
      // A secretary ends a membership in their own organization only.
      expect((await post(`/members/${memberId}/ending`, { kind: 'WITHDRAWN', endedOn: '2026-05-20', approvingOrganizationId: orgA }, secretaryOf(orgB))).status).toBe(403);
      expect((await post(`/members/${memberId}/ending`, { kind: 'WITHDRAWN', endedOn: '2026-05-20', approvingOrganizationId: orgA }, secretaryOf(orgA))).status).toBe(200);
    });
  });

  describe('finding people 查找党员', () => {
    it('finds by part of a name, by ID number and by phone within the jurisdiction; filters combine; roles without names get no search', async () => {
      const name = `欧阳${uniqueName('x').slice(-4)}`;
      const a = await register({ name: `${name}华` });
      const b = await register({ name: `${name}丽`, status: 'PROBATIONARY', joinedOn: '2026-01-02' });
      await register({ name: `${name}强`, organizationId: orgB });
      const ids = (res: { body: { items: { memberId: string }[] } }) => res.body.items.map((m) => m.memberId).sort();

      expect(ids(await get(`/members?name=${encodeURIComponent(name)}`).expect(200))).toHaveLength(3);
      expect(ids(await get(`/members?name=${encodeURIComponent(name)}&organizationId=${orgA}`).expect(200))).toEqual([a.memberId, b.memberId].sort());
      expect(ids(await get(`/members?name=${encodeURIComponent(name)}&organizationId=${orgA}&status=PROBATIONARY`).expect(200))).toEqual([b.memberId]);
      expect(ids(await get(`/members?name=${encodeURIComponent(name)}&stage=FULL&floating=false`).expect(200))).toHaveLength(2);
      // Paged by a stable cursor, nothing lost or repeated.
      const first = await get(`/members?name=${encodeURIComponent(name)}&limit=2`).expect(200);
      const second = await get(`/members?name=${encodeURIComponent(name)}&limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect([...ids(first), ...ids(second)]).toHaveLength(3);
      expect(second.body.nextCursor).toBeNull();

      expect(ids(await get(`/members?idNumber=${a.body.idNumber}`).expect(200))).toEqual([a.memberId]);
      expect(ids(await get(`/members?phone=${b.body.phone}`).expect(200))).toEqual([b.memberId]);
      expect(ids(await get(`/members?phone=${b.body.phone}&status=FULL`).expect(200))).toEqual([]);
      // Another district's administrator finds nobody of this district, by name or number.
      expect((await get(`/members?name=${encodeURIComponent(name)}`, otherDistrictAdmin).expect(200)).body.items).toEqual([]);
      expect((await get(`/members?idNumber=${a.body.idNumber}`, otherDistrictAdmin).expect(200)).body.items).toEqual([]);
      for (const query of [`name=${encodeURIComponent(name)}`, `idNumber=${a.body.idNumber}`, `phone=${b.body.phone}`]) {
        expect((await get(`/members?${query}`, gridWorker)).status).toBe(403);
      }
      const partial = await get(`/members?idNumber=3708`);
      expect(partial.status).toBe(400);
      expect(JSON.stringify(partial.body)).toContain('idNumber');
    });
  });
});
