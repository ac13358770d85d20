import { randomInt, randomUUID } from 'crypto';
import { ANALYST_TOPICS, AnalystEnvelope, dayOf, pseudonymOf } from '@pb/contracts';
import { AppProcess, freePort, idNumberFor, infraEnv, readTopic, ReadMessage, serviceEnv, startAppProcess, TEST_KEYS, testTopicPrefix, uniqueName } from '@pb/testing';
import { record, say } from '../support/report';
import { callUrl, READY_MS, Stack } from '../support/stack';
import { PERSONAL_DATA, registerJurisdictions } from '../support/world';

/**
 * Issue #17, item 3: analysts must not get from a pseudonym back to a person by joining the
 * analyst topics with what the gateway shows (`/api/timeline`: event id, correlation id,
 * subject and version, time, clear member ids). The platform runs as processes; the records
 * are made through the gateway as users make them, with a correlation id the client chose.
 */
const READ_TIMEOUT = 120_000;
jest.setTimeout(600_000);

const KEY = TEST_KEYS.ANALYST_PSEUDONYM_KEY;
const SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方'];
const GIVEN = '建国明华军伟芳秀英玉兰';

interface TimelineEvent {
  eventId: string;
  type: string;
  subject: string;
  version: number;
  time: string;
  correlationId: string;
  data: Record<string, unknown>;
}

const analystTopic = (context: keyof typeof ANALYST_TOPICS) => testTopicPrefix() + ANALYST_TOPICS[context];
const parsed = (m: ReadMessage) => JSON.parse(m.value!) as AnalystEnvelope<Record<string, unknown>>;

describe('security: analyst streams cannot be joined back to people (#17, item 3)', () => {
  const stack = new Stack('ana', infraEnv(), { gateway: { ACCESS_TOKEN_TTL_SECONDS: '3600' } });
  let analystStreams: AppProcess;
  const place = { districtId: uniqueName('dana'), subDistrictId: '', zoneId: '' };
  place.subDistrictId = `${place.districtId}-s`;
  place.zoneId = `${place.districtId}-z`;
  const name = SURNAMES[randomInt(SURNAMES.length)] + GIVEN[randomInt(GIVEN.length)] + GIVEN[randomInt(GIVEN.length)];
  /** Born in 1988: the analysts' band is 1985–1989. */
  const BIRTH_DATE = '1988-06-02';
  const person = { idNumber: idNumberFor(BIRTH_DATE, randomInt(100, 999)), phone: `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}` };
  PERSONAL_DATA.add(person.idNumber).add(person.phone);
  /** Correlation ids the client chose (`X-Correlation-Id`), one per request. */
  const correlationIds: string[] = [];
  let memberId = '';
  let caseId = '';
  let timeline: TimelineEvent[] = [];
  let membership: ReadMessage[] = [];
  let governance: ReadMessage[] = [];

  /** A call through the gateway with a correlation id of the client's own choosing. */
  const post = async (path: string, body: unknown) => {
    const correlationId = `client-chosen-${randomUUID()}`;
    correlationIds.push(correlationId);
    const started = Date.now();
    const res = await fetch(`${stack.gatewayUrl}/api${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json', 'x-correlation-id': correlationId },
      body: JSON.stringify(body),
    });
    const answer = { status: res.status, body: (await res.json()) as Record<string, string>, ms: Date.now() - started };
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  beforeAll(async () => {
    await stack.start();
    analystStreams = await startAppProcess('analyst-streams', await freePort(), serviceEnv('analyst-streams', { env: { LOG_LEVEL: 'info' } }), READY_MS);
    stack.logFiles.push(analystStreams.logFile);
    await registerJurisdictions(stack, place);
    const organization = await stack.callUntil(
      'POST',
      '/membership/organizations',
      { name: '分析测试商圈党委', type: 'JOINT_COMMITTEE', districtId: place.districtId, subDistrictId: place.subDistrictId, zoneId: place.zoneId },
      (s) => s === 201,
      'an organization',
    );
    memberId = (
      await post('/membership/members', {
        name,
        gender: 'MALE',
        birthDate: BIRTH_DATE,
        ...person,
        status: 'FULL',
        joinedOn: '2015-07-15',
        organizationId: organization.body.organizationId,
      })
    ).memberId;
    // analyst-streams learns the name from membership's topic before the case mentions it.
    membership = await readTopic(brokersOf(), analystTopic('membership'), (m) => m.some((x) => x.key === pseudonymOf(KEY, memberId)), READ_TIMEOUT);
    const grid = await stack.callUntil('POST', '/governance/grids', { name: '分析一网格', zoneId: place.zoneId }, (s) => s === 201, 'a grid');
    caseId = (
      await post('/governance/cases', {
        kind: 'LIVELIHOOD_SERVICE',
        title: `${name}反映路灯不亮`,
        description: `党员${name}反映商圈北口路灯不亮，联系电话 ${person.phone}，身份证号 ${person.idNumber}`,
        gridId: grid.body.gridId,
      })
    ).caseId;
    governance = await readTopic(brokersOf(), analystTopic('governance'), (m) => m.some((x) => x.key === caseId), READ_TIMEOUT);
    membership = await readTopic(brokersOf(), analystTopic('membership'), (m) => m.some((x) => x.key === pseudonymOf(KEY, memberId)), READ_TIMEOUT);
    const answer = await callUrl(`${stack.gatewayUrl}/api/timeline?scope=district&id=${place.districtId}&limit=500`, 'GET', undefined, stack.adminToken);
    if (answer.status !== 200) throw new Error(`timeline: ${answer.status} ${JSON.stringify(answer.body)}`);
    timeline = answer.body.events as TimelineEvent[];
    say(`analyst re-identification: ${timeline.length} timeline events, ${membership.length + governance.length} analyst records`);
  }, 900_000);

  afterAll(async () => {
    await analystStreams?.stop('SIGTERM');
    await stack.stop();
  });

  const brokersOf = () => stack.infra.KAFKA_BROKERS;
  const analystRecords = () => [...membership, ...governance].filter((m) => m.value);
  const ours = () => analystRecords().filter((m) => parsed(m).districtid === place.districtId);

  it('gives no analyst event an id a timeline shows, nor the client’s correlation id, causation or version', () => {
    const mine = timeline.filter((e) => e.subject === memberId || e.subject === caseId);
    expect(mine.map((e) => e.type).sort()).toEqual(['governance.CaseReported.v1', 'membership.MemberRegistered.v1']);
    expect(mine.map((e) => e.correlationId).sort()).toEqual([...correlationIds].sort());
    expect(ours().length).toBeGreaterThanOrEqual(2);

    // The join an analyst tried: analyst record → timeline event by id (or the id in the record's header).
    const timelineIds = new Set(timeline.map((e) => e.eventId));
    const joined = analystRecords().filter((m) => timelineIds.has(parsed(m).id) || timelineIds.has(m.headers['ce-id']));
    expect(joined).toEqual([]);
    for (const m of analystRecords()) {
      for (const id of timelineIds) expect(m.value).not.toContain(id);
      for (const correlationId of correlationIds) expect(m.value).not.toContain(correlationId);
      const event = parsed(m);
      expect(event).not.toHaveProperty('correlationid');
      expect(event).not.toHaveProperty('causationid');
      expect(event).not.toHaveProperty('aggregateversion');
    }
    record('security-review', {
      checks: [
        `analyst re-identification: none of ${analystRecords().length} analyst records joins any of ${timeline.length} timeline events by id; no client correlation id, causation id or version on them`,
      ],
    });
  });

  it('leaves no exact time to join on: the envelope and the Kafka timestamp carry the day only', () => {
    const timelineTimes = new Set(timeline.map((e) => Date.parse(e.time)));
    for (const m of ours()) {
      const event = parsed(m);
      expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$/);
      expect(Number(m.timestamp)).toBe(Date.parse(event.time));
    }
    const member = timeline.find((e) => e.subject === memberId)!;
    const analystMember = ours().find((m) => m.key === pseudonymOf(KEY, memberId))!;
    expect(parsed(analystMember).time).toBe(dayOf(member.time));
    expect(ours().filter((m) => timelineTimes.has(Date.parse(parsed(m).time)) || timelineTimes.has(Number(m.timestamp)))).toEqual([]);
    record('security-review', { checks: ['analyst re-identification: analyst records carry the day (envelope and Kafka timestamp), never a timeline event’s exact time'] });
  });

  it('scrubs the member’s name, phone and ID number from the case’s free text before analysts see it', () => {
    const reported = governance.map(parsed).find((e) => e.subject === caseId && e.type === 'governance.CaseReported.v1')!;
    expect(reported.data.description).toBe('党员某某反映商圈北口路灯不亮，联系电话 [电话]，身份证号 [证件号]');
    expect(reported.data.title).toBe('某某反映路灯不亮');
    const text = JSON.stringify(analystRecords().map(parsed));
    for (const secret of [name, person.phone, person.idNumber, memberId]) expect(text).not.toContain(secret);
    // The names it keeps to scrub with are never logged.
    for (const secret of [name, person.phone, person.idNumber]) expect(analystStreams.output()).not.toContain(secret);
    record('security-review', { checks: ['analyst free text: a registered name, phone and ID number in a case reported through the gateway reach analysts as 某某, [电话], [证件号]'] });
  });

  it('coarsens the member’s birth year to a five-year band and the day of joining to the month', () => {
    const registered = membership.map(parsed).find((e) => e.subject === pseudonymOf(KEY, memberId) && e.type === 'membership.MemberRegistered.v1')!;
    expect(registered.data).toMatchObject({ memberId: pseudonymOf(KEY, memberId), birthYear: 1985, joinedOn: '2015-07-01', gender: 'MALE' });
    expect(registered.data).not.toHaveProperty('name');
    record('security-review', { checks: ['analyst quasi-identifiers: birth year 1988 reaches analysts as the band 1985, joined 2015-07-15 as 2015-07-01'] });
  });
});
