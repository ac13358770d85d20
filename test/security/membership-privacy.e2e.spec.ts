import mongoose, { Connection } from 'mongoose';
import { infraEnv } from '@pb/testing';
import { record, say } from '../support/report';
import { Answer, Stack } from '../support/stack';
import { Area, BIRTH_DATE, buildArea, createUsers, newPerson, PERSONAL_DATA, TestRole, TestUser } from '../support/world';

/** Rows one user may have imported within an hour, set low here so the limit is reached in a few requests. */
const ROWS_PER_HOUR = 12;
const HEADER = '党员编号,姓名,性别,出生日期,身份证号,手机号,工作单位,统一社会信用代码,所在党组织,党员类型,入党日期';
const NAME = '孙需知';
const EMPLOYER = '济宁需知原则有限公司';

/**
 * Issue #17, items 1 and 2 (membership), through the gateway as users reach them: the ID-number
 * register is no city-wide lookup, member lists give each role what it needs to know, every id in
 * a filter is checked against the caller's jurisdiction, clear views of ID numbers are recorded.
 */
describe('security: membership need-to-know (ID-number oracle, member lists by role, filters, reveal audit)', () => {
  const stack = new Stack('msp', infraEnv(), { gateway: { ACCESS_TOKEN_TTL_SECONDS: '3600' }, membership: { MEMBER_IMPORT_ROWS_PER_HOUR: String(ROWS_PER_HOUR) } });
  let own: Area;
  let other: Area;
  let users: Record<TestRole, TestUser>;
  let membershipDb: Connection;
  /** A member of the other district whose ID number the suite knows. */
  let stranger: { memberId: string; idNumber: string };
  /** A member of the own district, registered with a name and employer. */
  let neighbour: { memberId: string; idNumber: string };

  const as = (role: TestRole, method: string, path: string, body?: unknown): Promise<Answer> => stack.call(method, path, body, users[role].token);
  const registerIn = async (area: Area) => {
    const person = newPerson();
    const res = await stack.call('POST', '/membership/members', {
      name: NAME,
      gender: 'MALE',
      birthDate: BIRTH_DATE,
      ...person,
      employerName: EMPLOYER,
      status: 'FULL',
      joinedOn: '2015-07-01',
      organizationId: area.organizationId,
    });
    if (res.status !== 201) throw new Error(`member in ${area.districtId}: ${res.status} ${JSON.stringify(res.body)}`);
    return { memberId: res.body.memberId as string, idNumber: person.idNumber };
  };
  const csvRow = (cells: { memberId?: string; idNumber?: string; organizationId: string }) => {
    const { idNumber, phone } = newPerson();
    return [cells.memberId ?? '', '周导入', '男', BIRTH_DATE, cells.idNumber ?? idNumber, phone, '', '', cells.organizationId, '正式党员', '2015-07-01'].join(',');
  };
  const importAs = (role: TestRole, rows: string[]) => as(role, 'POST', '/membership/members/imports', { csv: [HEADER, ...rows].join('\n') });

  beforeAll(async () => {
    await stack.start();
    membershipDb = await mongoose.createConnection(stack.infra.MONGODB_URI, { dbName: stack.databaseOf('membership') }).asPromise();
    own = await buildArea(stack, 'A');
    other = await buildArea(stack, 'B');
    users = await createUsers(stack, own);
    stranger = await registerIn(other);
    neighbour = await registerIn(own);
    say(`membership privacy suite: areas ${own.districtId} (own) and ${other.districtId} (other)`);
  }, 600_000);

  afterAll(async () => {
    await membershipDb?.close();
    await stack.stop();
  });

  describe('no city-wide oracle for ID numbers', () => {
    it('answers a registration with another district’s ID number with 409 that neither names nor locates the holder', async () => {
      const body = { name: '吴重复', gender: 'MALE', birthDate: BIRTH_DATE, phone: newPerson().phone, status: 'FULL', joinedOn: '2015-07-01', organizationId: own.organizationId };
      const outside = await as('DISTRICT_ADMIN', 'POST', '/membership/members', { ...body, idNumber: stranger.idNumber });
      expect(outside.status).toBe(409);
      expect(outside.body).toMatchObject({ error: 'ID_NUMBER_TAKEN', message: '该身份证号已登记（如有疑问请联系上级党组织核实）' });
      for (const secret of [stranger.memberId, other.districtId, other.organizationId]) expect(JSON.stringify(outside.body)).not.toContain(secret);
      // Inside the caller's jurisdiction the holder is named: that helps find the record.
      const inside = await as('DISTRICT_ADMIN', 'POST', '/membership/members', { ...body, idNumber: neighbour.idNumber });
      expect(inside.status).toBe(409);
      expect(inside.body.message).toBe(`该身份证号已登记为党员 ${neighbour.memberId}`);
      record('security-review', {
        checks: ['registration 409 names no holder outside the caller’s jurisdiction: another district’s number → “该身份证号已登记” without member id or district'],
      });
    });

    it('reports an import row with another district’s ID number without naming the holder', async () => {
      const res = await importAs('DISTRICT_ADMIN', [csvRow({ idNumber: stranger.idNumber, organizationId: own.organizationId })]);
      expect(res.status).toBe(200);
      expect(res.body.problems).toEqual([{ row: 2, field: '身份证号', reason: '已存在（该身份证号已登记，如有疑问请联系上级党组织核实）' }]);
      expect(JSON.stringify(res.body)).not.toContain(stranger.memberId);
      record('security-review', { checks: ['import report names no holder outside the caller’s jurisdiction: row reported “已存在（该身份证号已登记，…）”'] });
    });

    it('refuses rows reusing an existing member id before any ID-number claim (no lookup of candidate numbers)', async () => {
      const claims = () => membershipDb.collection('member_id_numbers').countDocuments();
      const before = await claims();
      // The probe: one existing member id, candidate numbers (one registered in the other district).
      const candidates = [newPerson().idNumber, newPerson().idNumber, stranger.idNumber];
      const res = await importAs(
        'DISTRICT_ADMIN',
        candidates.map((idNumber) => csvRow({ memberId: neighbour.memberId, idNumber, organizationId: own.organizationId })),
      );
      expect(res.status).toBe(200);
      expect(res.body.problems.map((p: { field: string }) => p.field)).toEqual(['党员编号', '党员编号', '党员编号']);
      expect(res.body.problems[0].reason).toBe(`已存在（党员编号 ${neighbour.memberId} 已登记）`);
      expect(res.body.imported).toBe(0);
      expect(JSON.stringify(res.body)).not.toContain(stranger.memberId);
      expect(await claims()).toBe(before);
      record('security-review', {
        checks: [`import rows reusing an existing member id are refused before any claim: ${candidates.length} candidate numbers, every row refused on 党员编号, no claim made`],
      });
    });

    it('rate-limits imports per user (429, zh-CN message with the wait) and records every attempt without personal data', async () => {
      const role: TestRole = 'SUB_DISTRICT_ADMIN';
      const userId = (await as(role, 'GET', '/auth/me')).body.userId as string;
      const answers: Answer[] = [];
      for (let i = 0; i < 4; i++)
        answers.push(
          await importAs(
            role,
            [1, 2, 3, 4, 5].map(() => csvRow({ organizationId: own.organizationId })),
          ),
        );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 429, 429]);
      const limited = answers[2]!;
      expect(limited.body).toMatchObject({ statusCode: 429, error: 'IMPORT_RATE_LIMITED' });
      // The gateway passes the service's Retry-After on, so a client can wait without parsing the message.
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body.message).toMatch(new RegExp(`^导入过于频繁：每位用户每小时最多导入 ${ROWS_PER_HOUR} 行，请 \\d+ 秒后再试$`));
      // Another user still imports.
      expect((await importAs('DISTRICT_ADMIN', [csvRow({ organizationId: own.organizationId })])).status).toBe(200);

      const log = await membershipDb.collection('member_imports').find({ importedBy: userId }).sort({ startedAt: 1 }).toArray();
      expect(log.map((e) => [e.role, e.rows, e.outcome])).toEqual([
        [role, 5, 'DONE'],
        [role, 5, 'DONE'],
        [role, 5, 'RATE_LIMITED'],
        [role, 5, 'RATE_LIMITED'],
      ]);
      expect(log.every((e) => e.startedAt instanceof Date)).toBe(true);
      const raw = JSON.stringify(log);
      for (const value of PERSONAL_DATA) expect(raw).not.toContain(value);
      expect(raw).not.toContain('周导入');
      record('security-review', {
        checks: [
          `imports are rate-limited per user and recorded: ${ROWS_PER_HOUR} rows/hour → 3rd import of 5 rows answered 429 (${limited.body.message}); 4 audit records (who, when, rows, outcome), no personal data`,
        ],
      });
    });
  });

  describe('member lists by role', () => {
    const shows = (a: Answer, value: string) => JSON.stringify(a.body).includes(value);

    it('gives grid workers and enterprise contacts members without names, employers and numbers', async () => {
      for (const role of ['GRID_WORKER', 'ENTERPRISE_CONTACT'] as const) {
        const list = await as(role, 'GET', `/membership/members?zoneId=${own.zoneId}&limit=200`);
        expect({ role, status: list.status }).toEqual({ role, status: 200 });
        const row = list.body.items.find((m: { memberId: string }) => m.memberId === neighbour.memberId);
        expect(row).toMatchObject({ memberId: neighbour.memberId, districtId: own.districtId, zoneId: own.zoneId, personalDataWithheld: true });
        for (const field of ['name', 'employerName', 'employerCreditCode', 'idNumber', 'phone']) expect({ role, field, present: field in row }).toEqual({ role, field, present: false });
        const one = await as(role, 'GET', `/membership/members/${neighbour.memberId}`);
        expect(one.status).toBe(200);
        for (const value of [NAME, EMPLOYER, '王测试']) {
          expect({ role, value, list: shows(list, value), one: shows(one, value) }).toEqual({ role, value, list: false, one: false });
        }
      }
      // Those who manage members still see who they are (numbers masked).
      const admin = await as('DISTRICT_ADMIN', 'GET', `/membership/members/${neighbour.memberId}`);
      expect(admin.body).toMatchObject({ name: NAME, employerName: EMPLOYER });
      record('security-review', { checks: ['grid workers and enterprise contacts get member rows without name, employer, ID or phone (list and single member)'] });
    });

    it('gives analysts no personal data from membership at all', async () => {
      const routes = [
        `/membership/members?zoneId=${own.zoneId}`,
        `/membership/members/${neighbour.memberId}`,
        '/membership/transfers',
        '/membership/identity-declarations',
        '/membership/recommendations',
      ];
      const answers: string[] = [];
      for (const path of routes) {
        const res = await as('ANALYST', 'GET', path);
        answers.push(`${path} → ${res.status}`);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
        expect(shows(res, NAME)).toBe(false);
      }
      record('security-review', { checks: [`analysts get no personal data from membership: ${routes.length} person routes answered 403`] });
      say(`analyst: ${answers.join('; ')}`);
    });
  });

  describe('filters by id are checked against the caller’s scope; rows carry their jurisdiction', () => {
    it('refuses another district’s organization, member or committee named in a filter with 403', async () => {
      const o = other.organizationId;
      const paths = [
        `/membership/members?organizationId=${o}`,
        `/membership/transfers?toOrganizationId=${o}`,
        `/membership/transfers?fromOrganizationId=${o}`,
        `/membership/identity-declarations?organizationId=${o}`,
        `/membership/recommendations?organizationId=${o}`,
        `/membership/recommendations?memberId=${other.memberId}`,
        `/membership/organizations?parentId=${o}`,
        `/membership/alliances?organizationId=${o}`,
        `/membership/mass-organizations?jointCommitteeId=${o}`,
      ];
      const wrong: string[] = [];
      for (const path of paths) {
        const res = await as('DISTRICT_ADMIN', 'GET', path);
        if (res.status !== 403) wrong.push(`${path} → ${res.status}`);
        // The same filter with the caller's own records is served.
        const mine = await as('DISTRICT_ADMIN', 'GET', path.replace(o, own.organizationId).replace(other.memberId, own.memberId));
        if (mine.status !== 200) wrong.push(`own ${path} → ${mine.status}`);
      }
      expect(wrong).toEqual([]);
      record('security-review', {
        checks: [`every id filter of membership's lists is checked against the caller's scope: ${paths.length} filters with another district's id → 403, own → 200`],
      });
    });

    it('lists open transfers with the jurisdiction of each row', async () => {
      const member = await registerIn(own);
      const transfer = await stack.call('POST', `/membership/members/${member.memberId}/transfers`, {
        toOrganizationId: other.organizationId,
        reason: '工作调动',
        requestedOn: new Date().toISOString().slice(0, 10),
      });
      expect(transfer.status).toBe(201);
      const list = await as('DISTRICT_ADMIN', 'GET', '/membership/transfers');
      expect(list.status).toBe(200);
      const row = list.body.find((r: { memberId: string }) => r.memberId === member.memberId);
      expect(row).toMatchObject({
        memberId: member.memberId,
        fromDistrictId: own.districtId,
        fromSubDistrictId: own.subDistrictId,
        fromZoneId: own.zoneId,
        toDistrictId: other.districtId,
        toSubDistrictId: other.subDistrictId,
      });
      for (const r of list.body) expect([typeof r.fromDistrictId, typeof r.toDistrictId]).toEqual(['string', 'string']);
      const worker = await as('GRID_WORKER', 'GET', '/membership/transfers');
      expect(worker.status).toBe(200);
      expect(JSON.stringify(worker.body)).not.toContain(NAME);
      record('security-review', { checks: ['open transfers carry both jurisdictions (from…/to… district, sub-district, zone) and no name for grid workers'] });
    });
  });

  describe('clear ID numbers (reveal=true) leave an audit record', () => {
    it('records who viewed which member when, and shows the records to the administrators of that jurisdiction only', async () => {
      const member = await registerIn(own);
      const me = (await as('SUB_DISTRICT_ADMIN', 'GET', '/auth/me')).body.userId as string;
      const shown = await as('SUB_DISTRICT_ADMIN', 'GET', `/membership/members/${member.memberId}?reveal=true`);
      expect(shown.status).toBe(200);
      expect(shown.body.idNumber).toBe(member.idNumber);

      const records = await as('DISTRICT_ADMIN', 'GET', `/membership/id-number-reveals?memberId=${member.memberId}`);
      expect(records.status).toBe(200);
      expect(records.body.items).toEqual([
        expect.objectContaining({
          revealedBy: me,
          role: 'SUB_DISTRICT_ADMIN',
          memberId: member.memberId,
          districtId: own.districtId,
          zoneId: own.zoneId,
          revealedAt: expect.any(String),
        }),
      ]);
      expect(JSON.stringify(records.body)).not.toContain(member.idNumber);
      // Only the city's and districts' administrators read them, only in their jurisdiction.
      expect((await as('ORG_SECRETARY', 'GET', '/membership/id-number-reveals')).status).toBe(403);
      expect((await as('DISTRICT_ADMIN', 'GET', `/membership/id-number-reveals?districtId=${other.districtId}`)).status).toBe(403);
      const city = await stack.call('GET', `/membership/id-number-reveals?districtId=${own.districtId}`);
      expect(city.body.items.some((r: { memberId: string }) => r.memberId === member.memberId)).toBe(true);
      record('security-review', { checks: ['reveal=true leaves an audit record (who, when, member id; no number), readable by city/district admins in scope'] });
    });

    it('never lets a reveal go unrecorded: the records grow with every clear view', async () => {
      const count = () => membershipDb.collection('member_id_number_reveals').countDocuments({ memberId: neighbour.memberId });
      const before = await count();
      for (let i = 0; i < 3; i++) expect((await as('DISTRICT_ADMIN', 'GET', `/membership/members/${neighbour.memberId}?reveal=true`)).status).toBe(200);
      expect((await as('DISTRICT_ADMIN', 'GET', `/membership/members/${neighbour.memberId}`)).status).toBe(200);
      expect(await count()).toBe(before + 3);
      record('security-review', { checks: ['every clear view is recorded: 3 reveals → 3 more audit records, a masked view → none'] });
    });
  });
});
