import { AppProcess, freePort, idNumberFor, phoneFor, serviceEnv, startAppProcess, uniqueName, waitFor } from '@pb/testing';

const ADMIN = { username: 'zone-members-admin', password: 'zone members secret 0001' };

interface Figures {
  members: number;
  floatingMembers: number;
  probationaryMembers: number;
}

/**
 * One definition of "a member of this zone" (issue #18, item 4): membership's counts and the
 * gateway's dashboards agree for a zone, its sub-district, district and the city, also after a
 * floating member 流动党员 checked in elsewhere and another checked out. Membership and the
 * gateway run as production runs them, separate processes on the real broker and database.
 */
describe('members of a zone: membership and the dashboards agree (through the gateway)', () => {
  let membership: AppProcess;
  let gateway: AppProcess;
  let token = '';
  let seq = 0;
  const district = uniqueName('d');
  const [sub1, sub2] = [uniqueName('sd1'), uniqueName('sd2')];
  const [zone1, zone2, zone3] = [uniqueName('z1'), uniqueName('z2'), uniqueName('z3')];
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${gateway.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const organization = async (body: Record<string, unknown>) => (await ok('POST', '/membership/organizations', { districtId: district, ...body })).organizationId as string;
  const register = async (organizationId: string, status: 'FULL' | 'PROBATIONARY' = 'FULL') => {
    seq += 1;
    const birthDate = '1990-03-15';
    const body = {
      name: '张明',
      gender: 'MALE',
      birthDate,
      idNumber: idNumberFor(birthDate, 9000 + seq),
      phone: phoneFor(71_000_000 + seq),
      employerName: null,
      employerCreditCode: null,
    };
    return (await ok('POST', '/membership/members', { ...body, organizationId, status, joinedOn: status === 'FULL' ? '2015-07-01' : '2026-01-02' })).memberId as string;
  };
  const checkIn = (memberId: string, organizationId: string) =>
    ok('POST', `/membership/members/${memberId}/floating/check-in`, { organizationId, homeOrganizationName: '菏泽市牡丹区某村党支部', checkedInOn: '2026-02-01' });
  const checkOut = (memberId: string) => ok('POST', `/membership/members/${memberId}/floating/check-out`, { checkedOutOn: '2026-03-01' });
  const figuresOf = (answer: Record<string, unknown>): Figures => ({
    members: answer.members as number,
    floatingMembers: answer.floatingMembers as number,
    probationaryMembers: answer.probationaryMembers as number,
  });
  /** Membership's own answer: the zone's member counts, or a jurisdiction's statistics above it. */
  const membershipFigures = async (level: 'zone' | 'subDistrict' | 'district' | 'city', id: string) =>
    level === 'zone'
      ? figuresOf(await ok('GET', `/membership/zones/${id}/member-counts`))
      : figuresOf((await ok('GET', `/membership/jurisdictions/${id}/statistics`)).totals as Record<string, unknown>);

  beforeAll(async () => {
    const [membershipPort, gatewayPort, nobodyPort] = await Promise.all([freePort(), freePort(), freePort()]);
    membership = await startAppProcess('membership', membershipPort, serviceEnv('membership'), 180_000);
    // Only membership feeds the member figures; the other services are not needed here.
    const nobody = `http://127.0.0.1:${nobodyPort}`;
    const env = {
      FIRST_ADMIN_USERNAME: ADMIN.username,
      FIRST_ADMIN_PASSWORD: ADMIN.password,
      MEMBERSHIP_URL: membership.url,
      ACTIVITIES_URL: nobody,
      GOVERNANCE_URL: nobody,
      ENTERPRISE_URL: nobody,
    };
    gateway = await startAppProcess('gateway', gatewayPort, serviceEnv('gateway', { env }), 180_000);
    const signIn = await fetch(`${gateway.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    token = ((await signIn.json()) as { accessToken: string }).accessToken;

    expect([201, 409]).toContain((await call('POST', '/membership/jurisdictions', { jurisdictionId: 'jining', level: 'CITY', name: '济宁市' })).status);
    await ok('POST', '/membership/jurisdictions', { jurisdictionId: district, level: 'DISTRICT', name: '任城区', parentId: 'jining' });
    for (const sub of [sub1, sub2]) await ok('POST', '/membership/jurisdictions', { jurisdictionId: sub, level: 'SUB_DISTRICT', name: '某街道', parentId: district });
    for (const [zone, sub] of [
      [zone1, sub1],
      [zone2, sub1],
      [zone3, sub2],
    ]) {
      await ok('POST', '/membership/jurisdictions', { jurisdictionId: zone, level: 'ZONE', name: `片区${zone}`, parentId: sub, zoneKind: 'BUSINESS_DISTRICT' });
    }
  }, 420_000);

  afterAll(async () => {
    await gateway?.stop();
    await membership?.stop();
  });

  it('counts a floating member where they checked in, nowhere once checked out or once the membership ended, the same in membership and on every dashboard', async () => {
    const org1 = await organization({ subDistrictId: sub1, zoneId: zone1, name: '一号商圈党委', type: 'DISTRICT_COMMITTEE' });
    const org2 = await organization({ subDistrictId: sub1, zoneId: zone2, name: '二号商圈党委', type: 'DISTRICT_COMMITTEE' });
    const org3 = await organization({ subDistrictId: sub2, zoneId: zone3, name: '三号商圈党委', type: 'DISTRICT_COMMITTEE' });
    // A 街道党工委 belongs to no zone: its members count in the sub-district and above only.
    const orgOfNoZone = await organization({ subDistrictId: sub2, zoneId: null, name: '某街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE' });

    await register(org1);
    await register(org1, 'PROBATIONARY');
    await register(org2);
    const floatingToZone1 = await register(org2);
    const leaving = await register(org3);
    const floatingInZone3 = await register(org3, 'PROBATIONARY');
    await register(orgOfNoZone);
    // 党籍终止: a member whose membership ended counts nowhere (here: died before the figures were read).
    const deceased = await register(org2);
    await ok('POST', `/membership/members/${deceased}/ending`, { kind: 'DECEASED', endedOn: '2026-03-01', approvingOrganizationId: org2 });
    await checkIn(floatingToZone1, org1);
    await checkIn(floatingInZone3, org3);
    await checkIn(leaving, org1);
    await checkOut(leaving);

    // Who counts where, by the rule in docs/services/membership.md.
    const expected: Record<string, Figures> = {
      [zone1]: { members: 3, floatingMembers: 1, probationaryMembers: 1 },
      [zone2]: { members: 1, floatingMembers: 0, probationaryMembers: 0 },
      [zone3]: { members: 1, floatingMembers: 1, probationaryMembers: 1 },
      [sub1]: { members: 4, floatingMembers: 1, probationaryMembers: 1 },
      [sub2]: { members: 2, floatingMembers: 1, probationaryMembers: 1 },
      [district]: { members: 6, floatingMembers: 2, probationaryMembers: 2 },
      jining: { members: 6, floatingMembers: 2, probationaryMembers: 2 },
    };
    const scopes = [
      ['zone', zone1],
      ['zone', zone2],
      ['zone', zone3],
      ['subDistrict', sub1],
      ['subDistrict', sub2],
      ['district', district],
      ['city', 'jining'],
    ] as const;
    // The dashboards follow membership's events, each aggregate's in its own order: wait until they show
    // every event; a dashboard that never gets there is compared as it stands, to show the difference.
    const readDashboards = () =>
      Promise.all(scopes.map(async ([scope, id]) => figuresOf(await ok('GET', scope === 'city' ? '/dashboard?scope=city' : `/dashboard?scope=${scope}&id=${id}`))));
    const dashboards = await waitFor(
      async () => {
        const answers = await readDashboards();
        return scopes.every(([, id], i) => JSON.stringify(answers[i]) === JSON.stringify(expected[id])) ? answers : undefined;
      },
      'the dashboards to show every registration, check-in and check-out',
      30_000,
    ).catch(readDashboards);
    for (const [i, [scope, id]] of scopes.entries()) {
      const own = await membershipFigures(scope, id);
      expect({ scope, id, membership: own, dashboard: dashboards[i] }).toEqual({ scope, id, membership: expected[id], dashboard: expected[id] });
    }

    // The floating member checked in with zone 1 transfers out of the city (转出本市): they leave every figure at once.
    await ok('POST', `/membership/members/${floatingToZone1}/ending`, {
      kind: 'TRANSFERRED_OUT',
      endedOn: '2026-04-01',
      approvingOrganizationId: org2,
      letterNumber: '济组转〔2026〕7号',
    });
    const less = (f: Figures): Figures => ({ ...f, members: f.members - 1, floatingMembers: f.floatingMembers - 1 });
    const afterEnding: Record<string, Figures> = {
      ...expected,
      [zone1]: less(expected[zone1]),
      [sub1]: less(expected[sub1]),
      [district]: less(expected[district]),
      jining: less(expected.jining),
    };
    const dashboardsAfter = await waitFor(
      async () => {
        const answers = await readDashboards();
        return scopes.every(([, id], i) => JSON.stringify(answers[i]) === JSON.stringify(afterEnding[id])) ? answers : undefined;
      },
      'the dashboards to follow the ended membership',
      30_000,
    ).catch(readDashboards);
    for (const [i, [scope, id]] of scopes.entries()) {
      const own = await membershipFigures(scope, id);
      expect({ scope, id, membership: own, dashboard: dashboardsAfter[i] }).toEqual({ scope, id, membership: afterEnding[id], dashboard: afterEnding[id] });
    }
  });
});
