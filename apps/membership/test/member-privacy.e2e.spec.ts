import { Actor, ManualClock } from '@pb/platform';
import { bearer, idNumberFor, phoneFor, startServiceApp, TestApp, uniqueName } from '@pb/testing';
import { createOrganization, memberCounts, registerPlaces } from './fixtures';
import { MEMBERSHIP } from './membership-app';

/** 需知原则 in membership itself: the ID-number register is no lookup service, imports are limited and recorded, clear views are recorded. */
describe('membership need-to-know (real database and Kafka)', () => {
  let t: TestApp<ManualClock>;
  const home = uniqueName('d');
  const away = uniqueName('d');
  const zone = uniqueName('zone');
  const homeSub = uniqueName('s');
  const awaySub = uniqueName('s');
  let homeOrg: string;
  let awayOrg: string;
  let seq = 400;
  const ROWS_PER_HOUR = 6;

  const homeAdmin: Actor = { userId: uniqueName('home-admin'), role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: home } };
  const awayAdmin: Actor = { userId: uniqueName('away-admin'), role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: away } };
  const HEADER = '党员编号,姓名,性别,出生日期,身份证号,手机号,工作单位,统一社会信用代码,所在党组织,党员类型,入党日期';

  beforeAll(async () => {
    t = await startServiceApp(MEMBERSHIP, { clock: new ManualClock(new Date('2026-06-01T02:00:00Z')), env: { MEMBER_IMPORT_ROWS_PER_HOUR: String(ROWS_PER_HOUR) } });
    await registerPlaces(t, home, homeSub, [zone]);
    await registerPlaces(t, away, awaySub, []);
    homeOrg = await createOrganization(t, { districtId: home, subDistrictId: homeSub, zoneId: zone, name: '本区党支部', type: 'BRANCH' });
    awayOrg = await createOrganization(t, { districtId: away, subDistrictId: awaySub, zoneId: null, name: '外区街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE' });
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  const person = () => {
    seq += 1;
    return {
      name: '赵隐私',
      gender: 'FEMALE',
      birthDate: '1988-04-02',
      idNumber: idNumberFor('1988-04-02', seq),
      phone: phoneFor(81_000_000 + seq),
      status: 'FULL',
      joinedOn: '2012-07-01',
    };
  };
  const register = async (organizationId: string, actor?: Actor) => {
    const body = { ...person(), organizationId };
    const res = await t.http().post('/members').set('authorization', bearer(actor)).send(body).expect(201);
    return { body, memberId: res.body.memberId as string };
  };
  const row = (cells: { memberId?: string; idNumber: string; organizationId: string }) =>
    [cells.memberId ?? '', '钱导入', '女', '1988-04-02', cells.idNumber, phoneFor(82_000_000 + ++seq), '', '', cells.organizationId, '正式党员', '2012-07-01'].join(',');
  const importAs = (actor: Actor, rows: string[]) =>
    t
      .http()
      .post('/members/imports')
      .set('authorization', bearer(actor))
      .set('content-type', 'text/csv')
      .send([HEADER, ...rows].join('\n'));

  it('names the holder of a taken ID number only inside the caller’s jurisdiction', async () => {
    const away1 = await register(awayOrg);
    const home1 = await register(homeOrg);
    const outside = await t
      .http()
      .post('/members')
      .set('authorization', bearer(homeAdmin))
      .send({ ...person(), idNumber: away1.body.idNumber, organizationId: homeOrg })
      .expect(409);
    expect(outside.body).toMatchObject({ error: 'ID_NUMBER_TAKEN', message: '该身份证号已登记（如有疑问请联系上级党组织核实）', details: { field: 'idNumber' } });
    expect(JSON.stringify(outside.body)).not.toContain(away1.memberId);
    expect(JSON.stringify(outside.body)).not.toContain(away);
    const inside = await t
      .http()
      .post('/members')
      .set('authorization', bearer(homeAdmin))
      .send({ ...person(), idNumber: home1.body.idNumber, organizationId: homeOrg })
      .expect(409);
    expect(inside.body).toMatchObject({ error: 'ID_NUMBER_TAKEN', message: `该身份证号已登记为党员 ${home1.memberId}`, details: { memberId: home1.memberId } });

    const report = await importAs(homeAdmin, [row({ idNumber: away1.body.idNumber, organizationId: homeOrg }), row({ idNumber: home1.body.idNumber, organizationId: homeOrg })]).expect(
      200,
    );
    expect(report.body.problems).toEqual([
      { row: 2, field: '身份证号', reason: '已存在（该身份证号已登记，如有疑问请联系上级党组织核实）' },
      { row: 3, field: '身份证号', reason: `已存在（党员 ${home1.memberId}）` },
    ]);
  });

  it('refuses rows whose member id is on record before claiming any ID number', async () => {
    const taken = await register(awayOrg);
    const mine = await register(homeOrg);
    const claimsBefore = await t.db.collection('member_id_numbers').countDocuments();
    // One existing member id with candidate numbers, one of them registered elsewhere: no row may say which.
    const rows = [
      row({ memberId: mine.memberId, idNumber: idNumberFor('1988-04-02', 990), organizationId: homeOrg }),
      row({ memberId: mine.memberId, idNumber: taken.body.idNumber, organizationId: homeOrg }),
    ];
    const report = await importAs({ ...homeAdmin, userId: uniqueName('prober') }, rows).expect(200);
    expect(report.body).toMatchObject({ imported: 0, existing: 1, failed: 1 });
    expect(report.body.problems).toEqual([
      { row: 2, field: '党员编号', reason: `已存在（党员编号 ${mine.memberId} 已登记）` },
      { row: 3, field: '党员编号', reason: '与第 2 行的党员编号重复' },
    ]);
    expect(JSON.stringify(report.body)).not.toContain(taken.memberId);
    expect(await t.db.collection('member_id_numbers').countDocuments()).toBe(claimsBefore);
  });

  it('limits imports per user by rows per hour (429 with Retry-After), records every attempt, and lets the user in again an hour later', async () => {
    const user: Actor = { ...homeAdmin, userId: uniqueName('importer') };
    const first = await importAs(
      user,
      [1, 2, 3, 4].map(() => row({ idNumber: idNumberFor('1988-04-02', ++seq), organizationId: homeOrg })),
    ).expect(200);
    expect(first.body).toMatchObject({ total: 4, imported: 4 });
    t.clock.advance(10 * 60_000);
    const before = await memberCounts(t.db);
    const limited = await importAs(
      user,
      [1, 2, 3].map(() => row({ idNumber: idNumberFor('1988-04-02', ++seq), organizationId: homeOrg })),
    ).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'IMPORT_RATE_LIMITED' });
    expect(limited.body.message).toMatch(/^导入过于频繁：每位用户每小时最多导入 6 行，请 3000 秒后再试$/);
    expect(limited.headers['retry-after']).toBe('3000');
    expect(await memberCounts(t.db)).toEqual(before);
    // Another user is not affected; a file larger than the hourly budget is refused outright.
    await importAs({ ...homeAdmin, userId: uniqueName('other') }, [row({ idNumber: idNumberFor('1988-04-02', ++seq), organizationId: homeOrg })]).expect(200);
    const tooLarge = await importAs(
      { ...homeAdmin, userId: uniqueName('big') },
      [1, 2, 3, 4, 5, 6, 7].map(() => row({ idNumber: idNumberFor('1988-04-02', ++seq), organizationId: homeOrg })),
    ).expect(422);
    expect(tooLarge.body).toMatchObject({ error: 'IMPORT_TOO_LARGE' });

    const log = await t.db.collection('member_imports').find({ importedBy: user.userId }).sort({ startedAt: 1 }).toArray();
    expect(log.map((e) => ({ rows: e.rows, outcome: e.outcome, role: e.role, imported: e.imported }))).toEqual([
      { rows: 4, outcome: 'DONE', role: 'DISTRICT_ADMIN', imported: 4 },
      { rows: 3, outcome: 'RATE_LIMITED', role: 'DISTRICT_ADMIN', imported: undefined },
    ]);
    expect(JSON.stringify(log)).not.toMatch(/钱导入|\d{17}[\dX]|1398\d{7}/);

    t.clock.advance(50 * 60_000 + 1000);
    await importAs(user, [row({ idNumber: idNumberFor('1988-04-02', ++seq), organizationId: homeOrg })]).expect(200);
  });

  it('records every clear view of a member’s numbers and shows the records to the administrators of the member’s jurisdiction', async () => {
    const { body, memberId } = await register(homeOrg);
    const viewer: Actor = { ...homeAdmin, userId: uniqueName('viewer') };
    await t.http().get(`/members/${memberId}`).set('authorization', bearer(viewer)).expect(200);
    const at = t.clock.now().toISOString();
    const seen = await t.http().get(`/members/${memberId}?reveal=true`).set('authorization', bearer(viewer)).expect(200);
    expect(seen.body.idNumber).toBe(body.idNumber);

    const records = await t.http().get(`/id-number-reveals?memberId=${memberId}`).set('authorization', bearer(homeAdmin)).expect(200);
    expect(records.body.items).toEqual([
      {
        revealId: expect.stringMatching(/^rev-/),
        action: 'VIEWED',
        revealedBy: viewer.userId,
        role: 'DISTRICT_ADMIN',
        revealedAt: at,
        memberId,
        organizationId: homeOrg,
        districtId: home,
        subDistrictId: homeSub,
        zoneId: zone,
      },
    ]);
    expect(JSON.stringify(records.body)).not.toContain(body.idNumber);
    // Another district's administrator: not this member's records.
    await t.http().get(`/id-number-reveals?memberId=${memberId}`).set('authorization', bearer(awayAdmin)).expect(403);
    const theirs = await t.http().get('/id-number-reveals').set('authorization', bearer(awayAdmin)).expect(200);
    expect(theirs.body.items.filter((r: { memberId: string }) => r.memberId === memberId)).toEqual([]);
    await t.http().get(`/id-number-reveals?districtId=${home}`).set('authorization', bearer(awayAdmin)).expect(403);
    await t
      .http()
      .get('/id-number-reveals')
      .set('authorization', bearer({ userId: 'sec', role: 'ORG_SECRETARY', scope: { level: 'DISTRICT', districtId: home }, organizationId: homeOrg }))
      .expect(403);
  });
});
