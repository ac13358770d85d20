import { infraEnv, uniqueName } from '@pb/testing';
import { Stack } from '../support/stack';
import { registerJurisdictions } from '../support/world';
import { expectStatus, until } from './gateway-calls';

/**
 * 职能部门工作人员 sign in, linked to their department (#18 item 3), through the gateway: the
 * account is refused for a department governance does not know, and once created its holder
 * handles their department's cases and nothing else.
 */
describe('department staff accounts, through the gateway (#18 item 3)', () => {
  const stack = new Stack('deptstaff', infraEnv(), { gateway: { ACCESS_TOKEN_TTL_SECONDS: '3600' } });
  const districtId = uniqueName('dds');
  const place = { districtId, subDistrictId: `${districtId}-s`, zoneId: `${districtId}-z` };
  const call = (method: string, path: string, body?: unknown, token?: string) => stack.call(method, path, body, token ?? stack.adminToken);

  beforeAll(async () => {
    await stack.start();
    await registerJurisdictions(stack, place);
  }, 600_000);

  afterAll(async () => {
    await stack.stop();
  });

  const account = (links: Record<string, unknown>, role = 'DEPARTMENT_STAFF') => ({
    username: uniqueName('dept-staff'),
    displayName: '部门测试',
    password: 'department staff secret 03',
    role,
    scope: { level: 'DISTRICT', districtId },
    ...links,
  });

  it('creates department staff only for a department governance knows, in the administrator’s jurisdiction; the staff handle their department’s cases only', async () => {
    const deptA = uniqueName('dept-a');
    const deptB = uniqueName('dept-b');
    for (const [departmentId, name, kind] of [
      [deptA, '测试区城市管理局', 'URBAN_MANAGEMENT'],
      [deptB, '测试区市场监督管理局', 'MARKET_REGULATION'],
    ]) {
      await until(stack, 'POST', '/governance/departments', { departmentId, name, kind, districtId }, (r) => r.status === 201, `department ${departmentId}`);
    }

    // Refused, and nothing created: an unknown department, no department, a department on another role.
    for (const [what, body, status, message] of [
      ['an unknown department', account({ departmentId: 'dept-nowhere' }), 422, /departmentId：职能部门 dept-nowhere 不存在/],
      ['no department', account({}), 422, /departmentId/],
      ['a department on an analyst', account({ departmentId: deptA }, 'ANALYST'), 422, /departmentId 只能关联到职能部门工作人员账号/],
    ] as const) {
      const res = await call('POST', '/users', body);
      expectStatus(res, status, what);
      expect(res.body.message).toMatch(message);
      expect((await call('GET', `/users?q=${body.username}`)).body).toEqual([]);
    }

    const staff = account({ departmentId: deptA });
    const created = await call('POST', '/users', staff);
    expectStatus(created, 201, 'staff of an existing department');
    expect(created.body).toMatchObject({ role: 'DEPARTMENT_STAFF', departmentId: deptA });
    const token = await stack.signIn(staff.username, staff.password);

    // Two cases, one dispatched to each department, by the administrator.
    const grid = await until(stack, 'POST', '/governance/grids', { name: '部门测试网格', zoneId: place.zoneId }, (r) => r.status === 201, 'governance to know the zone');
    const dispatched = async (departmentId: string) => {
      const kase = await call('POST', '/governance/cases', { kind: 'LIVELIHOOD_SERVICE', title: '占道经营', description: '商铺占用人行道', gridId: grid.body.gridId });
      expectStatus(kase, 201, 'report');
      expectStatus(await call('POST', `/governance/cases/${kase.body.caseId}/accept`, {}), 200, 'accept');
      expectStatus(await call('POST', `/governance/cases/${kase.body.caseId}/dispatch`, { assignee: { kind: 'DEPARTMENT', id: departmentId } }), 200, 'dispatch');
      return kase.body.caseId as string;
    };
    const ours = await dispatched(deptA);
    const theirs = await dispatched(deptB);

    const list = await call('GET', '/governance/cases?assignedTo=me', undefined, token);
    expectStatus(list, 200, 'their list');
    expect((list.body.items as { caseId: string }[]).map((c) => c.caseId)).toEqual([ours]);
    expectStatus(await call('GET', `/governance/cases/${theirs}`, undefined, token), 403, 'another department’s case');
    expectStatus(await call('POST', `/governance/cases/${theirs}/handle`, { feedback: '越权' }, token), 403, 'handling another department’s case');
    const handled = await call('POST', `/governance/cases/${ours}/handle`, { feedback: '已责令整改' }, token);
    expectStatus(handled, 200, 'handling their own department’s case');
    expect(handled.body).toMatchObject({ status: 'HANDLED', handledBy: { kind: 'DEPARTMENT', id: deptA } });

    // Nothing else is open to them at the gateway.
    for (const path of ['/membership/members', '/governance/grid-workers', '/dashboard', '/users', '/enterprise/enterprises']) {
      expectStatus(await call('GET', path, undefined, token), 403, `GET ${path}`);
    }
    expectStatus(await call('POST', `/governance/cases/${ours}/verify`, {}, token), 403, 'verify');
  });
});
