import { createHmac, timingSafeEqual } from 'crypto';
import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { consumerGroupAtEnd, infraEnv, testKey, uniqueName, waitFor } from '@pb/testing';
import { Stack } from '../support/stack';
import { Area, BIRTH_DATE, buildArea, createUsers, newPerson, TestRole, TestUser } from '../support/world';

const WEBHOOK_SECRET = testKey('WEBHOOK_SECRET');

interface Item {
  id: string;
  kind: 'TODO' | 'NOTICE';
  rule: string;
  title: string;
  body: string;
  record: { type: string; id: string };
  state: 'OPEN' | 'DONE' | null;
}

interface Received {
  delivery: string;
  signed: boolean;
  body: { notificationId: string; userId: string; kind: string; rule: string; title: string; body: string };
}

/** An SMS / 政务微信 gateway as a jurisdiction runs one: it keeps every request and answers 200. */
class Receiver {
  readonly received: Received[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const expected = Buffer.from(
          `sha256=${createHmac('sha256', WEBHOOK_SECRET)
            .update(`${String(req.headers['x-pb-timestamp'])}.${raw}`)
            .digest('hex')}`,
        );
        const given = Buffer.from(String(req.headers['x-pb-signature'] ?? ''));
        this.received.push({ delivery: String(req.headers['x-pb-delivery']), signed: given.length === expected.length && timingSafeEqual(given, expected), body: JSON.parse(raw) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/**
 * 每个角色的一天 (issue #20, "done when"): the whole platform as separate processes, users of every
 * role signed in through the gateway. Each step is a command a person runs; the to-dos and notices
 * appear for the users who must act or should know and for nobody else, close themselves when the
 * answering fact arrives, stay as they were (no duplicate) when the service is killed and rebuilds
 * from the start of the topics, and the jurisdiction's webhook receiver gets each once, signed.
 */
describe('a day of every role, told by the notifications service (#20)', () => {
  const receiver = new Receiver();
  let stack: Stack;
  let area: Area;
  let users: Record<TestRole, TestUser>;
  /** The secretary of the organization a member is transferred to. */
  let receivingSecretary: TestUser;
  let receivingOrganizationId = '';

  const as = (user: TestUser) => ({
    call: (method: string, path: string, body?: unknown) => stack.call(method, path, body, user.token),
  });
  const itemsOf = async (user: TestUser, query = ''): Promise<Item[]> => {
    const items: Item[] = [];
    let cursor = '';
    do {
      const res = await as(user).call('GET', `/notifications/notifications?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (res.status !== 200) throw new Error(`notifications of ${user.role}: ${res.status} ${JSON.stringify(res.body)}`);
      items.push(...(res.body.items as Item[]));
      cursor = res.body.nextCursor ?? '';
    } while (cursor);
    return items;
  };
  const about = (items: Item[], recordId: string) => items.filter((i) => i.record.id === recordId);
  const waitForItem = (user: TestUser, what: string, match: (i: Item) => boolean) => waitFor(async () => (await itemsOf(user)).find(match), `${what} for ${user.role}`, 60_000, 300);
  const expectOk = (res: { status: number; body: unknown }, what: string) => {
    if (res.status < 200 || res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  };

  beforeAll(async () => {
    await receiver.start();
    stack = new Stack(
      'roleday',
      infraEnv(),
      {
        gateway: { ACCESS_TOKEN_TTL_SECONDS: '3600' },
        // Every district's messages to the receiver; deliveries every 2 s rather than 10.
        notifications: { WEBHOOK_URLS: JSON.stringify({ '*': receiver.url }), WEBHOOK_SECRET, SCHEDULE_WEBHOOK_DELIVERIES: '*/2 * * * * *', WEBHOOK_FANOUT_LAG_MS: '500' },
      },
      { notifications: true },
    );
    await stack.start();
    area = await buildArea(stack, 'rd');
    users = await createUsers(stack, area);
    const org = await stack.callUntil(
      'POST',
      '/membership/organizations',
      { name: '测试接收党支部', type: 'JOINT_BRANCH', parentId: area.organizationId, districtId: area.districtId, subDistrictId: area.subDistrictId, zoneId: area.zoneId },
      (s) => s === 201,
      'receiving organization',
    );
    receivingOrganizationId = org.body.organizationId;
    const username = uniqueName('secretary-b');
    const password = 'receiving secretary 0001';
    const created = await stack.call('POST', '/users', {
      username,
      displayName: '接收方书记',
      password,
      role: 'ORG_SECRETARY',
      scope: users.ORG_SECRETARY.scope,
      organizationId: receivingOrganizationId,
    });
    expectOk(created, 'the receiving secretary');
    receivingSecretary = { role: 'ORG_SECRETARY', username, token: await stack.signIn(username, password), scope: users.ORG_SECRETARY.scope };
  }, 900_000);

  afterAll(async () => {
    await stack?.stop();
    await receiver.stop();
  });

  let caseId = '';
  let transferredMemberId = '';

  it('a grid worker’s report reaches the department as a to-do, which closes itself once handled; the reporter hears each step', async () => {
    const admin = users.SUB_DISTRICT_ADMIN;
    expectOk(await as(admin).call('POST', `/governance/grid-workers/${area.workerId}/grids`, { gridId: area.gridId }), 'the worker on the grid');
    const reported = await as(users.GRID_WORKER).call('POST', '/governance/cases', {
      kind: 'LIVELIHOOD_SERVICE',
      title: '井盖破损',
      description: '商圈东口井盖破损',
      gridId: area.gridId,
    });
    expectOk(reported, 'report');
    caseId = reported.body.caseId;
    expectOk(await as(admin).call('POST', `/governance/cases/${caseId}/accept`, {}), 'accept');
    expectOk(await as(admin).call('POST', `/governance/cases/${caseId}/dispatch`, { assignee: { kind: 'DEPARTMENT', id: area.departmentId } }), 'dispatch');

    const todo = await waitForItem(users.DEPARTMENT_STAFF, 'the dispatched case', (i) => i.kind === 'TODO' && i.record.id === caseId && i.state === 'OPEN');
    expect(todo.title).toMatch(/案件/);
    const count = await as(users.DEPARTMENT_STAFF).call('GET', '/notifications/notifications/unread-count');
    expect(count.body.todo).toBeGreaterThanOrEqual(1);
    // The department's SMS / 政务微信 gateway is told too, signed, while the to-do is open.
    const sent = await waitFor(async () => receiver.received.find((r) => r.body.notificationId === todo.id), 'the webhook delivery of the to-do', 60_000, 300);
    expect(sent).toMatchObject({ signed: true, body: { kind: 'TODO', title: todo.title } });

    expectOk(await as(users.DEPARTMENT_STAFF).call('POST', `/governance/cases/${caseId}/handle`, { feedback: '已更换井盖' }), 'handle');
    await waitForItem(users.DEPARTMENT_STAFF, 'the to-do closed', (i) => i.id === todo.id && i.state === 'DONE');
    const open = await itemsOf(users.DEPARTMENT_STAFF, '&state=OPEN');
    expect(about(open, caseId)).toEqual([]);

    // The reporter is told the case moved (accepted, dispatched, handled), as notices.
    await waitFor(async () => about(await itemsOf(users.GRID_WORKER), caseId).filter((i) => i.kind === 'NOTICE').length >= 2, 'the reporter’s notices', 60_000, 300);
    // Nobody else with no part in it hears of it.
    for (const role of ['ORG_SECRETARY', 'ENTERPRISE_CONTACT', 'ANALYST'] as const) {
      expect(about(await itemsOf(users[role]), caseId)).toEqual([]);
    }
    expect(about(await itemsOf(receivingSecretary), caseId)).toEqual([]);
  }, 300_000);

  it('a case the department returns waits on the desk of whoever dispatched it, until dispatched again', async () => {
    const admin = users.SUB_DISTRICT_ADMIN;
    const reported = await as(users.GRID_WORKER).call('POST', '/governance/cases', { kind: 'DISPUTE', title: '噪音扰民', description: '夜间施工噪音', gridId: area.gridId });
    expectOk(reported, 'report');
    const returnedCase = reported.body.caseId as string;
    expectOk(await as(admin).call('POST', `/governance/cases/${returnedCase}/accept`, {}), 'accept');
    expectOk(await as(admin).call('POST', `/governance/cases/${returnedCase}/dispatch`, { assignee: { kind: 'DEPARTMENT', id: area.departmentId } }), 'dispatch');
    await waitForItem(users.DEPARTMENT_STAFF, 'the dispatched case', (i) => i.kind === 'TODO' && i.record.id === returnedCase && i.state === 'OPEN');
    expectOk(await as(users.DEPARTMENT_STAFF).call('POST', `/governance/cases/${returnedCase}/return`, { reason: '不属本部门职责' }), 'return');

    const todo = await waitForItem(admin, 'the returned case', (i) => i.kind === 'TODO' && i.record.id === returnedCase && i.state === 'OPEN');
    expect(todo.title).toMatch(/退回/);
    // Another administrator of the district did not dispatch it: not theirs to redo.
    expect(about(await itemsOf(users.DISTRICT_ADMIN), returnedCase).filter((i) => i.kind === 'TODO')).toEqual([]);
    // Dispatched to the zone's Party organization instead: its secretary has it now.
    expectOk(await as(admin).call('POST', `/governance/cases/${returnedCase}/dispatch`, { assignee: { kind: 'ORGANIZATION', id: area.organizationId } }), 'dispatch again');
    await waitForItem(admin, 'the returned case’s to-do closed', (i) => i.id === todo.id && i.state === 'DONE');
    await waitForItem(users.ORG_SECRETARY, 'the case dispatched to the organization', (i) => i.kind === 'TODO' && i.record.id === returnedCase && i.state === 'OPEN');
    // An analyst is told nothing of anyone's work.
    expect(await itemsOf(users.ANALYST)).toEqual([]);
  }, 300_000);

  it('a transfer waits as a to-do of the receiving secretary only, and closes when approved', async () => {
    const member = await stack.callUntil(
      'POST',
      '/membership/members',
      { name: '赵转接', gender: 'MALE', birthDate: BIRTH_DATE, ...newPerson(), status: 'FULL', joinedOn: '2016-07-01', organizationId: area.organizationId },
      (s) => s === 201,
      'a member to transfer',
    );
    transferredMemberId = member.body.memberId;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const transferId = uniqueName('tr');
    const requested = await as(users.ORG_SECRETARY).call('POST', `/membership/members/${transferredMemberId}/transfers`, {
      transferId,
      toOrganizationId: receivingOrganizationId,
      reason: '工作调动',
      requestedOn: today,
    });
    expectOk(requested, 'transfer request');

    const todo = await waitForItem(receivingSecretary, 'the transfer to approve', (i) => i.kind === 'TODO' && i.record.id === transferId && i.state === 'OPEN');
    // The sending secretary asked for it: nothing to approve on their list; the department hears nothing.
    expect(about(await itemsOf(users.ORG_SECRETARY), transferId).filter((i) => i.kind === 'TODO' && i.state === 'OPEN')).toEqual([]);
    expect(about(await itemsOf(users.DEPARTMENT_STAFF), transferId)).toEqual([]);
    // No ID number or phone in anything told.
    for (const text of [todo.title, todo.body]) expect(text).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);

    expectOk(await as(receivingSecretary).call('POST', `/membership/members/${transferredMemberId}/transfers/${transferId}/approval`, { on: today }), 'approval');
    await waitForItem(receivingSecretary, 'the approval to close the to-do', (i) => i.id === todo.id && i.state === 'DONE');
  }, 300_000);

  it('an enterprise contact hears that their request moved; the read and dismissed state is theirs', async () => {
    expectOk(await stack.call('POST', `/enterprise/service-requests/${area.requestId}/first-contact`, { note: '已电话联系企业' }), 'first contact');
    const notice = await waitForItem(users.ENTERPRISE_CONTACT, 'the request moved', (i) => i.kind === 'NOTICE' && i.record.id === area.requestId);
    expect((await as(users.ENTERPRISE_CONTACT).call('POST', `/notifications/notifications/${notice.id}/read`)).status).toBe(204);
    expect((await as(users.ORG_SECRETARY).call('POST', `/notifications/notifications/${notice.id}/read`)).status).toBe(404);
    expect((await as(users.ENTERPRISE_CONTACT).call('POST', `/notifications/notifications/${notice.id}/dismiss`)).status).toBe(204);
    expect((await itemsOf(users.ENTERPRISE_CONTACT)).map((i) => i.id)).not.toContain(notice.id);
  }, 300_000);

  it('survives a kill and a rebuild from the start of the topics without a duplicate, and the receiver got each to-do once, signed', async () => {
    const watched = [users.DEPARTMENT_STAFF, users.GRID_WORKER, receivingSecretary, users.ENTERPRISE_CONTACT, users.ORG_SECRETARY];
    const before = await Promise.all(watched.map((u) => itemsOf(u)));

    await stack.kill('notifications');
    // A consumer group of its own: every event of every topic again, as a rebuild reads them.
    const rebuild = uniqueName('roleday_notifications_rebuild');
    await stack.startApp('notifications', { KAFKA_GROUP_ID: rebuild });
    await waitFor(() => consumerGroupAtEnd(rebuild, Object.values(CONTEXT_TOPICS)), 'the rebuild to read every topic to its end', 180_000, 1_000);
    // Same items, same states, no duplicates: the ids are the facts', the states the users'.
    const after = await Promise.all(watched.map((u) => itemsOf(u)));
    for (let i = 0; i < watched.length; i++) {
      expect(after[i].map((x) => [x.id, x.state]).sort()).toEqual(before[i].map((x) => [x.id, x.state]).sort());
      expect(new Set(after[i].map((x) => x.id)).size).toBe(after[i].length);
    }

    // What went out by webhook went once per person and fact, signed, and only what its receiver's list holds.
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(receiver.received.every((r) => r.signed)).toBe(true);
    const deliveries = receiver.received.map((r) => r.delivery);
    expect(new Set(deliveries).size).toBe(deliveries.length);
    const listed = new Set(after.flat().map((i) => i.id));
    const staffTodo = before[0].find((i) => i.kind === 'TODO' && i.record.id === caseId)!;
    expect(receiver.received.filter((r) => r.body.notificationId === staffTodo.id)).toHaveLength(1);
    for (const r of receiver.received.filter((x) => listed.has(x.body.notificationId))) expect(r.body.kind).toBe('TODO');
  }, 300_000);
});
