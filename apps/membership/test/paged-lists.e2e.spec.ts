import { bearer, idNumberFor, phoneFor, startServiceApp, TestApp, uniqueName } from '@pb/testing';
import { createOrganization, registerPlaces } from './fixtures';
import { MEMBERSHIP } from './membership-app';

/**
 * The lists that used to stop at 500 rows without saying so (亮身份 declarations, 三优三推
 * recommendations, open transfers) page in id order: every record once, in order, to the end.
 */
describe('membership lists paged to the end (#18)', () => {
  let t: TestApp;
  const district = uniqueName('d');
  const zone = uniqueName('zone');
  let orgA = '';
  let orgB = '';
  const seq = Math.floor(Math.random() * 900);
  const get = (path: string) => t.http().get(path).set('authorization', bearer());
  const post = (path: string, body: object) => t.http().post(path).set('authorization', bearer()).send(body);

  /** Reads every page of `path` with `limit`, by the id field; fails on a repeated id. */
  const readAll = async (path: string, idOf: (row: Record<string, string>) => string, limit: number) => {
    const seen: string[] = [];
    let after = '';
    for (let page = 0; page < 20; page++) {
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${after ? `&after=${after}` : ''}`).expect(200);
      const rows = res.body as Record<string, string>[];
      expect(rows.length).toBeLessThanOrEqual(limit);
      seen.push(...rows.map(idOf));
      if (rows.length < limit) break;
      after = idOf(rows[rows.length - 1]!);
    }
    expect(new Set(seen).size).toBe(seen.length);
    return seen;
  };

  beforeAll(async () => {
    t = await startServiceApp(MEMBERSHIP);
    await registerPlaces(t, district, 'fuqiao', [zone]);
    const base = { districtId: district, subDistrictId: 'fuqiao', zoneId: zone };
    orgA = await createOrganization(t, { ...base, name: '万达广场党支部', type: 'BRANCH' });
    orgB = await createOrganization(t, { ...base, name: '苏宁广场党支部', type: 'BRANCH' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('pages 亮身份 declarations, recommendations and open transfers in id order, each record once', async () => {
    const declarations: string[] = [];
    const recommendations: string[] = [];
    const members: string[] = [];
    for (let i = 0; i < 5; i++) {
      const declared = await post('/identity-declarations', {
        name: '赵磊',
        gender: 'MALE',
        phone: phoneFor(seq * 100 + i),
        organizationId: orgA,
        homeOrganizationName: '临沂市兰山区某社区党支部',
        declaredJoinedOn: '2015-06-20',
        declaredOn: '2026-03-10',
      }).expect(201);
      declarations.push(declared.body.declarationId);
      const recommended = await post('/recommendations', {
        kind: 'MODEL_EMPLOYEE_TO_ACTIVIST',
        name: '王强',
        organizationId: orgA,
        sourceContext: 'enterprise',
        reason: '优秀员工',
        recommendedOn: '2026-05-04',
      }).expect(201);
      recommendations.push(recommended.body.recommendationId);
      const member = await post('/members', {
        name: '张明',
        gender: 'MALE',
        birthDate: '1990-03-15',
        idNumber: idNumberFor('1990-03-15', seq + i),
        phone: phoneFor(seq * 100 + 50 + i),
        organizationId: orgA,
        status: 'FULL',
        joinedOn: '2015-07-01',
      }).expect(201);
      members.push(member.body.memberId);
      await post(`/members/${member.body.memberId}/transfers`, { toOrganizationId: orgB, reason: '工作单位变动', requestedOn: '2026-05-01' }).expect(201);
    }
    expect(await readAll(`/identity-declarations?organizationId=${orgA}`, (r) => r.declarationId, 2)).toEqual([...declarations].sort());
    expect(await readAll(`/recommendations?organizationId=${orgA}`, (r) => r.recommendationId, 2)).toEqual([...recommendations].sort());
    expect(await readAll(`/transfers?toOrganizationId=${orgB}`, (r) => r.memberId, 2)).toEqual([...members].sort());
  });

  it('refuses a bad page size or cursor with a 400 naming it', async () => {
    for (const path of ['/identity-declarations', '/recommendations', '/transfers']) {
      expect((await get(`${path}?limit=0`).expect(400)).body.message.join()).toMatch(/limit 不能小于 1/);
      expect((await get(`${path}?limit=501`).expect(400)).body.message.join()).toMatch(/limit 不能大于 500/);
      expect((await get(`${path}?after=a%20b`).expect(400)).body.message.join()).toMatch(/after/);
    }
  });
});
