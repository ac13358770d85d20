// Where the local infrastructure keeps its data and which ports it uses: the
// caller's options first, then the environment, then the defaults.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const HOST = '127.0.0.1';

/** A failure whose message is meant for the user as it is (no stack trace). */
export class InfraError extends Error {}

export const defaultLog = (line) => console.error(`[infra] ${line}`);

/** What a port conflict tells the user to set, unless the caller has variables of its own (npm test). */
const DEFAULT_PORT_ENV = { kafka: 'LOCAL_KAFKA_PORT', controller: 'LOCAL_KAFKA_CONTROLLER_PORT', mongo: 'LOCAL_MONGO_PORT' };

function parsePort(value, envName) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new InfraError(`${envName} must be a TCP port number (1-65535), got "${value}"`);
  }
  return n;
}

export function resolveDataDir(dataDir) {
  const dir = dataDir ?? process.env.PB_DATA_DIR ?? path.join(REPO_ROOT, '.data');
  // A relative PB_DATA_DIR is taken relative to the repository root, so the
  // launcher and jest (whatever their cwd) agree on one folder.
  return path.resolve(REPO_ROOT, dir);
}

export function resolveLog(opts = {}) {
  return typeof opts.log === 'function' ? opts.log : defaultLog;
}

export function resolveConfig(opts = {}) {
  const env = process.env;
  const dataDir = resolveDataDir(opts.dataDir);
  const kafkaPort = parsePort(opts.kafkaPort ?? env.LOCAL_KAFKA_PORT ?? 9092, 'LOCAL_KAFKA_PORT');
  const controllerPort = parsePort(opts.controllerPort ?? env.LOCAL_KAFKA_CONTROLLER_PORT ?? kafkaPort + 1, 'LOCAL_KAFKA_CONTROLLER_PORT');
  const mongoPort = parsePort(opts.mongoPort ?? env.LOCAL_MONGO_PORT ?? 27017, 'LOCAL_MONGO_PORT');
  if (new Set([kafkaPort, controllerPort, mongoPort]).size !== 3) {
    throw new InfraError(`LOCAL_KAFKA_PORT (${kafkaPort}), LOCAL_KAFKA_CONTROLLER_PORT (${controllerPort}) and ` + `LOCAL_MONGO_PORT (${mongoPort}) must be three different ports`);
  }
  return { dataDir, kafkaPort, controllerPort, mongoPort, log: resolveLog(opts), portEnv: { ...DEFAULT_PORT_ENV, ...opts.portEnv } };
}

/** For stopping and status, where the ports do not matter. */
export function dataDirOnlyConfig(opts = {}) {
  return { dataDir: resolveDataDir(opts.dataDir), kafkaPort: 0, controllerPort: 0, mongoPort: 0, log: resolveLog(opts), portEnv: DEFAULT_PORT_ENV };
}
