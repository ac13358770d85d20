#!/usr/bin/env node
// Local real infrastructure for tests and local runs: a single-node Apache
// Kafka 3.9.1 (KRaft, on the JVM, jars from Maven Central) and FerretDB 1.24.2
// (MongoDB wire protocol, built with the machine's Go) on a private PostgreSQL 17
// (binaries from Maven Central's io.zonky.test.postgres distribution).
//
//   node scripts/infra.mjs up       start (or reuse) both; prints KAFKA_BROKERS=... and MONGODB_URI=...
//   node scripts/infra.mjs down     stop both
//   node scripts/infra.mjs status   running/stopped, pid, address
//
// Imported by the launcher and the jest global setup (ensureInfra, stopInfra,
// infraStatus). Node built-ins only: it runs before `npm install`.
// See docs/local-infrastructure.md.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { canConnect, isPortInUse, kafkaReady, mongoReady } from './lib/infra-net.mjs';
import {
  acquireLock,
  commandLine,
  findProcesses,
  groupAlive,
  hashFiles,
  pidAlive,
  readJson,
  run,
  sleep,
  spawnDetached,
  stopGroup,
  tail,
  which,
  writeFileAtomic,
} from './lib/infra-proc.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const KAFKA_POM = path.join(REPO_ROOT, 'infra', 'kafka', 'pom.xml');
const FERRET_SRC = path.join(REPO_ROOT, 'infra', 'ferretdb');
const KAFKA_READY_TIMEOUT_MS = 90_000;
const FERRET_READY_TIMEOUT_MS = 90_000; // the first start runs initdb
// PostgreSQL server binaries packaged as a jar on Maven Central (the same
// distribution embedded-postgres test libraries use).
const POSTGRES_VERSION = '17.6.0';
const POSTGRES_ARCH = { x64: 'amd64', arm64: 'arm64v8' };
const STOP_GRACE_MS = 15_000;
const MIN_JAVA = 17;
const MAX_LOG_BYTES = 10 * 1024 * 1024;
const STALE_GRACE_MS = 10_000;

const defaultLog = (line) => console.error(`[infra] ${line}`);

class InfraError extends Error {}

// ---------------------------------------------------------------- config ---

function parsePort(value, envName) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new InfraError(`${envName} must be a TCP port number (1-65535), got "${value}"`);
  }
  return n;
}

function resolveDataDir(dataDir) {
  const dir = dataDir ?? process.env.PB_DATA_DIR ?? path.join(REPO_ROOT, '.data');
  // A relative PB_DATA_DIR is taken relative to the repository root, so the
  // launcher and jest (whatever their cwd) agree on one folder.
  return path.resolve(REPO_ROOT, dir);
}

function resolveConfig(opts = {}) {
  const env = process.env;
  const dataDir = resolveDataDir(opts.dataDir);
  const kafkaPort = parsePort(opts.kafkaPort ?? env.LOCAL_KAFKA_PORT ?? 9092, 'LOCAL_KAFKA_PORT');
  const controllerPort = parsePort(
    opts.controllerPort ?? env.LOCAL_KAFKA_CONTROLLER_PORT ?? kafkaPort + 1,
    'LOCAL_KAFKA_CONTROLLER_PORT',
  );
  const mongoPort = parsePort(opts.mongoPort ?? env.LOCAL_MONGO_PORT ?? 27017, 'LOCAL_MONGO_PORT');
  if (new Set([kafkaPort, controllerPort, mongoPort]).size !== 3) {
    throw new InfraError(
      `LOCAL_KAFKA_PORT (${kafkaPort}), LOCAL_KAFKA_CONTROLLER_PORT (${controllerPort}) and ` +
        `LOCAL_MONGO_PORT (${mongoPort}) must be three different ports`,
    );
  }
  const log = typeof opts.log === 'function' ? opts.log : defaultLog;
  return { dataDir, kafkaPort, controllerPort, mongoPort, log, portEnv: opts.portEnv };
}

// ------------------------------------------------------------ components ---

/** What a port conflict tells the user to set, unless the caller has variables of its own (npm test). */
const DEFAULT_PORT_ENV = { kafka: 'LOCAL_KAFKA_PORT', controller: 'LOCAL_KAFKA_CONTROLLER_PORT', mongo: 'LOCAL_MONGO_PORT' };

/** Everything that differs between Kafka and FerretDB. */
function components(cfg) {
  const { dataDir } = cfg;
  const portEnv = { ...DEFAULT_PORT_ENV, ...cfg.portEnv };
  const kafkaDir = path.join(dataDir, 'kafka');
  const ferretDir = path.join(dataDir, 'ferretdb');
  const kafka = {
    name: 'kafka',
    label: 'Kafka',
    portEnv: portEnv.kafka,
    port: cfg.kafkaPort,
    address: `${HOST}:${cfg.kafkaPort}`,
    // `env` names the port in the pid file; `advice` is what a conflict asks the user to set.
    extraPorts: [{ port: cfg.controllerPort, env: 'LOCAL_KAFKA_CONTROLLER_PORT', advice: portEnv.controller, what: 'Kafka controller' }],
    readyTimeoutMs: KAFKA_READY_TIMEOUT_MS,
    pidFile: path.join(dataDir, 'kafka.pid.json'),
    logsDir: path.join(kafkaDir, 'logs'),
    logFiles: ['server.log', 'stderr.log', 'stdout.log'].map((f) => path.join(kafkaDir, 'logs', f)),
    // Every command line of ours contains these (and no one else's does).
    cmdNeedles: ['kafka.Kafka', path.join(kafkaDir, 'server.properties')],
    ready: (port) => kafkaReady(port),
    dir: kafkaDir,
  };
  const ferretdb = {
    name: 'ferretdb',
    label: 'FerretDB',
    portEnv: portEnv.mongo,
    port: cfg.mongoPort,
    address: `${HOST}:${cfg.mongoPort}`,
    extraPorts: [],
    readyTimeoutMs: FERRET_READY_TIMEOUT_MS,
    pidFile: path.join(dataDir, 'ferretdb.pid.json'),
    logsDir: path.join(ferretDir, 'logs'),
    logFiles: ['stderr.log', 'stdout.log'].map((f) => path.join(ferretDir, 'logs', f)),
    cmdNeedles: [path.join(dataDir, 'bin', 'ferretdb-local'), path.join(ferretDir, 'pg')],
    ready: (port) => mongoReady(port),
    dir: ferretDir,
  };
  return { kafka, ferretdb };
}

function isOurs(comp, pid) {
  const cmd = commandLine(pid);
  return cmd !== '' && comp.cmdNeedles.every((n) => cmd.includes(n));
}

/**
 * What the pid file says, checked against reality:
 *   absent   - no pid file
 *   running  - our process is alive and its port answers
 *   starting - our process is alive, not answering yet, started less than its timeout ago
 *   stale    - pid file left over (process dead, pid reused, or alive but not answering)
 */
async function inspect(comp) {
  const info = await readJson(comp.pidFile);
  if (!info || !Number.isInteger(info.pid)) {
    return { state: fs.existsSync(comp.pidFile) ? 'stale' : 'absent', info: null, ours: false };
  }
  const alive = pidAlive(info.pid);
  const ours = alive && isOurs(comp, info.pid);
  if (!ours) return { state: 'stale', info, ours: false, leftoverGroup: !alive && groupAlive(info.pid) };
  if (await comp.ready(info.port)) return { state: 'running', info, ours: true };
  const age = Date.now() - Date.parse(info.startedAt || 0);
  if (age < comp.readyTimeoutMs) return { state: 'starting', info, ours: true };
  // An old process that does not answer at once may just be busy (a loaded CI
  // machine, a GC pause): give it a few more tries before calling it stale.
  const graceEnd = Date.now() + STALE_GRACE_MS;
  while (Date.now() < graceEnd) {
    await sleep(500);
    if (await comp.ready(info.port)) return { state: 'running', info, ours: true };
  }
  return { state: 'stale', info, ours: true };
}

/** Stops whatever a stale or unwanted pid file points at (only if it is ours), removes the file. */
async function cleanup(comp, inspected, log, why) {
  const { info } = inspected;
  if (info && (inspected.ours || inspected.leftoverGroup)) {
    log(`${comp.name}: ${why}; stopping leftover process group ${info.pid}`);
    await stopGroup(info.pid, STOP_GRACE_MS);
  } else if (info) {
    log(`${comp.name}: ${why}; removing stale pid file`);
  }
  await fsp.rm(comp.pidFile, { force: true });
}

/** Processes of ours (by command line) that no pid file accounts for. */
async function stopOrphans(comp, log) {
  for (const pid of findProcesses(comp.cmdNeedles)) {
    log(`${comp.name}: found process ${pid} of this data folder without a pid file; stopping it`);
    await stopGroup(pid, STOP_GRACE_MS);
  }
}

function portsMismatch(comp, info) {
  if (info.port !== comp.port) return `port ${info.port}`;
  for (const extra of comp.extraPorts) {
    const recorded = info.extraPorts?.[extra.env];
    if (recorded !== undefined && recorded !== extra.port) return `${extra.what} port ${recorded}`;
  }
  return null;
}

async function assertPortsFree(comp, dataDir) {
  const ports = [{ port: comp.port, env: comp.portEnv, what: comp.label }, ...comp.extraPorts.map((e) => ({ ...e, env: e.advice }))];
  for (const p of ports) {
    if ((await isPortInUse(p.port)) || (await canConnect(p.port, HOST, 500))) {
      throw new InfraError(
        `port ${p.port} (${p.what}) on ${HOST} is already in use by a process that is not the local ` +
          `${comp.label} of ${dataDir}. Set ${p.env} to a free port` +
          (comp.name === 'kafka' ? ' (or set KAFKA_BROKERS to use that broker).' : ' (or set MONGODB_URI to use that server).'),
      );
    }
  }
}

// ------------------------------------------------------- prerequisites ---

const TOOL_HELP = {
  java: 'a JDK 17+ (java)',
  mvn: 'Apache Maven (mvn)',
  jar: 'a JDK (jar)',
  tar: 'tar with xz (tar, xz)',
  xz: 'xz (xz-utils)',
  go: 'Go (go)',
};

function requireTools(names) {
  const missing = names.filter((n) => !which(n));
  if (missing.length > 0) {
    throw new InfraError(
      `missing on PATH: ${missing.join(', ')}. The local infrastructure needs a JDK 17+ (java), ` +
        `Apache Maven (mvn) and Go (go) to run Kafka and FerretDB; install ${missing
          .map((m) => TOOL_HELP[m])
          .join(' and ')}, or set KAFKA_BROKERS and MONGODB_URI to use servers you already have.`,
    );
  }
}

async function requireJava17() {
  requireTools(['java']);
  const r = await run('java', ['-version']);
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr + r.stdout);
  if (m) {
    const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
    if (major < MIN_JAVA) {
      throw new InfraError(`java on PATH is version ${major}; the local Kafka needs a JDK ${MIN_JAVA}+ (set PATH or JAVA_HOME accordingly)`);
    }
  }
}

// ----------------------------------------------------------------- kafka ---

/** Copies the Kafka jars into <dataDir>/kafka-lib unless they are already there for this pom. */
async function kafkaLibCurrent(cfg) {
  const lib = path.join(cfg.dataDir, 'kafka-lib');
  const m = await readJson(path.join(lib, '.resolved.json'));
  return Boolean(
    m && m.pomHash === hashFiles([KAFKA_POM]) && Array.isArray(m.jars) && m.jars.length > 0 &&
      m.jars.every((j) => fs.existsSync(path.join(lib, j))),
  );
}

async function provisionKafkaLib(cfg) {
  const lib = path.join(cfg.dataDir, 'kafka-lib');
  if (await kafkaLibCurrent(cfg)) return lib;
  const pomHash = hashFiles([KAFKA_POM]);
  requireTools(['mvn']);
  cfg.log(`kafka: resolving jars from Maven Central with mvn (${path.relative(REPO_ROOT, KAFKA_POM)}) ...`);
  const t0 = Date.now();
  const tmp = `${lib}.tmp-${process.pid}`;
  await fsp.rm(tmp, { recursive: true, force: true });
  const r = await run('mvn', ['-q', '-B', '-f', KAFKA_POM, 'dependency:copy-dependencies', `-DoutputDirectory=${tmp}`], {
    cwd: path.dirname(KAFKA_POM),
  });
  const jars = fs.existsSync(tmp) ? (await fsp.readdir(tmp)).filter((f) => f.endsWith('.jar')).sort() : [];
  if (r.code !== 0 || !jars.some((j) => /^kafka_2\.13-.*\.jar$/.test(j))) {
    await fsp.rm(tmp, { recursive: true, force: true });
    throw new InfraError(
      `mvn could not resolve the Kafka jars (exit ${r.code}). Maven needs to reach Maven Central once; ` +
        `after that ~/.m2 serves it.\n${(r.stdout + r.stderr).trim().split('\n').slice(-30).join('\n')}`,
    );
  }
  await fsp.writeFile(path.join(tmp, '.resolved.json'), JSON.stringify({ pomHash, jars, at: new Date().toISOString() }, null, 2));
  await fsp.rm(lib, { recursive: true, force: true });
  await fsp.rename(tmp, lib);
  cfg.log(`kafka: ${jars.length} jars in ${lib} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  return lib;
}

function kafkaFiles(comp) {
  return {
    dataDir: path.join(comp.dir, 'data'),
    props: path.join(comp.dir, 'server.properties'),
    log4j: path.join(comp.dir, 'log4j.properties'),
  };
}

async function writeIfChanged(file, content) {
  let old = null;
  try {
    old = await fsp.readFile(file, 'utf8');
  } catch {
    /* new */
  }
  if (old !== content) await writeFileAtomic(file, content);
}

async function writeKafkaConfig(cfg, comp) {
  const f = kafkaFiles(comp);
  await fsp.mkdir(f.dataDir, { recursive: true });
  await fsp.mkdir(comp.logsDir, { recursive: true });
  // Properties files treat backslashes as escapes; forward slashes work everywhere.
  const p = (x) => x.split(path.sep).join('/');
  const props = [
    '# Generated by scripts/infra.mjs on every start; edits are overwritten.',
    '# Single-node KRaft: this process is both broker and controller.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${HOST}:${cfg.controllerPort}`,
    `listeners=PLAINTEXT://${HOST}:${cfg.kafkaPort},CONTROLLER://${HOST}:${cfg.controllerPort}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${cfg.kafkaPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${p(f.dataDir)}`,
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'num.partitions=6',
    '# Services create their topics explicitly.',
    'auto.create.topics.enable=false',
    '# Read models are rebuilt by replaying topics from the beginning: keep events forever locally.',
    'log.retention.ms=-1',
    '',
  ].join('\n');
  const log4j = [
    '# Generated by scripts/infra.mjs. WARN and above to a rolling file; the start line at INFO.',
    'log4j.rootLogger=WARN, file',
    'log4j.appender.file=org.apache.log4j.RollingFileAppender',
    `log4j.appender.file.File=${p(path.join(comp.logsDir, 'server.log'))}`,
    'log4j.appender.file.MaxFileSize=10MB',
    'log4j.appender.file.MaxBackupIndex=3',
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.kafka.server.KafkaRaftServer=INFO',
    '',
  ].join('\n');
  await writeIfChanged(f.props, props);
  await writeIfChanged(f.log4j, log4j);
  return f;
}

/** A Kafka cluster id: 16 random bytes, base64url without padding (what StorageTool random-uuid prints). */
function newClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id; // Kafka avoids a leading '-' (it reads like a CLI flag)
  }
}

function javaArgs(lib, f, mainClass, extra) {
  return [
    '-Xms256m',
    '-Xmx768m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=${pathToFileURL(f.log4j).href}`,
    '-cp',
    `${lib}${path.sep}*`,
    mainClass,
    ...extra,
  ];
}

async function formatKafkaStorage(cfg, lib, f) {
  if (fs.existsSync(path.join(f.dataDir, 'meta.properties'))) return;
  const clusterId = newClusterId();
  cfg.log(`kafka: formatting storage in ${f.dataDir} (cluster id ${clusterId})`);
  const r = await run('java', javaArgs(lib, f, 'kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', f.props]));
  if (r.code !== 0 || !fs.existsSync(path.join(f.dataDir, 'meta.properties'))) {
    throw new InfraError(`formatting Kafka storage failed (exit ${r.code}):\n${(r.stdout + r.stderr).trim()}`);
  }
}

async function prepareKafka(cfg, comp) {
  await requireJava17();
  const lib = await provisionKafkaLib(cfg);
  const f = await writeKafkaConfig(cfg, comp);
  await formatKafkaStorage(cfg, lib, f);
  // After a kill -9 the `.lock` file stays behind. Kafka holds an OS file lock
  // on it (released when the process dies), so the file alone is harmless;
  // nothing of ours is running at this point, so remove it for tidiness.
  await fsp.rm(path.join(f.dataDir, '.lock'), { force: true });
  return { cmd: 'java', args: javaArgs(lib, f, 'kafka.Kafka', [f.props]), cwd: comp.dir };
}

// -------------------------------------------------------------- ferretdb ---

const ferretSources = () => ['main.go', 'go.mod', 'go.sum'].map((f) => path.join(FERRET_SRC, f));
const ferretBin = (cfg) => path.join(cfg.dataDir, 'bin', 'ferretdb-local');

/** True when the built binary exists and was built from the current main.go/go.mod/go.sum. */
async function ferretBinaryCurrent(cfg) {
  const bin = ferretBin(cfg);
  if (!fs.existsSync(path.join(FERRET_SRC, 'go.sum')) || !fs.existsSync(bin)) return false;
  try {
    return (await fsp.readFile(`${bin}.hash`, 'utf8')).trim() === hashFiles(ferretSources());
  } catch {
    return false;
  }
}

async function provisionFerretBinary(cfg) {
  const bin = ferretBin(cfg);
  const binDir = path.dirname(bin);
  const marker = `${bin}.hash`;
  const goSum = path.join(FERRET_SRC, 'go.sum');
  const sources = ferretSources;
  if (await ferretBinaryCurrent(cfg)) return bin;
  requireTools(['go']);
  if (!fs.existsSync(goSum)) {
    cfg.log('ferretdb: infra/ferretdb/go.sum is missing; running go mod tidy (commit the go.sum it writes)');
    const r = await run('go', ['mod', 'tidy'], { cwd: FERRET_SRC });
    if (r.code !== 0) throw new InfraError(`go mod tidy in infra/ferretdb failed (exit ${r.code}):\n${(r.stdout + r.stderr).trim()}`);
  }
  cfg.log('ferretdb: building infra/ferretdb with go (first build takes a while; Go caches it) ...');
  const t0 = Date.now();
  await fsp.mkdir(binDir, { recursive: true });
  const tmp = `${bin}.tmp-${process.pid}`;
  const r = await run('go', ['build', '-buildvcs=false', '-trimpath', '-o', tmp, '.'], { cwd: FERRET_SRC });
  if (r.code !== 0) {
    await fsp.rm(tmp, { force: true });
    throw new InfraError(`go build of infra/ferretdb failed (exit ${r.code}):\n${(r.stdout + r.stderr).trim().split('\n').slice(-30).join('\n')}`);
  }
  await fsp.rename(tmp, bin);
  await fsp.writeFile(marker, `${hashFiles(sources())}\n`);
  cfg.log(`ferretdb: built ${bin} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  return bin;
}

// -------------------------------------------------------------- postgres ---

const postgresDist = (cfg) => path.join(cfg.dataDir, `postgres-${POSTGRES_VERSION}`);

function postgresArtifact() {
  const arch = POSTGRES_ARCH[process.arch];
  if (process.platform !== 'linux' || !arch) {
    throw new InfraError(
      `the local database needs PostgreSQL binaries for linux/amd64 or linux/arm64; this is ${process.platform}/${process.arch}. ` +
        'Set MONGODB_URI to a MongoDB (or FerretDB) you run yourself.',
    );
  }
  return `io.zonky.test.postgres:embedded-postgres-binaries-linux-${arch}:${POSTGRES_VERSION}`;
}

function postgresDistCurrent(cfg) {
  const dist = postgresDist(cfg);
  return ['initdb', 'postgres'].every((b) => fs.existsSync(path.join(dist, 'bin', b)));
}

/** Unpacks the PostgreSQL server binaries into <dataDir>/postgres-<version> (Maven's cache makes reruns fast). */
async function provisionPostgresDist(cfg) {
  const dist = postgresDist(cfg);
  if (postgresDistCurrent(cfg)) return dist;
  requireTools(['mvn', 'jar', 'tar', 'xz']);
  const artifact = postgresArtifact();
  cfg.log(`postgres: resolving ${artifact} from Maven Central with mvn ...`);
  const t0 = Date.now();
  const tmp = `${dist}.tmp-${process.pid}`;
  await fsp.rm(tmp, { recursive: true, force: true });
  await fsp.mkdir(tmp, { recursive: true });
  const r = await run('mvn', ['-q', '-B', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${tmp}`], { cwd: tmp });
  const jarFile = fs.existsSync(tmp) ? (await fsp.readdir(tmp)).find((f) => f.endsWith('.jar')) : undefined;
  if (r.code !== 0 || !jarFile) {
    await fsp.rm(tmp, { recursive: true, force: true });
    throw new InfraError(
      `mvn could not resolve ${artifact} (exit ${r.code}). Maven needs to reach Maven Central once; after that ~/.m2 serves it.\n` +
        `${(r.stdout + r.stderr).trim().split('\n').slice(-30).join('\n')}`,
    );
  }
  const x = await run('jar', ['xf', jarFile], { cwd: tmp });
  const txz = (await fsp.readdir(tmp)).find((f) => f.endsWith('.txz'));
  if (x.code !== 0 || !txz) throw new InfraError(`unpacking ${jarFile} failed (exit ${x.code}): ${(x.stdout + x.stderr).trim()}`);
  const tree = path.join(tmp, 'dist');
  await fsp.mkdir(tree);
  const t = await run('tar', ['-xJf', path.join(tmp, txz), '-C', tree]);
  if (t.code !== 0) throw new InfraError(`unpacking ${txz} failed (exit ${t.code}): ${(t.stdout + t.stderr).trim()}`);
  await fsp.rm(dist, { recursive: true, force: true });
  await fsp.rename(tree, dist);
  await fsp.rm(tmp, { recursive: true, force: true });
  // Run as `nobody` when we are root (PostgreSQL refuses root): it must be able to read the binaries.
  await run('chmod', ['-R', 'a+rX', dist]);
  cfg.log(`postgres: ${POSTGRES_VERSION} binaries in ${dist} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  return dist;
}

/**
 * As root, PostgreSQL runs as `nobody`, which must be able to reach its data
 * folder: every directory above it needs the search (x) permission for others.
 */
async function assertReachableByNobody(dir) {
  if (process.getuid?.() !== 0) return;
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) {
      throw new InfraError(
        `running as root, the local PostgreSQL runs as the user nobody, which cannot enter ${d} (mode ${(mode & 0o777).toString(8)}). ` +
          `Use a PB_DATA_DIR outside it, or \`chmod o+x ${d}\`.`,
      );
    }
    if (d === path.dirname(d)) return;
  }
}

async function prepareFerret(cfg, comp) {
  const [bin, dist] = await Promise.all([provisionFerretBinary(cfg), provisionPostgresDist(cfg)]);
  const pgData = path.join(comp.dir, 'pg');
  await fsp.mkdir(comp.logsDir, { recursive: true });
  await assertReachableByNobody(pgData);
  return {
    cmd: bin,
    args: ['-listen', `${HOST}:${cfg.mongoPort}`, '-postgres', dist, '-data', pgData, '-log-level', 'error'],
    cwd: comp.dir,
  };
}

// ------------------------------------------------------------- lifecycle ---

function logTails(comp) {
  const parts = [];
  for (const f of comp.logFiles) {
    const t = tail(f, 25);
    if (t) parts.push(`--- ${f} (last lines) ---\n${t}`);
  }
  return parts.length ? `\n${parts.join('\n')}` : `\n(no output in ${comp.logsDir})`;
}

/** Waits until comp answers on its port; fails early when the process dies. */
async function waitReady(comp, pid, deadline, exited) {
  while (Date.now() < deadline) {
    if (exited?.code !== undefined || !pidAlive(pid)) {
      const how = exited?.code !== undefined ? `exited with ${exited.signal ?? `code ${exited.code}`}` : 'died';
      throw new InfraError(`${comp.label} (pid ${pid}) ${how} during start-up.${logTails(comp)}`);
    }
    if (await comp.ready(comp.port)) return;
    await sleep(250);
  }
  throw new InfraError(
    `${comp.label} did not become ready on ${comp.address} within ${Math.round(comp.readyTimeoutMs / 1000)}s.${logTails(comp)}`,
  );
}

async function startComponent(cfg, comp, prepare) {
  await assertPortsFree(comp, cfg.dataDir); // fail fast, before minutes of mvn / go build
  const launch = await prepare(cfg, comp);
  await assertPortsFree(comp, cfg.dataDir); // and again: provisioning may have taken a while
  await fsp.mkdir(comp.logsDir, { recursive: true });
  const t0 = Date.now();
  const stamp = `\n=== ${new Date().toISOString()} start by scripts/infra.mjs (pid ${process.pid}) ===\n`;
  for (const f of comp.logFiles.filter((x) => /std(out|err)\.log$/.test(x))) {
    // stdout/stderr are appended to across starts; keep one previous file once one grows past 10 MB.
    const size = fs.existsSync(f) ? fs.statSync(f).size : 0;
    if (size > MAX_LOG_BYTES) await fsp.rename(f, `${f}.1`);
    await fsp.appendFile(f, stamp);
  }
  const child = spawnDetached(launch.cmd, launch.args, {
    cwd: launch.cwd,
    stdoutFile: path.join(comp.logsDir, 'stdout.log'),
    stderrFile: path.join(comp.logsDir, 'stderr.log'),
  });
  const exited = {};
  const spawnError = await new Promise((resolve) => {
    child.once('error', resolve);
    child.once('spawn', () => resolve(null));
  });
  if (spawnError) throw new InfraError(`could not start ${comp.label}: ${spawnError.message}`);
  child.once('exit', (code, signal) => Object.assign(exited, { code, signal }));
  const info = {
    component: comp.name,
    pid: child.pid,
    host: HOST,
    port: comp.port,
    extraPorts: Object.fromEntries(comp.extraPorts.map((e) => [e.env, e.port])),
    address: comp.address,
    dataDir: cfg.dataDir,
    startedAt: new Date().toISOString(),
    command: [launch.cmd, ...launch.args],
  };
  // Recorded before the wait, so `down` can stop a start-up that was interrupted.
  await writeFileAtomic(comp.pidFile, `${JSON.stringify(info, null, 2)}\n`);
  cfg.log(`${comp.name}: started pid ${child.pid}, waiting for ${comp.address} ...`);
  try {
    await waitReady(comp, child.pid, t0 + comp.readyTimeoutMs, exited);
  } catch (err) {
    await stopGroup(child.pid, 5000);
    await fsp.rm(comp.pidFile, { force: true });
    throw err;
  }
  cfg.log(`${comp.name}: ready on ${comp.address} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
}

/** Reuses a running component or (re)starts it. Resolves 'reused' or 'started'. */
async function ensureComponent(cfg, comp, prepare) {
  let inspected = await inspect(comp);
  if (inspected.state === 'running' || inspected.state === 'starting') {
    const mismatch = portsMismatch(comp, inspected.info);
    if (mismatch) {
      throw new InfraError(
        `the local ${comp.label} of ${cfg.dataDir} is already running (pid ${inspected.info.pid}) on ${mismatch}, ` +
          `not the requested one. Run \`node scripts/infra.mjs down\` first, or use another PB_DATA_DIR.`,
      );
    }
  }
  if (inspected.state === 'starting') {
    cfg.log(`${comp.name}: pid ${inspected.info.pid} is still starting; waiting for it`);
    const deadline = Date.parse(inspected.info.startedAt) + comp.readyTimeoutMs;
    try {
      await waitReady(comp, inspected.info.pid, deadline);
      inspected = { ...inspected, state: 'running' };
    } catch (err) {
      cfg.log(`${comp.name}: ${err.message.split('\n')[0]}`);
      inspected = { ...inspected, state: 'stale' };
    }
  }
  if (inspected.state === 'running') {
    cfg.log(`${comp.name}: reusing pid ${inspected.info.pid} on ${comp.address}`);
    return 'reused';
  }
  if (inspected.state === 'stale') {
    const i = inspected.info;
    const why = !i
      ? 'unreadable pid file'
      : inspected.ours
        ? `pid ${i.pid} is alive but ${comp.address} does not answer`
        : `pid ${i.pid} from the pid file is not running`;
    await cleanup(comp, inspected, cfg.log, why);
  }
  await stopOrphans(comp, cfg.log);
  await startComponent(cfg, comp, prepare);
  return 'started';
}

/** One clear message naming every tool this run needs and does not find. */
async function preflight(cfg, comps, wanted) {
  const answering = async (comp) => {
    const info = await readJson(comp.pidFile);
    return Boolean(info && pidAlive(info.pid) && isOurs(comp, info.pid) && (await comp.ready(info.port)));
  };
  const needs = [];
  if (wanted.includes('kafka') && !(await answering(comps.kafka))) {
    needs.push('java');
    if (!(await kafkaLibCurrent(cfg))) needs.push('mvn');
  }
  if (wanted.includes('ferretdb') && !(await answering(comps.ferretdb))) {
    if (!(await ferretBinaryCurrent(cfg))) needs.push('go');
    if (!postgresDistCurrent(cfg)) needs.push('mvn', 'jar', 'tar', 'xz');
  }
  requireTools([...new Set(needs)]);
}

// ------------------------------------------------------------------- API ---

const PREPARE = { kafka: prepareKafka, ferretdb: prepareFerret };

/**
 * Starts (or reuses) the local Kafka and FerretDB.
 * Options override the environment (PB_DATA_DIR, LOCAL_KAFKA_PORT,
 * LOCAL_KAFKA_CONTROLLER_PORT, LOCAL_MONGO_PORT) and the defaults
 * (<repo>/.data, 9092, kafkaPort + 1, 27017). `components` limits the work to
 * some of ['kafka', 'ferretdb'] (default both); the address of a component not
 * asked for is undefined. `portEnv` ({kafka, controller, mongo}) names the variables
 * a port conflict tells the user to set, for callers with variables of their own.
 * @returns {Promise<{kafkaBrokers: string, mongodbUri: string, started: string[], reused: string[]}>}
 */
export async function ensureInfra(options = {}) {
  const cfg = resolveConfig(options);
  const wanted = options.components ?? ['kafka', 'ferretdb'];
  const comps = components(cfg);
  for (const w of wanted) if (!comps[w]) throw new InfraError(`unknown component "${w}" (kafka, ferretdb)`);
  await fsp.mkdir(cfg.dataDir, { recursive: true });
  const release = await acquireLock(path.join(cfg.dataDir, '.infra.lock'), {
    onWait: (pid) => cfg.log(`waiting for another infra start/stop (pid ${pid}) to finish ...`),
  });
  const started = [];
  const reused = [];
  try {
    await preflight(cfg, comps, wanted);
    // Both in parallel: provisioning (mvn / go build) and start-up overlap.
    const results = await Promise.allSettled(wanted.map((w) => ensureComponent(cfg, comps[w], PREPARE[w])));
    const failures = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') (r.value === 'started' ? started : reused).push(wanted[i]);
      else failures.push(r.reason);
    });
    if (failures.length) {
      const err = new InfraError(failures.map((e) => e.message).join('\n\n'));
      err.started = started;
      err.reused = reused;
      throw err;
    }
  } finally {
    await release();
  }
  return {
    kafkaBrokers: wanted.includes('kafka') ? comps.kafka.address : undefined,
    mongodbUri: wanted.includes('ferretdb') ? `mongodb://${comps.ferretdb.address}` : undefined,
    started,
    reused,
  };
}

/**
 * Stops the local Kafka and FerretDB of the data folder (SIGTERM to the
 * process group, SIGKILL after 15 s) and removes their pid files.
 * @returns {Promise<{stopped: string[]}>}
 */
export async function stopInfra(options = {}) {
  const dataDir = resolveDataDir(options.dataDir);
  const log = typeof options.log === 'function' ? options.log : defaultLog;
  // Ports do not matter for stopping; defaults keep resolveConfig happy.
  const comps = components({ dataDir, kafkaPort: 0, controllerPort: 0, mongoPort: 0 });
  const stopped = [];
  if (!fs.existsSync(dataDir)) return { stopped };
  const release = await acquireLock(path.join(dataDir, '.infra.lock'), {
    onWait: (pid) => log(`waiting for another infra start/stop (pid ${pid}) to finish ...`),
  });
  try {
    await Promise.all(
      Object.values(comps).map(async (comp) => {
        const info = await readJson(comp.pidFile);
        let did = false;
        if (info && Number.isInteger(info.pid)) {
          const alive = pidAlive(info.pid);
          if ((alive && isOurs(comp, info.pid)) || (!alive && groupAlive(info.pid))) {
            const how = await stopGroup(info.pid, STOP_GRACE_MS);
            if (how !== 'none') {
              log(`${comp.name}: stopped pid ${info.pid}${how === 'kill' ? ' (SIGKILL after 15s)' : ''}`);
              did = true;
            }
          }
        }
        await fsp.rm(comp.pidFile, { force: true });
        for (const pid of findProcesses(comp.cmdNeedles)) {
          log(`${comp.name}: stopping process ${pid} of this data folder that had no pid file`);
          await stopGroup(pid, STOP_GRACE_MS);
          did = true;
        }
        if (did) stopped.push(comp.name);
        else log(`${comp.name}: not running`);
      }),
    );
  } finally {
    await release();
  }
  return { stopped };
}

/**
 * @returns {Promise<Array<{component: string, running: boolean, pid: number|null, address: string|null}>>}
 */
export async function infraStatus(options = {}) {
  const dataDir = resolveDataDir(options.dataDir);
  const comps = components({ dataDir, kafkaPort: 0, controllerPort: 0, mongoPort: 0 });
  const out = [];
  for (const comp of Object.values(comps)) {
    const info = await readJson(comp.pidFile);
    let running = false;
    if (info && Number.isInteger(info.pid) && pidAlive(info.pid) && isOurs(comp, info.pid)) {
      running = await comp.ready(info.port);
    }
    out.push({
      component: comp.name,
      running,
      pid: running ? info.pid : null,
      address: running ? info.address : null,
    });
  }
  return out;
}

// ------------------------------------------------------------------- CLI ---

async function main(argv) {
  const cmd = argv[0];
  if (cmd === 'up') {
    const r = await ensureInfra();
    process.stdout.write(`KAFKA_BROKERS=${r.kafkaBrokers}\nMONGODB_URI=${r.mongodbUri}\n`);
  } else if (cmd === 'down') {
    await stopInfra();
  } else if (cmd === 'status') {
    for (const s of await infraStatus()) {
      process.stdout.write(
        `${s.component.padEnd(9)} ${s.running ? `running  pid ${String(s.pid).padEnd(8)} ${s.address}` : 'stopped'}\n`,
      );
    }
  } else {
    process.stderr.write('usage: node scripts/infra.mjs up|down|status\n');
    return 1;
  }
  return 0;
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`[infra] error: ${err instanceof InfraError ? err.message : err.stack || err}\n`);
      process.exitCode = 1;
    },
  );
}
