// The PostgreSQL 17 server binaries FerretDB runs on, from Maven Central's
// io.zonky.test.postgres distribution (the one embedded-postgres test libraries
// use). ferretdb-local (infra/ferretdb) runs initdb and the server itself.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

import { InfraError } from './config.mjs';
import { run } from './process.mjs';
import { lastLines, requireTools } from './tools.mjs';

const POSTGRES_VERSION = '17.6.0';
const POSTGRES_ARCH = { x64: 'amd64', arm64: 'arm64v8' };

export const postgresDist = (cfg) => path.join(cfg.dataDir, `postgres-${POSTGRES_VERSION}`);

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

export function postgresDistCurrent(cfg) {
  const dist = postgresDist(cfg);
  return ['initdb', 'postgres'].every((b) => fs.existsSync(path.join(dist, 'bin', b)));
}

/** Unpacks the PostgreSQL server binaries into <dataDir>/postgres-<version> (Maven's cache makes reruns fast). */
export async function provisionPostgresDist(cfg) {
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
    throw new InfraError(`mvn could not resolve ${artifact} (exit ${r.code}). Maven needs to reach Maven Central once; after that ~/.m2 serves it.\n` + lastLines(r));
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
  // Where PostgreSQL has to run as the real `nobody` (see infra/ferretdb/main.go), it must be able to read them.
  await run('chmod', ['-R', 'a+rX', dist]);
  cfg.log(`postgres: ${POSTGRES_VERSION} binaries in ${dist} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  return dist;
}
