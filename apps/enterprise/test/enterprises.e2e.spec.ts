import request from 'supertest';
import { CONTEXT_TOPICS, EventEnvelope, MemberRegistered, MemberTransferCompleted, OrganizationRegistered } from '@pb/contracts';
import {
  announce,
  announceZone,
  bearer,
  buildingRegistered,
  envelopeOf,
  infraEnv,
  newCreditCode,
  newZone,
  publishEnvelopes,
  readTopic,
  startServiceApp,
  TestApp,
  uniqueName,
  waitFor,
  waitForGroupAtEnd,
} from '@pb/testing';
import { ENTERPRISE } from './enterprise-app';
import { contactOf, counts, districtAdmin, enterpriseBody } from './fixtures';

describe('enterprise registry API (real database and Kafka)', () => {
  let t: TestApp;
  const zone = newZone();
  const other = newZone();
  const server = () => t.app.getHttpServer();

  beforeAll(async () => {
    t = await startServiceApp(ENTERPRISE, { fromEnd: true });
    await announceZone(t.db, zone, '海能电商园');
    await announceZone(t.db, other);
  });

  afterAll(async () => t.close());

  const register = (body: Record<string, unknown>, actor = undefined as Parameters<typeof bearer>[0]) =>
    request(server()).post('/enterprises').set('authorization', bearer(actor)).send(body);

  it('registers an enterprise under its credit code in a known zone and publishes EnterpriseRegistered', async () => {
    const code = newCreditCode();
    const res = await register(enterpriseBody(code, zone)).set('x-correlation-id', 'corr-ent-1').expect(201);
    expect(res.body).toMatchObject({ creditCode: code, districtId: zone.districtId, subDistrictId: zone.subDistrictId, zoneId: zone.zoneId, youngGraduates: 12 });

    const got = await request(server()).get(`/enterprises/${code}`).set('authorization', bearer()).expect(200);
    expect(got.body).toMatchObject({ creditCode: code, version: 1, hasPartyOrganization: false, partyMembersEmployed: 0 });

    const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.enterprise, (m) => m.some((x) => x.key === code));
    const event = JSON.parse(messages.find((m) => m.key === code)!.value!) as EventEnvelope;
    expect(event).toMatchObject({ type: 'enterprise.EnterpriseRegistered.v2', subject: code, districtid: zone.districtId, zoneid: zone.zoneId, correlationid: 'corr-ent-1' });
    expect(JSON.stringify(event.data)).not.toMatch(/phone/i);
  });

  it.each([
    ['a wrong check character', (c: string) => c.slice(0, 17) + (c[17] === '0' ? '1' : '0'), /校验位不正确/],
    ['a wrong length', (c: string) => c.slice(0, 17), /须为 18 位/],
    ['a forbidden letter (I, O, Z, S, V)', (c: string) => `${c.slice(0, 10)}O${c.slice(11)}`, /不含 I、O、Z、S、V/],
    ['lower-case letters', (c: string) => c.toLowerCase().replace(/^9/, '9'), /.+/],
  ])('refuses a credit code with %s (400) and stores nothing', async (_, mangle, message) => {
    const code = newCreditCode();
    const bad = /[A-Z]/.test(code.slice(8)) ? mangle(code) : mangle(code.slice(0, 8) + 'MA' + code.slice(10));
    const before = await counts(t.db, 'enterprises');
    const res = await register(enterpriseBody(bad, zone)).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
    expect(await counts(t.db, 'enterprises')).toEqual(before);
  });

  it.each([
    ['a missing name', { name: undefined }, /name/],
    ['an unknown size', { size: 'HUGE' }, /size 必须是以下之一/],
    ['negative employees', { employees: -1 }, /employees 不能为负数/],
    ['an injection object for zoneId', { zoneId: { $gt: '' } }, /zoneId/],
    ['an extra phone field', { phone: '13800000000' }, /phone should not exist/],
    ['a 5000-character name', { name: '企'.repeat(5000) }, /name 长度/],
  ])('refuses %s with 400 naming the field and stores nothing', async (_, overrides, message) => {
    const before = await counts(t.db, 'enterprises');
    const res = await register(enterpriseBody(newCreditCode(), zone, overrides)).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
    expect(await counts(t.db, 'enterprises')).toEqual(before);
  });

  it('answers a second registration of the same code with 409, an unknown zone and more graduates than staff with 422', async () => {
    const code = newCreditCode();
    await register(enterpriseBody(code, zone)).expect(201);
    const before = await counts(t.db, 'enterprises');
    const dup = await register(enterpriseBody(code, zone, { name: '另一家公司' })).expect(409);
    expect(dup.body.error).toBe('ENTERPRISE_EXISTS');
    const nowhere = await register(enterpriseBody(newCreditCode(), zone, { zoneId: 'zone-nowhere' })).expect(422);
    expect(nowhere.body).toMatchObject({ error: 'ZONE_UNKNOWN' });
    expect(nowhere.body.message).toMatch(/片区 zone-nowhere 尚未登记/);
    const graduates = await register(enterpriseBody(newCreditCode(), zone, { employees: 5, youngGraduates: 6 })).expect(422);
    expect(graduates.body.error).toBe('GRADUATES_EXCEED_EMPLOYEES');
    expect(await counts(t.db, 'enterprises')).toEqual(before);
  });

  it('updates the profile; a stale expectedVersion and an unchanged profile are 409', async () => {
    const code = newCreditCode();
    await register(enterpriseBody(code, zone)).expect(201);
    const { creditCode: _c, zoneId: _z, ...profile } = enterpriseBody(code, zone);
    const updated = await request(server())
      .put(`/enterprises/${code}/profile`)
      .set('authorization', bearer())
      .send({ ...profile, employees: 45, youngGraduates: 20, expectedVersion: 1 })
      .expect(200);
    expect(updated.body).toMatchObject({ employees: 45, youngGraduates: 20 });
    const stale = await request(server())
      .put(`/enterprises/${code}/profile`)
      .set('authorization', bearer())
      .send({ ...profile, employees: 50, expectedVersion: 1 })
      .expect(409);
    expect(stale.body.error).toBe('CONCURRENT_MODIFICATION');
    const same = await request(server())
      .put(`/enterprises/${code}/profile`)
      .set('authorization', bearer())
      .send({ ...profile, employees: 45, youngGraduates: 20 })
      .expect(409);
    expect(same.body.error).toBe('PROFILE_UNCHANGED');
    const got = await request(server()).get(`/enterprises/${code}`).set('authorization', bearer()).expect(200);
    expect(got.body).toMatchObject({ employees: 45, version: 2 });
  });

  describe('所在楼宇: enterprises located in the registered buildings of their zone', () => {
    const tower = uniqueName('bld-tower');
    const mall = uniqueName('bld-mall');
    const elsewhere = uniqueName('bld-elsewhere');
    const profileOf = (body: Record<string, unknown>) => {
      const { creditCode: _c, zoneId: _z, ...profile } = body;
      return profile;
    };
    const listed = async (buildingId: string) =>
      (await request(server()).get(`/enterprises?buildingId=${buildingId}&limit=1`).set('authorization', bearer()).expect(200)).body as {
        items: { creditCode: string }[];
        next: string | null;
      };
    const all = async (buildingId: string) => {
      const codes: string[] = [];
      let after: string | null = null;
      do {
        const page = (
          await request(server())
            .get(`/enterprises?buildingId=${buildingId}&limit=1${after ? `&after=${after}` : ''}`)
            .set('authorization', bearer())
            .expect(200)
        ).body as { items: { creditCode: string }[]; next: string | null };
        codes.push(...page.items.map((e) => e.creditCode));
        after = page.next;
      } while (after);
      return codes;
    };

    beforeAll(async () => {
      await announce(t.db, [buildingRegistered(tower, zone, '海能大厦'), buildingRegistered(mall, zone, '海能广场', 'COMPLEX'), buildingRegistered(elsewhere, other, '别处大厦')]);
    });

    it('registers an enterprise in a building of its zone, showing the building’s name, and publishes it in EnterpriseRegistered.v2', async () => {
      const code = newCreditCode();
      const res = await register(enterpriseBody(code, zone, { building: undefined, buildingId: tower })).expect(201);
      expect(res.body).toMatchObject({ buildingId: tower, building: '海能大厦' });
      const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.enterprise, (m) => m.some((x) => x.key === code));
      const event = JSON.parse(messages.find((m) => m.key === code)!.value!) as EventEnvelope;
      expect(event).toMatchObject({ type: 'enterprise.EnterpriseRegistered.v2', data: { buildingId: tower, building: '海能大厦' } });
      // Without a building the free text stays, as it was for every enterprise before buildings.
      const free = await register(enterpriseBody(newCreditCode(), zone)).expect(201);
      expect(free.body).toMatchObject({ buildingId: null, building: '海能电商园 A 座' });
    });

    it('refuses a building of another zone, an unknown one, a contradicting name (422) and a malformed id (400), naming buildingId, and stores nothing', async () => {
      const before = await counts(t.db, 'enterprises');
      const otherZone = await register(enterpriseBody(newCreditCode(), zone, { buildingId: elsewhere, building: null })).expect(422);
      expect(otherZone.body).toMatchObject({ error: 'BUILDING_IN_OTHER_ZONE' });
      expect(otherZone.body.message).toMatch(/^buildingId：楼宇别处大厦属于片区/);
      const unknown = await register(enterpriseBody(newCreditCode(), zone, { buildingId: 'bld-nowhere', building: null })).expect(422);
      expect(unknown.body).toMatchObject({ error: 'BUILDING_NOT_FOUND' });
      expect(unknown.body.message).toMatch(/^buildingId：楼宇 bld-nowhere 未登记/);
      const mismatch = await register(enterpriseBody(newCreditCode(), zone, { buildingId: tower, building: '另一栋楼' })).expect(422);
      expect(mismatch.body).toMatchObject({ error: 'BUILDING_NAME_MISMATCH' });
      const malformed = await register(enterpriseBody(newCreditCode(), zone, { buildingId: { $ne: null } })).expect(400);
      expect(JSON.stringify(malformed.body.message)).toMatch(/buildingId 须为楼宇编号/);
      expect(await counts(t.db, 'enterprises')).toEqual(before);
    });

    it('moves an enterprise with its profile: left out keeps the building, null clears it, another of the zone moves it; the list by building follows', async () => {
      const code = newCreditCode();
      const body = enterpriseBody(code, zone, { name: '海能楼宇科技有限公司' });
      await register(body).expect(201);
      const put = (extra: Record<string, unknown>) =>
        request(server())
          .put(`/enterprises/${code}/profile`)
          .set('authorization', bearer())
          .send({ ...profileOf(body), building: null, ...extra });

      expect((await put({ buildingId: mall }).expect(200)).body).toMatchObject({ buildingId: mall, building: '海能广场' });
      expect(await all(mall)).toContain(code);
      // A client that knows nothing of buildings updates the staff: the enterprise stays where it is.
      expect((await put({ employees: 31 }).expect(200)).body).toMatchObject({ buildingId: mall, building: '海能广场', employees: 31 });
      const refused = await put({ buildingId: elsewhere }).expect(422);
      expect(refused.body.error).toBe('BUILDING_IN_OTHER_ZONE');
      expect((await request(server()).get(`/enterprises/${code}`).set('authorization', bearer()).expect(200)).body).toMatchObject({ buildingId: mall, version: 3 });
      await put({ buildingId: tower, employees: 31 }).expect(200);
      expect(await all(mall)).not.toContain(code);
      expect(await all(tower)).toContain(code);
      expect((await put({ buildingId: null, employees: 31 }).expect(200)).body).toMatchObject({ buildingId: null, building: null });
      expect(await all(tower)).not.toContain(code);
    });

    it('lists the enterprises of a building page by page, each once', async () => {
      const codes = [newCreditCode(), newCreditCode(), newCreditCode()];
      for (const code of codes) await register(enterpriseBody(code, zone, { building: null, buildingId: mall })).expect(201);
      const first = await listed(mall);
      expect(first.items).toHaveLength(1);
      expect(first.next).not.toBeNull();
      const everything = await all(mall);
      expect(new Set(everything).size).toBe(everything.length);
      expect(everything).toEqual(expect.arrayContaining(codes));
      expect(await all(elsewhere)).toEqual([]);
      await request(server()).get('/enterprises?buildingId=bad%20id').set('authorization', bearer()).expect(400);
    });
  });

  it('counts Party members from membership events: duplicates and an older version after a newer one change nothing', async () => {
    const code = newCreditCode();
    await register(enterpriseBody(code, zone)).expect(201);
    const orgId = `org-${code}`;
    const elsewhereOrg = `org-elsewhere-${code}`;
    const where = { districtId: zone.districtId, subDistrictId: zone.subDistrictId, zoneId: zone.zoneId };
    const member = (memberId: string, organizationId: string, employer: string | null) =>
      ({
        memberId,
        name: '王芳',
        gender: 'FEMALE',
        birthYear: 1995,
        status: 'FULL',
        joinedOn: '2018-06-30',
        organizationId,
        employerName: employer ? '海能电商' : null,
        employerCreditCode: employer,
        ...where,
      }) as const;
    const m1 = envelopeOf(MemberRegistered, member(`m1-${code}`, orgId, code), { aggregateId: `m1-${code}`, version: 1 });
    const m2 = envelopeOf(MemberRegistered, member(`m2-${code}`, orgId, code), { aggregateId: `m2-${code}`, version: 1 });
    const m3 = envelopeOf(MemberRegistered, member(`m3-${code}`, elsewhereOrg, code), { aggregateId: `m3-${code}`, version: 1 });
    const m4 = envelopeOf(MemberRegistered, member(`m4-${code}`, elsewhereOrg, null), { aggregateId: `m4-${code}`, version: 1 });
    // m4 (who works elsewhere) transfers into the enterprise's own organization: version 2.
    const transfer = envelopeOf(
      MemberTransferCompleted,
      { memberId: `m4-${code}`, transferId: `tr-${code}`, fromOrganizationId: elsewhereOrg, toOrganizationId: orgId, ...where, completedOn: '2026-03-01' },
      { aggregateId: `m4-${code}`, version: 2 },
    );
    // The same registration again under a new envelope id (a replayed older version): must not undo the transfer.
    const staleM4 = envelopeOf(MemberRegistered, member(`m4-${code}`, elsewhereOrg, null), { aggregateId: `m4-${code}`, version: 1 });
    const org = envelopeOf(
      OrganizationRegistered,
      {
        organizationId: orgId,
        name: '海能电商党支部',
        type: 'BRANCH',
        parentId: null,
        districtId: zone.districtId,
        subDistrictId: zone.subDistrictId,
        zoneId: zone.zoneId,
        host: { kind: 'ENTERPRISE', name: '海能电商', creditCode: code },
      },
      { aggregateId: orgId, version: 1 },
    );
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, [org, m1, m2, m2, m1, m3, m4, transfer, staleM4, transfer]);

    const figures = await waitFor(
      async () => {
        const res = await request(server()).get(`/enterprises/${code}`).set('authorization', bearer());
        const seen = await t.db.collection('membership_members').findOne({ _id: `m4-${code}` } as never);
        return res.body.hasPartyOrganization && res.body.partyMembersEmployed === 3 && seen?.version === 2 ? res.body : undefined;
      },
      'membership events to be applied',
      30000,
      200,
    );
    // Wait until the stale registration, published after the transfer, has been handled too.
    await waitForGroupAtEnd(t.config.KAFKA_GROUP_ID!, [t.config.KAFKA_TOPIC_PREFIX + CONTEXT_TOPICS.membership], 30000);
    const again = await request(server()).get(`/enterprises/${code}`).set('authorization', bearer()).expect(200);
    expect(figures).toMatchObject({ hasPartyOrganization: true, partyOrganizationIds: [orgId] });
    expect(again.body).toMatchObject({ partyMembersEmployed: 3, membersInOwnOrganizations: 3 });
    const m4View = await t.db.collection('membership_members').findOne({ _id: `m4-${code}` } as never);
    expect(m4View).toMatchObject({ organizationId: orgId, version: 2 });
  });

  describe('who may do what', () => {
    it('lets an enterprise contact see and edit only their own enterprise (403 otherwise, nothing changed)', async () => {
      const mine = newCreditCode();
      const theirs = newCreditCode();
      await register(enterpriseBody(mine, zone)).expect(201);
      await register(enterpriseBody(theirs, zone, { name: '邻居公司' })).expect(201);
      const contact = contactOf(zone, mine);

      await request(server()).get(`/enterprises/${mine}`).set('authorization', bearer(contact)).expect(200);
      const denied = await request(server()).get(`/enterprises/${theirs}`).set('authorization', bearer(contact)).expect(403);
      expect(denied.body.message).toMatch(/不属于您所在的企业/);
      const list = await request(server()).get('/enterprises').set('authorization', bearer(contact)).expect(200);
      expect(list.body.items.map((e: { creditCode: string }) => e.creditCode)).toEqual([mine]);
      await request(server()).get(`/enterprises?creditCode=${theirs}`).set('authorization', bearer(contact)).expect(403);

      const { creditCode: _c, zoneId: _z, ...profile } = enterpriseBody(theirs, zone);
      const before = await counts(t.db, 'enterprises');
      await request(server())
        .put(`/enterprises/${theirs}/profile`)
        .set('authorization', bearer(contact))
        .send({ ...profile, employees: 99 })
        .expect(403);
      expect(await counts(t.db, 'enterprises')).toEqual(before);
      await request(server())
        .put(`/enterprises/${mine}/profile`)
        .set('authorization', bearer(contact))
        .send({ ...profile, name: '我的公司', employees: 31 })
        .expect(200);
      // A contact cannot register enterprises at all.
      const role = await register(enterpriseBody(newCreditCode(), zone), contact).expect(403);
      expect(role.body.message).toMatch(/ENTERPRISE_CONTACT 无权/);
    });

    it('keeps admins to their jurisdiction for reads and writes', async () => {
      const code = newCreditCode();
      await register(enterpriseBody(code, zone)).expect(201);
      const outsider = districtAdmin(other);
      await request(server()).get(`/enterprises/${code}`).set('authorization', bearer(outsider)).expect(403);
      const list = await request(server()).get('/enterprises').set('authorization', bearer(outsider)).expect(200);
      expect(list.body.items.every((e: { districtId: string }) => e.districtId === other.districtId)).toBe(true);
      await request(server()).get(`/enterprises?districtId=${zone.districtId}`).set('authorization', bearer(outsider)).expect(403);
      const before = await counts(t.db, 'enterprises');
      const res = await register(enterpriseBody(newCreditCode(), zone), outsider).expect(403);
      expect(res.body.message).toMatch(/不在您的管辖范围内/);
      expect(await counts(t.db, 'enterprises')).toEqual(before);
      await register(enterpriseBody(newCreditCode(), zone), districtAdmin(zone)).expect(201);
    });

    it('answers 401 without a token and 404 for an unknown enterprise', async () => {
      await request(server()).get('/enterprises').expect(401);
      await request(server()).get(`/enterprises/${newCreditCode()}`).set('authorization', bearer()).expect(404);
    });
  });

  it('pages through enterprises with a bounded limit', async () => {
    for (let i = 0; i < 3; i++) await register(enterpriseBody(newCreditCode(), other)).expect(201);
    const first = await request(server()).get(`/enterprises?zoneId=${other.zoneId}&limit=2`).set('authorization', bearer()).expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await request(server()).get(`/enterprises?zoneId=${other.zoneId}&limit=2&after=${first.body.next}`).set('authorization', bearer()).expect(200);
    expect(second.body.items.length).toBeGreaterThanOrEqual(1);
    const ids = [...first.body.items, ...second.body.items].map((e: { creditCode: string }) => e.creditCode);
    expect(new Set(ids).size).toBe(ids.length);
    await request(server()).get('/enterprises?limit=1000').set('authorization', bearer()).expect(400);
  });
});
