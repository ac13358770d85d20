import { randomInt } from 'crypto';
import { AppProcess, freePort, idNumberFor, newCreditCode, serviceEnv, startAppProcess, uniqueName, waitFor } from '@pb/testing';
import { ACTIVITIES } from '../../apps/activities/test/activities-app';
import { GATEWAY } from '../../apps/gateway/test/gateway-app';
import { MEMBERSHIP } from '../../apps/membership/test/membership-app';
import { Answer, callUrl } from '../support/stack';

const ADMIN = { username: 'lifecycle-admin', password: 'lifecycle admin secret 0001' };
const READY_MS = 180_000;

type Scope = 'zone' | 'subDistrict' | 'district' | 'city';
interface Figures {
  members: number;
  floatingMembers: number;
  probationaryMembers: number;
}

/**
 * Members over their whole life 党员全周期 (issue #18, item 1), as a user of the console meets it:
 * membership, activities and the gateway run as real processes on the real broker and database,
 * and every call goes through the gateway's `/api/...` with the token of a user the first
 * administrator created (a district admin, sub-district admins, an organization secretary linked
 * to their own member record, the admin of another district).
 */
describe('members over their whole life, through the gateway', () => {
  const apps: AppProcess[] = [];
  let gatewayUrl = '';
  let admin = '';
  const users: Record<'district' | 'sub1' | 'sub2' | 'secretary' | 'otherDistrict', string> = { district: '', sub1: '', sub2: '', secretary: '', otherDistrict: '' };

  // 任城区 (d) with two sub-districts: s1 holds zones z1, z2 and z5, s2 holds z3; another district d2 with zone z4.
  // Each test reads the figures of zones no other test changes, so one failure does not make the next fail.
  const d = uniqueName('d');
  const [s1, s2, z1, z2, z3, z5] = [`${d}-s1`, `${d}-s2`, `${d}-z1`, `${d}-z2`, `${d}-z3`, `${d}-z5`];
  const d2 = uniqueName('d2');
  const [s4, z4] = [`${d2}-s`, `${d2}-z`];
  const org = { c1: '', b1: '', c2: '', c3: '', c4: '', c5: '' };
  /** The secretary's own member record and two full members of b1 who can introduce applicants. */
  const people = { secretary: '', introducer1: '', introducer2: '' };

  let seq = randomInt(100, 800);
  const person = (birthDate = '1990-03-15') => {
    seq += 1;
    return { gender: 'MALE', birthDate, idNumber: idNumberFor(birthDate, seq), phone: `13${randomInt(5, 9)}${String(randomInt(0, 100_000_000)).padStart(8, '0')}` };
  };

  const call = (token: string, method: string, path: string, body?: unknown): Promise<Answer> => callUrl(`${gatewayUrl}/api${path}`, method, body, token);
  const ok = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await call(token, method, path, body);
    if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** Retries while a service has not yet learned of a record from membership's events. */
  const until = async (token: string, method: string, path: string, body: unknown, wanted: number, what: string): Promise<Answer> => {
    let last: Answer | undefined;
    await waitFor(
      async () => {
        last = await call(token, method, path, body);
        return last.status === wanted;
      },
      what,
      30_000,
      300,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; last answer ${last?.status} ${JSON.stringify(last?.body)?.slice(0, 300)}`);
    });
    return last!;
  };
  const expectStatus = (res: Answer, status: number, what: string) =>
    expect({ what, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ what, status, body: undefined });
  const register = async (token: string, organizationId: string, name: string, extra: Record<string, unknown> = {}) => {
    const body = { name, ...person(), employerName: null, employerCreditCode: null, organizationId, status: 'FULL', joinedOn: '2015-07-01', ...extra };
    const res = await ok(token, 'POST', '/membership/members', body);
    return { ...body, memberId: res.memberId as string };
  };
  const ids = (res: Answer) => (res.body.items as { memberId: string }[]).map((m) => m.memberId).sort();
  const find = async (token: string, query: string) => {
    const res = await call(token, 'GET', `/membership/members?${query}`);
    expectStatus(res, 200, `GET /membership/members?${query}`);
    return ids(res);
  };

  // ---- figures: membership's own counts, and the gateway's dashboards once they have followed
  const figuresOf = (answer: Record<string, unknown>): Figures => ({
    members: answer.members as number,
    floatingMembers: answer.floatingMembers as number,
    probationaryMembers: answer.probationaryMembers as number,
  });
  const membershipFigures = async (scope: Scope, id: string) =>
    scope === 'zone'
      ? figuresOf(await ok(admin, 'GET', `/membership/zones/${id}/member-counts`))
      : figuresOf((await ok(admin, 'GET', `/membership/jurisdictions/${id}/statistics`)).totals);
  const dashboardFigures = async (scope: Scope, id: string) => figuresOf(await ok(admin, 'GET', scope === 'city' ? '/dashboard?scope=city' : `/dashboard?scope=${scope}&id=${id}`));
  /**
   * The figures of each scope once the dashboard shows what membership counts (membership counts at
   * once; the dashboards follow its events). A dashboard that never gets there fails the test.
   */
  const settled = async (scopes: [Scope, string][], what: string): Promise<Figures[]> => {
    let last: unknown;
    return waitFor(
      async () => {
        const own = await Promise.all(scopes.map(([scope, id]) => membershipFigures(scope, id)));
        const shown = await Promise.all(scopes.map(([scope, id]) => dashboardFigures(scope, id)));
        last = { membership: own, dashboard: shown };
        return JSON.stringify(own) === JSON.stringify(shown) ? shown : undefined;
      },
      `the dashboards to follow ${what}`,
      30_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(last)}`);
    });
  };
  const plus = (f: Figures, members: number, floatingMembers = 0, probationaryMembers = 0): Figures => ({
    members: f.members + members,
    floatingMembers: f.floatingMembers + floatingMembers,
    probationaryMembers: f.probationaryMembers + probationaryMembers,
  });

  beforeAll(async () => {
    const [membershipPort, activitiesPort, gatewayPort, governancePort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const [membership, activities] = await Promise.all([
      startAppProcess('membership', membershipPort, serviceEnv('membership', { config: MEMBERSHIP.config }), READY_MS),
      startAppProcess('activities', activitiesPort, serviceEnv('activities', { config: ACTIVITIES.config }), READY_MS),
    ]);
    apps.push(membership, activities);
    // Governance and enterprise play no part in a member's life; nothing listens there.
    const nobody = `http://127.0.0.1:${governancePort}`;
    const env = {
      FIRST_ADMIN_USERNAME: ADMIN.username,
      FIRST_ADMIN_PASSWORD: ADMIN.password,
      MEMBERSHIP_URL: membership.url,
      ACTIVITIES_URL: activities.url,
      GOVERNANCE_URL: nobody,
      ENTERPRISE_URL: nobody,
      // The suite's calls outlast no token, however slow the machine.
      ACCESS_TOKEN_TTL_SECONDS: '3600',
    };
    const gateway = await startAppProcess('gateway', gatewayPort, serviceEnv('gateway', { config: GATEWAY.config, env }), READY_MS);
    apps.push(gateway);
    gatewayUrl = gateway.url;
    admin = await signIn(ADMIN.username, ADMIN.password);

    expect([201, 409]).toContain((await call(admin, 'POST', '/membership/jurisdictions', { jurisdictionId: 'jining', level: 'CITY', name: '济宁市' })).status);
    const place = (jurisdictionId: string, level: string, parentId: string, name: string) =>
      ok(admin, 'POST', '/membership/jurisdictions', { jurisdictionId, level, name, parentId, ...(level === 'ZONE' ? { zoneKind: 'BUSINESS_DISTRICT' } : {}) });
    await place(d, 'DISTRICT', 'jining', '任城区');
    await place(d2, 'DISTRICT', 'jining', '兖州区');
    await place(s1, 'SUB_DISTRICT', d, '阜桥街道');
    await place(s2, 'SUB_DISTRICT', d, '古槐街道');
    await place(s4, 'SUB_DISTRICT', d2, '鼓楼街道');
    await place(z1, 'ZONE', s1, '太白楼路商圈');
    await place(z2, 'ZONE', s1, '运河城商圈');
    await place(z3, 'ZONE', s2, '古槐路商圈');
    await place(z4, 'ZONE', s4, '九州方圆商圈');
    await place(z5, 'ZONE', s1, '红星美凯龙商圈');

    const organization = async (body: Record<string, unknown>) => (await ok(admin, 'POST', '/membership/organizations', body)).organizationId as string;
    const at = (districtId: string, subDistrictId: string, zoneId: string) => ({ districtId, subDistrictId, zoneId });
    org.c1 = await organization({ ...at(d, s1, z1), name: '太白楼路商圈党委', type: 'DISTRICT_COMMITTEE' });
    org.b1 = await organization({ ...at(d, s1, z1), name: '万达广场党支部', type: 'BRANCH', parentId: org.c1 });
    org.c2 = await organization({ ...at(d, s1, z2), name: '运河城商圈党委', type: 'DISTRICT_COMMITTEE' });
    org.c3 = await organization({ ...at(d, s2, z3), name: '古槐路商圈党委', type: 'DISTRICT_COMMITTEE' });
    org.c4 = await organization({ ...at(d2, s4, z4), name: '九州方圆商圈党委', type: 'DISTRICT_COMMITTEE' });
    org.c5 = await organization({ ...at(d, s1, z5), name: '红星美凯龙商圈党委', type: 'DISTRICT_COMMITTEE' });
    people.secretary = (await register(admin, org.b1, '孔书记')).memberId;
    people.introducer1 = (await register(admin, org.b1, '颜介绍')).memberId;
    people.introducer2 = (await register(admin, org.b1, '曾介绍')).memberId;

    // The users a city administrator hands out, each signing in through the gateway.
    const user = async (role: string, scope: Record<string, string>, links: Record<string, string> = {}) => {
      const username = uniqueName(role.toLowerCase().replace(/_/g, '-'));
      const password = `Pw-${randomInt(1e9, 9e9)}-secret`;
      await ok(admin, 'POST', '/users', { username, displayName: `测试${role}`, password, role, scope, ...links });
      return signIn(username, password);
    };
    users.district = await user('DISTRICT_ADMIN', { level: 'DISTRICT', districtId: d });
    users.sub1 = await user('SUB_DISTRICT_ADMIN', { level: 'SUB_DISTRICT', districtId: d, subDistrictId: s1 });
    users.sub2 = await user('SUB_DISTRICT_ADMIN', { level: 'SUB_DISTRICT', districtId: d, subDistrictId: s2 });
    users.secretary = await user('ORG_SECRETARY', { level: 'ZONE', districtId: d, subDistrictId: s1, zoneId: z1 }, { organizationId: org.b1, memberId: people.secretary });
    users.otherDistrict = await user('DISTRICT_ADMIN', { level: 'DISTRICT', districtId: d2 });
  }, 600_000);

  afterAll(async () => {
    await Promise.all(apps.reverse().map((app) => app.stop()));
  });

  async function signIn(username: string, password: string): Promise<string> {
    const res = await callUrl(`${gatewayUrl}/api/auth/sign-in`, 'POST', { username, password });
    if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  }

  it('corrects a record with a reason (修改党员信息) and the ID number (更正身份证号); page, list, search, dashboards and timeline follow; refusals change nothing', async () => {
    const scopes: [Scope, string][] = [
      ['zone', z1],
      ['zone', z2],
    ];
    const member = await register(users.district, org.b1, '王小明');
    const [z1Before, z2Before] = await settled(scopes, 'the registration');
    const page = async () => (await ok(users.district, 'GET', `/membership/members/${member.memberId}`)) as Record<string, unknown>;
    const asRegistered = await page();

    // Refused: no reason (400 naming it), another sub-district's administrator, the secretary moving the member out of their organization.
    const noReason = await call(users.district, 'POST', `/membership/members/${member.memberId}/corrections`, { name: '王晓明' });
    expectStatus(noReason, 400, 'a correction without a reason');
    expect(JSON.stringify(noReason.body)).toContain('reason');
    expectStatus(await call(users.sub2, 'POST', `/membership/members/${member.memberId}/corrections`, { reason: '姓名录入错误', name: '王晓明' }), 403, 'another sub-district corrects');
    expectStatus(
      await call(users.secretary, 'POST', `/membership/members/${member.memberId}/corrections`, { reason: '所在党组织录入错误', organizationId: org.c2 }),
      403,
      'the secretary places the member in another organization',
    );
    expect(await page()).toEqual(asRegistered);
    // The secretary of b1 reads the member's page and history while the member is theirs.
    expectStatus(await call(users.secretary, 'GET', `/membership/members/${member.memberId}`), 200, 'the secretary reads their member');
    await until(users.secretary, 'GET', `/history/${member.memberId}`, undefined, 200, 'the secretary reads their member’s history');

    // The member's secretary corrects the employer and education; the district administrator the name, phone and placement.
    const creditCode = newCreditCode();
    const bySecretary = await call(users.secretary, 'POST', `/membership/members/${member.memberId}/corrections`, {
      reason: '补录学历和工作单位',
      employerName: '济宁运河城商业管理有限公司',
      employerCreditCode: creditCode,
      education: 'UNDERGRADUATE',
      expectedVersion: 1,
    });
    expectStatus(bySecretary, 200, 'the secretary corrects employer and education');
    const newPhone = person().phone;
    const byDistrict = await call(users.district, 'POST', `/membership/members/${member.memberId}/corrections`, {
      reason: '登记时姓名、手机号和所在党组织录入错误',
      name: '王晓明',
      phone: newPhone,
      organizationId: org.c2,
      expectedVersion: 2,
    });
    expectStatus(byDistrict, 200, 'the district administrator corrects name, phone and placement');
    expect(await page()).toMatchObject({
      name: '王晓明',
      organizationId: org.c2,
      zoneId: z2,
      employerName: '济宁运河城商业管理有限公司',
      education: 'UNDERGRADUATE',
      phone: `${newPhone.slice(0, 3)}****${newPhone.slice(-4)}`,
      version: 3,
    });
    expect(await find(users.district, `organizationId=${org.c2}`)).toEqual([member.memberId]);
    expect(await find(users.district, `organizationId=${org.b1}`)).not.toContain(member.memberId);
    expect(await find(users.district, `name=${encodeURIComponent('晓明')}`)).toEqual([member.memberId]);
    expect(await find(users.district, `phone=${newPhone}`)).toEqual([member.memberId]);
    expect(await find(users.district, `phone=${member.phone}`)).toEqual([]);

    // The dashboards move the member from z1 to z2; the z2 timeline shows the correction.
    const [z1After, z2After] = await settled(scopes, 'the corrected placement');
    expect([z1After, z2After]).toEqual([plus(z1Before, -1), plus(z2Before, 1)]);
    const corrected = await waitFor(
      async () => {
        const events = (await ok(users.district, 'GET', `/timeline?scope=zone&id=${z2}`)).events as { type: string; subject: string; data: Record<string, unknown> }[];
        return events.find((e) => e.subject === member.memberId && e.type === 'membership.MemberRecordCorrected.v1' && e.data.organizationId === org.c2);
      },
      'the correction on the zone’s timeline',
      30_000,
    );
    expect(corrected.data).toMatchObject({ corrected: ['name', 'phone', 'organization'], reason: '登记时姓名、手机号和所在党组织录入错误' });
    // Need-to-know follows the placement: b1's secretary no longer reads the member's page or history.
    expectStatus(await call(users.secretary, 'GET', `/membership/members/${member.memberId}`), 403, 'b1’s secretary reads a member placed elsewhere');
    expectStatus(await call(users.secretary, 'GET', `/history/${member.memberId}`), 403, 'b1’s secretary reads the history of a member placed elsewhere');

    // 更正身份证号: not a sub-district administrator, not another district's; the district administrator, audited in 查看留痕.
    const idBefore = member.idNumber;
    const idAfter = idNumberFor('1991-04-16', seq + 1000);
    const correctId = (token: string) => call(token, 'POST', `/membership/members/${member.memberId}/id-number-correction`, { idNumber: idAfter, reason: '末位录入错误' });
    expectStatus(await correctId(users.sub1), 403, 'a sub-district administrator corrects an ID number');
    expectStatus(await correctId(users.otherDistrict), 403, 'another district corrects an ID number');
    expectStatus(await correctId(users.secretary), 403, 'the secretary corrects an ID number');
    expect(await find(users.district, `idNumber=${idBefore}`)).toEqual([member.memberId]);
    expectStatus(await correctId(users.district), 200, 'the district administrator corrects the ID number');
    // 查看留痕 as the console shows it: the row, and who did it by the name the users list gives.
    const audit = await ok(users.district, 'GET', `/membership/id-number-reveals?memberId=${member.memberId}`);
    const rows = (audit.items as { action: string; revealedBy: string; role: string }[]).filter((r) => r.action === 'CORRECTED');
    const me = (await ok(users.district, 'GET', '/auth/me')).userId as string;
    expect(rows).toEqual([expect.objectContaining({ revealedBy: me, role: 'DISTRICT_ADMIN' })]);
    const viewers = (await ok(users.district, 'GET', `/users?userIds=${me}`)) as { userId: string; displayName: string }[];
    expect(viewers.map((u) => [u.userId, u.displayName])).toEqual([[me, '测试DISTRICT_ADMIN']]);
    expect(await find(users.district, `idNumber=${idAfter}`)).toEqual([member.memberId]);
    expect(await find(users.district, `idNumber=${idBefore}`)).toEqual([]);
  });

  it('ends memberships (党籍终止): a transfer out of the city with its letter and a death leave every figure, stay readable with the ending, and activities refuses them', async () => {
    const scopes: [Scope, string][] = [
      ['zone', z3],
      ['subDistrict', s2],
      ['district', d],
      ['city', 'jining'],
    ];
    const leaving = await register(users.sub2, org.c3, '李转出');
    const deceased = await register(users.sub2, org.c3, '周故去', { status: 'PROBATIONARY', joinedOn: '2026-01-10' });
    const before = await settled(scopes, 'the registrations');

    // A published activity of the zone; activities learns of the members from membership's events.
    const start = new Date(Date.now() + 10 * 86400_000);
    const activity = (title: string) => ({
      kind: 'THEME_PARTY_DAY',
      title,
      organizerIds: [org.c3],
      venue: '古槐路党群服务站',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 7200_000).toISOString(),
    });
    const created = await until(users.sub2, 'POST', '/activities/activities', activity('主题党日'), 201, 'activities to know the organization');
    const activityId = created.body.activityId as string;
    await ok(users.sub2, 'POST', `/activities/activities/${activityId}/publish`, {});
    await until(users.sub2, 'POST', `/activities/activities/${activityId}/sign-ups`, { memberId: leaving.memberId }, 201, 'a member signs up before the ending');

    // Refused (4xx naming the field) and nothing ends: a transfer out without its letter number.
    const noLetter = await call(users.sub2, 'POST', `/membership/members/${deceased.memberId}/ending`, {
      kind: 'TRANSFERRED_OUT',
      endedOn: '2026-05-20',
      approvingOrganizationId: org.c3,
    });
    expectStatus(noLetter, 422, 'a transfer out without its letter');
    expect(JSON.stringify(noLetter.body)).toContain('letterNumber');
    const ended1 = await call(users.sub2, 'POST', `/membership/members/${leaving.memberId}/ending`, {
      kind: 'TRANSFERRED_OUT',
      endedOn: '2026-05-20',
      approvingOrganizationId: org.c3,
      letterNumber: '济组转〔2026〕118号',
    });
    expectStatus(ended1, 200, 'transfer out of the city');
    expectStatus(
      await call(users.district, 'POST', `/membership/members/${deceased.memberId}/ending`, { kind: 'DECEASED', endedOn: '2026-06-02', approvingOrganizationId: org.c3 }),
      200,
      'death',
    );

    // Out of the zone's, sub-district's, district's and city's figures on the dashboards.
    const after = await settled(scopes, 'the endings');
    expect(after).toEqual(before.map((f) => plus(f, -2, 0, -1)));

    // Still readable, with the ending, on the member's page, in the list when asked for, and in the history.
    expect(await ok(users.sub2, 'GET', `/membership/members/${leaving.memberId}`)).toMatchObject({
      status: 'ENDED',
      ending: { kind: 'TRANSFERRED_OUT', endedOn: '2026-05-20', letterNumber: '济组转〔2026〕118号', statusBefore: 'FULL' },
    });
    expect(await ok(users.sub2, 'GET', `/membership/members/${deceased.memberId}`)).toMatchObject({ status: 'ENDED', ending: { kind: 'DECEASED', statusBefore: 'PROBATIONARY' } });
    expect(await find(users.sub2, `organizationId=${org.c3}`)).not.toContain(leaving.memberId);
    expect(await find(users.sub2, `organizationId=${org.c3}&status=ENDED`)).toEqual([leaving.memberId, deceased.memberId].sort());
    const history = await waitFor(
      async () => {
        const res = await call(users.sub2, 'GET', `/history/${leaving.memberId}`);
        const events = res.status === 200 ? (res.body.events as { type: string; data: Record<string, unknown> }[]) : [];
        return events.some((e) => e.type === 'membership.MembershipEnded.v1') ? events : undefined;
      },
      'the ending in the member’s history',
      30_000,
    );
    expect(history.map((e) => e.type)).toEqual(['membership.MemberRegistered.v1', 'membership.MembershipEnded.v1']);
    expect(history[1]!.data).toMatchObject({ kind: 'TRANSFERRED_OUT', letterNumber: '济组转〔2026〕118号' });

    // Activities refuses both a sign-up (409 saying the membership ended) once its copy shows the endings.
    await waitFor(
      async () => {
        const copies = await Promise.all([leaving, deceased].map((m) => call(users.sub2, 'GET', `/activities/members/${m.memberId}`)));
        return copies.every((c) => c.status === 200 && c.body.ended === true);
      },
      'activities to learn of the endings',
      30_000,
    );
    const refused = await call(users.sub2, 'POST', `/activities/activities/${activityId}/sign-ups`, { memberId: deceased.memberId });
    expectStatus(refused, 409, 'the deceased member signs up');
    expect(refused.body).toMatchObject({ error: 'MEMBERSHIP_ENDED' });
    const second = await ok(users.sub2, 'POST', '/activities/activities', activity('志愿服务'));
    await ok(users.sub2, 'POST', `/activities/activities/${second.activityId as string}/publish`, {});
    const again = await call(users.sub2, 'POST', `/activities/activities/${second.activityId as string}/sign-ups`, { memberId: leaving.memberId });
    expectStatus(again, 409, 'the member transferred out signs up for another activity');
    expect(again.body.message).toContain('党籍已终止');
  });

  it('finds people by part of a name within the caller’s jurisdiction, by exact ID or phone number, and filters by organization, stage, floating and status', async () => {
    const name = `欧阳${uniqueName('x').slice(-4)}`;
    const inS1 = await register(users.district, org.b1, `${name}华`);
    const inS2 = await register(users.district, org.c3, `${name}丽`, { status: 'PROBATIONARY', joinedOn: '2026-01-10' });
    const inD2 = await register(users.otherDistrict, org.c4, `${name}强`);
    const q = `name=${encodeURIComponent(name)}`;

    // Part of a name, within the caller's jurisdiction only.
    expect(await find(users.sub1, q)).toEqual([inS1.memberId]);
    expect(await find(users.sub2, q)).toEqual([inS2.memberId]);
    expect(await find(users.district, q)).toEqual([inS1.memberId, inS2.memberId].sort());
    expect(await find(users.otherDistrict, q)).toEqual([inD2.memberId]);
    expect(await find(admin, q)).toEqual([inS1.memberId, inS2.memberId, inD2.memberId].sort());
    // Exact ID number and phone, also within the jurisdiction.
    expect(await find(users.district, `idNumber=${inS1.idNumber}`)).toEqual([inS1.memberId]);
    expect(await find(users.sub2, `idNumber=${inS1.idNumber}`)).toEqual([]);
    expect(await find(users.district, `phone=${inS2.phone}`)).toEqual([inS2.memberId]);
    expect(await find(users.otherDistrict, `phone=${inS2.phone}`)).toEqual([]);
    const partial = await call(users.district, 'GET', `/membership/members?idNumber=${inS1.idNumber.slice(0, 6)}`);
    expectStatus(partial, 400, 'part of an ID number');
    expect(JSON.stringify(partial.body)).toContain('idNumber');

    // Filters: organization, stage, status, floating (the first checks in with another zone's committee).
    expect(await find(users.district, `${q}&organizationId=${org.c3}`)).toEqual([inS2.memberId]);
    expect(await find(users.district, `${q}&stage=PROBATIONARY`)).toEqual([inS2.memberId]);
    expect(await find(users.district, `${q}&status=FULL`)).toEqual([inS1.memberId]);
    expect(await find(users.district, `${q}&floating=true`)).toEqual([]);
    await ok(users.district, 'POST', `/membership/members/${inS1.memberId}/floating/check-in`, {
      organizationId: org.c2,
      homeOrganizationName: '菏泽市牡丹区某村党支部',
      checkedInOn: '2026-03-02',
    });
    expect(await find(users.district, `${q}&floating=true`)).toEqual([inS1.memberId]);
    expect(await find(users.district, `${q}&floating=false`)).toEqual([inS2.memberId]);
  });

  it('counts a floating member recorded directly in the zone, and concludes verified 亮身份 declarations into a member and a floating member as the secretary decides', async () => {
    const scopes: [Scope, string][] = [['zone', z5]];
    const before = await settled(scopes, 'the zone as it stands');
    // 流动党员登记: a floating member recorded directly with z5's committee.
    const floatingBody = { name: '刘洋', ...person(), employerName: null, employerCreditCode: null, status: 'FULL', joinedOn: '2012-07-01', organizationId: org.c5 };
    const noHome = await call(users.sub1, 'POST', '/membership/members/floating', { ...floatingBody, checkedInOn: '2026-03-02' });
    expectStatus(noHome, 400, 'a floating member without the home organization');
    expect(JSON.stringify(noHome.body)).toContain('homeOrganizationName');
    const floating = await call(users.sub1, 'POST', '/membership/members/floating', { ...floatingBody, homeOrganizationName: '菏泽市牡丹区某村党支部', checkedInOn: '2026-03-02' });
    expectStatus(floating, 201, 'a floating member recorded directly');
    expect(floating.body).toMatchObject({ isFloating: true, countedIn: { zoneId: z5, floating: true } });
    // Counted as a floating member of the zone on its dashboard.
    expect(await settled(scopes, 'the floating member recorded directly')).toEqual([plus(before[0]!, 1, 1)]);

    // 亮身份: two declarations to b1, verified by its secretary, who decides one is a member and the other a floating member.
    const declare = async (name: string) => {
      const res = await ok(users.sub1, 'POST', '/membership/identity-declarations', {
        name,
        gender: 'MALE',
        phone: person().phone,
        organizationId: org.b1,
        homeOrganizationName: '临沂市兰山区某社区党支部',
        employerName: '济宁某电子商务有限公司',
        declaredJoinedOn: '2015-06-20',
        declaredOn: '2026-03-10',
      });
      return res.declarationId as string;
    };
    const [toMember, toFloating] = [await declare('赵磊'), await declare('钱进')];
    const conclude = (id: string, decision: string) => {
      const { birthDate, idNumber } = person();
      return call(users.secretary, 'POST', `/membership/identity-declarations/${id}/conclusion`, { decision, decidedOn: '2026-03-16', birthDate, idNumber, status: 'FULL' });
    };
    const early = await conclude(toMember, 'REGISTER_MEMBER');
    expectStatus(early, 409, 'an unverified declaration concluded');
    for (const id of [toMember, toFloating]) await ok(users.secretary, 'POST', `/membership/identity-declarations/${id}/verification`, { on: '2026-03-15' });
    const member = await conclude(toMember, 'REGISTER_MEMBER');
    expectStatus(member, 200, 'concluded into a member record');
    const floatingMember = await conclude(toFloating, 'RECORD_FLOATING');
    expectStatus(floatingMember, 200, 'concluded into a floating check-in');
    expectStatus(await conclude(toFloating, 'REGISTER_MEMBER'), 409, 'a second decision');

    const memberId = member.body.conclusion.memberId as string;
    const floatingId = floatingMember.body.conclusion.memberId as string;
    expect(await ok(users.secretary, 'GET', `/membership/members/${memberId}`)).toMatchObject({ name: '赵磊', organizationId: org.b1, isFloating: false, joinedOn: '2015-06-20' });
    expect(await ok(users.secretary, 'GET', `/membership/members/${floatingId}`)).toMatchObject({
      name: '钱进',
      isFloating: true,
      floating: { organizationId: org.b1, homeOrganizationName: '临沂市兰山区某社区党支部', checkedInOn: '2026-03-10' },
    });
    expect(await ok(users.secretary, 'GET', `/membership/identity-declarations/${toFloating}`)).toMatchObject({ conclusion: { decision: 'RECORD_FLOATING', memberId: floatingId } });
    // The secretary finds both among the organization's people: one local member, one floating member checked in with it.
    const floatingOfB1 = await find(users.secretary, `organizationId=${org.b1}&floating=true`);
    const localOfB1 = await find(users.secretary, `organizationId=${org.b1}&floating=false`);
    expect({ floating: floatingOfB1.includes(floatingId), local: localOfB1.includes(memberId) }).toEqual({ floating: true, local: true });
    expect({ floating: floatingOfB1.includes(memberId), local: localOfB1.includes(floatingId) }).toEqual({ floating: false, local: false });
  });

  it('takes an applicant through the development pipeline in order, citing a checked 三优三推 recommendation; one exit; activities’ old recommendation route is gone', async () => {
    const apply = async (name: string) => {
      const res = await ok(users.secretary, 'POST', '/membership/members/applications', {
        name,
        ...person('1998-05-20'),
        employerName: null,
        employerCreditCode: null,
        organizationId: org.b1,
        appliedOn: '2024-03-01',
      });
      return res.memberId as string;
    };
    const applicant = await apply('孟申请');
    const other = await apply('荀申请');
    const recommend = async (memberId: string, kind: string) =>
      (
        await ok(users.secretary, 'POST', '/membership/recommendations', {
          kind,
          memberId,
          name: '孟申请',
          organizationId: org.b1,
          sourceContext: 'membership',
          reason: '岗位建功表现突出',
          recommendedOn: '2024-03-20',
        })
      ).recommendationId as string;
    const forOther = await recommend(other, 'MODEL_EMPLOYEE_TO_ACTIVIST');
    const ofNoStage = await recommend(applicant, 'VANGUARD_MEMBER_TO_CADRE');
    const forApplicant = await recommend(applicant, 'MODEL_EMPLOYEE_TO_ACTIVIST');
    const path = (what: string) => `/membership/members/${applicant}/development${what}`;
    const advance = (body: Record<string, unknown>) => call(users.secretary, 'POST', path(''), body);
    const step = (what: string, body: Record<string, unknown>) => call(users.secretary, 'POST', path(`/${what}`), body);
    const version = async () => (await ok(users.secretary, 'GET', `/membership/members/${applicant}`)).version as number;

    // The recommendation cited is checked: unknown, another person's, or of a kind that leads to no stage is a 422 naming it.
    const atFirst = await version();
    for (const recommendationId of ['rec-nowhere', forOther, ofNoStage]) {
      const res = await advance({ toStage: 'ACTIVIST', on: '2024-04-01', recommendationId });
      expectStatus(res, 422, `citing ${recommendationId}`);
      expect(JSON.stringify(res.body)).toContain(recommendationId);
    }
    expect(await version()).toBe(atFirst);
    expectStatus(await advance({ toStage: 'ACTIVIST', on: '2024-04-01', recommendationId: forApplicant }), 200, 'activist, citing the recommendation');
    expectStatus(await advance({ toStage: 'ACTIVIST', on: '2024-04-02', recommendationId: forApplicant }), 409, 'a second advance to the same stage');
    expectStatus(await advance({ toStage: 'DEVELOPMENT_TARGET', on: '2025-04-01', introducerMemberIds: [people.introducer1, people.introducer2] }), 200, 'development target');

    // Out of order: a notice before training and review, admission before every step; each names what is missing.
    const noticeFirst = await step('public-notice', { startsOn: '2025-05-05', endsOn: '2025-05-09' });
    expect(noticeFirst.status).toBeGreaterThanOrEqual(400);
    expect(noticeFirst.status).toBeLessThan(500);
    expect(JSON.stringify(noticeFirst.body)).toMatch(/集中培训|training/);
    const early = await advance({ toStage: 'PROBATIONARY', on: '2025-06-01' });
    expectStatus(early, 422, 'admission before the steps');
    expect(early.body.message).toBe('接收为预备党员前须先完成：集中培训（training）、政治审查（political-review）、公示（public-notice）、上级党委审批（approval）');

    expectStatus(await step('training', { completedOn: '2025-04-20', hours: 24 }), 200, 'training');
    expectStatus(await step('political-review', { passedOn: '2025-04-25', reviewingOrganizationId: org.b1 }), 200, 'political review');
    expectStatus(await step('public-notice', { startsOn: '2025-05-05', endsOn: '2025-05-09' }), 200, 'public notice');
    const notAbove = await step('approval', { approvedOn: '2025-05-20', approvingOrganizationId: org.b1 });
    expectStatus(notAbove, 422, 'approval by the member’s own organization');
    expect(JSON.stringify(notAbove.body)).toContain('approvingOrganizationId');
    expectStatus(await step('approval', { approvedOn: '2025-05-20', approvingOrganizationId: org.c1 }), 200, 'approval by the committee above');
    const admitted = await advance({ toStage: 'PROBATIONARY', on: '2025-06-01' });
    expectStatus(admitted, 200, 'admitted as probationary');
    expect(admitted.body).toMatchObject({ stage: 'PROBATIONARY', status: 'PROBATIONARY', joinedOn: '2025-06-01' });
    const noOath = await advance({ toStage: 'FULL', on: '2026-06-01' });
    expectStatus(noOath, 422, '转正 before the oath');
    expect(noOath.body.message).toMatch(/入党宣誓/);
    expectStatus(await step('oath', { takenOn: '2025-06-10' }), 200, 'oath');
    const full = await advance({ toStage: 'FULL', on: '2026-06-01' });
    expectStatus(full, 200, '转正');
    expect(full.body).toMatchObject({ stage: 'FULL', status: 'FULL' });

    // One exit: the other applicant withdraws; every later step is a 409 saying so.
    const withdrawn = await call(users.secretary, 'POST', `/membership/members/${other}/development/withdrawal`, { withdrawnOn: '2024-04-01' });
    expectStatus(withdrawn, 200, 'withdrawal');
    expect(withdrawn.body.pipelineExit).toMatchObject({ kind: 'WITHDRAWN', on: '2024-04-01', stage: 'APPLICANT' });
    const afterExit = await call(users.secretary, 'POST', `/membership/members/${other}/development`, { toStage: 'ACTIVIST', on: '2024-05-01', recommendationId: forOther });
    expectStatus(afterExit, 409, 'a step after the withdrawal');
    expect(afterExit.body.message).toMatch(/撤回入党申请/);

    // 三优三推 has one home: activities' old route answers 410 through the gateway.
    const old = await call(users.district, 'POST', '/activities/recommendations', { kind: 'MODEL_EMPLOYEE_TO_ACTIVIST', memberId: applicant, name: '孟申请', organizationId: org.b1 });
    expectStatus(old, 410, 'activities’ old recommendation route');
    expect(old.body.message).toContain('/api/membership/recommendations');
  });
});
