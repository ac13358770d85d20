import { readFileSync } from 'fs';
import { Kafka, logLevel } from 'kafkajs';
import mongoose, { Connection } from 'mongoose';
import { infraEnv, TcpProxy, testTopic, uniqueName, waitFor } from '@pb/testing';
import { record, say } from '../support/report';
import { Answer, Stack } from '../support/stack';
import { registerJurisdictions } from '../support/world';

/**
 * Messaging faults (#17, item 7), as users meet them through the gateway:
 * - membership's topic accepts at most TOPIC_MAX_MESSAGE_BYTES per partition and request (a topic
 *   configured below the relay's cap): a batch of commands is refused as too large and must be
 *   split, and one event that can never fit (a three-in-one record with 150 units) is set aside
 *   while every other command still reaches the gateway;
 * - meanwhile the gateway's line to its database is cut (a failover, through a TCP proxy: the
 *   shared database stays up for everyone else): its consumer must wait and retry, not
 *   dead-letter the events, and every record's history is complete once the line is back.
 */
const TOPIC_MAX_MESSAGE_BYTES = 6000;
/** The relay holds every batch this long between publishing and marking: commands sent meanwhile pile up into one batch. */
const RELAY_PAUSE_MS = 12_000;
const BURST = 24;
const UNITS = 150;

const ok = (s: number) => s >= 200 && s < 300;

describe('messaging faults: oversized batches and events, a database failover under the gateway’s consumer (#17, item 7)', () => {
  const { KAFKA_BROKERS, MONGODB_URI } = infraEnv();
  const kafka = new Kafka({ clientId: 'messaging-faults', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const proxy = TcpProxy.forMongoUri(MONGODB_URI);
  const membershipTopic = testTopic('membership.events');
  let stack: Stack;
  let membershipDb: Connection;
  const area = { districtId: uniqueName('dmf'), subDistrictId: '', zoneId: '' };
  area.subDistrictId = `${area.districtId}-s`;
  area.zoneId = `${area.districtId}-z`;

  const organization = (organizationId: string, name = '消息故障测试党委') => ({
    organizationId,
    name,
    type: 'JOINT_COMMITTEE',
    districtId: area.districtId,
    subDistrictId: area.subDistrictId,
    zoneId: area.zoneId,
  });
  const history = (id: string): Promise<Answer> => stack.call('GET', `/history/${id}`);
  const typesIn = (answer: Answer): string[] => (answer.status === 200 ? (answer.body.events as { type: string }[]).map((e) => e.type) : []);
  const logOf = (app: 'membership' | 'gateway') => readFileSync(stack.apps[app].logFile, 'utf8');

  beforeAll(async () => {
    await proxy.start();
    // Created before the apps start (they leave existing topics as they are): one partition, so a
    // batch lands in one share, and a limit far below the relay's cap (KAFKA_MAX_BATCH_BYTES, 900 kB).
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: membershipTopic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: String(TOPIC_MAX_MESSAGE_BYTES) }] },
        { topic: `${membershipTopic}.dlq`, numPartitions: 1, replicationFactor: 1 },
      ],
    });
    await admin.disconnect();
    stack = new Stack('msgfaults', { KAFKA_BROKERS, MONGODB_URI }, { gateway: { MONGODB_URI: proxy.uriFor(MONGODB_URI) } });
    await stack.start();
    membershipDb = await mongoose.createConnection(MONGODB_URI, { dbName: stack.databaseOf('membership') }).asPromise();
    await registerJurisdictions(stack, area);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    await membershipDb?.close();
    await proxy.stop();
  });

  it('splits a refused batch, sets aside the one event that never fits, and the gateway’s consumer waits out its database’s failover without dead-lettering', async () => {
    const joint = uniqueName('mfj');
    await stack.callUntil('POST', '/membership/organizations', organization(joint, '运河城联合党委'), ok, 'the joint committee');
    await waitFor(async () => typesIn(await history(joint)).includes('membership.OrganizationRegistered.v1'), 'the joint committee in the gateway’s history', 60_000);

    // Membership again, its relay pausing after each send so that the commands below form one batch.
    await stack.apps.membership.stop('SIGTERM');
    await stack.startApp('membership', { PB_FAULT_RELAY_PAUSE_AFTER_SEND_MS: String(RELAY_PAUSE_MS) });
    const first = uniqueName('mf0');
    await stack.callUntil('POST', '/membership/organizations', organization(first), ok, 'the first organization');
    const burst = Array.from({ length: BURST }, (_, i) => uniqueName(`mf${i + 1}`));
    const units = Array.from({ length: UNITS }, (_, i) => ({ name: `运河城入驻企业第${i + 1}号商贸有限公司` }));
    const answers = await Promise.all([
      ...burst.map((id) => stack.call('POST', '/membership/organizations', organization(id))),
      stack.call('PUT', `/membership/organizations/${joint}/three-in-one`, {
        propertyOwner: { name: '运河城置业有限公司' },
        propertyManager: { name: '运河城物业服务有限公司' },
        residentEnterprises: units,
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([...burst.map(() => 201), 200]);
    const [threeInOne] = await membershipDb.collection('events').find({ aggregateId: joint, type: 'membership.ThreeInOneFormed.v1' }).toArray();
    expect(threeInOne).toBeDefined();

    // The failover: the gateway loses its database while these events reach its consumer.
    proxy.cut();
    say('messaging faults: the gateway’s database line cut; membership’s relay publishes the burst');
    await waitFor(async () => /set aside event/.test(logOf('membership')), 'the relay to set the oversized event aside', 90_000, 500);
    // Past the attempts a bad event gets (5): the old consumer had dead-lettered every event by now.
    await waitFor(async () => /waits for the infrastructure \(attempt 8\)/.test(logOf('gateway')), 'an event to have waited 8 attempts in the gateway', 150_000, 500);
    proxy.restore();
    say('messaging faults: the gateway’s database line restored');

    // Every command reached the gateway; the one event too large for the topic did not.
    for (const id of [first, ...burst]) {
      await waitFor(async () => typesIn(await history(id)).includes('membership.OrganizationRegistered.v1'), `${id} in the gateway’s history`, 120_000, 500);
    }
    expect(typesIn(await history(joint))).not.toContain('membership.ThreeInOneFormed.v1');
    // The gateway's consumer waited inside its batch; it never failed the batch back to kafkajs,
    // which crashes and restarts the consumer (before the fix: a line like this for every attempt).
    expect(logOf('gateway')).not.toContain('Error when calling eachBatch');

    // Set aside visibly: noted beside the outbox, a log line naming it without its content.
    const marked = await membershipDb.collection('outbox_set_aside').findOne({ _id: threeInOne._id } as never);
    expect(marked).toMatchObject({ aggregateId: joint, setAside: { reason: expect.stringMatching(/MESSAGE_TOO_LARGE|RECORD_LIST_TOO_LARGE/), bytes: expect.any(Number) } });
    const membershipLog = logOf('membership');
    expect(membershipLog).toMatch(new RegExp(`set aside event ${threeInOne._id} \\(membership.ThreeInOneFormed.v1`));
    expect(membershipLog).toMatch(/refused \d+ events of up to \d+ bytes per partition as too large/);
    expect(membershipLog).not.toContain('运河城入驻企业');
    expect(await membershipDb.collection('outbox').countDocuments()).toBe(0);

    // Nothing dead-lettered by any consumer of membership's topic (the gateway and three services).
    const admin = kafka.admin();
    await admin.connect();
    const dlq = await admin.fetchTopicOffsets(`${membershipTopic}.dlq`);
    await admin.disconnect();
    expect(dlq.reduce((n, p) => n + Number(p.high), 0)).toBe(0);

    // And the outbox keeps flowing after it: a later command arrives as usual.
    const later = uniqueName('mfz');
    expect((await stack.call('POST', '/membership/organizations', organization(later))).status).toBe(201);
    await waitFor(async () => typesIn(await history(later)).includes('membership.OrganizationRegistered.v1'), 'a later organization in the gateway’s history', 60_000, 500);

    say(`messaging faults: ${BURST + 1} commands all in the gateway's history after the outage, one oversized event set aside, 0 dead letters`);
    record('security-review', {
      checks: [
        `relay and a topic refusing large requests: a batch of ${BURST + 1} commands split and delivered, one ${marked!.setAside.bytes}-byte event set aside (noted, logged without content), the outbox flowing after it`,
        `database failover under the gateway's consumer: events waited past 8 attempts inside the batch (no consumer crash), 0 dead-lettered, every record's history complete after the line came back`,
      ],
    });
  }, 420_000);
});
