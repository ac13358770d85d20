#!/usr/bin/env node
// `npm run bench`: starts the real stack on an infra set of its own (Kafka
// 28092, FerretDB 28017, data under .data/bench), measures the platform beside
// raw baselines taken in the same run, prints a table and writes
// bench/results/<date>.json. docs/performance.md explains how to read it.
//
//   npm run bench                         default sizes (about 8 minutes on 2 quiet cores, 25 on busy ones)
//   BENCH_SCALE=full npm run bench        the issue's sizes: 100,000-row import, 1,000,000-event replay
//   npm run bench -- --replay 200000 --import 50000 --duration 30 --connections 16 --skip scale
//   npm run bench -- --keep-infra         leave the bench's Kafka/FerretDB running afterwards
//   npm run bench -- --profile gateway,membership   CPU profiles of those apps in bench/profiles/
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConstantBackoff, handleAll, retry } from 'cockatiel';
import { MongoClient } from 'mongodb';
import { ensureInfra, infraStatus, stopInfra } from '../scripts/infra.mjs';
import { ensureBuilt, ROOT } from '../scripts/lib/project.mjs';
import { seedClient } from '../scripts/seed/client.mjs';
import { closedLoop, keepAliveAgent, openLoop, percentile, request, round, summary } from './lib/load.mjs';
import { createTopic, deleteTopics, kafkaClient, rawBulkInserts, rawConsumeAll, rawProduceConsume, rawSingleInserts, topicSize } from './lib/baselines.mjs';
import { BENCH_INFRA, PORTS, rssOf, sampleRss, say, sleep, startApp, startScript } from './lib/stack.mjs';
import { childNamed, clkTck, cpuSampler, ownCpuSampler } from './lib/cpu.mjs';
import { BENCH_ORG, BENCH_ZONE, IMPORT_HEADER, IMPORT_ORG, IMPORT_ZONE, importRow, LAG_ORG, LAG_ZONE, mixCommand, registration } from './lib/fixtures.mjs';
import { expectedOutcome, fillOutbox, fillTopic } from './lib/replay-events.mjs';

process.setMaxListeners(64); // one exit hook per started process

// `scaleOut`: events of the scale-out's topic (the replay's own topic when it is the same size).
// `full` keeps the issue's import and replay sizes and fits an hour on a quiet two-core machine at
// the rates of 2026-12-06 (docs/performance.md, "Running it"): 30 s load phases, a 200,000-event
// scale-out, and a time limit on the replay.
const SCALES = {
  quick: { duration: 5, lagSeconds: 8, connections: 8, import: 2000, relay: 5000, replay: 10000, scaleOut: 10000 },
  default: { duration: 15, lagSeconds: 20, connections: 16, import: 5000, relay: 20000, replay: 50000, scaleOut: 50000 },
  full: { duration: 30, lagSeconds: 30, connections: 16, import: 100000, relay: 100000, replay: 1000000, scaleOut: 200000 },
};
/** How long an import may take to show in the dashboard before the bench moves on and says how far it got. */
const IMPORT_VISIBLE_LIMIT_MS = 10 * 60_000;
/** A relay backlog smaller than this at the import's end is too small to time in deciles: the relay kept up. */
const MIN_BACKLOG_FOR_DECILES = 1000;
/** Documents of the raw insertMany baseline: enough for a steady rate, a few seconds on this machine. */
const RAW_BULK_DOCUMENTS = 20000;
/** The least time both scale-out instances run together before one is killed. */
const MIN_WINDOW_MS = 3000;
const PHASES = ['baselines', 'pipeline', 'mix', 'lag', 'dashboard', 'import', 'relay', 'replay', 'scale'];

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: process.env.BENCH_SCALE ?? 'default' },
    duration: { type: 'string' },
    'lag-seconds': { type: 'string' },
    connections: { type: 'string' },
    import: { type: 'string' },
    relay: { type: 'string' },
    replay: { type: 'string' },
    'scale-out': { type: 'string' },
    skip: { type: 'string', default: '' },
    'keep-infra': { type: 'boolean', default: false },
    profile: { type: 'string', default: '' },
  },
});
if (!SCALES[args.scale]) throw new Error(`BENCH_SCALE/--scale must be one of ${Object.keys(SCALES).join(', ')}`);
const sizes = { ...SCALES[args.scale] };
for (const [flag, key] of [
  ['duration', 'duration'],
  ['lag-seconds', 'lagSeconds'],
  ['connections', 'connections'],
  ['import', 'import'],
  ['relay', 'relay'],
  ['replay', 'replay'],
  ['scale-out', 'scaleOut'],
]) {
  if (args[flag] !== undefined) sizes[key] = Number(args[flag]);
}
const skip = new Set(args.skip.split(',').filter(Boolean));
const unknownPhases = [...skip].filter((phase) => !PHASES.includes(phase));
if (unknownPhases.length) throw new Error(`--skip ${unknownPhases.join(',')}: no such phase; the phases are ${PHASES.join(', ')}`);
const runs = (phase) => !skip.has(phase);
// Apps (or the replay's instances by name: replay-gateway, scale-a, scale-b) run with --cpu-prof.
const profiled = new Set(args.profile.split(',').filter(Boolean));
const start = (app, options) => startApp(app, { ...options, profileDir: profiled.has(options.name ?? app) ? path.join(ROOT, 'bench/profiles') : undefined });

const runId = new Date().toISOString().slice(5, 16).replace(/[-:T]/g, '') + crypto.randomBytes(2).toString('hex');
const PREFIX = `b${runId}.`;
const db = (name) => `b${runId}_${name}`.slice(0, 38);
// One internal-token key per service (the gateway holds all four); each app is given only its own below.
const internalKeys = Object.fromEntries(['membership', 'activities', 'governance', 'enterprise'].map((s) => [s, crypto.randomBytes(32).toString('base64url')]));
const secrets = {
  JWT_SECRET: crypto.randomBytes(32).toString('base64url'),
  MEMBERSHIP_DATA_KEY: crypto.randomBytes(32).toString('base64'),
  ANALYST_PSEUDONYM_KEY: crypto.randomBytes(32).toString('base64url'),
  FIRST_ADMIN_USERNAME: 'bench-admin',
  FIRST_ADMIN_PASSWORD: crypto.randomBytes(16).toString('base64url'),
};
const APPS = ['membership', 'activities', 'governance', 'enterprise', 'analyst-streams', 'gateway'];

const results = {
  date: new Date().toISOString(),
  machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version },
  scale: args.scale,
  sizes,
  baselines: {},
  pipeline: {},
  dashboard: {},
  import: {},
  replay: {},
  scaleOut: {},
  cpu: {},
  memory: {},
  targets: [],
};

let infra;
const running = [];

async function main() {
  say(`run ${runId}, scale ${args.scale}: ${JSON.stringify(sizes)}`);
  infra = await ensureInfra({ ...BENCH_INFRA, log: (m) => say(m) });
  const brokers = infra.kafkaBrokers;
  const mongoUri = infra.mongodbUri;
  // What an interrupted earlier run left behind on the bench's own infra set.
  const leftovers = await removeRunData(true);
  if (leftovers > 0) say(`removed ${leftovers} topics (and their databases) of earlier interrupted runs`);
  ensureBuilt(APPS);
  const infraProcesses = await infraProcessesOf();
  say(`infrastructure processes (CPU sampled from /proc, ${clkTck()} ticks/s): ${JSON.stringify(infraProcesses)}`);

  // ---- the stack -------------------------------------------------------------------------
  const common = { ...secrets, KAFKA_BROKERS: brokers, MONGODB_URI: mongoUri, KAFKA_TOPIC_PREFIX: PREFIX, ACCESS_TOKEN_TTL_SECONDS: '3600' };
  const apps = {};
  // A gateway signs its calls to each service with that service's key; it refuses to start without them.
  const gatewayInternalKeys = Object.fromEntries(Object.entries(internalKeys).map(([s, key]) => [`INTERNAL_TOKEN_SECRET_${s.toUpperCase()}`, key]));
  const envOf = (app) => ({
    ...common,
    MONGODB_DATABASE: db(app),
    KAFKA_GROUP_ID: `${PREFIX}${app}`,
    // The bench measures import throughput at up to 100,000 rows, above the per-user hourly import limit.
    ...(app === 'membership' ? { MEMBER_IMPORT_ROWS_PER_HOUR: '10000000' } : {}),
    ...(app === 'gateway' ? Object.fromEntries(['membership', 'activities', 'governance', 'enterprise'].map((s) => [`${s.toUpperCase()}_URL`, `http://127.0.0.1:${PORTS[s]}`])) : {}),
    ...(app === 'gateway' ? gatewayInternalKeys : {}),
    ...(internalKeys[app] ? { INTERNAL_TOKEN_SECRET: internalKeys[app] } : {}),
  });
  say(`starting ${APPS.join(', ')} on ports ${PORTS.gateway}-${PORTS['analyst-streams']} ...`);
  await Promise.all(
    APPS.map(async (app) => {
      apps[app] = await start(app, { port: PORTS[app], env: envOf(app) });
      running.push(apps[app]);
    }),
  );
  const bare = await startScript('bench/bare-app.mjs', { port: PORTS.bare, probe: '/bare' });
  running.push(bare);
  const gateway = apps.gateway.url;
  await sleep(5000);
  results.memory.idle = Object.fromEntries(Object.entries(apps).map(([name, a]) => [name, rssOf(a.pid).rss]));
  say(`idle RSS (MiB): ${JSON.stringify(results.memory.idle)}`);

  const client = await seedClient({ gatewayUrl: gateway, username: secrets.FIRST_ADMIN_USERNAME, password: secrets.FIRST_ADMIN_PASSWORD, log: (m) => say(m) });
  const token = (
    await (
      await fetch(`${gateway}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: secrets.FIRST_ADMIN_USERNAME, password: secrets.FIRST_ADMIN_PASSWORD }),
      })
    ).json()
  ).accessToken;
  const auth = { authorization: `Bearer ${token}` };
  const mongo = new MongoClient(mongoUri);
  await mongo.connect();
  const gatewayDb = mongo.db(db('gateway'));

  // Sizes of what the pipeline moves, so the raw baselines move the same.
  const sample = registration(5, 0, BENCH_ORG.organizationId, runId);
  const envelopeBytes = 900 + JSON.stringify(sample).length; // the envelope's attributes plus the payload
  const storedBytes = envelopeBytes + 250;
  results.eventBytes = { envelope: envelopeBytes, stored: storedBytes };

  // ---- set-up: the demo jurisdiction tree, the sub-districts' working committees, the bench's own zones
  say('set-up: jurisdictions and organizations ...');
  const { JURISDICTIONS, ORGANIZATIONS } = await import('../scripts/seed/membership-ids.mjs');
  for (const jurisdiction of [...JURISDICTIONS, BENCH_ZONE, LAG_ZONE, IMPORT_ZONE]) await client.call('POST', '/membership/jurisdictions', jurisdiction);
  for (const org of [...ORGANIZATIONS.filter((o) => o.organizationId.endsWith('-working-committee')), BENCH_ORG, LAG_ORG, IMPORT_ORG])
    await client.call('POST', '/membership/organizations', org);
  // One command of each kind, retried until every service has learned the zone from membership's events.
  for (let i = 0; i < 4; i++) {
    const [, p, body] = mixCommand(1_000_000 + i, runId);
    await client.call('POST', p, body, { retryFor: 60000 });
  }
  const C = sizes.connections;
  const D = sizes.duration * 1000;

  // ---- baselines -------------------------------------------------------------------------
  if (runs('baselines')) {
    say(`baseline: bare Nest endpoint, ${C} connections, ${sizes.duration} s each for GET and POST ...`);
    results.baselines.bareGet = await closedLoop({ connections: C, durationMs: D, warmupMs: 1000, next: () => ({ url: `${bare.url}/bare` }) });
    results.baselines.barePost = await closedLoop({
      connections: C,
      durationMs: D,
      warmupMs: 1000,
      next: (i) => ({ url: `${bare.url}/bare`, method: 'POST', body: registration(5, i, 'x', runId) }),
    });
    say(`baseline: raw MongoDB single inserts (${storedBytes} B documents), ${C} in flight ...`);
    // Its CPU as a registration's is measured: the database's processes, and the client (this process) in place of the apps.
    results.baselines.mongoInsert = await rawSingleInserts({
      uri: mongoUri,
      database: db('raw'),
      size: storedBytes,
      concurrency: C,
      durationMs: D,
      sample: () => {
        const database = cpuSampler({ ferretdb: infraProcesses.ferretdb, postgresql: infraProcesses.postgresql });
        const client = ownCpuSampler();
        return { stop: () => ({ ...database.stop(), client: client.stop() }) };
      },
    });
    const rawCpu = results.baselines.mongoInsert.cpuMs;
    if (rawCpu) {
      const total = Object.values(rawCpu).reduce((a, v) => a + (v ?? 0), 0);
      results.cpu.rawInsertOne = { inserts: results.baselines.mongoInsert.inserts, ms: rawCpu, perInsertMs: round(total / results.baselines.mongoInsert.inserts, 3) };
    }
    // Every replayed event and every imported row is at least one document written: the database's bulk rate bounds both.
    say(`baseline: raw MongoDB insertMany (${storedBytes} B documents, batches of 500) ...`);
    results.baselines.mongoInsertMany = await rawBulkInserts({ uri: mongoUri, database: db('rawbulk'), size: storedBytes, total: RAW_BULK_DOCUMENTS });
    say(`baseline: raw kafkajs produce-and-consume (${envelopeBytes} B messages), ${C} producers ...`);
    results.baselines.kafka = await rawProduceConsume({ brokers, topic: `${PREFIX}raw-produce-consume`, size: envelopeBytes, concurrency: C, durationMs: D });
    say(
      `baselines: ${JSON.stringify({ rawInsertOneCpuMs: results.cpu.rawInsertOne ?? null, bareGet: results.baselines.bareGet.perSecond, barePost: results.baselines.barePost.perSecond, mongo: results.baselines.mongoInsert.perSecond, mongoInsertMany: results.baselines.mongoInsertMany.perSecond, kafka: results.baselines.kafka.perSecond })}`,
    );
  }

  const dashboardAgent = keepAliveAgent(2);
  const zoneMembers = async (zoneId) => {
    const res = await request(dashboardAgent, `${gateway}/api/dashboard?scope=zone&id=${zoneId}`, { headers: auth, wantBody: true });
    return res.status === 200 ? JSON.parse(res.body).members : null;
  };
  const waitUntil = async (check, timeoutMs, everyMs = 200) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return true;
      await sleep(everyMs);
    }
    return false;
  };

  // CPU of every app and of the infrastructure while a phase's commands go through, per command acknowledged.
  const sampleCpu = () => cpuSampler({ ...Object.fromEntries(Object.entries(apps).map(([name, a]) => [name, { pid: a.pid }])), ...infraProcesses });
  const cpuPerCommand = (ms, commands, seconds) => {
    const per = Object.fromEntries(Object.entries(ms).map(([name, v]) => [name, v === null || !commands ? null : round(v / commands, 2)]));
    const known = Object.values(ms).filter((v) => v !== null);
    // What the processes spend idle (polling) over as long, for reading a small run's figures.
    const idle = results.cpu.idleMsPerSecond ? Object.values(results.cpu.idleMsPerSecond).reduce((a, v) => a + (v ?? 0), 0) * seconds : null;
    return {
      commands,
      seconds: round(seconds, 2),
      ms,
      perCommandMs: per,
      allPerCommandMs: commands ? round(known.reduce((a, v) => a + v, 0) / commands, 2) : null,
      idlePerCommandMs: commands && idle !== null ? round(idle / commands, 2) : null,
    };
  };
  {
    const idle = sampleCpu();
    await sleep(3000);
    results.cpu.idleMsPerSecond = Object.fromEntries(Object.entries(idle.stop()).map(([name, v]) => [name, v === null ? null : round(v / 3, 1)]));
    say(`idle CPU (ms per second): ${JSON.stringify(results.cpu.idleMsPerSecond)}`);
  }

  // ---- 1. command pipeline: registrations ---------------------------------------------------
  const loadPeak = sampleRss(Object.fromEntries(Object.entries(apps).map(([k, a]) => [k, a])));
  if (runs('pipeline')) {
    say(`pipeline: member registrations through the gateway, ${C} connections, ${sizes.duration} s ...`);
    const before = (await zoneMembers(BENCH_ZONE.jurisdictionId)) ?? 0;
    const cpu = sampleCpu();
    const started = performance.now();
    const load = await closedLoop({
      connections: C,
      durationMs: D,
      next: (i) => ({ url: `${gateway}/api/membership/members`, method: 'POST', headers: auth, body: registration(5, i, BENCH_ORG.organizationId, runId) }),
    });
    const acked = load.requests;
    const allVisible = await waitUntil(async () => ((await zoneMembers(BENCH_ZONE.jurisdictionId)) ?? 0) >= before + acked, 300000, 100);
    const visibleSeconds = (performance.now() - started) / 1000;
    // Until the dashboard counts them all: the relay's and the consumers' work for them included.
    results.cpu.registrations = cpuPerCommand(cpu.stop(), acked, visibleSeconds);
    say(`pipeline CPU: ${JSON.stringify(results.cpu.registrations)}`);
    results.pipeline.registrations = {
      acknowledged: acked,
      ackPerSecond: load.perSecond,
      ackLatencyMs: load.latencyMs,
      statuses: load.statuses,
      allVisible,
      secondsUntilAllVisible: round(visibleSeconds, 2),
      // Sustained = acknowledged AND visible in the dashboard: the slower of the write path and the event path.
      sustainedPerSecond: round(acked / Math.max(visibleSeconds, load.seconds)),
    };
    say(`pipeline: ${JSON.stringify(results.pipeline.registrations)}`);
  }

  // ---- 1b. a mix of commands from all four services -------------------------------------------
  if (runs('mix')) {
    say(`pipeline mix: membership/activities/governance/enterprise commands in turn, ${C} connections, ${sizes.duration} s ...`);
    const contexts = ['membership', 'activities', 'governance', 'enterprise'];
    const countsBefore = Object.fromEntries(await Promise.all(contexts.map(async (c) => [c, await gatewayDb.collection('event_log').countDocuments({ context: c })])));
    const perContext = Object.fromEntries(contexts.map((c) => [c, { ok: 0, latencies: [] }]));
    const cpu = sampleCpu();
    const started = performance.now();
    const load = await closedLoop({
      connections: C,
      durationMs: D,
      next: (i) => {
        const [, p, body] = mixCommand(i, runId);
        return { url: `${gateway}/api${p}`, method: 'POST', headers: auth, body };
      },
      onDone: (i, res, t0, t1) => {
        const [c] = mixCommand(i, runId);
        if (res.status >= 200 && res.status < 300) {
          perContext[c].ok += 1;
          perContext[c].latencies.push(t1 - t0);
        }
      },
    });
    const allVisible = await waitUntil(
      async () => {
        for (const c of contexts) if ((await gatewayDb.collection('event_log').countDocuments({ context: c })) < countsBefore[c] + perContext[c].ok) return false;
        return true;
      },
      300000,
      250,
    );
    const visibleSeconds = (performance.now() - started) / 1000;
    results.cpu.mix = cpuPerCommand(cpu.stop(), load.requests, visibleSeconds);
    say(`mix CPU: ${JSON.stringify(results.cpu.mix)}`);
    results.pipeline.mix = {
      acknowledged: load.requests,
      ackPerSecond: load.perSecond,
      statuses: load.statuses,
      byService: Object.fromEntries(contexts.map((c) => [c, { acknowledged: perContext[c].ok, ackLatencyMs: summary(perContext[c].latencies) }])),
      allVisible,
      secondsUntilAllVisible: round(visibleSeconds, 2),
      sustainedPerSecond: round(load.requests / Math.max(visibleSeconds, load.seconds)),
    };
    say(`mix: ${JSON.stringify(results.pipeline.mix)}`);
  }
  results.memory.underLoad = loadPeak.stop();

  // ---- 1c. lag from acknowledgement to the dashboard at half the sustained rate -----------------
  if (runs('lag')) {
    const sustained = results.pipeline.registrations?.sustainedPerSecond ?? 20;
    const rate = Math.max(1, sustained / 2);
    const count = Math.max(10, Math.round(rate * sizes.lagSeconds));
    say(`lag: ${count} registrations at ${round(rate)}/s (half the sustained rate), dashboard polled continuously ...`);
    const acks = [];
    const visibleAt = []; // [time, count]
    let polling = true;
    const base = (await zoneMembers(LAG_ZONE.jurisdictionId)) ?? 0;
    const pollAgent = keepAliveAgent(1);
    const poller = (async () => {
      while (polling) {
        const res = await request(pollAgent, `${gateway}/api/dashboard?scope=zone&id=${LAG_ZONE.jurisdictionId}`, { headers: auth, wantBody: true });
        if (res.status === 200) visibleAt.push([performance.now(), JSON.parse(res.body).members - base]);
        await sleep(20);
      }
    })();
    const load = await openLoop({
      ratePerSecond: rate,
      count,
      next: (i) => ({ url: `${gateway}/api/membership/members`, method: 'POST', headers: auth, body: registration(7, i, LAG_ORG.organizationId, runId) }),
      onDone: (i, res, t0, t1) => res.status >= 200 && res.status < 300 && acks.push(t1),
    });
    await waitUntil(async () => (visibleAt.at(-1)?.[1] ?? 0) >= acks.length, 120000, 100);
    polling = false;
    await poller;
    // The k-th acknowledgement counts as visible at the first poll that shows at least k members.
    acks.sort((a, b) => a - b);
    const lags = [];
    let p = 0;
    for (let k = 0; k < acks.length; k++) {
      while (p < visibleAt.length && (visibleAt[p][1] < k + 1 || visibleAt[p][0] < acks[k])) p++;
      if (p < visibleAt.length) lags.push(visibleAt[p][0] - acks[k]);
    }
    const pollGaps = visibleAt.slice(1).map((v, i) => v[0] - visibleAt[i][0]);
    results.pipeline.lag = {
      ratePerSecond: round(rate),
      sent: count,
      acknowledged: acks.length,
      statuses: load.statuses,
      ackLatencyMs: load.latencyMs,
      lagMs: summary(lags),
      measured: lags.length,
      pollIntervalMs: round(percentile(Float64Array.from(pollGaps).sort(), 50)),
    };
    say(`lag: ${JSON.stringify(results.pipeline.lag)}`);
  }

  // ---- 2. dashboard reads beside the bare endpoint --------------------------------------------
  if (runs('dashboard')) {
    say(`dashboard reads: bare GET, district (rencheng) and city dashboards, ${C} connections, ${sizes.duration} s each ...`);
    results.dashboard.bare = await closedLoop({ connections: C, durationMs: D, warmupMs: 1000, next: () => ({ url: `${bare.url}/bare` }) });
    results.dashboard.district = await closedLoop({
      connections: C,
      durationMs: D,
      warmupMs: 1000,
      next: () => ({ url: `${gateway}/api/dashboard?scope=district&id=rencheng`, headers: auth }),
    });
    results.dashboard.city = await closedLoop({ connections: C, durationMs: D, warmupMs: 1000, next: () => ({ url: `${gateway}/api/dashboard?scope=city`, headers: auth }) });
    results.dashboard.membersInCity = (await (await fetch(`${gateway}/api/dashboard?scope=city`, { headers: auth })).json()).members;
    say(`dashboard: bare ${results.dashboard.bare.perSecond}/s, district ${results.dashboard.district.perSecond}/s, city ${results.dashboard.city.perSecond}/s`);
  }

  // ---- 3. bulk import ------------------------------------------------------------------------
  if (runs('import') && sizes.import > 0) {
    const CHUNK = 200;
    say(`import: ${sizes.import} members from CSV through the gateway in chunks of ${CHUNK} ...`);
    const peak = sampleRss({ membership: apps.membership }, 100);
    // Membership's relay, followed from the import's start: [time, events published] every 500 ms.
    const published = [];
    let following = true;
    const relayFollower = (async () => {
      while (following) {
        const count = await publishedBy(apps.membership);
        if (count !== null) published.push([performance.now(), count]);
        await sleep(500);
      }
    })();
    const started = performance.now();
    const totals = { imported: 0, existing: 0, failed: 0, requests: 0, statuses: {} };
    const agent = keepAliveAgent(2);
    let next = 0;
    const chunkRetry = retry(handleAll, { maxAttempts: 4, backoff: new ConstantBackoff(5000) });
    const worker = async () => {
      while (next < sizes.import) {
        const from = next;
        next = Math.min(sizes.import, next + CHUNK);
        const rows = [];
        for (let n = from; n < next; n++) rows.push(importRow(9, n, IMPORT_ORG.organizationId, runId));
        // A chunk that outlasts the gateway's timeout (503) goes again: rows already stored come back as 已存在.
        const report = await chunkRetry
          .execute(async () => {
            const res = await request(agent, `${gateway}/api/membership/members/imports`, {
              method: 'POST',
              headers: auth,
              body: { csv: [IMPORT_HEADER, ...rows].join('\n') },
              wantBody: true,
              timeoutMs: 60000,
            });
            totals.requests += 1;
            totals.statuses[res.status] = (totals.statuses[res.status] ?? 0) + 1;
            if (res.status === 200) return JSON.parse(res.body);
            say(`  import chunk -> ${res.status}: ${String(res.body).slice(0, 120)}`);
            throw new Error(`import chunk answered ${res.status}`);
          })
          .catch(() => null);
        if (!report) {
          totals.failed += rows.length;
          continue;
        }
        totals.imported += report.imported;
        totals.existing += report.existing;
        totals.failed += report.failed;
        if (report.failed > 0 && totals.failed === report.failed) say(`  import problems: ${JSON.stringify(report.problems.slice(0, 3))}`);
      }
    };
    await Promise.all([worker(), worker()]);
    // A chunk the gateway gave up on (503 after 10 s) may still be stored by membership: count what it
    // holds, and time the import until the count stops growing.
    const membershipDb = mongo.db(db('membership'));
    const stored = () => membershipDb.collection('members').countDocuments({ organizationId: IMPORT_ORG.organizationId });
    let imported = await stored();
    for (let still = 0; imported < sizes.import && still < 10;) {
      await sleep(1000);
      const now = await stored();
      still = now === imported ? still + 1 : 0;
      imported = now;
    }
    const seconds = (performance.now() - started) / 1000;
    const endedAt = performance.now();
    const visible = await waitUntil(async () => ((await zoneMembers(IMPORT_ZONE.jurisdictionId)) ?? 0) >= imported, IMPORT_VISIBLE_LIMIT_MS, 1000);
    // What the dashboard showed when the wait ended: with the time it took, the rate the events got through.
    const visibleRows = visible ? imported : ((await zoneMembers(IMPORT_ZONE.jurisdictionId)) ?? 0);
    const visibleSeconds = (performance.now() - started) / 1000;
    following = false;
    await relayFollower;
    const lastCount = await publishedBy(apps.membership);
    if (lastCount !== null) published.push([performance.now(), lastCount]);
    const rss = peak.stop();
    results.import = {
      rows: sizes.import,
      chunkRows: CHUNK,
      ...totals,
      stored: imported,
      seconds: round(seconds, 2),
      rowsPerSecond: round(imported / seconds),
      allVisibleInDashboard: visible,
      secondsUntilVisible: round(visibleSeconds, 2),
      visibleInDashboard: visibleRows,
      membershipPeakRssMiB: rss.membership,
      membershipRssHighWaterMiB: rssOf(apps.membership.pid).hwm,
      rawInsertManyPerSecond: results.baselines.mongoInsertMany?.perSecond ?? null,
      visibleWithinImportTimes: round(visibleSeconds / seconds, 2),
      relay: relayDeciles(published, { startedAt: started, endedAt, events: imported }),
    };
    say(`import: ${JSON.stringify(results.import)}`);
  }

  // ---- 3b. the relay alone on a large backlog ------------------------------------------------
  if (runs('relay') && sizes.relay > 0) {
    // A membership instance of its own (own database, own topic, nobody consuming it), stopped while
    // its outbox is filled with `sizes.relay` stored events, then started: its relay drains the
    // backlog as it would after an outage or a large import, with nothing else competing.
    const env = { ...envOf('membership'), MONGODB_DATABASE: db('relay'), KAFKA_TOPIC_PREFIX: `${PREFIX}relay.`, KAFKA_GROUP_ID: `${PREFIX}relay-membership` };
    const topic = `${PREFIX}relay.membership.events`;
    say(`relay: ${sizes.relay} stored, unpublished events in a membership database of its own, drained into ${topic} ...`);
    // The first start creates the collections and indexes, as a deployed service has them.
    await (await start('membership', { port: PORTS.relay, env, name: 'relay-membership' })).stop();
    const filled = await fillOutbox({ uri: mongoUri, database: db('relay'), total: sizes.relay, say });
    const relayApp = await start('membership', { port: PORTS.relay, env, name: 'relay-membership' });
    const samples = [];
    const deadline = Date.now() + IMPORT_VISIBLE_LIMIT_MS;
    for (;;) {
      const published = await publishedBy(relayApp);
      if (published !== null) samples.push([Date.now(), published]);
      if ((published ?? 0) >= sizes.relay || Date.now() > deadline) break;
      await sleep(500);
    }
    await relayApp.stop();
    const [t0, p0] = samples[0] ?? [Date.now(), 0];
    const [t1, p1] = samples.at(-1) ?? [t0, p0];
    const inTopic = await topicSize(brokers, topic);
    results.relay = {
      events: sizes.relay,
      secondsToFill: round(filled.seconds, 2),
      published: p1,
      seconds: round((t1 - t0) / 1000, 2),
      perSecond: round((p1 - p0) / Math.max(0.001, (t1 - t0) / 1000)),
      ...relayDeciles(samples, { startedAt: t0, endedAt: t0, events: sizes.relay - p0 }),
      inTopic,
      // Every event in the topic at least once (a crash-free run publishes each exactly once).
      nothingLost: inTopic >= sizes.relay,
    };
    say(`relay: ${JSON.stringify(results.relay)}`);
  }

  results.memory.final = Object.fromEntries(Object.entries(apps).map(([name, a]) => [name, rssOf(a.pid)]));

  // ---- 4. replay, 5. scale-out ------------------------------------------------------------------
  if (runs('replay') || runs('scale')) {
    // The replaying gateways get the machine to themselves: the six apps, idle by now but each
    // still polling its relay and consumer (5-8 % of a core apiece), are stopped first.
    say('stopping the six apps: the replay measures the gateways alone ...');
    await Promise.all(APPS.map((app) => apps[app].stop()));
    // The replay's topic, and the scale-out's: the same one unless the scale asks for fewer events there.
    const topicSet = (prefix, total) => ({ prefix, topic: `${prefix}membership.events`, total, expected: expectedOutcome(total) });
    const replaySet = topicSet(`r${runId}.`, sizes.replay);
    const separateScaleOut = runs('scale') && sizes.scaleOut !== sizes.replay;
    const scaleSet = separateScaleOut ? topicSet(`r${runId}s.`, sizes.scaleOut) : replaySet;
    for (const set of runs('replay') || !separateScaleOut ? [replaySet, ...(separateScaleOut ? [scaleSet] : [])] : [scaleSet]) {
      say(`replay: filling ${set.topic} (6 partitions) with ${set.total} membership events ...`);
      await createTopic(brokers, set.topic, 6);
      const filled = await fillTopic({ brokers, topic: set.topic, total: set.total, say });
      say(`  filled in ${round(filled.seconds)} s`);
    }
    const admin = kafkaClient(brokers, 'bench-progress').admin();
    await admin.connect();
    const progressOf = async (groupId, topic) => {
      const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return (entry?.partitions ?? []).reduce((s, p) => s + Math.max(0, Number(p.offset)), 0);
    };
    // No first administrator: two instances starting together on a fresh database would both try to create it.
    const { FIRST_ADMIN_USERNAME: _u, FIRST_ADMIN_PASSWORD: _p, ...replayCommon } = common;
    const replayEnv = (name, groupId, set) => ({
      ...replayCommon,
      KAFKA_TOPIC_PREFIX: set.prefix,
      MONGODB_DATABASE: db(name),
      KAFKA_GROUP_ID: groupId,
      INSTANCE_ID: name,
      ...gatewayInternalKeys,
      ...Object.fromEntries(['membership', 'activities', 'governance', 'enterprise'].map((s) => [`${s.toUpperCase()}_URL`, `http://127.0.0.1:${PORTS[s]}`])),
    });
    /** Follows a group until it has committed every event; steady-state rate from the first commit on. */
    const follow = async (groupId, set, onTick) => {
      let first = null;
      let last = null;
      const total = set.total;
      // A phase that cannot finish in time still reports its rate so far (full: within its hour).
      const deadline = Date.now() + (args.scale === 'full' ? 30 : 15) * 60 * 1000;
      while (Date.now() < deadline) {
        const done = await progressOf(groupId, set.topic);
        const now = performance.now();
        if (done > 0 && !first) first = { at: now, done };
        if (first) last = { at: now, done };
        await onTick?.(done, now);
        if (done >= total) break;
        await sleep(500);
      }
      return {
        first,
        last,
        complete: (last?.done ?? 0) >= total,
        perSecond: first && last && last.at > first.at ? round((last.done - first.done) / ((last.at - first.at) / 1000)) : null,
      };
    };
    // A replay stopped at the time limit cannot be compared with the whole topic: its counts are
    // reported as they were, and "nothing lost" is left unanswered instead of answered false.
    const judged = (check, followed) => (followed.complete ? check : { ...check, nothingLost: null, stoppedAtTimeLimitAfter: followed.last?.done ?? 0 });
    const verify = async (name, { expected }) => {
      const d = mongo.db(db(name));
      const [events, members, admitted] = await Promise.all([
        d.collection('event_log').countDocuments({ context: 'membership' }),
        d.collection('membership_members').estimatedDocumentCount(),
        d.collection('membership_members').countDocuments({ version: 2 }),
      ]);
      return { events, members, admitted, nothingLost: events === expected.events && members === expected.members && admitted === expected.admitted };
    };
    const consumedOf = async (instance) => {
      try {
        const text = await (await fetch(`${instance.url}/metrics`)).text();
        const out = {};
        for (const m of text.matchAll(/^pb_events_consumed_total\{[^}]*outcome="(\w+)"[^}]*\} (\d+)/gm)) out[m[1]] = (out[m[1]] ?? 0) + Number(m[2]);
        return out;
      } catch {
        return null;
      }
    };

    if (runs('replay')) {
      say('replay baseline: raw kafkajs consumption of the same topic ...');
      results.replay.raw = await rawConsumeAll({ brokers, topic: replaySet.topic, expected: replaySet.total });
      say(`  raw: ${results.replay.raw.perSecond} events/s`);
      say('replay: a fresh gateway instance rebuilds its read models from the topic ...');
      const groupId = `${replaySet.prefix}gw-one`;
      const started = performance.now();
      const one = await start('gateway', { port: PORTS.replay, env: replayEnv('gw_one', groupId, replaySet), name: 'replay-gateway' });
      running.push(one);
      const rss = sampleRss({ gateway: one }, 500);
      const followed = await follow(groupId, replaySet);
      const seconds = (performance.now() - started) / 1000;
      const check = judged(await verify('gw_one', replaySet), followed);
      results.replay.gateway = {
        events: replaySet.total,
        seconds: round(seconds, 2),
        perSecond: followed.perSecond,
        overallPerSecond: round(replaySet.total / seconds),
        peakRssMiB: rss.stop().gateway,
        counters: await consumedOf(one),
        ...check,
      };
      await one.stop();
      say(`replay: ${JSON.stringify(results.replay.gateway)}`);
    }

    if (runs('scale')) {
      say('scale-out: two gateway instances in one consumer group on the same 6-partition topic; one is killed mid-run ...');
      const groupId = `${scaleSet.prefix}gw-two`;
      const envA = replayEnv('gw_two', groupId, scaleSet);
      const [a, b] = await Promise.all([
        start('gateway', { port: PORTS.replay + 1, env: { ...envA, INSTANCE_ID: 'a' }, name: 'scale-a' }),
        start('gateway', { port: PORTS.replay + 2, env: { ...envA, INSTANCE_ID: 'b' }, name: 'scale-b' }),
      ]);
      running.push(a, b);
      const handled = (c) => (c?.handled ?? 0) + (c?.duplicate ?? 0) + (c?.ignored ?? 0);
      const describe = async () => {
        const { groups } = await admin.describeGroups([groupId]);
        const { AssignerProtocol } = await import('kafkajs');
        return (groups[0]?.members ?? []).map((m) => {
          const assignment = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
          return { memberId: m.memberId.slice(-8), partitions: (assignment?.assignment?.[scaleSet.topic] ?? []).sort((x, y) => x - y) };
        });
      };
      // Followed from the moment both run: rates count from the group's first commit, the shared
      // assignment is read once both instances hold partitions, and b is killed only after a
      // window long enough to measure.
      let first = null;
      let sharedAssignment = null;
      let beforeKill = null;
      let killedAt = null;
      let takeover = null;
      const followed = await follow(groupId, scaleSet, async (done, now) => {
        if (!first && done > 0) first = { at: now, done, a: handled(await consumedOf(a)), b: handled(await consumedOf(b)) };
        if (!sharedAssignment && !killedAt) {
          const members = await describe();
          if (members.length === 2 && members.every((m) => m.partitions.length > 0)) sharedAssignment = members;
        }
        if (first && !killedAt && done >= scaleSet.total * 0.4 && now - first.at >= MIN_WINDOW_MS) {
          const seconds = (now - first.at) / 1000;
          const [ca, cb] = [await consumedOf(a), await consumedOf(b)];
          beforeKill = {
            seconds,
            done,
            a: ca,
            b: cb,
            perSecond: round((done - first.done) / seconds),
            perInstance: { a: round((handled(ca) - first.a) / seconds), b: round((handled(cb) - first.b) / seconds) },
          };
          say(`  killing instance b (SIGKILL) at ${done}/${scaleSet.total} committed`);
          await b.stop('SIGKILL');
          killedAt = now;
        }
        // The survivor's own rate counts from when it holds every partition, after the group has
        // noticed the kill (up to the 30 s session timeout); the wait is reported beside it.
        if (killedAt && !takeover && (await describe()).some((m) => m.partitions.length === 6)) takeover = { at: now, done };
      });
      const afterAssignment = await describe();
      const counters = { a: await consumedOf(a), b: beforeKill?.b ?? null };
      const check = judged(await verify('gw_two', scaleSet), followed);
      const end = followed.last;
      results.scaleOut = {
        events: scaleSet.total,
        oneInstancePerSecond: results.replay.gateway?.perSecond ?? null,
        twoInstancesPerSecond: beforeKill?.perSecond ?? null,
        perInstanceBeforeKill: beforeKill?.perInstance ?? null,
        windowSecondsBeforeKill: beforeKill ? round(beforeKill.seconds, 1) : null,
        assignmentWithTwo: sharedAssignment ?? [],
        assignmentAfterKill: afterAssignment,
        secondsUntilTakeover: takeover ? round((takeover.at - killedAt) / 1000, 1) : null,
        survivorPerSecondAfterTakeover: takeover && end && end.at > takeover.at ? round((end.done - takeover.done) / ((end.at - takeover.at) / 1000)) : null,
        counters,
        handledTotal: (counters.a?.handled ?? 0) + (counters.b?.handled ?? 0),
        duplicatesSkippedByInbox: (counters.a?.duplicate ?? 0) + (counters.b?.duplicate ?? 0),
        ...check,
      };
      await a.stop();
      say(`scale-out: ${JSON.stringify(results.scaleOut)}`);
    }
    await admin.disconnect();
  }

  await mongo.close();
}

/** The issue's targets (#19), each beside its baseline from the same run. */
function computeTargets() {
  results.targets = [];
  const target = (name, value, baseline, ratio, met, note) => results.targets.push({ name, value, baseline, ratio: ratio === null ? null : round(ratio, 3), met, note });
  const im = results.import;
  if (im.rows) {
    const limit = 2 * im.seconds;
    target(
      "import visible within 2x the import's own time",
      im.allVisibleInDashboard ? im.secondsUntilVisible : `${im.visibleInDashboard} of ${im.stored} after ${im.secondsUntilVisible} s`,
      im.seconds,
      im.allVisibleInDashboard ? im.secondsUntilVisible / im.seconds : null,
      im.allVisibleInDashboard && im.secondsUntilVisible <= limit,
    );
  }
  const rawBulk = results.baselines.mongoInsertMany?.perSecond;
  // The relay phase's backlog when it ran (the issue's measure); otherwise what the import left.
  const relay = results.relay?.deciles ? results.relay : im.relay;
  if (relay && rawBulk) {
    if (relay.keptUp) {
      target('relay >= 25% of raw insertMany, flat as the backlog drains', `kept up (backlog ${relay.backlogAtImportEnd} at the import's end)`, rawBulk, null, null);
    } else {
      const { firstDecilePerSecond: first, lastDecilePerSecond: last } = relay;
      const worst = first != null && last != null ? Math.min(first, last) : (first ?? null);
      // Flat: the last tenth of the backlog drains at least half as fast as the first.
      const flat = first != null && last != null && last >= 0.5 * first;
      target(
        'relay >= 25% of raw insertMany, flat as the backlog drains',
        `${first ?? '–'} / ${last ?? '–'}`,
        rawBulk,
        worst === null ? null : worst / rawBulk,
        worst !== null && worst / rawBulk >= 0.25 && flat,
      );
    }
  }
  const rep = results.replay;
  if (rep.gateway?.perSecond && rawBulk)
    target('replay >= 50% of raw insertMany', rep.gateway.perSecond, rawBulk, rep.gateway.perSecond / rawBulk, rep.gateway.perSecond / rawBulk >= 0.5);
  const bareRate = results.dashboard.bare?.perSecond;
  for (const scope of ['district', 'city']) {
    const d = results.dashboard[scope];
    if (d && bareRate) target(`${scope} dashboard reads >= 50% of bare endpoint`, d.perSecond, bareRate, d.perSecond / bareRate, d.perSecond / bareRate >= 0.5);
  }
  const lag = results.pipeline.lag;
  if (lag?.lagMs?.p99 != null) target('lag p99 < 250 ms at half the sustained rate', lag.lagMs.p99, 250, lag.lagMs.p99 / 250, lag.lagMs.p99 < 250);
  const cpu = results.cpu.registrations;
  if (cpu?.allPerCommandMs != null)
    target(
      'CPU per registration, all processes <= 20 ms',
      cpu.allPerCommandMs,
      results.cpu.rawInsertOne?.perInsertMs ?? null,
      results.cpu.rawInsertOne?.perInsertMs ? cpu.allPerCommandMs / results.cpu.rawInsertOne.perInsertMs : null,
      cpu.allPerCommandMs <= 20,
    );
  const reg = results.pipeline.registrations;
  const mongoRate = results.baselines.mongoInsert?.perSecond;
  if (reg && mongoRate)
    target('registrations sustained >= 10% of raw insertOne', reg.sustainedPerSecond, mongoRate, reg.sustainedPerSecond / mongoRate, reg.sustainedPerSecond / mongoRate >= 0.1);
}

function table() {
  const r = results;
  const lines = [];
  const row = (what, value, baseline, ratio) => lines.push(`| ${what} | ${value ?? '–'} | ${baseline ?? '–'} | ${ratio ?? '–'} |`);
  const ratio = (a, b) => (a != null && b ? `${round(a / b, 3)}` : null);
  // One line per process, then all of them together beside raw insertOne's CPU per insert (database and client).
  const cpuRows = (what, cpu) => {
    if (!cpu) return;
    for (const [name, ms] of Object.entries(cpu.perCommandMs)) row(`  CPU ms per ${what}: ${name}`, ms, null, null);
    const raw = r.cpu.rawInsertOne;
    row(
      `  CPU ms per ${what}: all processes together (${cpu.commands} acknowledged${cpu.idlePerCommandMs != null ? `; idle polling ${cpu.idlePerCommandMs} of it` : ''})`,
      cpu.allPerCommandMs,
      raw ? `raw insertOne ${raw.perInsertMs} ms/insert` : null,
      raw && cpu.allPerCommandMs != null ? `${round(cpu.allPerCommandMs / raw.perInsertMs, 1)}×` : null,
    );
  };
  lines.push(
    `Benchmark ${r.date.slice(0, 16)}Z, ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}; scale ${r.scale}: ${r.sizes.connections} connections, ${r.sizes.duration} s per load phase, import ${r.sizes.import} rows, replay ${r.sizes.replay} events, scale-out ${r.sizes.scaleOut ?? r.sizes.replay} events`,
  );
  lines.push('');
  lines.push('| measure | platform | baseline (same run) | ratio |');
  lines.push('| --- | --- | --- | --- |');
  const b = r.baselines;
  const reg = r.pipeline.registrations;
  if (reg) {
    row(
      'registrations acknowledged/s (gateway → membership)',
      reg.ackPerSecond,
      b.barePost ? `bare POST ${b.barePost.perSecond}/s` : null,
      ratio(reg.ackPerSecond, b.barePost?.perSecond),
    );
    row(
      'registrations sustained/s (acknowledged and visible in dashboard)',
      reg.sustainedPerSecond,
      b.mongoInsert ? `raw insertOne ${b.mongoInsert.perSecond}/s` : null,
      ratio(reg.sustainedPerSecond, b.mongoInsert?.perSecond),
    );
    row('  same, beside raw kafkajs produce+consume', reg.sustainedPerSecond, b.kafka ? `${b.kafka.perSecond} msg/s` : null, ratio(reg.sustainedPerSecond, b.kafka?.perSecond));
    row(
      'registration ack latency p50 / p99 (ms)',
      `${reg.ackLatencyMs.p50} / ${reg.ackLatencyMs.p99}`,
      b.barePost ? `bare POST ${b.barePost.latencyMs.p50} / ${b.barePost.latencyMs.p99}` : null,
      null,
    );
  }
  cpuRows('registration', r.cpu.registrations);
  const mix = r.pipeline.mix;
  if (mix)
    row(
      '4-service command mix sustained/s',
      mix.sustainedPerSecond,
      b.mongoInsert ? `raw insertOne ${b.mongoInsert.perSecond}/s` : null,
      ratio(mix.sustainedPerSecond, b.mongoInsert?.perSecond),
    );
  cpuRows('mixed command', r.cpu.mix);
  const lag = r.pipeline.lag;
  if (lag)
    row(
      `lag ack → dashboard p50 / p99 (ms) at ${lag.ratePerSecond}/s`,
      `${lag.lagMs.p50} / ${lag.lagMs.p99}`,
      b.kafka ? `raw Kafka ${b.kafka.lagMs.p50} / ${b.kafka.lagMs.p99}` : null,
      lag.lagMs.p99 != null && b.kafka?.lagMs.p99 ? `${round(lag.lagMs.p99 / b.kafka.lagMs.p99, 1)}× (p99)` : null,
    );
  const d = r.dashboard;
  for (const scope of ['district', 'city']) {
    if (d[scope])
      row(
        `${scope} dashboard req/s (p99 ms)`,
        `${d[scope].perSecond} (${d[scope].latencyMs.p99})`,
        `bare GET ${d.bare.perSecond} (${d.bare.latencyMs.p99})`,
        ratio(d[scope].perSecond, d.bare.perSecond),
      );
  }
  const im = r.import;
  if (im.rows) {
    row(
      `bulk import rows/s (${im.rows} rows, ${im.chunkRows}/request)`,
      im.rowsPerSecond,
      `raw insertMany ${im.rawInsertManyPerSecond} docs/s`,
      ratio(im.rowsPerSecond, im.rawInsertManyPerSecond),
    );
    row('  import: peak RSS of membership (MiB)', im.membershipPeakRssMiB, r.memory.idle?.membership ? `idle ${r.memory.idle.membership}` : null, null);
    row(
      '  import: seconds until all visible in dashboard',
      im.allVisibleInDashboard === false ? `${im.visibleInDashboard} of ${im.stored} visible after ${im.secondsUntilVisible} (time limit)` : im.secondsUntilVisible,
      `the import's own ${im.seconds} s`,
      im.allVisibleInDashboard === false ? null : `${im.visibleWithinImportTimes}×`,
    );
    const relay = im.relay;
    if (relay?.keptUp)
      row(
        "  import: relay events/s while the import's backlog drains",
        `kept up: backlog ${relay.backlogAtImportEnd} at the import's end, ${relay.duringImportPerSecond}/s during it`,
        `raw insertMany ${im.rawInsertManyPerSecond} docs/s`,
        ratio(relay.duringImportPerSecond, im.rawInsertManyPerSecond),
      );
    else if (relay)
      row(
        `  import: relay events/s, first / last tenth of the backlog (${relay.backlogAtImportEnd} events at the import's end)`,
        `${relay.firstDecilePerSecond ?? '–'} / ${relay.lastDecilePerSecond ?? `– (${relay.deciles.length} of 10 tenths drained)`}`,
        `raw insertMany ${im.rawInsertManyPerSecond} docs/s`,
        relay.firstDecilePerSecond != null
          ? `${ratio(relay.firstDecilePerSecond, im.rawInsertManyPerSecond)} / ${ratio(relay.lastDecilePerSecond, im.rawInsertManyPerSecond) ?? '–'}`
          : null,
      );
  }
  const rl = r.relay;
  if (rl?.events) {
    row(
      `relay events/s on a backlog of ${rl.events} stored events: overall, first / last tenth`,
      `${rl.perSecond}, ${rl.firstDecilePerSecond ?? '–'} / ${rl.lastDecilePerSecond ?? `– (${rl.deciles?.length ?? 0} of 10 tenths drained)`}`,
      `raw insertMany ${r.baselines.mongoInsertMany?.perSecond ?? '–'} docs/s`,
      r.baselines.mongoInsertMany?.perSecond
        ? `${ratio(rl.perSecond, r.baselines.mongoInsertMany.perSecond)}, ${ratio(rl.firstDecilePerSecond, r.baselines.mongoInsertMany.perSecond) ?? '–'} / ${ratio(rl.lastDecilePerSecond, r.baselines.mongoInsertMany.perSecond) ?? '–'}`
        : null,
    );
    row('  relay: every event in the topic (published, in the topic)', `${rl.nothingLost} (${rl.published}, ${rl.inTopic})`, null, null);
  }
  const rep = r.replay;
  if (rep.gateway)
    row(
      `replay events/s (${r.sizes.replay} events in the topic, gateway read models)`,
      rep.gateway.perSecond,
      rep.raw ? `raw kafkajs ${rep.raw.perSecond}/s` : null,
      ratio(rep.gateway.perSecond, rep.raw?.perSecond),
    );
  // Every replayed event is at least one document written: the database's bulk rate bounds a replay whatever Kafka can do.
  const rawBulk = r.baselines.mongoInsertMany?.perSecond ?? im.rawInsertManyPerSecond;
  if (rep.gateway && rawBulk)
    row('  same, beside raw insertMany (the database bound)', rep.gateway.perSecond, `raw insertMany ${rawBulk} docs/s`, ratio(rep.gateway.perSecond, rawBulk));
  if (rep.gateway)
    row(
      '  replay: nothing lost (events, members, admitted)',
      `${rep.gateway.nothingLost ?? `not judged: stopped at the time limit after ${rep.gateway.stoppedAtTimeLimitAfter} of ${r.sizes.replay}`} (${rep.gateway.events}, ${rep.gateway.members}, ${rep.gateway.admitted})`,
      null,
      null,
    );
  const s = r.scaleOut;
  if (s.events) {
    row(
      'scale-out: 2 instances events/s (a + b)',
      `${s.twoInstancesPerSecond} (${s.perInstanceBeforeKill?.a} + ${s.perInstanceBeforeKill?.b})`,
      `1 instance ${s.oneInstancePerSecond}`,
      ratio(s.twoInstancesPerSecond, s.oneInstancePerSecond),
    );
    row(
      '  partitions of the topic with two / after the kill',
      `${s.assignmentWithTwo.map((m) => `[${m.partitions}]`).join(' ')} / ${s.assignmentAfterKill.map((m) => `[${m.partitions}]`).join(' ')}`,
      null,
      null,
    );
    row('  window before the kill (s) / until the survivor held all six (s)', `${s.windowSecondsBeforeKill} / ${s.secondsUntilTakeover}`, null, null);
    row(
      '  survivor events/s once it held all six',
      s.survivorPerSecondAfterTakeover,
      `1 instance ${s.oneInstancePerSecond}`,
      ratio(s.survivorPerSecondAfterTakeover, s.oneInstancePerSecond),
    );
    row(
      '  nothing lost, no effect twice (events, members, admitted)',
      `${s.nothingLost ?? `not judged: stopped at the time limit after ${s.stoppedAtTimeLimitAfter} of ${s.events}`} (${s.events}, ${s.members}, ${s.admitted}); inbox skipped ${s.duplicatesSkippedByInbox}`,
      null,
      null,
    );
  }
  if (r.memory.idle) {
    for (const app of Object.keys(r.memory.idle)) row(`RSS ${app} idle / under load (MiB)`, `${r.memory.idle[app]} / ${r.memory.underLoad?.[app] ?? '–'}`, null, null);
  }
  lines.push('');
  lines.push('| target | value | baseline | ratio | met |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const t of r.targets) lines.push(`| ${t.name} | ${t.value} | ${t.baseline ?? '–'} | ${t.ratio ?? '–'} | ${t.met === null ? '–' : t.met ? 'yes' : 'NO'} |`);
  return lines.join('\n');
}

/** Events an app's outbox relay has handed to Kafka so far (`pb_events_published_total`), or null if it does not answer. */
async function publishedBy(app) {
  try {
    const text = await (await fetch(`${app.url}/metrics`)).text();
    let total = 0;
    for (const m of text.matchAll(/^pb_events_published_total(?:\{[^}]*\})? (\d+(?:\.\d+)?(?:e\+\d+)?)$/gm)) total += Number(m[1]);
    return total;
  } catch {
    return null;
  }
}

/**
 * The relay's rate per tenth of the backlog an import left behind: from the import's end, the time
 * each further tenth took to be published (`samples`: [time, published so far]). A backlog too
 * small to time in tenths means the relay kept up with the import.
 */
function relayDeciles(samples, { startedAt, endedAt, events }) {
  if (samples.length < 2) return null;
  const base = samples[0][1];
  const valueAt = (t) => {
    if (t <= samples[0][0]) return samples[0][1];
    for (let i = 1; i < samples.length; i++) {
      const [t1, v1] = samples[i];
      const [t0, v0] = samples[i - 1];
      if (t <= t1) return v0 + ((v1 - v0) * (t - t0)) / Math.max(1e-9, t1 - t0);
    }
    return samples.at(-1)[1];
  };
  const timeWhen = (v) => {
    for (let i = 1; i < samples.length; i++) {
      const [t1, v1] = samples[i];
      const [t0, v0] = samples[i - 1];
      if (v1 >= v) return v1 === v0 ? t1 : t0 + ((t1 - t0) * (v - v0)) / (v1 - v0);
    }
    return null;
  };
  const atEnd = valueAt(endedAt);
  const backlog = Math.round(events - (atEnd - base));
  const duringImportPerSecond = round((atEnd - base) / ((endedAt - startedAt) / 1000));
  if (backlog < MIN_BACKLOG_FOR_DECILES) return { backlogAtImportEnd: backlog, keptUp: true, duringImportPerSecond, deciles: [] };
  const deciles = [];
  let from = { at: endedAt, done: atEnd };
  for (let k = 1; k <= 10; k++) {
    const target = atEnd + (backlog * k) / 10;
    const when = timeWhen(target);
    if (when === null) break;
    deciles.push(round((target - from.done) / (Math.max(1, when - from.at) / 1000)));
    from = { at: when, done: target };
  }
  return {
    backlogAtImportEnd: backlog,
    keptUp: false,
    duringImportPerSecond,
    deciles,
    firstDecilePerSecond: deciles[0] ?? null,
    lastDecilePerSecond: deciles.length === 10 ? deciles[9] : null,
  };
}

/** The bench infra's processes whose CPU is sampled: Kafka's JVM, FerretDB alone, and its PostgreSQL with every backend. */
async function infraProcessesOf() {
  const status = await infraStatus({ dataDir: BENCH_INFRA.dataDir });
  const pid = (component) => status.find((s) => s.component === component && s.running)?.pid ?? null;
  const ferretdb = pid('ferretdb');
  return { kafka: { pid: pid('kafka') }, ferretdb: { pid: ferretdb, tree: false }, postgresql: { pid: ferretdb ? childNamed(ferretdb, 'postgres') : null } };
}

const OUR_NAMES = /^[br]\d{8}[0-9a-f]{4}s?[._]/;

/** Databases and topics of this run (or, with `all`, of any earlier bench run on this infra set). */
async function removeRunData(all) {
  const mine = (name) => (all ? OUR_NAMES.test(name) : name.startsWith(`b${runId}`) || name.startsWith(`r${runId}`));
  const mongo = new MongoClient(infra.mongodbUri);
  await mongo.connect();
  const { databases } = await mongo.db('admin').admin().listDatabases();
  for (const { name } of databases) if (mine(name)) await mongo.db(name).dropDatabase();
  await mongo.close();
  return deleteTopics(infra.kafkaBrokers, mine);
}

async function teardown() {
  say('stopping the apps ...');
  await Promise.all(running.map((p) => p.stop().catch(() => undefined)));
  if (infra) {
    try {
      const removed = await removeRunData(false);
      say(`removed this run's databases and ${removed} topics`);
    } catch (error) {
      say(`clean-up incomplete: ${error.message}`);
    }
    if (!args['keep-infra']) await stopInfra({ dataDir: BENCH_INFRA.dataDir, log: (m) => say(m) });
  }
}

// Ctrl-C or a SIGTERM mid-run: the apps are processes of their own and would outlive the bench.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    say(`${signal}: stopping the run, nothing is written`);
    teardown().finally(() => process.exit(130));
  });
}

let failed = null;
try {
  await main();
} catch (error) {
  failed = error;
  say(`failed: ${error.stack ?? error.message}`);
  for (const p of running) if (p.tail) say(`--- ${p.name} (last output) ---\n${p.tail().slice(-1500)}`);
}
await teardown();
computeTargets();
const printed = table();
process.stdout.write(`\n${printed}\n`);
results.table = printed;
if (failed) results.error = String(failed.message ?? failed);
const dir = path.join(ROOT, 'bench/results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${results.date.slice(0, 19).replace(/:/g, '-')}.json`);
fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
say(`results written to ${path.relative(ROOT, file)}`);
process.exit(failed ? 1 : 0);
