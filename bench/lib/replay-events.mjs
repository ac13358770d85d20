// Synthetic but valid membership events for the replay, scale-out and relay phases:
// member registrations (version 1) and, for one member in four, the admission
// as a full member (version 2), spread over districts, zones and organizations.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { ROOT } from '../../scripts/lib/project.mjs';
import { kafkaClient } from './baselines.mjs';

const require = createRequire(import.meta.url);
/** Loaded at first use: this module is imported before the bench builds the apps. */
let evolveMember;

const PLACES = [
  { districtId: 'rencheng', subDistrictId: 'fuqiao', zoneId: 'zone-taibailou' },
  { districtId: 'rencheng', subDistrictId: 'xianying', zoneId: 'zone-haineng' },
  { districtId: 'gaoxin', subDistrictId: 'guanghe', zoneId: 'zone-software-park' },
  { districtId: 'yanzhou', subDistrictId: 'gulou', zoneId: null },
];
const NAMES = ['张明', '王芳', '李娜', '刘伟', '陈静', '杨磊', '赵敏', '黄勇'];

function envelope(type, name, aggregateId, version, place, data, i) {
  const id = randomUUID();
  return {
    specversion: '1.0',
    id,
    source: '/party-building/membership',
    type,
    subject: aggregateId,
    time: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
    datacontenttype: 'application/json',
    dataschema: `schemas/membership/${name}.v1.json`,
    aggregatetype: 'Member',
    aggregateversion: version,
    districtid: place.districtId,
    zoneid: place.zoneId ?? '',
    correlationid: id,
    causationid: id,
    actorid: 'bench',
    data,
  };
}

/** The events in order: member k registered, and every fourth member admitted right after. */
function* events(total) {
  let i = 0;
  for (let k = 0; i < total; k++) {
    const memberId = `mem-r-${k}`;
    const place = PLACES[k % PLACES.length];
    const probationary = k % 4 === 0;
    yield envelope(
      'membership.MemberRegistered.v1',
      'MemberRegistered',
      memberId,
      1,
      place,
      {
        memberId,
        name: NAMES[k % NAMES.length],
        gender: k % 3 === 0 ? 'FEMALE' : 'MALE',
        birthYear: 1960 + (k % 40),
        status: probationary ? 'PROBATIONARY' : 'FULL',
        joinedOn: '2015-07-01',
        organizationId: `org-r-${k % 700}`,
        employerName: null,
        employerCreditCode: null,
        ...place,
      },
      i++,
    );
    if (probationary && i < total) {
      yield envelope('membership.MemberAdmittedAsFull.v1', 'MemberAdmittedAsFull', memberId, 2, place, { memberId, admittedOn: '2026-07-01' }, i++);
    }
  }
}

/** What the read models must hold after a replay of `total` events. */
export function expectedOutcome(total) {
  let members = 0;
  let admitted = 0;
  for (const e of events(total)) {
    if (e.aggregateversion === 1) members += 1;
    else admitted += 1;
  }
  return { events: total, members, admitted };
}

/** Writes `total` events to `topic` (keyed by aggregate, so each member's events stay in order). */
export async function fillTopic({ brokers, topic, total, say }) {
  const producer = kafkaClient(brokers, 'bench-fill').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = Date.now();
  const iterator = events(total);
  let batch = [];
  let sent = 0;
  const inFlight = new Set();
  const flush = async () => {
    const messages = batch;
    batch = [];
    const p = producer.send({ topic, acks: 1, messages }).then(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= 4) await Promise.race(inFlight);
  };
  for (const e of iterator) {
    // Batches go out concurrently: never split a member's two events between them.
    if (batch.length >= 5000 && e.aggregateversion === 1) await flush();
    batch.push({ key: e.subject, value: JSON.stringify(e) });
    sent += 1;
    if (sent % 200000 === 0) say?.(`  filled ${sent}/${total}`);
  }
  if (batch.length) await flush();
  await Promise.all(inFlight);
  await producer.disconnect();
  return { seconds: (Date.now() - started) / 1000 };
}

/**
 * A member's snapshot after its events so far, by membership's own `evolveMember` as built (the
 * bench builds the apps before any phase), stored as its aggregate repository stores one.
 */
function memberSnapshot(previous, e) {
  evolveMember ??= require(path.join(ROOT, 'dist/apps/membership/apps/membership/src/domain/member/member.js')).evolveMember;
  const state = previous ? Object.fromEntries(Object.entries(previous).filter(([k]) => !['_id', 'version', 'lastEventAt'].includes(k))) : null;
  return { ...evolveMember(state, e), _id: e.subject, version: e.aggregateversion, lastEventAt: new Date(e.time) };
}

/**
 * Stores `total` of the same events as a service's unpublished backlog, written as an import writes
 * them (one write id per 500 events): the `outbox` entries, the `events`, the aggregates' snapshots
 * in `members`, and the note that the write's snapshots are all written. Returns how long it took.
 */
export async function fillOutbox({ uri, database, total, say }) {
  const client = new MongoClient(uri);
  await client.connect();
  const db = client.db(database);
  const started = Date.now();
  let chunk = [];
  let written = 0;
  const flush = async () => {
    const writeId = randomUUID();
    // Each write its own instant, as the event store stamps them (one write's events share theirs).
    const storedAt = new Date(Date.now() + written);
    const docs = chunk.map((e) => ({ _id: e.id, aggregateId: e.subject, aggregateType: e.aggregatetype, version: e.aggregateversion, type: e.type, envelope: e, storedAt }));
    await db.collection('outbox').insertMany(
      docs.map((d) => ({ _id: d._id, aggregateId: d.aggregateId, version: d.version, storedAt, writeId, writeSize: docs.length })),
      { ordered: false },
    );
    await db.collection('events').insertMany(docs, { ordered: false });
    const snapshots = new Map();
    for (const e of chunk) snapshots.set(e.subject, memberSnapshot(snapshots.get(e.subject), e));
    await db.collection('members').insertMany([...snapshots.values()], { ordered: false });
    await db.collection('outbox_snapshotted_writes').insertOne({ _id: writeId, at: new Date() });
    written += docs.length;
    chunk = [];
    if (written % 20000 === 0) say?.(`  stored ${written}/${total}`);
  };
  for (const e of events(total)) {
    chunk.push(e);
    // A write never splits a member's events (its snapshot is written once per write).
    if (chunk.length >= 500 && !(e.aggregateversion === 1 && e.data.status === 'PROBATIONARY')) await flush();
  }
  if (chunk.length) await flush();
  await client.close();
  return { seconds: (Date.now() - started) / 1000 };
}
