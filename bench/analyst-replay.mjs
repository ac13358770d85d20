#!/usr/bin/env node
// Replay at scale: fills a dedicated analyst topic with N events (default one million)
// on the real broker, replays it through the analyst CLI into CSV (counted, not kept),
// prints the CLI's peak RSS and events/s, and deletes the topic.
//   KAFKA_BROKERS=127.0.0.1:9092 node bench/analyst-replay.mjs [--events 1000000] [--keep]
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { events: { type: 'string', default: '1000000' }, keep: { type: 'boolean', default: false }, partitions: { type: 'string', default: '6' } },
});
const total = Number(args.events);
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const topic = `analyst.bench-${randomBytes(4).toString('hex')}.events`;
const kafka = new Kafka({ clientId: 'analyst-bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const say = (m) => process.stderr.write(`[bench] ${m}\n`);

const districts = ['rencheng', 'yanzhou', 'gaoxin', 'taibaihu'];
const zones = ['zone-taibailou', 'zone-software-park', 'zone-xianying', 'zone-wanda'];
const pseudonym = (i) => `psn_${createHash('sha256').update(String(i)).digest('hex').slice(0, 32)}`;

function event(i) {
  const subject = pseudonym(i % 50000);
  const time = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/party-building/activities',
    type: 'activities.MemberCheckedIn.v1',
    subject: `act-${i % 2000}`,
    time,
    datacontenttype: 'application/json',
    dataschema: 'schemas/analyst/activities/MemberCheckedIn.v1.json',
    aggregatetype: 'Activity',
    aggregateversion: 1 + (i % 40),
    districtid: districts[i % 4],
    zoneid: zones[(i >> 2) % 4],
    correlationid: randomUUID(),
    causationid: randomUUID(),
    actorid: pseudonym(1000000 + (i % 300)),
    data: { activityId: `act-${i % 2000}`, memberId: subject, organizationId: `org-${i % 700}`, checkedInAt: time, walkIn: i % 9 === 0 },
  };
}

async function fill() {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: Number(args.partitions) }] });
  await admin.disconnect();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = Date.now();
  const batch = 5000;
  const inFlight = 4;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const from = next;
      next = Math.min(total, next + batch);
      const messages = [];
      for (let i = from; i < next; i++) {
        const e = event(i);
        messages.push({ key: e.subject, value: JSON.stringify(e) });
      }
      await producer.send({ topic, acks: 1, messages });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  await producer.disconnect();
  say(`filled ${topic} with ${total} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function replay() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'tools/analyst-cli/analyst.mjs'), 'replay', '--topic', topic, '--format', 'csv', '--stats'], {
      env: { ...process.env, KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let bytes = 0;
    let rows = 0;
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) rows++;
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve({ bytes, rows, stderr }) : reject(new Error(`CLI exited ${code}: ${stderr}`))));
  });
}

async function main() {
  await fill();
  try {
    const { bytes, rows, stderr } = await replay();
    process.stdout.write(stderr);
    process.stdout.write(`CSV: ${rows} lines (header included), ${(bytes / 1024 / 1024).toFixed(1)} MiB\n`);
    if (rows !== total + 1) throw new Error(`expected ${total + 1} CSV lines, got ${rows}`);
  } finally {
    if (!args.keep) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [topic] }).then(
        () => say(`deleted ${topic}`),
        (e) => say(`could not delete ${topic}: ${e.message}`),
      );
      await admin.disconnect();
    }
  }
}

main().catch((error) => {
  say(`failed: ${error.message}`);
  process.exit(1);
});
