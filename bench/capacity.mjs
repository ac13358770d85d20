#!/usr/bin/env node
// `npm run capacity [-- bench/results/<run>.json]`: the capacity model of docs/capacity.md for
// Jining, from a bench run's measured figures (the latest run when none is named) and the
// assumptions below. Prints Markdown; every line says whether it is measured, assumed or derived.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../scripts/lib/project.mjs';

/**
 * What the model assumes about the city. Each is an estimate from public orders of magnitude,
 * not a measurement: docs/capacity.md says where each comes from. Change one here and rerun.
 */
export const ASSUMED = {
  population: 8_300_000, // 济宁常住人口, the brief's figure
  memberShare: 0.07, // Party members per resident (national 99 M of 1.41 bn, Shandong a little above)
  membersPerOrganization: 19, // national average: 99 M members in 5.2 M grassroots organizations
  peoplePerHousehold: 2.7,
  householdsPerGrid: 300, // urban grids of 300–500 households; rural ones larger
  workersPerGrid: 1.5, // full-time grid worker plus part-time helpers
  enterprises: 200_000, // enterprises (not individual businesses) among about 0.9 M market entities
  casesPerThousandResidentsPerDay: 1, // grid reports, 12345 hand-overs, resident reports
  eventsPerCase: 7, // reported, dispatched, accepted, handled, verified, closed, rated
  requestsPerEnterprisePerYear: 2,
  eventsPerRequest: 6,
  activitiesPerOrganizationPerMonth: 4, // 三会一课 and 主题党日
  eventsPerActivity: 4, // drafted, published, minutes, attendance closed
  attendancesPerMemberPerMonth: 3,
  eventsPerAttendance: 2, // sign-up and check-in
  otherEventsPerMemberPerMonth: 1, // volunteer hours, pledges, 亮身份, points
  recordChangesPerMemberPerYear: 0.5, // transfers, corrections, floating check-ins, development steps
  // 七一 or a city-wide 主题党日: most members attend one activity in a few hours.
  peakAttendanceShare: 0.7,
  peakWindowHours: 4,
  peakBurstFactor: 3, // the busiest quarter hour against the window's average
  consumersPerEvent: 5, // groups reading a context's topic: gateway, analyst streams, the other services
  storedCopiesPerEvent: 2, // the writing service's event store and the gateway's event log
  indexAndViewOverhead: 1.5, // read models and indexes beside the stored events, times their bytes
  kafkaReplicas: 3,
  coreUtilisation: 0.6, // a replica is planned to run at this share of its core at peak
  years: 5, // how much history a full rebuild replays
};

const file = process.argv[2] ?? latestRun();
const run = JSON.parse(fs.readFileSync(file, 'utf8'));
const a = ASSUMED;

// --- measured (from the run) ---
const cores = run.machine.cores;
const cpuPerCommandMs =
  run.cpu?.registrations?.allPerCommandMs ?? (run.pipeline?.registrations?.sustainedPerSecond ? (cores * 1000) / run.pipeline.registrations.sustainedPerSecond : undefined);
const cpuMeasured = run.cpu?.registrations?.allPerCommandMs !== undefined;
const relayPerSecond = run.relay?.perSecond ?? run.import?.relay?.lastDecilePerSecond;
const replayPerSecond = run.replay?.gateway?.perSecond;
const dashboardPerSecond = run.dashboard?.district?.perSecond;
const rawInsertMany = run.baselines?.mongoInsertMany?.perSecond ?? run.import?.rawInsertManyPerSecond;
const envelopeBytes = run.eventBytes?.envelope ?? 1122; // the size the bench's runs of 2026-12 used
const storedBytes = run.eventBytes?.stored ?? envelopeBytes + 250;

// --- the city (assumed) ---
const members = a.population * a.memberShare;
const organizations = members / a.membersPerOrganization;
const grids = a.population / a.peoplePerHousehold / a.householdsPerGrid;
const gridWorkers = grids * a.workersPerGrid;
const casesPerDay = (a.population / 1000) * a.casesPerThousandResidentsPerDay;

// --- events (derived) ---
const perDay = {
  membership: (members * a.recordChangesPerMemberPerYear * 2) / 365,
  activities:
    (organizations * a.activitiesPerOrganizationPerMonth * a.eventsPerActivity) / 30 +
    (members * a.attendancesPerMemberPerMonth * a.eventsPerAttendance) / 30 +
    (members * a.otherEventsPerMemberPerMonth) / 30,
  governance: casesPerDay * a.eventsPerCase,
  enterprise: (a.enterprises * a.requestsPerEnterprisePerYear * a.eventsPerRequest) / 365,
};
const eventsPerDay = Object.values(perDay).reduce((s, n) => s + n, 0);
const peakAttendancesPerSecond = (members * a.peakAttendanceShare) / (a.peakWindowHours * 3600);
const peakEventsPerSecond = {
  activities: peakAttendancesPerSecond * a.eventsPerAttendance * a.peakBurstFactor,
  membership: (perDay.membership / 86400) * 10,
  governance: (perDay.governance / 86400) * 5, // cases bunch in working hours
  enterprise: (perDay.enterprise / 86400) * 5,
};
const peak = Object.values(peakEventsPerSecond).reduce((s, n) => s + n, 0);
const eventsPerYear = eventsPerDay * 365;

// --- resources (derived from measured per-core figures) ---
const coresAtPeak = cpuPerCommandMs ? (peak * cpuPerCommandMs) / 1000 : undefined;
const replayPerCore = replayPerSecond ? replayPerSecond / cores : undefined; // the database shared the same cores
const consumerInstancesAtPeak = (topicPeak) => (replayPerSecond ? Math.ceil(topicPeak / (replayPerSecond * a.coreUtilisation)) : undefined);
const partitionsFor = (topicPeak, growth = 1) => Math.max(6, 2 ** Math.ceil(Math.log2(Math.max(1, 2 * (consumerInstancesAtPeak(topicPeak * growth) ?? 1)))));
const dbBytesPerYear = eventsPerYear * storedBytes * a.storedCopiesPerEvent * a.indexAndViewOverhead;
const kafkaBytesPerYear = eventsPerYear * envelopeBytes * a.kafkaReplicas;
const historyEvents = eventsPerYear * a.years;
const rebuildHoursOneInstance = replayPerSecond ? historyEvents / replayPerSecond / 3600 : undefined;
const rebuildHoursSix = rebuildHoursOneInstance !== undefined ? rebuildHoursOneInstance / 6 : undefined;

const n = (x, digits = 0) => (x === undefined || Number.isNaN(x) ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }));
const gib = (bytes) => `${n(bytes / 2 ** 30, 1)} GiB`;

const lines = [
  `Capacity model from ${path.relative(ROOT, file)} (${run.date}, ${run.scale} scale, ${cores} cores)`,
  '',
  '| figure | value | source |',
  '| --- | --- | --- |',
  `| residents | ${n(a.population)} | assumed (the brief) |`,
  `| Party members | ${n(members)} | assumed: ${n(a.memberShare * 100, 1)} % of residents |`,
  `| Party organizations | ${n(organizations)} | assumed: ${a.membersPerOrganization} members each |`,
  `| grids / grid workers | ${n(grids)} / ${n(gridWorkers)} | assumed: ${a.householdsPerGrid} households per grid, ${a.workersPerGrid} workers each |`,
  `| enterprises | ${n(a.enterprises)} | assumed |`,
  `| cases per day | ${n(casesPerDay)} | assumed: ${a.casesPerThousandResidentsPerDay} per 1,000 residents |`,
  `| activity check-ins per day (average / 七一) | ${n((members * a.attendancesPerMemberPerMonth) / 30)} / ${n(members * a.peakAttendanceShare)} | assumed |`,
  `| events per day (membership, activities, governance, enterprise) | ${n(eventsPerDay)} (${Object.values(perDay)
    .map((x) => n(x))
    .join(', ')}) | derived |`,
  `| events per second, day average / peak quarter hour | ${n(eventsPerDay / 86400, 1)} / ${n(peak)} | derived |`,
  `| consumer deliveries per second at peak | ${n(peak * a.consumersPerEvent)} | derived: ${a.consumersPerEvent} groups per event |`,
  `| CPU per command, all processes (ms) | ${n(cpuPerCommandMs, 1)} | ${cpuMeasured ? 'measured' : 'derived: the run kept every core busy'} |`,
  `| cores the peak needs, all processes (this machine's cores) | ${n(coresAtPeak, 1)} | derived |`,
  `| relay events/s (one leader per service) | ${n(relayPerSecond)} | measured (${run.relay?.perSecond ? "the bench's relay phase" : "the last tenth of the import's backlog"}) |`,
  `| read-model rebuild events/s per instance (per core of this machine) | ${n(replayPerSecond)} (${n(replayPerCore)}) | measured (replay) |`,
  `| dashboard requests/s per gateway instance | ${n(dashboardPerSecond)} | measured |`,
  `| raw insertMany documents/s on the same database | ${n(rawInsertMany)} | measured |`,
  `| activities partitions, today / at 10× | ${partitionsFor(peakEventsPerSecond.activities)} / ${partitionsFor(peakEventsPerSecond.activities, 10)} | derived: twice the consumer instances the peak needs, at least 6 |`,
  `| database size per year (events, event log, views, indexes) | ${gib(dbBytesPerYear)} | derived: ${n(storedBytes)} B per stored event |`,
  `| Kafka size per year (retention unlimited, ${a.kafkaReplicas} replicas) | ${gib(kafkaBytesPerYear)} | derived: ${n(envelopeBytes)} B per envelope |`,
  `| full rebuild of the gateway's read models (${a.years} years, ${n(historyEvents)} events): one instance / six | ${n(rebuildHoursOneInstance, 1)} h / ${n(rebuildHoursSix, 1)} h | derived |`,
];
console.log(lines.join('\n'));

function latestRun() {
  const dir = path.join(ROOT, 'bench', 'results');
  const runs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return path.join(dir, runs.at(-1));
}
