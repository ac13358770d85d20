import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import request from 'supertest';
import {
  CONTEXT_TOPICS,
  EnterpriseRegistered,
  EnterpriseRegisteredV2,
  EventEnvelope,
  MemberRecordCorrected,
  MemberRegistered,
  MembershipEnded,
  OrganizationDissolved,
  OrganizationHostChanged,
  OrganizationRegistered,
} from '@pb/contracts';
import { envelopeOf, infraEnv, jurisdictionRegistered, newCreditCode, publishEnvelopes, startServiceApp, TEST_KEYS, uniqueName, waitFor } from '@pb/testing';
import { signAccessToken } from '../src/infrastructure/user/user-tokens';
import { User } from '../src/domain/user/user';
import { GATEWAY } from './gateway-app';

/** What the dashboard's 两新 coverage says. */
interface Coverage {
  enterprisesWithMembers: number;
  covered: number;
  flagged: number;
  rate: number | null;
}

function tokenFor(user: Partial<User> & Pick<User, 'role' | 'scope'>): string {
  return `Bearer ${signAccessToken({ userId: `u-${randomUUID()}`, username: 'x', displayName: 'x', disabled: false, ...user }, TEST_KEYS.JWT_SECRET, 300)}`;
}

/**
 * 两新 coverage (#18, item 5) from membership's and enterprise's events as their relays publish
 * them on the real Kafka: enterprises by their own zone, members by the employer they name,
 * organizations by the enterprise hosting them.
 */
describe('两新 coverage on the gateway dashboards (real Kafka and database)', () => {
  const district = uniqueName('d');
  const subDistrict = uniqueName('sd');
  const zoneA = uniqueName('za');
  const zoneB = uniqueName('zb');
  const otherDistrict = uniqueName('d');
  const city = tokenFor({ role: 'CITY_ADMIN', scope: { level: 'CITY' } });
  const otherDistrictAdmin = tokenFor({ role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: otherDistrict } });
  const analyst = tokenFor({ role: 'ANALYST', scope: { level: 'CITY' } });
  const MEMBER_NAME = '覆盖测试党员';
  const orgA = `org-${randomUUID()}`;
  const orgB = `org-${randomUUID()}`;
  /** Three members, no organization: flagged. */
  const e1 = { code: newCreditCode(), name: '济宁甲科技有限公司', zone: zoneA };
  /** Two members, no organization: uncovered, below the threshold, until a third arrives. */
  const e2 = { code: newCreditCode(), name: '济宁乙商贸有限公司', zone: zoneA };
  /** Four members and an organization of its own: covered. */
  const e3 = { code: newCreditCode(), name: '济宁丙电子有限公司', zone: zoneB };
  /** No members: outside the rate, with or without an organization. */
  const e4 = { code: newCreditCode(), name: '济宁丁物流有限公司', zone: zoneB };
  let app: INestApplication;

  const place = (zone: string) => ({ districtId: district, subDistrictId: subDistrict, zoneId: zone });
  const juris = (id: string, level: 'DISTRICT' | 'SUB_DISTRICT' | 'ZONE', parentId: string | null) =>
    jurisdictionRegistered(id, level, `${level} ${id}`, { parentId, districtId: district, subDistrictId: level === 'DISTRICT' ? null : subDistrict });
  const organization = (id: string, zone: string, host: { code: string; name: string } | null) =>
    envelopeOf(
      OrganizationRegistered,
      {
        organizationId: id,
        name: `支部 ${id}`,
        type: 'BRANCH',
        parentId: null,
        ...place(zone),
        host: host ? { kind: 'ENTERPRISE', name: host.name, creditCode: host.code } : null,
      },
      { aggregateId: id, version: 1, districtId: district, zoneId: zone },
    );
  /** A member of organization B (zone B) working for `employer`: counted by the enterprise's zone, not the member's. */
  const member = (employer: { code: string; name: string } | null) => {
    const memberId = `mem-${randomUUID()}`;
    return envelopeOf(
      MemberRegistered,
      {
        memberId,
        name: MEMBER_NAME,
        gender: 'FEMALE',
        birthYear: 1990,
        status: 'FULL',
        joinedOn: '2015-07-01',
        organizationId: orgB,
        employerName: employer?.name ?? null,
        employerCreditCode: employer?.code ?? null,
        ...place(zoneB),
      },
      { aggregateId: memberId, version: 1, districtId: district, zoneId: zoneB },
    );
  };
  // Enterprises registered before buildings (v1) and after (v2, in no building here) count alike.
  const enterprise = (e: { code: string; name: string; zone: string }, v2 = false) =>
    envelopeOf(
      v2 ? EnterpriseRegisteredV2 : EnterpriseRegistered,
      {
        creditCode: e.code,
        name: e.name,
        building: null,
        ...(v2 ? { buildingId: null } : {}),
        industry: '商贸',
        size: 'SMALL',
        employees: 20,
        youngGraduates: 2,
        contacts: [{ name: '联系人', title: '经理' }],
        tags: [],
        ...place(e.zone),
      },
      { aggregateId: e.code, version: 1, districtId: district, zoneId: e.zone },
    );
  const publish = (topic: string, events: EventEnvelope[]) => publishEnvelopes(infraEnv().KAFKA_BROKERS, topic, events);

  const get = (path: string, token = city) => request(app.getHttpServer()).get(path).set('authorization', token);
  const coverageOf = async (scope: string, id?: string): Promise<Coverage> => {
    const res = await get(`/api/dashboard?scope=${scope}${id ? `&id=${id}` : ''}`);
    expect(res.status).toBe(200);
    return res.body.coverage as Coverage;
  };
  const uncovered = async (scope: string, id?: string, more = '') => get(`/api/dashboard/uncovered-enterprises?scope=${scope}${id ? `&id=${id}` : ''}${more}`);
  const namesOf = (body: { enterprises: Array<{ name: string }> }) => body.enterprises.map((e) => e.name);

  beforeAll(async () => {
    app = (await startServiceApp(GATEWAY)).app;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('rates coverage per zone, sub-district, district and city, flags from three members without an organization, and lists the flagged by name only', async () => {
    const e1Members = [member(e1), member(e1), member(e1)];
    // Members first, enterprises after (two topics: either may come first), with a redelivered registration.
    await publish(CONTEXT_TOPICS.membership, [
      juris(district, 'DISTRICT', null),
      juris(subDistrict, 'SUB_DISTRICT', district),
      juris(zoneA, 'ZONE', subDistrict),
      juris(zoneB, 'ZONE', subDistrict),
      organization(orgA, zoneA, null),
      organization(orgB, zoneB, e3),
      organization(`org-${randomUUID()}`, zoneB, e4),
      ...e1Members,
      { ...e1Members[0], id: randomUUID() },
      member(e2),
      member(e2),
      member(e3),
      member(e3),
      member(e3),
      member(e3),
      member(null),
    ]);
    await publish(CONTEXT_TOPICS.enterprise, [enterprise(e1), enterprise(e2, true), enterprise(e3), enterprise(e4, true)]);

    const zoneAFigures = await waitFor(
      async () => {
        const c = await coverageOf('zone', zoneA);
        return c.enterprisesWithMembers === 2 && c.flagged === 1 ? c : undefined;
      },
      'zone A coverage',
      30_000,
    );
    expect(zoneAFigures).toMatchObject({ enterprisesWithMembers: 2, covered: 0, flagged: 1, rate: 0 });
    await waitFor(async () => (await coverageOf('zone', zoneB)).covered === 1, 'zone B coverage', 30_000);
    expect(await coverageOf('zone', zoneB)).toMatchObject({ enterprisesWithMembers: 1, covered: 1, flagged: 0, rate: 1 });
    for (const [scope, id] of [
      ['subDistrict', subDistrict],
      ['district', district],
      ['city', undefined],
    ] as const) {
      expect({ scope, coverage: await coverageOf(scope, id) }).toMatchObject({ scope, coverage: { enterprisesWithMembers: 3, covered: 1, flagged: 1, rate: 0.3333 } });
    }

    // Only the enterprise at the threshold without an organization is listed: by name and place, never a member's name.
    const listed = await uncovered('zone', zoneA);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ enterprises: [{ creditCode: e1.code, name: e1.name, members: 3, ...place(zoneA) }], next: null });
    expect(JSON.stringify(listed.body)).not.toContain(MEMBER_NAME);
    expect(namesOf((await uncovered('city')).body)).toEqual([e1.name]);
    expect((await uncovered('zone', zoneB)).body).toEqual({ enterprises: [], next: null });

    // A third member of e2 reaches the threshold: two flagged, listed a page at a time.
    const thirdOfE2 = member(e2);
    await publish(CONTEXT_TOPICS.membership, [thirdOfE2]);
    await waitFor(async () => (await coverageOf('zone', zoneA)).flagged === 2, 'e2 to be flagged', 30_000);
    const first = await uncovered('district', district, '&limit=1');
    expect(first.body.enterprises).toHaveLength(1);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await uncovered('district', district, `&limit=1&after=${first.body.next}`);
    expect(second.body.next).toBeNull();
    expect([...namesOf(first.body), ...namesOf(second.body)].sort()).toEqual([e1.name, e2.name].sort());

    // e1 sets up its own organization: covered, no longer flagged.
    const orgOfE1 = `org-${randomUUID()}`;
    await publish(CONTEXT_TOPICS.membership, [organization(orgOfE1, zoneA, e1)]);
    await waitFor(async () => (await coverageOf('zone', zoneA)).covered === 1, 'e1 to be covered', 30_000);
    expect(await coverageOf('zone', zoneA)).toMatchObject({ enterprisesWithMembers: 2, covered: 1, flagged: 1, rate: 0.5 });
    expect(await coverageOf('city')).toMatchObject({ enterprisesWithMembers: 3, covered: 2, flagged: 1, rate: 0.6667 });
    expect(namesOf((await uncovered('city')).body)).toEqual([e2.name]);

    // A membership ends: e2 is below the threshold again. e1's organization is dissolved: flagged again.
    // Organization B's host moves to e4 (no members): e3 is no longer covered, and flagged with its four.
    const membershipEnded = envelopeOf(
      MembershipEnded,
      { memberId: thirdOfE2.data.memberId, kind: 'DECEASED', endedOn: '2026-11-01', approvingOrganizationId: orgB, letterNumber: null, organizationId: orgB },
      { aggregateId: thirdOfE2.data.memberId, version: 2, districtId: district, zoneId: zoneB },
    );
    await publish(CONTEXT_TOPICS.membership, [
      membershipEnded,
      envelopeOf(OrganizationDissolved, { organizationId: orgOfE1, dissolvedOn: '2026-11-02' }, { aggregateId: orgOfE1, version: 2, districtId: district, zoneId: zoneA }),
      envelopeOf(
        OrganizationHostChanged,
        { organizationId: orgB, host: { kind: 'ENTERPRISE', name: e4.name, creditCode: e4.code } },
        { aggregateId: orgB, version: 2, districtId: district, zoneId: zoneB },
      ),
    ]);
    await waitFor(
      async () => {
        const c = await coverageOf('city');
        return c.covered === 0 && c.flagged === 2;
      },
      'the ended membership, dissolution and host change to count',
      30_000,
    );
    expect(await coverageOf('zone', zoneA)).toMatchObject({ enterprisesWithMembers: 2, covered: 0, flagged: 1, rate: 0 });
    expect(await coverageOf('zone', zoneB)).toMatchObject({ enterprisesWithMembers: 1, covered: 0, flagged: 1, rate: 0 });
    expect(await coverageOf('city')).toMatchObject({ enterprisesWithMembers: 3, covered: 0, flagged: 2, rate: 0 });
    expect(namesOf((await uncovered('city')).body).sort()).toEqual([e1.name, e3.name].sort());
    expect((await uncovered('zone', zoneA)).body.enterprises).toEqual([expect.objectContaining({ creditCode: e1.code, members: 3 })]);
  });

  it('counts a member registered without an employer whose employer is corrected right after (the two events in one batch)', async () => {
    const zoneC = uniqueName('zc');
    const e5 = { code: newCreditCode(), name: '济宁戊食品有限公司', zone: zoneC };
    const registered = member(null);
    const memberId = registered.data.memberId;
    const corrected = envelopeOf(
      MemberRecordCorrected,
      { ...MemberRecordCorrected.example, memberId, corrected: ['employer'], employerName: e5.name, employerCreditCode: e5.code, organizationId: orgB, ...place(zoneB) },
      { aggregateId: memberId, version: 2, districtId: district, zoneId: zoneB },
    );
    await publish(CONTEXT_TOPICS.enterprise, [enterprise(e5)]);
    await publish(CONTEXT_TOPICS.membership, [juris(zoneC, 'ZONE', subDistrict), registered, corrected]);
    const figures = await waitFor(
      async () => {
        const c = await coverageOf('zone', zoneC);
        return c.enterprisesWithMembers === 1 ? c : undefined;
      },
      'the corrected employer to count',
      30_000,
    );
    expect(figures).toMatchObject({ enterprisesWithMembers: 1, covered: 0, flagged: 0 });
  });

  it('lists only inside the caller’s jurisdiction, refuses analysts the names, and names a malformed cursor', async () => {
    expect(await uncovered('district', district).then((r) => r.status)).toBe(200);
    const outside = await get(`/api/dashboard/uncovered-enterprises?scope=district&id=${district}`, otherDistrictAdmin);
    expect(outside.status).toBe(403);
    const byAnalyst = await get('/api/dashboard/uncovered-enterprises?scope=city', analyst);
    expect(byAnalyst.status).toBe(403);
    // Analysts still see the figures.
    const figures = await get('/api/dashboard?scope=city', analyst);
    expect(figures.status).toBe(200);
    expect(figures.body.coverage).toMatchObject({ enterprisesWithMembers: expect.any(Number) });
    const bad = await uncovered('city', undefined, '&after=not-a-cursor!');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('after');
    const badLimit = await uncovered('city', undefined, '&limit=0');
    expect(badLimit.status).toBe(400);
    expect(JSON.stringify(badLimit.body)).toContain('limit');
  });
});
