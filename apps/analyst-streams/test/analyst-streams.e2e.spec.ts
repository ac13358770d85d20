import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Connection } from 'mongoose';
import request from 'supertest';
import { ANALYST_TOPICS, analystEventId, CaseReported, CONTEXT_TOPICS, EnterpriseRegistered, EventEnvelope, MemberRegistered, MemberSignedUp, pseudonymOf } from '@pb/contracts';
import { envelopeOf, infraEnv, publishEnvelopes, readTopic, ReadMessage, startServiceApp, TEST_KEYS, testTopicPrefix, waitFor } from '@pb/testing';
import { ANALYST_STREAMS } from './analyst-streams-app';

const KEY = TEST_KEYS.ANALYST_PSEUDONYM_KEY;
/** A busy shared broker (parallel test files) can take a while to deliver. */
const READ_TIMEOUT = 60000;
jest.setTimeout(150000);
const brokers = () => infraEnv().KAFKA_BROKERS;
const analystTopic = (context: keyof typeof ANALYST_TOPICS) => testTopicPrefix() + ANALYST_TOPICS[context];

describe('analyst-streams (real Kafka and database)', () => {
  let app: INestApplication;
  let db: Connection;
  let group: string;

  beforeAll(async () => {
    const t = await startServiceApp(ANALYST_STREAMS);
    ({ app, db } = t);
    group = t.config.KAFKA_GROUP_ID!;
  });

  afterAll(async () => {
    await app?.close();
  });

  /** The analyst records derived from the source event `sourceId` (they carry an id of their own). */
  const byId = (messages: ReadMessage[], sourceId: string) => messages.filter((m) => m.value && (JSON.parse(m.value) as EventEnvelope).id === analystEventId(KEY, sourceId));
  const bySourceId = (messages: ReadMessage[], sourceId: string) => messages.filter((m) => m.value?.includes(sourceId));

  it('publishes each service event on its context analyst topic, people pseudonymised and names removed', async () => {
    const memberId = `mem-${randomUUID()}`;
    const registered = envelopeOf(MemberRegistered, { ...MemberRegistered.example, memberId }, { aggregateId: memberId, version: 1, districtId: 'rencheng', zoneId: 'zone-taibailou' });
    const signedUp = envelopeOf(MemberSignedUp, { ...MemberSignedUp.example, memberId }, { aggregateId: 'act-2026-0001', version: 2 });
    const reported = envelopeOf(CaseReported, CaseReported.example, { aggregateId: 'case-0001', version: 1 });
    const enterprise = envelopeOf(EnterpriseRegistered, EnterpriseRegistered.example, { aggregateId: EnterpriseRegistered.example.creditCode, version: 1 });
    await publishEnvelopes(brokers(), CONTEXT_TOPICS.membership, [registered]);
    await publishEnvelopes(brokers(), CONTEXT_TOPICS.activities, [signedUp]);
    await publishEnvelopes(brokers(), CONTEXT_TOPICS.governance, [reported]);
    await publishEnvelopes(brokers(), CONTEXT_TOPICS.enterprise, [enterprise]);

    const pseudonym = pseudonymOf(KEY, memberId);
    const membership = await readTopic(brokers(), analystTopic('membership'), (m) => byId(m, registered.id).length > 0, READ_TIMEOUT);
    const [out] = byId(membership, registered.id);
    const event = JSON.parse(out.value!) as EventEnvelope<Record<string, unknown>>;
    expect(out.key).toBe(pseudonym);
    expect(event).toMatchObject({
      id: analystEventId(KEY, registered.id),
      type: MemberRegistered.type,
      subject: pseudonym,
      districtid: 'rencheng',
      zoneid: 'zone-taibailou',
      dataschema: 'schemas/analyst/membership/MemberRegistered.v1.json',
    });
    expect(event.data.memberId).toBe(pseudonym);
    expect(event.data).not.toHaveProperty('name');
    expect(out.value).not.toContain(memberId);
    expect(out.value).not.toContain(MemberRegistered.example.name);
    // Birth year to its five-year band; nothing that names the source event.
    expect(event.data).toMatchObject({ gender: 'MALE', birthYear: 1985, organizationId: 'org-wanda-branch' });
    expect(event).not.toHaveProperty('correlationid');
    expect(event).not.toHaveProperty('causationid');
    expect(bySourceId(membership, registered.id)).toEqual([]);
    expect(out.headers['ce-id']).toBe(event.id);

    // The same person under the same pseudonym on another context's analyst topic.
    const activities = await readTopic(brokers(), analystTopic('activities'), (m) => byId(m, signedUp.id).length > 0, READ_TIMEOUT);
    expect((JSON.parse(byId(activities, signedUp.id)[0].value!) as EventEnvelope<{ memberId: string }>).data.memberId).toBe(pseudonym);

    const governance = await readTopic(brokers(), analystTopic('governance'), (m) => byId(m, reported.id).length > 0, READ_TIMEOUT);
    const caseText = byId(governance, reported.id)[0].value!;
    expect(caseText).not.toContain('张先生');
    expect(caseText).not.toContain('"gw-taibailou-01"');

    const enterprises = await readTopic(brokers(), analystTopic('enterprise'), (m) => byId(m, enterprise.id).length > 0, READ_TIMEOUT);
    expect(JSON.parse(byId(enterprises, enterprise.id)[0].value!).data).not.toHaveProperty('contacts');

    // Nothing personal on the service topic was touched: the service topic still has the name (internal only).
    const source = await readTopic(brokers(), CONTEXT_TOPICS.membership, (m) => bySourceId(m, registered.id).length > 0, READ_TIMEOUT);
    expect(bySourceId(source, registered.id)[0].value).toContain(MemberRegistered.example.name);
  });

  it('scrubs from free text the names it learned on another topic, phone and ID numbers, and keeps the names in its own database only', async () => {
    const memberId = `mem-${randomUUID()}`;
    const name = `欧阳${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 4)}`;
    const registered = envelopeOf(MemberRegistered, { ...MemberRegistered.example, memberId, name }, { aggregateId: memberId, version: 1 });
    await publishEnvelopes(brokers(), CONTEXT_TOPICS.membership, [registered]);
    await readTopic(brokers(), analystTopic('membership'), (m) => byId(m, registered.id).length > 0, READ_TIMEOUT);

    const description = `党员${name}反映：楼道灯坏了，联系 13912345678，身份证 370802199003151234`;
    const reported = envelopeOf(CaseReported, { ...CaseReported.example, description }, { aggregateId: `case-${randomUUID()}`, version: 1 });
    await publishEnvelopes(brokers(), CONTEXT_TOPICS.governance, [reported]);
    const governance = await readTopic(brokers(), analystTopic('governance'), (m) => byId(m, reported.id).length > 0, READ_TIMEOUT);
    const value = byId(governance, reported.id)[0].value!;
    expect((JSON.parse(value) as EventEnvelope<{ description: string }>).data.description).toBe('党员某某反映：楼道灯坏了，联系 [电话]，身份证 [证件号]');
    expect(value).not.toContain(name);

    const stored = await db.collection('known_names').find({ name }).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]._id).not.toContain(name);
  });

  it('turns a redelivered event into no second record, and a redelivery past the inbox into an identical one', async () => {
    const memberId = `mem-${randomUUID()}`;
    const first = envelopeOf(MemberRegistered, { ...MemberRegistered.example, memberId }, { aggregateId: memberId, version: 1 });
    const marker1 = envelopeOf(MemberRegistered, { ...MemberRegistered.example, memberId }, { aggregateId: memberId, version: 2 });
    // The relay publishes a batch again after a crash between send and mark: the same event twice.
    await publishEnvelopes(brokers(), CONTEXT_TOPICS.membership, [first, first, marker1]);
    let messages = await readTopic(brokers(), analystTopic('membership'), (m) => byId(m, marker1.id).length > 0, READ_TIMEOUT);
    expect(byId(messages, first.id)).toHaveLength(1);
    const original = byId(messages, first.id)[0];

    // A crash after the send but before the inbox write: the inbox does not know the event.
    const inboxKey = { _id: `${group}:${first.id}` } as never;
    await waitFor(async () => (await db.collection('inbox').countDocuments(inboxKey)) === 1, 'the inbox to record the event');
    const removed = await db.collection('inbox').deleteOne(inboxKey);
    expect(removed.deletedCount).toBe(1);
    const marker2 = envelopeOf(MemberRegistered, { ...MemberRegistered.example, memberId }, { aggregateId: memberId, version: 3 });
    await publishEnvelopes(brokers(), CONTEXT_TOPICS.membership, [first, marker2]);
    messages = await readTopic(brokers(), analystTopic('membership'), (m) => byId(m, marker2.id).length > 0, READ_TIMEOUT);
    const copies = byId(messages, first.id);
    expect(copies).toHaveLength(2);
    // Same key (same partition), same id, same bytes: analysts drop it by id, nothing differs.
    expect(copies.map((c) => [c.key, c.partition, c.value])).toEqual([
      [original.key, original.partition, original.value],
      [original.key, original.partition, original.value],
    ]);
  });

  it('dead-letters an event that breaks its schema and keeps going', async () => {
    const bad = envelopeOf(MemberRegistered, { ...MemberRegistered.example, idNumber: '370802199001011234' } as never, { aggregateId: 'mem-bad', version: 1 });
    const good = envelopeOf(MemberRegistered, MemberRegistered.example, { aggregateId: 'mem-0001', version: 9 });
    await publishEnvelopes(brokers(), CONTEXT_TOPICS.membership, [bad, good]);
    const messages = await readTopic(brokers(), analystTopic('membership'), (m) => byId(m, good.id).length > 0, READ_TIMEOUT);
    expect(byId(messages, bad.id)).toHaveLength(0);
    expect(messages.some((m) => m.value?.includes('370802199001011234'))).toBe(false);
    const dlq = await readTopic(brokers(), `${CONTEXT_TOPICS.membership}.dlq`, (m) => m.some((x) => x.value?.includes(bad.id)), READ_TIMEOUT);
    expect(dlq.find((x) => x.value?.includes(bad.id))!.headers['x-consumer-group']).toBe(group);
  });

  it('answers health and metrics like every app', async () => {
    await request(app.getHttpServer()).get('/health/ready').expect(200);
    const metrics = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/pb_analyst_events_published_total\{topic="analyst.membership.events"\} \d+/);
  });
});
