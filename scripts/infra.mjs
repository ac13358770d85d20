#!/usr/bin/env node
// Local real infrastructure for tests and local runs: a single-node Apache Kafka
// (infra/kafka.mjs) and FerretDB on a private PostgreSQL (infra/ferretdb.mjs,
// infra/postgres.mjs), each a detached process of its data folder
// (infra/component.mjs).
//
//   node scripts/infra.mjs up       start (or reuse) both; prints KAFKA_BROKERS=... and MONGODB_URI=...
//   node scripts/infra.mjs up ferretdb   (or kafka) only that one
//   node scripts/infra.mjs down     stop both
//   node scripts/infra.mjs status   running/stopped, pid, address
//
// Imported by the launcher, the test runner, the jest global setup and the
// bench (ensureInfra, stopInfra, infraStatus). See docs/local-infrastructure.md.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { answering, ensureComponent, stopComponent } from './infra/component.mjs';
import { dataDirOnlyConfig, InfraError, resolveConfig } from './infra/config.mjs';
import { ferretComponent } from './infra/ferretdb.mjs';
import { kafkaComponent } from './infra/kafka.mjs';
import { acquireLock } from './infra/process.mjs';
import { requireTools } from './infra/tools.mjs';
import { ensureDependencies } from './lib/project.mjs';
import { privateDir } from './lib/secrets.mjs';

const COMPONENTS = { kafka: kafkaComponent, ferretdb: ferretComponent };

function componentsOf(cfg) {
  return Object.fromEntries(Object.entries(COMPONENTS).map(([name, make]) => [name, make(cfg)]));
}

function lockDataDir(cfg) {
  return acquireLock(path.join(cfg.dataDir, '.infra.lock'), {
    onWait: (pid) => cfg.log(`waiting for another infra start/stop (pid ${pid}) to finish ...`),
  });
}

/** One clear message naming every tool this run needs and does not find. */
async function preflight(cfg, comps) {
  const needs = await Promise.all(comps.map(async (comp) => ((await answering(comp)) ? [] : comp.needs(cfg))));
  requireTools(needs.flat());
}

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
  const wanted = options.components ?? Object.keys(COMPONENTS);
  for (const w of wanted) if (!COMPONENTS[w]) throw new InfraError(`unknown component "${w}" (${Object.keys(COMPONENTS).join(', ')})`);
  const comps = componentsOf(cfg);
  // Keys, the database's files and the logs: the owner alone may enter (0700, also on a folder made before).
  privateDir(cfg.dataDir);
  const release = await lockDataDir(cfg);
  const started = [];
  const reused = [];
  try {
    await preflight(
      cfg,
      wanted.map((w) => comps[w]),
    );
    // All at once: provisioning (mvn / go build) and start-up overlap.
    const results = await Promise.allSettled(wanted.map((w) => ensureComponent(cfg, comps[w])));
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
  const cfg = dataDirOnlyConfig(options);
  if (!fs.existsSync(cfg.dataDir)) return { stopped: [] };
  const release = await lockDataDir(cfg);
  try {
    const comps = Object.values(componentsOf(cfg));
    const did = await Promise.all(comps.map((comp) => stopComponent(comp, cfg.log)));
    return { stopped: comps.filter((_, i) => did[i]).map((c) => c.name) };
  } finally {
    await release();
  }
}

/**
 * @returns {Promise<Array<{component: string, running: boolean, pid: number|null, address: string|null}>>}
 */
export async function infraStatus(options = {}) {
  const comps = Object.values(componentsOf(dataDirOnlyConfig(options)));
  return Promise.all(
    comps.map(async (comp) => {
      const info = await answering(comp);
      return { component: comp.name, running: Boolean(info), pid: info?.pid ?? null, address: info?.address ?? null };
    }),
  );
}

// ------------------------------------------------------------------- CLI ---

async function main(argv) {
  const [cmd, ...names] = argv;
  if (!['up', 'down', 'status'].includes(cmd) || (cmd !== 'up' && names.length > 0)) {
    process.stderr.write(`usage: node scripts/infra.mjs up [${Object.keys(COMPONENTS).join('|')}] | down | status\n`);
    return 1;
  }
  // Readiness is asked through the npm clients (kafkajs, mongodb): a fresh clone installs them first.
  ensureDependencies();
  if (cmd === 'up') {
    const r = await ensureInfra(names.length > 0 ? { components: names } : {});
    if (r.kafkaBrokers) process.stdout.write(`KAFKA_BROKERS=${r.kafkaBrokers}\n`);
    if (r.mongodbUri) process.stdout.write(`MONGODB_URI=${r.mongodbUri}\n`);
  } else if (cmd === 'down') {
    await stopInfra();
  } else {
    for (const s of await infraStatus()) {
      process.stdout.write(`${s.component.padEnd(9)} ${s.running ? `running  pid ${String(s.pid).padEnd(8)} ${s.address}` : 'stopped'}\n`);
    }
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
