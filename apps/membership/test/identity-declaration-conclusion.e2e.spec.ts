import { EventEnvelope } from '@pb/contracts';
import { Actor, ManualClock } from '@pb/platform';
import { bearer, idNumberFor, phoneFor, startServiceApp, TestApp, uniqueName } from '@pb/testing';
import { createOrganization, eventsOf, memberCounts, registerPlaces } from './fixtures';
import { MEMBERSHIP } from './membership-app';

/** 亮身份办结: a verified declaration leads to a member or a floating member record, linked to it (#18 item 1). */
describe('identity declarations concluded 亮身份办结 (real database and Kafka)', () => {
  let t: TestApp<ManualClock>;
  const district = uniqueName('d');
  const zone = uniqueName('zone');
  let orgA: string;
  let orgB: string;
  let seq = 0;

  const secretaryOf = (organizationId: string): Actor => ({
    userId: `sec-${organizationId}`,
    role: 'ORG_SECRETARY',
    scope: { level: 'SUB_DISTRICT', districtId: district, subDistrictId: 'fuqiao' },
    organizationId,
  });

  beforeAll(async () => {
    t = await startServiceApp(MEMBERSHIP, { clock: new ManualClock(new Date('2026-06-01T02:00:00Z')) });
    await registerPlaces(t, district, 'fuqiao', [zone]);
    const base = { districtId: district, subDistrictId: 'fuqiao', zoneId: zone };
    orgA = await createOrganization(t, { ...base, name: '万达广场党支部', type: 'BRANCH' });
    orgB = await createOrganization(t, { ...base, name: '苏宁广场党支部', type: 'BRANCH' });
  });

  afterAll(async () => {
    await t.close();
  });

  /** A declaration through the API, verified by the secretary unless asked otherwise. */
  const declaration = async (review: 'verify' | 'reject' | 'none' = 'verify') => {
    seq += 1;
    const phone = phoneFor(71_000_000 + seq);
    const res = await t.http().post('/identity-declarations').set('authorization', bearer()).send({
      name: '赵磊',
      gender: 'MALE',
      phone,
      organizationId: orgA,
      homeOrganizationName: '临沂市兰山区某社区党支部',
      employerName: '济宁某电子商务有限公司',
      declaredJoinedOn: '2015-06-20',
      declaredOn: '2026-03-10',
    });
    expect(res.status).toBe(201);
    const id = res.body.declarationId as string;
    const as = bearer(secretaryOf(orgA));
    if (review === 'verify') await t.http().post(`/identity-declarations/${id}/verification`).set('authorization', as).send({ on: '2026-03-15' }).expect(200);
    if (review === 'reject')
      await t.http().post(`/identity-declarations/${id}/rejection`).set('authorization', as).send({ on: '2026-03-15', reason: '原党组织无此人党籍记录' }).expect(200);
    return { id, phone };
  };
  const missing = () => ({ birthDate: '1990-03-15', idNumber: idNumberFor('1990-03-15', seq, '370812'), status: 'FULL' });
  const conclude = (id: string, body: Record<string, unknown>, actor: Actor | 'admin' = secretaryOf(orgA)) =>
    t
      .http()
      .post(`/identity-declarations/${id}/conclusion`)
      .set('authorization', actor === 'admin' ? bearer() : bearer(actor))
      .send(body);

  it('records a verified declaration as a floating member checked in where they declared, linked to it, once', async () => {
    const { id, phone } = await declaration();
    const before = await memberCounts(t.db);
    await conclude(id, { decision: 'RECORD_FLOATING', decidedOn: '2026-03-16', ...missing() }, secretaryOf(orgB)).expect(403);
    const missingId = await conclude(id, { decision: 'RECORD_FLOATING', decidedOn: '2026-03-16', birthDate: '1990-03-15', status: 'FULL' }).expect(400);
    expect(JSON.stringify(missingId.body.message)).toMatch(/idNumber/);
    const badDate = await conclude(id, { decision: 'RECORD_FLOATING', decidedOn: '2026-03-14', ...missing() }).expect(422);
    expect(badDate.body.message).toMatch(/decidedOn 须为不早于核实日期（2026-03-15）/);
    expect(await memberCounts(t.db)).toEqual(before);

    const body = { decision: 'RECORD_FLOATING', decidedOn: '2026-03-16', ...missing() };
    const done = await conclude(id, body).expect(200);
    const memberId = done.body.conclusion.memberId as string;
    expect(done.body).toMatchObject({ status: 'VERIFIED', conclusion: { decision: 'RECORD_FLOATING', decidedOn: '2026-03-16' } });

    // The floating member carries what was declared: name, home organization, phone; checked in on the day of the declaration.
    const member = await t.http().get(`/members/${memberId}`).set('authorization', bearer()).expect(200);
    expect(member.body).toMatchObject({
      name: '赵磊',
      status: 'FULL',
      joinedOn: '2015-06-20',
      isFloating: true,
      floating: { organizationId: orgA, homeOrganizationName: '临沂市兰山区某社区党支部', checkedInOn: '2026-03-10' },
      countedIn: { organizationId: orgA, zoneId: zone, floating: true },
    });
    expect(member.body.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);

    const counted = await memberCounts(t.db);
    const twice = await conclude(id, { ...body, idNumber: idNumberFor('1990-03-15', seq, '370813') }).expect(409);
    expect(twice.body.message).toMatch(new RegExp(`已于 2026-03-16 办结（登记为流动党员，党员编号 ${memberId}）`));
    expect(await memberCounts(t.db)).toEqual(counted);

    const [, , concluded] = await eventsOf(id, 3);
    expect(concluded!.type).toBe('membership.IdentityDeclarationConcluded.v1');
    expect(concluded!.data).toEqual({ declarationId: id, decision: 'RECORD_FLOATING', memberId, decidedOn: '2026-03-16' });
    const [registered] = await eventsOf(memberId, 1);
    expect(registered!.type).toBe('membership.FloatingMemberRegistered.v1');
    expect(JSON.stringify([concluded, registered])).not.toContain(phone);
    expect(JSON.stringify([concluded, registered])).not.toContain(body.idNumber);
  });

  it('registers a verified declaration as a member with the personal data asked for then', async () => {
    const { id } = await declaration();
    const before = await memberCounts(t.db);
    const floatingOnly = await conclude(id, { decision: 'REGISTER_MEMBER', decidedOn: '2026-03-20', ...missing(), checkedInOn: '2026-03-10' }).expect(400);
    expect(JSON.stringify(floatingOnly.body.message)).toMatch(/checkedInOn 仅在 decision 为 RECORD_FLOATING 时填写/);
    const valid = missing().idNumber;
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const badId = await conclude(id, { decision: 'REGISTER_MEMBER', decidedOn: '2026-03-20', ...missing(), idNumber: wrongCheck }).expect(422);
    expect(badId.body.message).toMatch(/身份证/);
    expect(await memberCounts(t.db)).toEqual(before);

    // Placed in another organization than the one declared to: the secretary of the first may not, an administrator may.
    const placed = {
      decision: 'REGISTER_MEMBER',
      decidedOn: '2026-03-20',
      ...missing(),
      memberId: `mem-${id}`,
      organizationId: orgB,
      status: 'PROBATIONARY',
      joinedOn: '2025-09-01',
    };
    await conclude(id, placed).expect(403);
    const done = await conclude(id, placed, 'admin').expect(200);
    expect(done.body.conclusion).toEqual({ decision: 'REGISTER_MEMBER', memberId: `mem-${id}`, decidedOn: '2026-03-20' });
    const member = await t.http().get(`/members/mem-${id}`).set('authorization', bearer()).expect(200);
    expect(member.body).toMatchObject({ name: '赵磊', organizationId: orgB, status: 'PROBATIONARY', joinedOn: '2025-09-01', isFloating: false, employerName: '济宁某电子商务有限公司' });
    const events: EventEnvelope[] = await eventsOf(`mem-${id}`, 1);
    expect(events.map((e) => e.type)).toEqual(['membership.MemberRegistered.v1']);
  });

  it('concludes neither an unverified nor a rejected declaration (409), and creates nothing', async () => {
    const pending = await declaration('none');
    const rejected = await declaration('reject');
    const before = await memberCounts(t.db);
    const early = await conclude(pending.id, { decision: 'REGISTER_MEMBER', decidedOn: '2026-03-16', ...missing() }).expect(409);
    expect(early.body.message).toMatch(/「待核实」.*只有已核实的登记可以办结/);
    const refused = await conclude(rejected.id, { decision: 'RECORD_FLOATING', decidedOn: '2026-03-16', ...missing() }).expect(409);
    expect(refused.body.message).toMatch(/「未通过核实」/);
    await conclude('idd-nobody', { decision: 'RECORD_FLOATING', decidedOn: '2026-03-16', ...missing() }).expect(404);
    expect(await memberCounts(t.db)).toEqual(before);
  });
});
