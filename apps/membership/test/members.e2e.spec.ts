import mongoose from 'mongoose';
import { CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { Actor, ManualClock } from '@pb/platform';
import { bearer, idNumberFor, infraEnv, phoneFor, readTopic, startServiceApp, TestApp, uniqueName } from '@pb/testing';
import { createOrganization, eventsOf, memberCounts, registerPlaces } from './fixtures';
import { MEMBERSHIP } from './membership-app';

describe('membership members API (real database and Kafka)', () => {
  let t: TestApp<ManualClock>;
  const district = uniqueName('d');
  const zone = uniqueName('zone');
  const countZone = uniqueName('zone');
  let orgA: string;
  let orgB: string;
  let jointBranch: string;
  let otherDistrictOrg: string;
  let seq = 0;

  const secretaryOf = (organizationId: string): Actor => ({
    userId: `sec-${organizationId}`,
    role: 'ORG_SECRETARY',
    scope: { level: 'SUB_DISTRICT', districtId: district, subDistrictId: 'fuqiao' },
    organizationId,
  });
  const districtAdmin: Actor = { userId: 'da-1', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: district } };
  const otherDistrictAdmin: Actor = { userId: 'da-2', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: 'elsewhere' } };
  const gridWorker: Actor = { userId: 'gw-1', role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: district, zoneId: zone } };
  const analyst: Actor = { userId: 'an-1', role: 'ANALYST', scope: { level: 'CITY' } };

  beforeAll(async () => {
    t = await startServiceApp(MEMBERSHIP, { clock: new ManualClock(new Date('2026-06-01T02:00:00Z')) });
    await registerPlaces(t, district, 'fuqiao', [zone, countZone]);
    await registerPlaces(t, 'elsewhere', 'x', []);
    const base = { districtId: district, subDistrictId: 'fuqiao', zoneId: zone };
    orgA = await createOrganization(t, { ...base, name: '万达广场党支部', type: 'BRANCH' });
    orgB = await createOrganization(t, { ...base, name: '苏宁广场党支部', type: 'BRANCH' });
    jointBranch = await createOrganization(t, { ...base, name: '商圈联合党支部', type: 'JOINT_BRANCH' });
    otherDistrictOrg = await createOrganization(t, { districtId: 'elsewhere', subDistrictId: 'x', zoneId: null, name: '外区街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE' });
  });

  afterAll(async () => {
    await t.close();
  });

  /** A fresh registration body: unique, valid ID number and phone. */
  const person = (overrides: Record<string, unknown> = {}) => {
    seq += 1;
    const birthDate = '1990-03-15';
    return {
      name: '张明',
      gender: 'MALE',
      birthDate,
      idNumber: idNumberFor(birthDate, seq),
      phone: phoneFor(70_000_000 + seq),
      employerName: '济宁万达广场商业管理有限公司',
      employerCreditCode: '91370800MA3C5EXA2N',
      organizationId: orgA,
      status: 'FULL',
      joinedOn: '2015-07-01',
      ...overrides,
    };
  };

  const register = async (overrides: Record<string, unknown> = {}, actor?: Actor) => {
    const body = person(overrides);
    const res = await t.http().post('/members').set('authorization', bearer(actor)).send(body);
    return { body, res };
  };

  describe('registration 党员登记', () => {
    it('registers a member, masks the numbers in the answer and publishes MemberRegistered without them', async () => {
      const { body, res } = await register({}, districtAdmin);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: '张明', status: 'FULL', stage: 'FULL', organizationId: orgA, districtId: district, zoneId: zone, birthYear: 1990, version: 1 });
      expect(res.body.idNumber).toBe(`${body.idNumber.slice(0, 4)}**********${body.idNumber.slice(-4)}`);
      expect(res.body.phone).toBe(`${body.phone.slice(0, 3)}****${body.phone.slice(-4)}`);
      expect(res.body.birthDate).toBeUndefined();

      const [event] = await eventsOf(res.body.memberId, 1);
      expect(event).toMatchObject({ type: 'membership.MemberRegistered.v1', subject: res.body.memberId, aggregateversion: 1, districtid: district, zoneid: zone });
      expect(event!.data).toMatchObject({ memberId: res.body.memberId, organizationId: orgA, status: 'FULL', joinedOn: '2015-07-01' });
      const raw = JSON.stringify(event);
      expect(raw).not.toContain(body.idNumber);
      expect(raw).not.toContain(body.phone);
    });

    it("shows clear numbers only on a single member, when asked, to the member's secretary or a jurisdiction admin", async () => {
      const { body, res } = await register();
      const id = res.body.memberId as string;
      for (const actor of [undefined, districtAdmin, secretaryOf(orgA)]) {
        const got = await t.http().get(`/members/${id}?reveal=true`).set('authorization', bearer(actor)).expect(200);
        expect(got.body).toMatchObject({ idNumber: body.idNumber, phone: body.phone, birthDate: body.birthDate, revealed: true });
      }
      const masked = await t
        .http()
        .get(`/members/${id}`)
        .set('authorization', bearer(secretaryOf(orgA)))
        .expect(200);
      expect(masked.body.idNumber).not.toBe(body.idNumber);
      expect(masked.body.revealed).toBe(false);
      // Not entitled: 403 with the reason, never the numbers.
      for (const actor of [gridWorker, analyst]) {
        const denied = await t.http().get(`/members/${id}?reveal=true`).set('authorization', bearer(actor)).expect(403);
        expect(JSON.stringify(denied.body)).not.toContain(body.idNumber);
      }
      // A grid worker sees the member without who they are; an analyst gets nothing about people.
      const plain = await t.http().get(`/members/${id}`).set('authorization', bearer(gridWorker)).expect(200);
      expect(plain.body).toMatchObject({ memberId: id, districtId: district, personalDataWithheld: true });
      for (const value of [body.idNumber, body.phone, body.name, body.employerName]) expect(JSON.stringify(plain.body)).not.toContain(value);
      await t.http().get(`/members/${id}`).set('authorization', bearer(analyst)).expect(403);
      await t
        .http()
        .get(`/members/${id}`)
        .set('authorization', bearer(secretaryOf(orgB)))
        .expect(403);
      await t.http().get(`/members/${id}`).set('authorization', bearer(otherDistrictAdmin)).expect(403);
      // Lists never reveal, whoever asks.
      const list = await t.http().get(`/members?organizationId=${orgA}&limit=200`).set('authorization', bearer()).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(body.idNumber);
      expect(JSON.stringify(list.body)).not.toContain(body.phone);
    });

    it.each([
      ['a missing name', { name: undefined }, 400, /name/],
      ['a number for gender', { gender: 1 }, 400, /gender/],
      ['an ID number of the wrong length', { idNumber: '37081119900315001' }, 400, /idNumber 须为 18 位/],
      // 18 digits lie beyond 2^53: a spreadsheet's ID number arrives as the nearest double, here 370811199003150016.
      ['an ID number as a number', { idNumber: 370811199003150016 }, 400, /idNumber/],
      ['a malformed phone', { phone: '12345' }, 400, /phone/],
      ['an injection object', { organizationId: { $gt: '' } }, 400, /organizationId/],
      ['an unknown field', { password: 'x' }, 400, /password should not exist/],
      ['a bad date', { joinedOn: '2015-7-1' }, 400, /joinedOn/],
      ['both organization and joint committee', { jointCommitteeOfZone: 'z' }, 400, /只能填写其一/],
      ['a wrong check digit', { idNumber: 'WRONG_CHECK' }, 422, /校验位不正确/],
      ['an ID birth date differing from birthDate', { birthDate: '1990-03-16' }, 422, /出生日期与 birthDate 不一致/],
      ['an impossible birth date', { birthDate: '1990-02-30' }, 422, /birthDate/],
      ['an unknown organization', { organizationId: 'org-nowhere' }, 422, /党组织 org-nowhere 不存在/],
      ['joining before 18', { joinedOn: '2005-07-01' }, 422, /年满十八周岁/],
      ['a future joining date', { joinedOn: '2027-01-01' }, 422, /不能晚于今天/],
    ])('rejects %s naming the problem and stores nothing', async (_, overrides, status, message) => {
      const before = await memberCounts(t.db);
      const body = person(overrides as Record<string, unknown>);
      if (body.idNumber === 'WRONG_CHECK') {
        const valid = idNumberFor('1990-03-15', seq);
        body.idNumber = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
      }
      const res = await t.http().post('/members').set('authorization', bearer()).send(body).expect(status);
      expect(JSON.stringify(res.body.message)).toMatch(message);
      expect(JSON.stringify(res.body)).not.toContain(String(body.idNumber));
      expect(await memberCounts(t.db)).toEqual(before);
    });

    it('refuses a second registration of the same ID number with 409 naming the holder, not the number', async () => {
      const first = await register();
      expect(first.res.status).toBe(201);
      const before = await memberCounts(t.db);
      const again = await t
        .http()
        .post('/members')
        .set('authorization', bearer())
        .send({ ...person(), idNumber: first.body.idNumber.toLowerCase() })
        .expect(409);
      expect(again.body.error).toBe('ID_NUMBER_TAKEN');
      expect(again.body.message).toBe(`该身份证号已登记为党员 ${first.res.body.memberId}`);
      expect(JSON.stringify(again.body)).not.toContain(first.body.idNumber);
      // The same member id again is a 409 too, and nothing is half-written either way.
      const sameId = await t
        .http()
        .post('/members')
        .set('authorization', bearer())
        .send(person({ memberId: first.res.body.memberId }))
        .expect(409);
      expect(sameId.body.error).toBe('MEMBER_EXISTS');
      expect(await memberCounts(t.db)).toEqual(before);
    });

    it('lets exactly one of two concurrent registrations of one ID number win', async () => {
      const body = person();
      const before = await memberCounts(t.db);
      const results = await Promise.all([
        t.http().post('/members').set('authorization', bearer()).send(body),
        t
          .http()
          .post('/members')
          .set('authorization', bearer())
          .send({ ...body, name: '李娜', gender: 'FEMALE' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const after = await memberCounts(t.db);
      expect(after.members).toBe(before.members! + 1);
      expect(after.member_id_numbers).toBe(before.member_id_numbers! + 1);
      expect(after.member_personal_data).toBe(before.member_personal_data! + 1);
    });

    it("places a member of a small enterprise under the zone's joint branch", async () => {
      const { res } = await register({ organizationId: undefined, jointCommitteeOfZone: zone, employerName: '济宁小微电商工作室', employerCreditCode: null });
      expect(res.status).toBe(201);
      expect(res.body.organizationId).toBe(jointBranch);
    });

    it('lets a secretary register in their own organization only, and forbids a grid worker', async () => {
      expect((await register({}, secretaryOf(orgA))).res.status).toBe(201);
      const before = await memberCounts(t.db);
      const other = await register({}, secretaryOf(orgB));
      expect(other.res.status).toBe(403);
      expect((await register({}, gridWorker)).res.status).toBe(403);
      expect((await register({ organizationId: otherDistrictOrg }, districtAdmin)).res.status).toBe(403);
      expect(await memberCounts(t.db)).toEqual(before);
    });

    it('never stores an ID or phone number in clear anywhere in the database', async () => {
      const { body, res } = await register();
      expect(res.status).toBe(201);
      const collections = await t.db.db!.listCollections().toArray();
      let dump = '';
      for (const { name } of collections) dump += JSON.stringify(await t.db.collection(name).find().toArray());
      expect(dump).toContain(res.body.memberId);
      expect(dump).not.toContain(body.idNumber);
      expect(dump).not.toContain(body.idNumber.slice(0, 17));
      expect(dump).not.toContain(body.phone);
    });
  });

  describe("a registration's database round trips (#19)", () => {
    /** The database operations a request makes inside the registration's handler (the relay's own work left out), as `collection.method`. */
    const operationsOf = async (send: () => Promise<unknown>): Promise<string[]> => {
      const seen: string[] = [];
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 100;
      mongoose.set('debug', (collection: string, method: string) => {
        if (/RegisterMemberHandler|OrganizationResolver|PersonRecords/.test(new Error().stack ?? '')) seen.push(`${collection}.${method}`);
      });
      try {
        await send();
      } finally {
        mongoose.set('debug', false);
        Error.stackTraceLimit = limit;
      }
      return seen;
    };
    const reads = (ops: string[]) => ops.filter((op) => /\.(find|findOne|countDocuments|aggregate)$/.test(op));

    it('reads only the organization, writes only inserts, and answers what it wrote', async () => {
      let answer: { status: number; body: Record<string, unknown> } | undefined;
      const body = person();
      const ops = await operationsOf(async () => (answer = await t.http().post('/members').set('authorization', bearer()).send(body)));
      expect(answer!.status).toBe(201);
      // No snapshot or stream of the new member is looked up, none is read back for the answer.
      expect(reads(ops)).toEqual(['organizations.findOne']);
      expect(ops.filter((op) => !reads(ops).includes(op)).every((op) => /\.insert(One|Many)$/.test(op))).toBe(true);
      expect(ops).toContain('members.insertOne');
      const stored = await t
        .http()
        .get(`/members/${answer!.body.memberId as string}`)
        .set('authorization', bearer())
        .expect(200);
      expect(answer!.body).toEqual(stored.body);
    });
  });

  describe('转正 and the development pipeline 发展党员', () => {
    it('admits a probationary member as full only after a year of probation (by the clock)', async () => {
      const { res } = await register({ status: 'PROBATIONARY', joinedOn: '2026-01-10' });
      const id = res.body.memberId as string;
      const before = await memberCounts(t.db);
      const early = await t.http().post(`/members/${id}/admission`).set('authorization', bearer()).send({ admittedOn: '2026-05-31' }).expect(409);
      expect(early.body.message).toMatch(/预备期未满一年.*最早 2027-01-10 可转正/);
      const future = await t.http().post(`/members/${id}/admission`).set('authorization', bearer()).send({ admittedOn: '2027-01-10' }).expect(422);
      expect(future.body.message).toMatch(/不能晚于今天/);
      expect(await memberCounts(t.db)).toEqual(before);

      t.clock.set('2027-01-10T03:00:00Z');
      try {
        const ok = await t.http().post(`/members/${id}/admission`).set('authorization', bearer()).send({ admittedOn: '2027-01-10', expectedVersion: 1 }).expect(200);
        expect(ok.body).toMatchObject({ status: 'FULL', stage: 'FULL', admittedOn: '2027-01-10', version: 2 });
        const again = await t.http().post(`/members/${id}/admission`).set('authorization', bearer()).send({ admittedOn: '2027-01-10' }).expect(409);
        expect(again.body.message).toMatch(/当前阶段为「正式党员」/);
      } finally {
        t.clock.set('2026-06-01T02:00:00Z');
      }
      const events = await eventsOf(id, 2);
      expect(events.map((e) => e.type)).toEqual(['membership.MemberRegistered.v1', 'membership.MemberAdmittedAsFull.v1']);
      expect(events[1]!.data).toEqual({ memberId: id, admittedOn: '2027-01-10' });
    });

    it('takes an applicant through activist, development target and probationary, rejecting skipped steps', async () => {
      const introducers = [(await register()).res.body.memberId, (await register()).res.body.memberId] as string[];
      const applied = await t
        .http()
        .post('/members/applications')
        .set('authorization', bearer())
        .send({ ...person({ birthDate: '1998-05-20', idNumber: idNumberFor('1998-05-20', 900 + seq) }), status: undefined, joinedOn: undefined, appliedOn: '2024-03-01' });
      expect(applied.status).toBe(201);
      expect(applied.body).toMatchObject({ stage: 'APPLICANT', status: null, appliedOn: '2024-03-01' });
      const id = applied.body.memberId as string;
      const step = (body: Record<string, unknown>) => t.http().post(`/members/${id}/development`).set('authorization', bearer()).send(body);

      const before = await memberCounts(t.db);
      const skip = await step({ toStage: 'PROBATIONARY', on: '2025-01-01' }).expect(409);
      expect(skip.body.message).toMatch(/当前阶段为「入党申请人」\(APPLICANT\)，下一步只能是「入党积极分子」\(ACTIVIST\)/);
      await step({ toStage: 'APPLICANT', on: '2025-01-01' }).expect(400);
      await step({ toStage: 'ACTIVIST', on: '2024-01-01' }).expect(422); // before the application
      expect(await memberCounts(t.db)).toEqual(before);

      await step({ toStage: 'ACTIVIST', on: '2024-04-01', introducerMemberIds: [introducers[0]] }).expect(200);
      const oneIntroducer = await step({ toStage: 'DEVELOPMENT_TARGET', on: '2025-04-01', introducerMemberIds: [introducers[0]] }).expect(422);
      expect(oneIntroducer.body.message).toMatch(/2 名入党介绍人/);
      await step({ toStage: 'DEVELOPMENT_TARGET', on: '2025-04-01', introducerMemberIds: [introducers[0], 'mem-nobody'] }).expect(422);
      // 培养教育考察: a year as activist before becoming a development target.
      const early = await step({ toStage: 'DEVELOPMENT_TARGET', on: '2025-03-31', introducerMemberIds: introducers }).expect(422);
      expect(early.body.message).toMatch(/一年以上培养教育考察.*最早 2025-04-01/);
      await step({ toStage: 'DEVELOPMENT_TARGET', on: '2025-04-01', introducerMemberIds: introducers }).expect(200);

      // 接收为预备党员 waits for training, political review, public notice and the committee above's approval.
      const missing = await step({ toStage: 'PROBATIONARY', on: '2025-06-01' }).expect(422);
      expect(missing.body.message).toBe('接收为预备党员前须先完成：集中培训（training）、政治审查（political-review）、公示（public-notice）、上级党委审批（approval）');
      const path = (what: string) => t.http().post(`/members/${id}/development/${what}`).set('authorization', bearer());
      const committee = (await t.http().get(`/organizations/${orgA}`).set('authorization', bearer()).expect(200)).body.parentId as string;
      const short = await path('training').send({ completedOn: '2025-04-20', hours: 12 }).expect(422);
      expect(short.body.message).toMatch(/不少于 24 学时/);
      await path('training').send({ completedOn: '2025-04-20', hours: 24 }).expect(200);
      await path('political-review').send({ passedOn: '2025-04-25', reviewingOrganizationId: orgA }).expect(200);
      const tooShort = await path('public-notice').send({ startsOn: '2025-05-08', endsOn: '2025-05-13' }).expect(422);
      expect(tooShort.body.message).toMatch(/不少于 5 个工作日.*仅 4 个工作日/);
      await path('public-notice').send({ startsOn: '2025-05-05', endsOn: '2025-05-09' }).expect(200);
      const notAbove = await path('approval').send({ approvedOn: '2025-05-20', approvingOrganizationId: orgA }).expect(422);
      expect(notAbove.body.message).toMatch(/approvingOrganizationId 须为党员所在党组织 .* 的上级党委/);
      await path('approval').send({ approvedOn: '2025-05-20', approvingOrganizationId: committee }).expect(200);
      const admitted = await step({ toStage: 'PROBATIONARY', on: '2025-06-01' }).expect(200);
      expect(admitted.body).toMatchObject({ stage: 'PROBATIONARY', status: 'PROBATIONARY', joinedOn: '2025-06-01', introducerMemberIds: introducers });
      expect(admitted.body.development).toMatchObject({ training: { hours: 24 }, notice: { workingDays: 5 }, approval: { approvingOrganizationId: committee } });
      const noOath = await step({ toStage: 'FULL', on: '2026-06-01' }).expect(422);
      expect(noOath.body.message).toMatch(/入党宣誓/);
      await path('oath').send({ takenOn: '2025-06-10' }).expect(200);
      await step({ toStage: 'FULL', on: '2026-06-01' }).expect(200);

      const events = await eventsOf(id, 10);
      expect(events.map((e) => e.type)).toEqual([
        'membership.MembershipApplicationSubmitted.v1',
        'membership.DevelopmentStageAdvanced.v1',
        'membership.DevelopmentStageAdvanced.v1',
        'membership.DevelopmentTrainingCompleted.v1',
        'membership.PoliticalReviewPassed.v1',
        'membership.AdmissionNoticePublished.v1',
        'membership.AdmissionApproved.v1',
        'membership.MemberRegistered.v1',
        'membership.OathTaken.v1',
        'membership.MemberAdmittedAsFull.v1',
      ]);
      expect(events[2]!.data).toMatchObject({ fromStage: 'ACTIVIST', toStage: 'DEVELOPMENT_TARGET', advancedOn: '2025-04-01', introducerMemberIds: introducers });
      expect(events[6]!.data).toEqual({ memberId: id, approvedOn: '2025-05-20', approvingOrganizationId: committee });
      expect(events[7]!.data).toMatchObject({ status: 'PROBATIONARY', joinedOn: '2025-06-01' });
    });

    it('ends the pipeline on withdrawal or rejection, extends probation once, and a cancelled probationary member counts nowhere', async () => {
      const apply = async () => {
        const birthDate = '1997-02-02';
        const res = await t
          .http()
          .post('/members/applications')
          .set('authorization', bearer())
          .send({ ...person({ birthDate, idNumber: idNumberFor(birthDate, 950 + seq) }), status: undefined, joinedOn: undefined, appliedOn: '2025-03-01' })
          .expect(201);
        return res.body.memberId as string;
      };
      const withdrawing = await apply();
      await t.http().post(`/members/${withdrawing}/development/withdrawal`).set('authorization', bearer()).send({ withdrawnOn: '2025-02-01' }).expect(422);
      const withdrawn = await t.http().post(`/members/${withdrawing}/development/withdrawal`).set('authorization', bearer()).send({ withdrawnOn: '2025-04-01' }).expect(200);
      expect(withdrawn.body.pipelineExit).toEqual({ kind: 'WITHDRAWN', on: '2025-04-01', stage: 'APPLICANT', reason: null });
      const after = await t.http().post(`/members/${withdrawing}/development`).set('authorization', bearer()).send({ toStage: 'ACTIVIST', on: '2025-05-01' }).expect(409);
      expect(after.body.message).toMatch(/已于 2025-04-01 本人撤回入党申请，发展流程已终止/);
      // 重新递交入党申请: the same record (its ID number stays claimed by it), the pipeline afresh.
      const reapply = (body: Record<string, unknown>) => t.http().post(`/members/${withdrawing}/development/reapplication`).set('authorization', bearer()).send(body);
      expect((await reapply({ appliedOn: '2025-04-01' }).expect(422)).body.message).toMatch(/appliedOn 须晚于本人撤回入党申请的日期/);
      await reapply({ appliedOn: '2025-06-01', organizationId: 'no-such-org' }).expect(422);
      const again = await reapply({ appliedOn: '2025-06-01', expectedVersion: withdrawn.body.version }).expect(200);
      expect(again.body).toMatchObject({ stage: 'APPLICANT', appliedOn: '2025-06-01', pipelineExit: null, earlierExits: [{ kind: 'WITHDRAWN', on: '2025-04-01' }] });
      await reapply({ appliedOn: '2025-06-02' }).expect(409);
      await t.http().post(`/members/${withdrawing}/development`).set('authorization', bearer()).send({ toStage: 'ACTIVIST', on: '2025-07-01' }).expect(200);

      const rejecting = await apply();
      await t.http().post(`/members/${rejecting}/development/rejection`).set('authorization', bearer()).send({ rejectedOn: '2025-04-01' }).expect(400);
      await t
        .http()
        .post(`/members/${rejecting}/development/rejection`)
        .set('authorization', bearer())
        .send({ rejectedOn: '2025-04-01', reason: '经支部委员会研究不予接收' })
        .expect(200);
      await t.http().post(`/members/${rejecting}/development/withdrawal`).set('authorization', bearer()).send({ withdrawnOn: '2025-04-02' }).expect(409);

      const committee = (await t.http().get(`/organizations/${orgA}`).set('authorization', bearer()).expect(200)).body.parentId as string;
      const probationary = (await register({ status: 'PROBATIONARY', joinedOn: '2025-01-10' })).res.body.memberId as string;
      const extend = (body: Record<string, unknown>) => t.http().post(`/members/${probationary}/development/probation-extension`).set('authorization', bearer()).send(body);
      await extend({ extendedOn: '2026-01-10', months: 13, reason: '未达转正条件', approvingOrganizationId: committee }).expect(400);
      const extended = await extend({ extendedOn: '2026-01-10', months: 6, reason: '未达转正条件', approvingOrganizationId: committee }).expect(200);
      expect(extended.body.development.probationExtension).toMatchObject({ months: 6, probationEndsOn: '2026-07-10' });
      const twice = await extend({ extendedOn: '2026-02-10', months: 1, reason: '再次延长', approvingOrganizationId: committee }).expect(409);
      expect(twice.body.message).toMatch(/只能延长一次/);
      const notYet = await t.http().post(`/members/${probationary}/admission`).set('authorization', bearer()).send({ admittedOn: '2026-05-31' }).expect(409);
      expect(notYet.body.message).toMatch(/预备期已延长 6 个月.*最早 2026-07-10 可转正/);

      const before = (await t.http().get(`/zones/${zone}/member-counts`).set('authorization', bearer()).expect(200)).body;
      await t
        .http()
        .post(`/members/${probationary}/development/probation-cancellation`)
        .set('authorization', bearer())
        .send({ cancelledOn: '2026-05-01', reason: '预备期间严重违纪', approvingOrganizationId: orgA })
        .expect(422);
      const cancelled = await t
        .http()
        .post(`/members/${probationary}/development/probation-cancellation`)
        .set('authorization', bearer())
        .send({ cancelledOn: '2026-05-01', reason: '预备期间严重违纪', approvingOrganizationId: committee })
        .expect(200);
      expect(cancelled.body).toMatchObject({ status: 'ENDED', countedIn: null, pipelineExit: { kind: 'CANCELLED', on: '2026-05-01' } });
      const counts = (await t.http().get(`/zones/${zone}/member-counts`).set('authorization', bearer()).expect(200)).body;
      expect({ members: counts.members, probationaryMembers: counts.probationaryMembers }).toEqual({ members: before.members - 1, probationaryMembers: before.probationaryMembers - 1 });
      const events = await eventsOf(probationary, 3);
      expect(events.map((e) => e.type)).toEqual(['membership.MemberRegistered.v1', 'membership.ProbationExtended.v1', 'membership.ProbationaryMembershipCancelled.v1']);
    });

    it('records 三优三推 recommendations as events, from any service', async () => {
      const member = (await register()).res.body.memberId as string;
      const res = await t.http().post('/recommendations').set('authorization', bearer()).send({
        kind: 'VANGUARD_MEMBER_TO_CADRE',
        memberId: member,
        name: '张明',
        organizationId: orgA,
        sourceContext: 'enterprise',
        enterpriseCreditCode: '91370800MA3C5EXA2N',
        reason: '党员先锋岗表现突出',
        recommendedOn: '2026-05-04',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'VANGUARD_MEMBER_TO_CADRE', districtId: district, zoneId: zone });
      const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, (m) => m.some((x) => x.key === res.body.recommendationId));
      const event = JSON.parse(messages.find((m) => m.key === res.body.recommendationId)!.value!) as EventEnvelope;
      expect(event).toMatchObject({ type: 'membership.RecommendationRecorded.v1', data: { memberId: member, sourceContext: 'enterprise' } });

      const before = await memberCounts(t.db);
      await t
        .http()
        .post('/recommendations')
        .set('authorization', bearer())
        .send({ ...res.body, recommendationId: undefined, recordedAt: undefined, districtId: undefined, subDistrictId: undefined, zoneId: undefined, kind: 'BEST_FRIEND' })
        .expect(400);
      await t
        .http()
        .post('/recommendations')
        .set('authorization', bearer())
        .send({ kind: 'MODEL_EMPLOYEE_TO_ACTIVIST', name: '王强', organizationId: 'org-nowhere', sourceContext: 'enterprise', reason: '优秀员工', recommendedOn: '2026-05-04' })
        .expect(422);
      await t
        .http()
        .post('/recommendations')
        .set('authorization', bearer(gridWorker))
        .send({ kind: 'MODEL_EMPLOYEE_TO_ACTIVIST', name: '王强', organizationId: orgA, sourceContext: 'enterprise', reason: '优秀员工', recommendedOn: '2026-05-04' })
        .expect(403);
      expect(await memberCounts(t.db)).toEqual(before);
      const list = await t.http().get(`/recommendations?organizationId=${orgA}`).set('authorization', bearer()).expect(200);
      expect(list.body.map((r: { recommendationId: string }) => r.recommendationId)).toContain(res.body.recommendationId);
    });
  });

  describe('floating members 流动党员 and identity declarations 亮身份', () => {
    it('checks a floating member in once, refuses a second check-in, and checks them out', async () => {
      const id = (await register({ organizationId: orgB })).res.body.memberId as string;
      const checkIn = (body: Record<string, unknown>) => t.http().post(`/members/${id}/floating/check-in`).set('authorization', bearer()).send(body);
      const ok = await checkIn({ homeOrganizationName: '菏泽市牡丹区某村党支部', checkedInOn: '2026-03-02' }).expect(200);
      expect(ok.body).toMatchObject({ isFloating: true, floating: { organizationId: orgB, homeOrganizationName: '菏泽市牡丹区某村党支部', checkedInOn: '2026-03-02', zoneId: zone } });
      const before = await memberCounts(t.db);
      const twice = await checkIn({ homeOrganizationName: '菏泽市牡丹区某村党支部', checkedInOn: '2026-03-03' }).expect(409);
      expect(twice.body.message).toMatch(/不能重复报到/);
      await checkIn({ checkedInOn: '2026-03-03' }).expect(400);
      await t.http().post(`/members/${id}/floating/check-out`).set('authorization', bearer()).send({ checkedOutOn: '2026-03-01' }).expect(422);
      expect(await memberCounts(t.db)).toEqual(before);

      const floating = await t.http().get(`/members?organizationId=${orgB}&floating=true`).set('authorization', bearer()).expect(200);
      expect(floating.body.items.map((m: { memberId: string }) => m.memberId)).toContain(id);

      await t.http().post(`/members/${id}/floating/check-out`).set('authorization', bearer()).send({ checkedOutOn: '2026-05-31' }).expect(200);
      await t.http().post(`/members/${id}/floating/check-out`).set('authorization', bearer()).send({ checkedOutOn: '2026-05-31' }).expect(409);
      const events = await eventsOf(id, 3);
      expect(events.map((e) => e.type)).toEqual(['membership.MemberRegistered.v1', 'membership.FloatingMemberCheckedIn.v1', 'membership.FloatingMemberCheckedOut.v1']);
      expect(events[1]!.data).toEqual({
        memberId: id,
        organizationId: orgB,
        homeOrganizationName: '菏泽市牡丹区某村党支部',
        checkedInOn: '2026-03-02',
        districtId: district,
        subDistrictId: 'fuqiao',
        zoneId: zone,
      });
      await t.http().post('/members/mem-nobody/floating/check-in').set('authorization', bearer()).send({ homeOrganizationName: 'x', checkedInOn: '2026-03-02' }).expect(404);
    });

    it('records a floating member directly, counted where checked in and nowhere after checking out', async () => {
      const before = (await t.http().get(`/zones/${zone}/member-counts`).set('authorization', bearer()).expect(200)).body;
      const body = { ...person({ organizationId: orgB, name: '刘洋' }), homeOrganizationName: '菏泽市牡丹区某村党支部', checkedInOn: '2026-03-02' };
      await t
        .http()
        .post('/members/floating')
        .set('authorization', bearer())
        .send({ ...body, homeOrganizationName: undefined })
        .expect(400);
      await t
        .http()
        .post('/members/floating')
        .set('authorization', bearer(secretaryOf(orgA)))
        .send(body)
        .expect(403);
      const res = await t.http().post('/members/floating').set('authorization', bearer()).send(body).expect(201);
      const id = res.body.memberId as string;
      expect(res.body).toMatchObject({
        status: 'FULL',
        isFloating: true,
        floating: { organizationId: orgB, homeOrganizationName: '菏泽市牡丹区某村党支部', checkedInOn: '2026-03-02' },
      });
      expect(res.body.countedIn).toMatchObject({ organizationId: orgB, zoneId: zone, floating: true });
      const counted = (await t.http().get(`/zones/${zone}/member-counts`).set('authorization', bearer()).expect(200)).body;
      expect({ members: counted.members, floatingMembers: counted.floatingMembers }).toEqual({ members: before.members + 1, floatingMembers: before.floatingMembers + 1 });
      const again = await t
        .http()
        .post('/members/floating')
        .set('authorization', bearer())
        .send({ ...body, memberId: undefined })
        .expect(409);
      expect(again.body.message).toMatch(/身份证号已登记/);

      await t.http().post(`/members/${id}/floating/check-out`).set('authorization', bearer()).send({ checkedOutOn: '2026-05-31' }).expect(200);
      const left = (await t.http().get(`/zones/${zone}/member-counts`).set('authorization', bearer()).expect(200)).body;
      expect({ members: left.members, floatingMembers: left.floatingMembers }).toEqual({ members: before.members, floatingMembers: before.floatingMembers });
      const events = await eventsOf(id, 2);
      expect(events.map((e) => e.type)).toEqual(['membership.FloatingMemberRegistered.v1', 'membership.FloatingMemberCheckedOut.v1']);
      expect(events[0]!.data).toMatchObject({ memberId: id, homeOrganizationName: '菏泽市牡丹区某村党支部', organizationId: orgB, checkedInOn: '2026-03-02', status: 'FULL' });
      expect(JSON.stringify(events[0])).not.toContain(body.phone);
      expect(JSON.stringify(events[0])).not.toContain(body.idNumber);
    });

    it('registers, transfers and checks in nobody to a dissolved organization (422 naming it)', async () => {
      const closing = await createOrganization(t, { districtId: district, subDistrictId: 'fuqiao', zoneId: zone, name: '已撤销党支部', type: 'BRANCH' });
      await t.http().post(`/organizations/${closing}/dissolution`).set('authorization', bearer()).send({}).expect(200);
      const before = await memberCounts(t.db);
      const registered = await register({ organizationId: closing });
      expect(registered.res.status).toBe(422);
      expect(registered.res.body.message).toMatch(new RegExp(`已撤销党支部（${closing}）已于 .* 撤销，不能再接收党员（organizationId）`));
      const floating = await t
        .http()
        .post('/members/floating')
        .set('authorization', bearer())
        .send({ ...person({ organizationId: closing }), homeOrganizationName: '外地某支部', checkedInOn: '2026-03-02' });
      expect(floating.status).toBe(422);
      const member = (await register()).res.body.memberId as string;
      const counted = await memberCounts(t.db);
      const transfer = await t
        .http()
        .post(`/members/${member}/transfers`)
        .set('authorization', bearer())
        .send({ toOrganizationId: closing, reason: '调动', requestedOn: '2026-05-01' })
        .expect(422);
      expect(transfer.body.message).toMatch(/不能再接收党员（toOrganizationId）/);
      const checkIn = await t
        .http()
        .post(`/members/${member}/floating/check-in`)
        .set('authorization', bearer())
        .send({ organizationId: closing, homeOrganizationName: '外地某支部', checkedInOn: '2026-03-02' })
        .expect(422);
      expect(checkIn.body.message).toMatch(/已撤销党支部/);
      expect(await memberCounts(t.db)).toEqual(counted);
      expect(counted.members).toBe(before.members + 1);
    });

    it("records a pocket member's declaration, which the secretary verifies or rejects with a reason", async () => {
      const declare = (actor?: Actor) =>
        t.http().post('/identity-declarations').set('authorization', bearer(actor)).send({
          name: '赵磊',
          gender: 'MALE',
          phone: '13912345678',
          organizationId: orgA,
          homeOrganizationName: '临沂市兰山区某社区党支部',
          employerName: '济宁某电子商务有限公司',
          declaredJoinedOn: '2015-06-20',
          declaredOn: '2026-03-10',
        });
      const first = await declare(gridWorker).expect(201);
      expect(first.body).toMatchObject({ status: 'DECLARED', phone: '139****5678', zoneId: zone });
      const second = await declare().expect(201);

      const id1 = first.body.declarationId as string;
      const id2 = second.body.declarationId as string;
      await t
        .http()
        .post(`/identity-declarations/${id1}/verification`)
        .set('authorization', bearer(secretaryOf(orgB)))
        .send({ on: '2026-03-15' })
        .expect(403);
      const verified = await t
        .http()
        .post(`/identity-declarations/${id1}/verification`)
        .set('authorization', bearer(secretaryOf(orgA)))
        .send({ on: '2026-03-15' })
        .expect(200);
      expect(verified.body).toMatchObject({ status: 'VERIFIED', verifiedOn: '2026-03-15' });
      const again = await t
        .http()
        .post(`/identity-declarations/${id1}/rejection`)
        .set('authorization', bearer(secretaryOf(orgA)))
        .send({ on: '2026-03-15', reason: 'x' })
        .expect(409);
      expect(again.body.message).toMatch(/已核实/);
      await t
        .http()
        .post(`/identity-declarations/${id2}/rejection`)
        .set('authorization', bearer(secretaryOf(orgA)))
        .send({ on: '2026-03-15' })
        .expect(400);
      const rejected = await t
        .http()
        .post(`/identity-declarations/${id2}/rejection`)
        .set('authorization', bearer(secretaryOf(orgA)))
        .send({ on: '2026-03-15', reason: '原党组织无此人党籍记录' })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'REJECTED', rejectionReason: '原党组织无此人党籍记录' });

      const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, (m) => m.filter((x) => x.key === id1 || x.key === id2).length >= 4);
      const types = messages.filter((m) => m.key === id1 || m.key === id2).map((m) => JSON.parse(m.value!).type as string);
      expect(types.sort()).toEqual([
        'membership.IdentityDeclarationRejected.v1',
        'membership.IdentityDeclarationVerified.v1',
        'membership.IdentityDeclared.v1',
        'membership.IdentityDeclared.v1',
      ]);
      expect(messages.some((m) => m.value!.includes('13912345678'))).toBe(false);
    });
  });

  describe('transfers 组织关系转接', () => {
    it('moves the member only on completion, through request, return, resubmission and approval', async () => {
      const id = (await register()).res.body.memberId as string;
      const base = `/members/${id}/transfers`;
      const requested = await t
        .http()
        .post(base)
        .set('authorization', bearer(secretaryOf(orgA)))
        .send({ toOrganizationId: orgB, reason: '工作单位变动', requestedOn: '2026-05-01' })
        .expect(201);
      const transferId = requested.body.transfer.transferId as string;
      expect(requested.body).toMatchObject({ organizationId: orgA, transfer: { status: 'REQUESTED', toOrganizationId: orgB } });

      const before = await memberCounts(t.db);
      const second = await t.http().post(base).set('authorization', bearer()).send({ toOrganizationId: jointBranch, reason: '再次申请', requestedOn: '2026-05-02' }).expect(409);
      expect(second.body.message).toMatch(/已有进行中的组织关系转接/);
      const early = await t.http().post(`${base}/${transferId}/completion`).set('authorization', bearer()).send({ on: '2026-05-03' }).expect(409);
      expect(early.body.message).toMatch(/当前状态为「待接收方审批」\(REQUESTED\)/);
      // Only the receiving side approves.
      await t
        .http()
        .post(`${base}/${transferId}/approval`)
        .set('authorization', bearer(secretaryOf(orgA)))
        .send({ on: '2026-05-03' })
        .expect(403);
      await t.http().post(`${base}/tr-unknown/approval`).set('authorization', bearer()).send({ on: '2026-05-03' }).expect(404);
      expect(await memberCounts(t.db)).toEqual(before);

      await t
        .http()
        .post(`${base}/${transferId}/return`)
        .set('authorization', bearer(secretaryOf(orgB)))
        .send({ on: '2026-05-03', reason: '介绍信缺少党费交纳截止月份' })
        .expect(200);
      await t
        .http()
        .post(`${base}/${transferId}/approval`)
        .set('authorization', bearer(secretaryOf(orgB)))
        .send({ on: '2026-05-04' })
        .expect(409);
      await t
        .http()
        .post(`${base}/${transferId}/resubmission`)
        .set('authorization', bearer(secretaryOf(orgA)))
        .send({ on: '2026-05-05', reason: '已补充党费交纳情况' })
        .expect(200);
      const inbox = await t
        .http()
        .get(`/transfers?toOrganizationId=${orgB}`)
        .set('authorization', bearer(secretaryOf(orgB)))
        .expect(200);
      expect(inbox.body).toEqual([expect.objectContaining({ memberId: id, transferId, status: 'REQUESTED' })]);
      await t
        .http()
        .post(`${base}/${transferId}/approval`)
        .set('authorization', bearer(secretaryOf(orgB)))
        .send({ on: '2026-05-06' })
        .expect(200);
      // Approved but not completed: still a member of the sending organization, and only of it.
      const meanwhile = await t.http().get(`/members/${id}`).set('authorization', bearer()).expect(200);
      expect(meanwhile.body.organizationId).toBe(orgA);
      const done = await t
        .http()
        .post(`${base}/${transferId}/completion`)
        .set('authorization', bearer(secretaryOf(orgB)))
        .send({ on: '2026-05-07' })
        .expect(200);
      expect(done.body).toMatchObject({ organizationId: orgB, transfer: null });

      const events = await eventsOf(id, 6);
      expect(events.map((e) => e.type)).toEqual([
        'membership.MemberRegistered.v1',
        'membership.MemberTransferRequested.v1',
        'membership.MemberTransferReturned.v1',
        'membership.MemberTransferResubmitted.v1',
        'membership.MemberTransferApproved.v1',
        'membership.MemberTransferCompleted.v1',
      ]);
      expect(events[5]!.data).toEqual({
        memberId: id,
        transferId,
        fromOrganizationId: orgA,
        toOrganizationId: orgB,
        districtId: district,
        subDistrictId: 'fuqiao',
        zoneId: zone,
        completedOn: '2026-05-07',
      });
    });

    it("transfers a member of a small enterprise to the zone's joint branch, and can withdraw a request", async () => {
      const id = (await register()).res.body.memberId as string;
      const res = await t
        .http()
        .post(`/members/${id}/transfers`)
        .set('authorization', bearer())
        .send({ toZoneJointCommitteeOf: zone, reason: '所在企业不足三名党员', requestedOn: '2026-05-01' })
        .expect(201);
      expect(res.body.transfer).toMatchObject({ toOrganizationId: jointBranch, toZoneJointCommittee: true });
      await t
        .http()
        .post(`/members/${id}/transfers/${res.body.transfer.transferId}/cancellation`)
        .set('authorization', bearer())
        .send({ on: '2026-05-02', reason: '暂缓转接' })
        .expect(200);
      await t.http().post(`/members/${id}/transfers`).set('authorization', bearer()).send({ toOrganizationId: orgA, reason: '同一组织', requestedOn: '2026-05-03' }).expect(422);
      await t
        .http()
        .post(`/members/${id}/transfers`)
        .set('authorization', bearer())
        .send({ toOrganizationId: 'org-nowhere', reason: '未知组织', requestedOn: '2026-05-03' })
        .expect(422);
    });
  });

  describe('queries', () => {
    it("pages through an organization's members in a stable order with an opaque cursor", async () => {
      const org = await createOrganization(t, { districtId: district, subDistrictId: 'fuqiao', zoneId: zone, name: '运河城党支部', type: 'BRANCH' });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await register({ organizationId: org, status: i < 2 ? 'PROBATIONARY' : 'FULL', joinedOn: '2026-01-01' })).res.body.memberId);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { memberId: string; idNumber: string }[]; nextCursor: string | null } } = await t
          .http()
          .get(`/members?organizationId=${org}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set('authorization', bearer())
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        for (const m of res.body.items) expect(m.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
        seen.push(...res.body.items.map((m) => m.memberId));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].sort());
      const probationary = await t.http().get(`/members?organizationId=${org}&status=PROBATIONARY`).set('authorization', bearer()).expect(200);
      expect(probationary.body.items).toHaveLength(2);
      const stage = await t.http().get(`/members?organizationId=${org}&stage=APPLICANT`).set('authorization', bearer()).expect(200);
      expect(stage.body.items).toHaveLength(0);
      await t.http().get(`/members?organizationId=${org}&limit=201`).set('authorization', bearer()).expect(400);
      await t.http().get(`/members?organizationId=${org}&cursor=not-a-cursor`).set('authorization', bearer()).expect(400);
      await t.http().get(`/members?organizationId=${org}&floating=maybe`).set('authorization', bearer()).expect(400);
      await t.http().get(`/members?status=SOMETIMES`).set('authorization', bearer()).expect(400);
      // Secretaries see their own organization only; others their jurisdiction.
      await t
        .http()
        .get(`/members?organizationId=${org}`)
        .set('authorization', bearer(secretaryOf(orgA)))
        .expect(403);
      // Another district's organization named in the filter: refused, not an empty page.
      const theirs = await t.http().get(`/members?organizationId=${org}`).set('authorization', bearer(otherDistrictAdmin)).expect(403);
      expect(theirs.body.items).toBeUndefined();
    });

    it('counts members, floating members and pending transfers of a zone', async () => {
      const base = { districtId: district, subDistrictId: 'fuqiao', zoneId: countZone };
      const org = await createOrganization(t, { ...base, name: '计数党支部', type: 'BRANCH' });
      const org2 = await createOrganization(t, { ...base, name: '计数二支部', type: 'BRANCH' });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await register({ organizationId: org, status: i === 0 ? 'PROBATIONARY' : 'FULL', joinedOn: '2026-01-01' })).res.body.memberId);
      await t.http().post(`/members/${ids[0]}/floating/check-in`).set('authorization', bearer()).send({ homeOrganizationName: '泰安市某党支部', checkedInOn: '2026-02-01' }).expect(200);
      await t.http().post(`/members/${ids[1]}/transfers`).set('authorization', bearer()).send({ toOrganizationId: org2, reason: '调动', requestedOn: '2026-05-01' }).expect(201);
      const res = await t.http().get(`/zones/${countZone}/member-counts`).set('authorization', bearer(districtAdmin)).expect(200);
      expect(res.body).toEqual({ zoneId: countZone, members: 3, fullMembers: 2, probationaryMembers: 1, floatingMembers: 1, inDevelopment: 0, pendingTransfers: 1 });
      const outside = await t.http().get(`/zones/${countZone}/member-counts`).set('authorization', bearer(otherDistrictAdmin)).expect(403);
      expect(outside.body.message).toMatch(/不在您的管辖范围内/);
      await t.http().get(`/zones/no-such-zone/member-counts`).set('authorization', bearer()).expect(404);
      await t.http().get(`/zones/${countZone}/member-counts`).set('authorization', bearer(gridWorker)).expect(403);
    });
  });

  describe('bulk import 批量导入', () => {
    const header = '姓名,性别,出生日期,身份证号,手机号,工作单位,统一社会信用代码,所在党组织,党员类型,入党日期';

    it('imports valid rows, reports the others by row, column and reason, and imports nothing twice', async () => {
      const ok1 = idNumberFor('1985-02-03', 501);
      const ok2 = idNumberFor('1992-11-30', 502);
      const bad = idNumberFor('1980-01-01', 503);
      const csv = [
        header,
        `王芳,女,1985-02-03,${ok1},13900000501,"济宁运河城商业管理有限公司",,${orgA},正式党员,2010-07-01`,
        `"刘""伟""",男,1992/11/30,${ok2},13900000502,,,万达广场党支部,预备党员,2026-01-05`,
        `陈静,女,1980-01-01,${bad.slice(0, 17)}${bad[17] === '0' ? '1' : '0'},13900000503,,,${orgA},正式党员,2005-07-01`,
        `孙强,男,1980-01-01,${idNumberFor('1980-01-01', 504)},13900000504,,,不存在的支部,正式党员,2005-07-01`,
        `周敏,女,1980-01-01,${idNumberFor('1980-01-01', 505)},,,,${orgA},正式党员,2005-07-01`,
        `吴刚,男,1980-01-01,${ok1},13900000506,,,${orgA},正式党员,2005-07-01`,
      ].join('\r\n');
      const before = await memberCounts(t.db);
      const res = await t.http().post('/members/imports').set('authorization', bearer()).set('content-type', 'text/csv; charset=utf-8').send(csv).expect(200);
      expect(res.body).toMatchObject({ total: 6, imported: 2, existing: 0, failed: 4 });
      expect(res.body.problems).toEqual([
        { row: 4, field: '身份证号', reason: 'idNumber 校验位不正确，请核对身份证号码' },
        { row: 5, field: '所在党组织', reason: '党组织“不存在的支部”不存在' },
        { row: 6, field: '手机号', reason: '手机号不能为空' },
        { row: 7, field: '身份证号', reason: '与第 2 行的身份证号重复' },
      ]);
      expect(JSON.stringify(res.body)).not.toContain(ok1);
      expect((await memberCounts(t.db)).members).toBe(before.members! + 2);
      const names = await t.http().get(`/members?organizationId=${orgA}&limit=200`).set('authorization', bearer()).expect(200);
      expect(names.body.items.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining(['王芳', '刘"伟"']));

      const again = await t.http().post('/members/imports').set('authorization', bearer()).set('content-type', 'text/csv').send(csv).expect(200);
      expect(again.body).toMatchObject({ total: 6, imported: 0, existing: 2, failed: 4 });
      expect(again.body.problems.filter((p: { reason: string }) => p.reason.startsWith('已存在'))).toHaveLength(2);
      expect((await memberCounts(t.db)).members).toBe(before.members! + 2);
    });

    it('accepts the file as JSON {csv} (the gateway path) and rejects a file without the columns', async () => {
      const csv = `${header}\n郑洁,女,1991-04-04,${idNumberFor('1991-04-04', 601)},13900000601,,,${orgB},正式党员,2016-07-01\n`;
      const res = await t.http().post('/members/imports').set('authorization', bearer()).send({ csv }).expect(200);
      expect(res.body).toMatchObject({ total: 1, imported: 1 });
      const before = await memberCounts(t.db);
      const missing = await t.http().post('/members/imports').set('authorization', bearer()).set('content-type', 'text/csv').send('姓名,性别\n张三,男\n').expect(422);
      expect(missing.body.message).toMatch(/缺少表头列：出生日期、身份证号/);
      await t.http().post('/members/imports').set('authorization', bearer()).set('content-type', 'text/csv').send(`${header}\n"未闭合,男\n`).expect(422);
      await t.http().post('/members/imports').set('authorization', bearer()).send({ csv: 42 }).expect(400);
      await t.http().post('/members/imports').set('authorization', bearer()).set('content-type', 'application/xml').send('<a/>').expect(415);
      await t.http().post('/members/imports').set('authorization', bearer(gridWorker)).set('content-type', 'text/csv').send(csv).expect(403);
      expect(await memberCounts(t.db)).toEqual(before);
    });
  });
});
