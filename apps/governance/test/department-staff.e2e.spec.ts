import request from 'supertest';
import { Actor } from '@pb/platform';
import { bearer } from '@pb/testing';
import { eventCount, GovernanceWithGrids, startGovernanceWithGrids } from './fixtures';

/**
 * 职能部门工作人员 (#18 item 3): staff signed in for their department work the cases dispatched
 * to it (read, handle, return) and nothing else, over HTTP against the real database and broker.
 */
describe('department staff in the case loop (real database and Kafka)', () => {
  let { t, w, a, f } = {} as GovernanceWithGrids;
  let staffA: Actor;
  let staffB: Actor;
  beforeAll(async () => {
    ({ t, w, a, f } = await startGovernanceWithGrids());
    staffA = { userId: `staff-a-${w.zoneId}`, role: 'DEPARTMENT_STAFF', departmentId: f.departmentId, scope: { level: 'DISTRICT', districtId: w.districtId } };
    staffB = { userId: `staff-b-${w.zoneId}`, role: 'DEPARTMENT_STAFF', departmentId: f.department2Id, scope: { level: 'DISTRICT', districtId: w.districtId } };
  });
  afterAll(async () => t?.close());

  const http = () => request(t.app.getHttpServer());

  /** A case reported by the grid worker, accepted, and dispatched by them to `departmentId`. */
  const dispatchedTo = async (departmentId: string) => {
    const reported = await http()
      .post('/cases')
      .set('authorization', bearer(a.worker))
      .send({ kind: 'DISPUTE', title: '占道经营', description: '商铺占用人行道', source: 'MERCHANT', requesterName: '张先生', gridId: f.gridId })
      .expect(201);
    const caseId = reported.body.caseId as string;
    await http().post(`/cases/${caseId}/accept`).set('authorization', bearer(a.worker)).send({}).expect(200);
    const dispatched = await http()
      .post(`/cases/${caseId}/dispatch`)
      .set('authorization', bearer(a.worker))
      .send({ assignee: { kind: 'DEPARTMENT', id: departmentId } })
      .expect(200);
    return { caseId, version: dispatched.body.version as number };
  };

  it('lets the staff of department A read and handle a case dispatched to A', async () => {
    const { caseId, version } = await dispatchedTo(f.departmentId);
    const seen = await http().get(`/cases/${caseId}`).set('authorization', bearer(staffA)).expect(200);
    expect(seen.body).toMatchObject({ caseId, status: 'DISPATCHED', assignee: { kind: 'DEPARTMENT', id: f.departmentId } });
    await http().get(`/cases/${caseId}/timeline`).set('authorization', bearer(staffA)).expect(200);
    const handled = await http().post(`/cases/${caseId}/handle`).set('authorization', bearer(staffA)).send({ feedback: '已责令商铺整改', expectedVersion: version }).expect(200);
    expect(handled.body).toMatchObject({ status: 'HANDLED', handledBy: { kind: 'DEPARTMENT', id: f.departmentId }, feedback: '已责令商铺整改' });
  });

  it('lets them return a case of their own department as not theirs', async () => {
    const { caseId } = await dispatchedTo(f.departmentId);
    const returned = await http().post(`/cases/${caseId}/return`).set('authorization', bearer(staffA)).send({ reason: '非本部门职责' }).expect(200);
    expect(returned.body).toMatchObject({ status: 'RETURNED', returnCount: 1 });
  });

  it('refuses them a case of department B (403) for reading and handling, and changes nothing', async () => {
    const { caseId } = await dispatchedTo(f.department2Id);
    const before = await eventCount(t);
    const read = await http().get(`/cases/${caseId}`).set('authorization', bearer(staffA)).expect(403);
    expect(read.body.message).toMatch(/本部门/);
    await http().get(`/cases/${caseId}/timeline`).set('authorization', bearer(staffA)).expect(403);
    const handle = await http().post(`/cases/${caseId}/handle`).set('authorization', bearer(staffA)).send({ feedback: '越权处置' }).expect(403);
    expect(handle.body.message).toMatch(/本部门/);
    await http().post(`/cases/${caseId}/return`).set('authorization', bearer(staffA)).send({ reason: '越权退回' }).expect(403);
    expect(await eventCount(t)).toBe(before);
    // Department B's own staff may.
    await http().post(`/cases/${caseId}/handle`).set('authorization', bearer(staffB)).send({ feedback: '已处理' }).expect(200);
  });

  it('refuses them every other step of the loop (403), even on their own case', async () => {
    const { caseId } = await dispatchedTo(f.departmentId);
    const before = await eventCount(t);
    for (const [path, body] of [
      ['accept', {}],
      ['dispatch', { assignee: { kind: 'DEPARTMENT', id: f.departmentId } }],
      ['verify', {}],
      ['close', {}],
      ['hold', { reason: '等待' }],
    ] as const) {
      const res = await http().post(`/cases/${caseId}/${path}`).set('authorization', bearer(staffA)).send(body);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const reportRes = await http().post('/cases').set('authorization', bearer(staffA)).send({ kind: 'DISPUTE', title: '自行上报', description: '自行上报', gridId: f.gridId });
    expect(reportRes.status).toBe(403);
    expect(await eventCount(t)).toBe(before);
  });

  it("lists only their department's cases, asked for or not (assignedTo=me)", async () => {
    const mine = await dispatchedTo(f.departmentId);
    const theirs = await dispatchedTo(f.department2Id);
    const undispatched = await http()
      .post('/cases')
      .set('authorization', bearer(a.worker))
      .send({ kind: 'DISPUTE', title: '未派遣', description: '未派遣', gridId: f.gridId })
      .expect(201);
    for (const query of ['', '?assignedTo=me']) {
      const ids: string[] = [];
      let after: string | null = null;
      do {
        const page: request.Response = await http()
          .get(`/cases${query}${query ? '&' : '?'}limit=5${after ? `&after=${encodeURIComponent(after)}` : ''}`)
          .set('authorization', bearer(staffA))
          .expect(200);
        for (const item of page.body.items) {
          expect(item.assignee).toEqual({ kind: 'DEPARTMENT', id: f.departmentId });
          ids.push(item.caseId);
        }
        after = page.body.nextCursor;
      } while (after);
      expect(ids).toContain(mine.caseId);
      expect(ids).not.toContain(theirs.caseId);
      expect(ids).not.toContain(undispatched.body.caseId);
    }
    // An administrator's assignedTo=me names no assignee: 403, not everyone's cases.
    await http().get('/cases?assignedTo=me').set('authorization', bearer(a.districtAdmin)).expect(403);
    const bad = await http().get('/cases?assignedTo=everyone').set('authorization', bearer(staffA)).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/assignedTo/);
  });
});
