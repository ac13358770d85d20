import mongoose, { Connection } from 'mongoose';
import { infraEnv, uniqueName } from '@pb/testing';
import { record } from '../support/report';
import { callUrl, SERVICES, ServiceName, Stack } from '../support/stack';
import { Area, buildArea, createUsers, TestRole, TestUser } from '../support/world';

/**
 * Review findings of #17 on input, through the gateway as a user meets them: optimistic
 * concurrency (items 5), ids shared by two aggregate types, query DTOs, and control characters
 * and text that is not UTF-8 in every kind of input (item 9).
 */
describe('security review: versions, stream types, query DTOs, control characters', () => {
  const stack = new Stack('inp', infraEnv());
  let own: Area;
  let users: Record<TestRole, TestUser>;
  const dbs = {} as Record<ServiceName, Connection>;

  const eventCounts = async (): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const s of SERVICES) out[s] = await dbs[s].collection('events').countDocuments();
    return out;
  };
  const as = (user: TestUser | null) => (method: string, path: string, body?: unknown) => stack.call(method, path, body, user ? user.token : stack.adminToken);
  const raw = (method: string, path: string, data: string | Buffer, type = 'application/json') =>
    callUrl(`${stack.gatewayUrl}/api${path}`, method, undefined, stack.adminToken, 15_000, { data, type });

  beforeAll(async () => {
    await stack.start();
    for (const name of SERVICES) dbs[name] = await mongoose.createConnection(stack.infra.MONGODB_URI, { dbName: stack.databaseOf(name) }).asPromise();
    own = await buildArea(stack, 'I');
    users = await createUsers(stack, own);
  }, 600_000);

  afterAll(async () => {
    for (const c of Object.values(dbs)) await c?.close();
    await stack.stop();
  });

  it('answers an expectedVersion other than the current one with 409, leaving the record unchanged and still writable', async () => {
    const contact = as(users.ENTERPRISE_CONTACT);
    const admin = as(null);
    const enterprise = `/enterprise/enterprises/${own.creditCode}`;
    const profile = { name: '济宁测试I有限公司', industry: '电子商务', size: 'SMALL', employees: 30, youngGraduates: 3 };
    const start = (await contact('GET', enterprise)).body.version as number;
    expect(start).toBeGreaterThanOrEqual(1);

    // A contact pins a version far above the current one: once the append position, which froze the record.
    const frozen = await contact('PUT', `${enterprise}/profile`, { ...profile, name: '冻结', expectedVersion: Number.MAX_SAFE_INTEGER });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error).toBe('CONCURRENT_MODIFICATION');
    const updated = await contact('PUT', `${enterprise}/profile`, { ...profile, employees: 31, expectedVersion: start });
    expect(updated.status).toBe(200);
    // A stale version (read before that update).
    const stale = await contact('PUT', `${enterprise}/profile`, { ...profile, name: '过期', expectedVersion: start });
    expect(stale.status).toBe(409);
    const now = (await contact('GET', enterprise)).body;
    expect(now).toMatchObject({ version: start + 1, name: profile.name, employees: 31 });
    const again = await contact('PUT', `${enterprise}/profile`, { ...profile, employees: 32, expectedVersion: start + 1 });
    expect(again.status).toBe(200);
    expect((await contact('GET', enterprise)).body).toMatchObject({ version: start + 2, employees: 32 });

    // The same in another service and another kind of handler: renaming an organization, a step of the case loop.
    const organization = `/membership/organizations/${own.organizationId}`;
    const orgVersion = (await admin('GET', organization)).body.version as number;
    expect((await admin('PATCH', `${organization}/name`, { name: '冻结', expectedVersion: Number.MAX_SAFE_INTEGER })).status).toBe(409);
    expect((await admin('PATCH', `${organization}/name`, { name: '过期', expectedVersion: orgVersion - 1 || orgVersion + 1 })).status).toBe(409);
    expect((await admin('GET', organization)).body).toMatchObject({ version: orgVersion, name: '测试I商圈党委' });
    expect((await admin('PATCH', `${organization}/name`, { name: '测试I商圈党委（更名）', expectedVersion: orgVersion })).status).toBe(200);
    const kase = `/governance/cases/${own.caseId}`;
    const caseBefore = (await admin('GET', kase)).body;
    expect((await admin('POST', `${kase}/accept`, { expectedVersion: Number.MAX_SAFE_INTEGER })).status).toBe(409);
    expect((await admin('GET', kase)).body).toMatchObject({ version: caseBefore.version, status: caseBefore.status });
    expect((await admin('POST', `${kase}/accept`, { expectedVersion: caseBefore.version })).status).toBe(200);

    record('security-review', {
      checks: [
        `expectedVersion 9007199254740991 or stale (enterprise profile by its contact, organization rename, case step): 409, record unchanged, then writable at its current version (enterprise ${start} → ${start + 2})`,
      ],
    });
  });

  it('answers a command on an id that another aggregate type of the service uses with 409, not 500', async () => {
    const id = uniqueName('shared');
    const grid = await stack.call('POST', '/governance/grids', { gridId: id, name: '共用编号网格', zoneId: own.zoneId });
    expect(grid.status).toBe(201);
    const before = await eventCounts();
    const committee = await stack.call('POST', '/governance/committees', { committeeId: id, name: '共用编号委员会', zoneId: own.zoneId });
    expect({ status: committee.status, error: committee.body.error }).toEqual({ status: 409, error: 'ID_IN_USE' });
    expect(await eventCounts()).toEqual(before);
    record('security-review', { checks: [`an id shared by two aggregate types (a grid's id given to a new committee): ${committee.status} ${committee.body.error}, nothing stored`] });
  });

  it('validates every query DTO: ?limit=x on loan products is a 400', async () => {
    const res = await stack.call('GET', '/enterprise/loan-products?limit=x');
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(expect.arrayContaining(['limit 须为整数']));
    expect((await stack.call('GET', '/enterprise/loan-products?limit=5')).status).toBe(200);
    record('security-review', { checks: [`a query that is not a validated class (loan products ?limit=x): ${res.status} ${JSON.stringify(res.body.message)}`] });
  });

  it('refuses control characters and text that was not UTF-8 in query, path, body and CSV cell with a 400 naming the field, storing nothing', async () => {
    const before = await eventCounts();
    const seen: string[] = [];
    const expectRefusal = (what: string, res: { status: number; body: { message?: string | string[] } }, field: string) => {
      const messages = ([] as string[]).concat(res.body?.message ?? []);
      expect({ what, status: res.status, named: messages.some((m) => m.startsWith(`${field} `)) }).toEqual({ what, status: 400, named: true });
      seen.push(`${what} → ${res.status} ${messages.find((m) => m.startsWith(`${field} `))}`);
    };
    // The finding: a NUL byte in a query parameter of the enterprise list was a 500 (the database refuses it).
    expectRefusal('NUL in an enterprise list query', await stack.call('GET', '/enterprise/enterprises?industry=%00'), 'industry');
    expectRefusal('C1 control in a member list query', await stack.call('GET', '/membership/members?organizationId=%C2%85'), 'organizationId');
    expectRefusal('bytes that are not UTF-8 in a query', await stack.call('GET', '/enterprise/enterprises?tag=%FF%FE'), 'tag');
    expectRefusal('NUL in a path parameter', await stack.call('GET', `/enterprise/enterprises/${own.creditCode}%00`), 'creditCode');
    expectRefusal('DEL in a gateway path parameter', await stack.call('GET', '/history/abc%7F'), 'recordId');
    const kase = { kind: 'LIVELIHOOD_SERVICE', title: '路灯不亮', description: '商圈北口路灯不亮', gridId: own.gridId };
    expectRefusal('NUL in a body field', await stack.call('POST', '/governance/cases', { ...kase, title: '路灯\u0000不亮' }), 'title');
    expectRefusal('a line break in a one-line body field', await stack.call('POST', '/governance/cases', { ...kase, title: '路灯\n不亮' }), 'title');
    expectRefusal(
      'an escape sequence in a nested body field',
      await stack.call('POST', `/governance/cases/${own.caseId}/dispatch`, { assignee: { kind: 'DEPARTMENT', id: 'x\u001b[2J' } }),
      'assignee.id',
    );
    expectRefusal('a lone surrogate (JSON escape) in a body field', await raw('POST', '/governance/cases', JSON.stringify(kase).replace('路灯不亮', '\\ud800')), 'title');
    // 路灯 as GBK bytes, in a body sent as UTF-8 JSON.
    const [head, tail] = JSON.stringify({ ...kase, title: '@' }).split('@');
    const gbk = Buffer.concat([Buffer.from(head), Buffer.from([0xc2, 0xb7, 0xb5, 0xc6]), Buffer.from(tail)]);
    expectRefusal('a body in GBK rather than UTF-8', await raw('POST', '/governance/cases', gbk), 'title');
    expectRefusal('NUL in a CSV cell of the member import', await stack.call('POST', '/membership/members/imports', { csv: '姓名,性别\n李\u0000娜,女\n' }), '第 2 行“姓名”列');
    expect(await eventCounts()).toEqual(before);

    // A multi-line text field keeps its line breaks and tabs.
    const multiLine = await stack.call('POST', '/governance/cases', { ...kase, description: '第一行\n第二行\r\n\t缩进' });
    expect(multiLine.status).toBe(201);
    expect(multiLine.body.description).toBe('第一行\n第二行\r\n\t缩进');
    record('security-review', { checks: [`control characters and broken UTF-8 in every kind of input: ${seen.join('; ')}; nothing stored; a multi-line field keeps its line breaks`] });
  });
});
