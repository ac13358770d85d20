import { spawn } from 'child_process';
import { randomUUID } from 'crypto';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Kafka, logLevel } from 'kafkajs';
import { AnalystEnvelope, ANALYST_TOPICS, CaseReported, EventDefinition, MemberRegistered, MemberSignedUp, OrganizationRegistered, toAnalystEnvelope } from '@pb/contracts';
import { envelopeOf, exactProducer, infraEnv, REPO_ROOT, testTopicPrefix, uniqueName, waitFor } from '@pb/testing';

const CLI = path.resolve(__dirname, '../analyst.mjs');
const KEY = 'cli-test-key-0123456789abcdef0123456789';
const brokers = () => infraEnv().KAFKA_BROKERS;
const kafka = () => new Kafka({ clientId: 'cli-test', brokers: brokers().split(','), logLevel: logLevel.NOTHING });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}, command: string[] = [process.execPath, CLI]): Promise<Run> & { child: ReturnType<typeof spawn> } {
  const child = spawn(command[0], [...command.slice(1), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, KAFKA_BROKERS: brokers(), KAFKA_TOPIC_PREFIX: testTopicPrefix(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.on('data', (c) => (stderr += c));
  const done = new Promise<Run>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr }))) as Promise<Run> & { child: typeof child };
  done.child = child;
  return done;
}

const lines = (run: Run) =>
  run.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AnalystEnvelope);

type Def<T> = EventDefinition<T> & { type: string };

/** An analyst envelope as analyst-streams would publish it. */
function analystEvent<T>(definition: Def<T>, data: object, options: { subject: string; district: string; zone: string; time: string }): AnalystEnvelope {
  const source = envelopeOf(definition as never, { ...(definition.example as object), ...data } as never, {
    aggregateId: options.subject,
    version: 1,
    districtId: options.district,
    zoneId: options.zone,
    time: options.time,
  });
  return toAnalystEnvelope(definition as unknown as EventDefinition, source, KEY);
}

async function publish(topic: string, events: AnalystEnvelope[], timestamp?: number): Promise<void> {
  const producer = exactProducer(kafka());
  await producer.connect();
  try {
    await producer.send({
      topic: testTopicPrefix() + topic,
      acks: -1,
      messages: events.map((e) => ({ key: e.subject, value: JSON.stringify(e), timestamp: String(timestamp ?? Date.parse(e.time)) })),
    });
  } finally {
    await producer.disconnect();
  }
}

describe('analyst CLI (real Kafka)', () => {
  const district = uniqueName('d');
  const events: AnalystEnvelope[] = [];
  // Analyst events carry the day only (also as their Kafka timestamp): one event per day.
  const T0 = Date.parse('2026-03-01T00:00:00.000Z');
  const DAY = 86_400_000;

  beforeAll(async () => {
    const admin = kafka().admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [ANALYST_TOPICS.membership, ANALYST_TOPICS.activities, ANALYST_TOPICS.governance, ANALYST_TOPICS.enterprise].map((t) => ({
        topic: testTopicPrefix() + t,
        numPartitions: 3,
      })),
    });
    await admin.disconnect();
    for (let i = 0; i < 6; i++) {
      events.push(
        analystEvent(
          MemberRegistered,
          { memberId: `mem-cli-${i}`, name: `测试, "党员" ${i}` },
          {
            subject: `mem-cli-${i}`,
            district: i % 2 === 0 ? district : 'other-district',
            zone: i < 3 ? 'zone-taibailou' : 'zone-software-park',
            time: new Date(T0 + i * DAY).toISOString(),
          },
        ),
      );
    }
    events.push(analystEvent(OrganizationRegistered, {}, { subject: 'org-cli-1', district, zone: 'zone-taibailou', time: new Date(T0 + 7 * DAY).toISOString() }));
    await publish(ANALYST_TOPICS.membership, events);
    await publish(ANALYST_TOPICS.activities, [
      analystEvent(MemberSignedUp, { memberId: 'mem-cli-0' }, { subject: 'act-1', district, zone: 'zone-taibailou', time: new Date(T0).toISOString() }),
    ]);
    await publish(ANALYST_TOPICS.governance, [analystEvent(CaseReported, {}, { subject: 'case-cli', district, zone: 'zone-taibailou', time: new Date(T0).toISOString() })]);
  });

  it('lists the analyst topics with their sizes, and the event types', async () => {
    const topics = await cli(['topics']);
    expect(topics.code).toBe(0);
    expect(topics.stdout).toContain(`${testTopicPrefix()}analyst.membership.events\t3 partitions\t7 events`);
    const types = await cli(['types', '--context', 'membership']);
    expect(types.code).toBe(0);
    expect(types.stdout).toMatch(/^membership\.MemberRegistered\.v1\tanalyst\.membership\.events\t党员已登记/m);
    expect(types.stdout).not.toContain('activities.');
  });

  it('replays from the beginning as NDJSON, filtered by type, district and zone', async () => {
    const all = await cli(['replay', '--from-beginning']);
    expect(all.code).toBe(0);
    expect(lines(all)).toHaveLength(9);

    const run = await cli(['replay', '--context', 'membership', '--type', 'membership.MemberRegistered', '--district', district, '--zone', 'zone-taibailou']);
    expect(run.code).toBe(0);
    const got = lines(run);
    expect(got.map((e) => e.id).sort()).toEqual([events[0].id, events[2].id].sort());
    // What analysts get is the pseudonymised form: no names, no clear ids.
    expect(run.stdout).not.toContain('测试');
    expect(run.stdout).not.toContain('mem-cli-');
  });

  it('writes CSV that a standard CSV parser reads back, one row per event', async () => {
    const run = await cli(['replay', '--context', 'membership', '--format', 'csv']);
    expect(run.code).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(7);
    expect(Object.keys(rows[0])).toEqual(['id', 'time', 'type', 'context', 'subject', 'districtid', 'zoneid', 'aggregatetype', 'actorid', 'data']);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const event of events) {
      const row = byId.get(event.id)!;
      expect(row).toMatchObject({ type: event.type, context: 'membership', subject: event.subject, districtid: event.districtid, zoneid: event.zoneid, time: event.time });
      expect(JSON.parse(row.data)).toEqual(event.data);
    }
  });

  it('writes CSV to the --output file, even run through npm (whose banner lines go to standard output)', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'analyst-cli-')), 'all.csv');
    const run = await cli(['--', 'replay', '--context', 'membership', '--format', 'csv', '--output', file], {}, ['npm', 'run', '--loglevel=notice', 'analyst']);
    expect(run.code).toBe(0);
    // npm's banner (`> … analyst`, `> node tools/analyst-cli/analyst.mjs …`) stays on the terminal…
    expect(run.stdout).toMatch(/^> .*analyst/m);
    // …and the file is exactly the CSV: the header first, one row per event.
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('id,time,type,context,subject,districtid,zoneid,aggregatetype,actorid,data');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id).sort()).toEqual(
      events
        .filter((e) => e.type.startsWith('membership.'))
        .map((e) => e.id)
        .sort(),
    );

    const nowhere = await cli(['replay', '--context', 'membership', '--output', path.join(file, 'not-a-directory', 'x.csv')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('无法写入输出文件');
  });

  it('replays from a time', async () => {
    const run = await cli(['replay', '--context', 'membership', '--since', '2026-03-05T00:00:00+08:00']);
    expect(run.code).toBe(0);
    expect(
      lines(run)
        .map((e) => e.id)
        .sort(),
    ).toEqual([events[4].id, events[5].id, events[6].id].sort());
  });

  it('gives each analyst a named consumer group that resumes where it stopped', async () => {
    const group = uniqueName('analyst-wang');
    const first = await cli(['replay', '--context', 'membership', '--group', group, '--max', '3']);
    expect(first.code).toBe(0);
    const firstIds = lines(first).map((e) => e.id);
    expect(firstIds).toHaveLength(3);

    const second = await cli(['replay', '--context', 'membership', '--group', group]);
    expect(second.code).toBe(0);
    const secondIds = lines(second).map((e) => e.id);
    // Together exactly the topic, nothing twice, nothing lost.
    expect([...firstIds, ...secondIds].sort()).toEqual(events.map((e) => e.id).sort());

    const nothingNew = await cli(['replay', '--context', 'membership', '--group', group]);
    expect(lines(nothingNew)).toEqual([]);

    const later = analystEvent(MemberRegistered, { memberId: 'mem-cli-late' }, { subject: 'mem-cli-late', district, zone: 'zone-taibailou', time: new Date().toISOString() });
    await publish(ANALYST_TOPICS.membership, [later]);
    const third = await cli(['replay', '--context', 'membership', '--group', group]);
    expect(lines(third).map((e) => e.id)).toEqual([later.id]);
    events.push(later);
  });

  it('tails live events with a named group, then resumes after being stopped', async () => {
    const group = uniqueName('analyst-li');
    const tail = cli(['tail', '--context', 'activities', '--group', group, '--max', '1']);
    // The group's start position is written before it consumes: then it is listening.
    const admin = kafka().admin();
    await admin.connect();
    await waitFor(async () => {
      const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [testTopicPrefix() + ANALYST_TOPICS.activities] });
      return offsets.partitions.every((p) => Number(p.offset) >= 0);
    }, 'the tail to start');
    const live = analystEvent(MemberSignedUp, { memberId: 'mem-cli-live' }, { subject: 'act-2', district, zone: 'zone-taibailou', time: new Date().toISOString() });
    await publish(ANALYST_TOPICS.activities, [live]);
    const run = await tail;
    expect(run.code).toBe(0);
    // Only what happened after it started: not the older sign-up.
    expect(lines(run).map((e) => e.id)).toEqual([live.id]);

    // Stopped; two more happen; the same group picks them up, and only them.
    const missed = [1, 2].map((i) =>
      analystEvent(MemberSignedUp, { memberId: `mem-cli-missed-${i}` }, { subject: `act-3${i}`, district, zone: 'zone-taibailou', time: new Date().toISOString() }),
    );
    await publish(ANALYST_TOPICS.activities, missed);
    const resumed = await cli(['tail', '--context', 'activities', '--group', group, '--max', '2']);
    expect(
      lines(resumed)
        .map((e) => e.id)
        .sort(),
    ).toEqual(missed.map((e) => e.id).sort());
    await admin.disconnect();
  });

  it('says clearly, in Chinese and English, when the broker is unreachable, and exits non-zero', async () => {
    const started = Date.now();
    const run = await cli(['replay', '--brokers', '127.0.0.1:1']);
    expect(run.code).toBe(69);
    expect(run.stderr).toContain('无法连接 Kafka 服务器 127.0.0.1:1');
    expect(run.stderr).toContain('cannot reach the Kafka broker at 127.0.0.1:1');
    expect(run.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(30000);
  });

  it('refuses service topics and bad options with a usage error', async () => {
    const service = await cli(['replay', '--topic', 'membership.events']);
    expect(service.code).toBe(2);
    expect(service.stderr).toContain('只能订阅分析主题');
    const badTime = await cli(['replay', '--since', 'yesterday']);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('--since');
    const badFormat = await cli(['replay', '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    const noSuchTopic = await cli(['replay', '--topic', `analyst.${randomUUID()}.events`]);
    expect(noSuchTopic.code).toBe(2);
  });
});
