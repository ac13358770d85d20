import { AppProcess, freePort, idNumberFor, newCreditCode, phoneFor, serviceEnv, startAppProcess, uniqueName, waitFor } from '@pb/testing';

const ADMIN = { username: 'buildings-admin', password: 'buildings suite secret 0001' };

interface Counts {
  organizations: number;
  members: number;
  enterprises: number;
  grids: number;
}

/**
 * 楼宇党建 (issue #18, item 2), through the gateway: a building registered in membership, an
 * organization located in it with its members, an enterprise registered in it and a grid covering
 * it, and the gateway's `GET /api/buildings/:id` counting all four. Membership, enterprise,
 * governance and the gateway run as production runs them, separate processes on the real broker
 * and database; each service learns the building from membership's events.
 */
describe('a building’s organizations, members, enterprises and grids (through the gateway)', () => {
  const apps: AppProcess[] = [];
  let gateway: AppProcess;
  let token = '';
  const city = uniqueName('city');
  const district = uniqueName('d');
  const sub = uniqueName('sd');
  const [zone, otherZone] = [uniqueName('z'), uniqueName('z2')];
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
  /** A service that has not yet learned the building (or zone) from membership's events answers 422: asked again until it has. */
  const okOnceKnown = (method: string, path: string, body: unknown, what: string) =>
    waitFor(
      async () => {
        const res = await call(method, path, body);
        if (res.status === 422) return undefined;
        if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body;
      },
      what,
      60_000,
      300,
    );
  let seq = 0;
  const registerMember = async (organizationId: string) => {
    seq += 1;
    const birthDate = '1991-05-20';
    return ok('POST', '/membership/members', {
      name: '王芳',
      gender: 'FEMALE',
      birthDate,
      idNumber: idNumberFor(birthDate, 8100 + seq),
      phone: phoneFor(72_000_000 + seq),
      employerName: null,
      employerCreditCode: null,
      organizationId,
      status: 'FULL',
      joinedOn: '2016-07-01',
    });
  };
  const enterprise = (creditCode: string, extra: Record<string, unknown>) => ({
    creditCode,
    zoneId: zone,
    name: `楼宇企业${creditCode.slice(-4)}`,
    industry: '电子商务',
    size: 'SMALL',
    employees: 20,
    youngGraduates: 5,
    ...extra,
  });

  beforeAll(async () => {
    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    const [membership, enterpriseApp, governance] = await Promise.all([
      startAppProcess('membership', ports[0], serviceEnv('membership'), 180_000),
      startAppProcess('enterprise', ports[1], serviceEnv('enterprise'), 180_000),
      startAppProcess('governance', ports[2], serviceEnv('governance'), 180_000),
    ]);
    apps.push(membership, enterpriseApp, governance);
    const env = {
      FIRST_ADMIN_USERNAME: ADMIN.username,
      FIRST_ADMIN_PASSWORD: ADMIN.password,
      MEMBERSHIP_URL: membership.url,
      ENTERPRISE_URL: enterpriseApp.url,
      GOVERNANCE_URL: governance.url,
      // Activities feeds nothing here.
      ACTIVITIES_URL: `http://127.0.0.1:${ports[4]}`,
    };
    gateway = await startAppProcess('gateway', ports[3], serviceEnv('gateway', { env }), 180_000);
    apps.push(gateway);
    const signIn = await fetch(`${gateway.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    token = ((await signIn.json()) as { accessToken: string }).accessToken;

    await ok('POST', '/membership/jurisdictions', { jurisdictionId: city, level: 'CITY', name: '济宁市' });
    await ok('POST', '/membership/jurisdictions', { jurisdictionId: district, level: 'DISTRICT', name: '任城区', parentId: city });
    await ok('POST', '/membership/jurisdictions', { jurisdictionId: sub, level: 'SUB_DISTRICT', name: '阜桥街道', parentId: district });
    for (const z of [zone, otherZone])
      await ok('POST', '/membership/jurisdictions', { jurisdictionId: z, level: 'ZONE', name: `商圈${z}`, parentId: sub, zoneKind: 'BUSINESS_DISTRICT' });
  }, 420_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.stop();
  });

  it('counts the organizations, members, enterprises and grids located in a building, as membership counts its own', async () => {
    const building = (await ok('POST', '/membership/buildings', { name: '万达广场', kind: 'COMPLEX', zoneId: zone, address: '太白楼中路' })).buildingId as string;
    const otherBuilding = (await ok('POST', '/membership/buildings', { name: '隔壁大厦', kind: 'BUILDING', zoneId: otherZone })).buildingId as string;

    // 党组织 located in the building, with two members; another organization of the zone is not in it.
    const org = (await ok('POST', '/membership/organizations', { name: '万达广场党委', type: 'DISTRICT_COMMITTEE', districtId: district, subDistrictId: sub, zoneId: zone }))
      .organizationId as string;
    const outside = (await ok('POST', '/membership/organizations', { name: '街边党支部', type: 'BRANCH', parentId: org, districtId: district, subDistrictId: sub, zoneId: zone }))
      .organizationId as string;
    await ok('PUT', `/membership/organizations/${org}/building`, { buildingId: building });
    await registerMember(org);
    await registerMember(org);
    await registerMember(outside);

    // 企业: one registered in the building, one moved into it with its profile, one of the zone elsewhere.
    const inside = newCreditCode();
    const movedIn = newCreditCode();
    const registered = await okOnceKnown('POST', '/enterprise/enterprises', enterprise(inside, { buildingId: building }), 'the enterprise service to learn the building');
    expect(registered).toMatchObject({ buildingId: building, building: '万达广场' });
    await ok('POST', '/enterprise/enterprises', enterprise(movedIn, { building: '街边小楼' }));
    await ok('POST', '/enterprise/enterprises', enterprise(newCreditCode(), {}));
    await ok('PUT', `/enterprise/enterprises/${movedIn}/profile`, { ...enterprise(movedIn, { buildingId: building }), creditCode: undefined, zoneId: undefined });
    // A building of another zone is refused, naming the field.
    const refused = await call('POST', '/enterprise/enterprises', enterprise(newCreditCode(), { buildingId: otherBuilding }));
    expect(refused).toMatchObject({ status: 422, body: { error: 'BUILDING_IN_OTHER_ZONE' } });

    // 网格 covering the building (and one that does not).
    const grid = (await okOnceKnown('POST', '/governance/grids', { name: '万达网格', zoneId: zone }, 'governance to learn the zone')).gridId as string;
    await ok('POST', '/governance/grids', { name: '街边网格', zoneId: zone });
    await okOnceKnown('PUT', `/governance/grids/${grid}/buildings`, { buildingIds: [building] }, 'governance to learn the building');
    expect(((await ok('GET', `/governance/grids?buildingId=${building}`)) as unknown as { gridId: string }[]).map((g) => g.gridId)).toEqual([grid]);
    const listed = (await ok('GET', `/enterprise/enterprises?buildingId=${building}`)) as { items: { creditCode: string }[] };
    expect(listed.items.map((e) => e.creditCode).sort()).toEqual([inside, movedIn].sort());

    const expected: Counts = { organizations: 1, members: 2, enterprises: 2, grids: 1 };
    const answer = await waitFor(
      async () => {
        const res = await call('GET', `/buildings/${building}`);
        return res.status === 200 && JSON.stringify(res.body.counts) === JSON.stringify(expected) ? res.body : undefined;
      },
      'the gateway to count everything located in the building',
      60_000,
    ).catch(async () => (await call('GET', `/buildings/${building}`)).body);
    expect(answer).toMatchObject({ buildingId: building, name: '万达广场', kind: 'COMPLEX', districtId: district, subDistrictId: sub, zoneId: zone, counts: expected });
    // Membership's own answer for its part agrees.
    expect((await ok('GET', `/membership/buildings/${building}`)).counts).toEqual({ organizations: 1, members: 2 });

    // The enterprise moves out: the gateway follows.
    await ok('PUT', `/enterprise/enterprises/${movedIn}/profile`, { ...enterprise(movedIn, { buildingId: null }), creditCode: undefined, zoneId: undefined });
    const after = await waitFor(
      async () => {
        const res = await call('GET', `/buildings/${building}`);
        return (res.body.counts as Counts | undefined)?.enterprises === 1 ? res.body : undefined;
      },
      'the gateway to follow the enterprise moving out',
      60_000,
    ).catch(async () => (await call('GET', `/buildings/${building}`)).body);
    expect(after.counts).toEqual({ ...expected, enterprises: 1 });

    expect((await call('GET', `/buildings/${otherBuilding}`)).body).toMatchObject({ counts: { organizations: 0, members: 0, enterprises: 0, grids: 0 } });
    expect((await call('GET', '/buildings/no-such-building')).status).toBe(404);
  });
});
