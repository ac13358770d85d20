// The local MongoDB-wire database: FerretDB 1.24 on a private PostgreSQL, as one
// program of ours (infra/ferretdb, built with the machine's Go) that runs the
// PostgreSQL server as its child.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

import { defineComponent } from './component.mjs';
import { HOST, InfraError, REPO_ROOT } from './config.mjs';
import { localSecrets } from '../lib/secrets.mjs';
import { postgresDistCurrent, provisionPostgresDist } from './postgres.mjs';
import { hashFiles, run } from './process.mjs';
import { lastLines, requireTools } from './tools.mjs';

const FERRET_SRC = path.join(REPO_ROOT, 'infra', 'ferretdb');
const READY_TIMEOUT_MS = 90_000; // the first start runs initdb

/** True when the server on port answers a `ping` (FerretDB answers once its PostgreSQL accepts connections). */
export async function mongoReady(port, host = HOST, timeoutMs = 2000) {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(`mongodb://${host}:${port}/`, {
    directConnection: true,
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
  });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

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
  if (await ferretBinaryCurrent(cfg)) return bin;
  requireTools(['go']);
  if (!fs.existsSync(path.join(FERRET_SRC, 'go.sum'))) {
    cfg.log('ferretdb: infra/ferretdb/go.sum is missing; running go mod tidy (commit the go.sum it writes)');
    const r = await run('go', ['mod', 'tidy'], { cwd: FERRET_SRC });
    if (r.code !== 0) throw new InfraError(`go mod tidy in infra/ferretdb failed (exit ${r.code}):\n${(r.stdout + r.stderr).trim()}`);
  }
  cfg.log('ferretdb: building infra/ferretdb with go (first build takes a while; Go caches it) ...');
  const t0 = Date.now();
  await fsp.mkdir(path.dirname(bin), { recursive: true });
  const tmp = `${bin}.tmp-${process.pid}`;
  const r = await run('go', ['build', '-buildvcs=false', '-trimpath', '-o', tmp, '.'], { cwd: FERRET_SRC });
  if (r.code !== 0) {
    await fsp.rm(tmp, { force: true });
    throw new InfraError(`go build of infra/ferretdb failed (exit ${r.code}):\n${lastLines(r)}`);
  }
  await fsp.rename(tmp, bin);
  await fsp.writeFile(`${bin}.hash`, `${hashFiles(ferretSources())}\n`);
  cfg.log(`ferretdb: built ${bin} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  return bin;
}

async function prepareFerret(cfg, comp) {
  const [bin, dist] = await Promise.all([provisionFerretBinary(cfg), provisionPostgresDist(cfg)]);
  await fsp.mkdir(comp.logsDir, { recursive: true });
  return {
    cmd: bin,
    args: ['-listen', `${HOST}:${cfg.mongoPort}`, '-postgres', dist, '-data', path.join(comp.dir, 'pg'), '-log-level', 'error'],
    cwd: comp.dir,
    // PostgreSQL takes password logins only; the password is made once per data folder and kept in its secrets file.
    env: { PB_POSTGRES_PASSWORD: localSecrets(cfg.dataDir).POSTGRES_PASSWORD },
  };
}

/** The FerretDB component of a data folder. */
export function ferretComponent(cfg) {
  return defineComponent(cfg, {
    name: 'ferretdb',
    label: 'FerretDB',
    port: cfg.mongoPort,
    portEnv: cfg.portEnv.mongo,
    conflictHint: 'or set MONGODB_URI to use that server',
    readyTimeoutMs: READY_TIMEOUT_MS,
    cmdNeedles: [ferretBin(cfg), path.join(cfg.dataDir, 'ferretdb', 'pg')],
    ready: (port) => mongoReady(port),
    prepare: prepareFerret,
    needs: async () => [...((await ferretBinaryCurrent(cfg)) ? [] : ['go']), ...(postgresDistCurrent(cfg) ? [] : ['mvn', 'jar', 'tar', 'xz'])],
  });
}
