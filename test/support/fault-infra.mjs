#!/usr/bin/env node
// The fault suite's own Kafka and FerretDB (never the shared dev set, never `npm test`'s):
// `up` starts or reuses both (prints KAFKA_BROKERS / MONGODB_URI), `stop <kafka|ferretdb>`
// stops one component (SIGTERM to its process group; FerretDB takes its PostgreSQL with it),
// `down` stops both.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInfra, stopInfra } from '../../scripts/infra.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FAULT_INFRA = {
  dataDir: path.resolve(ROOT, process.env.FAULT_DATA_DIR ?? '.data/test-faults'),
  kafkaPort: Number(process.env.FAULT_KAFKA_PORT ?? 29192),
  controllerPort: Number(process.env.FAULT_KAFKA_CONTROLLER_PORT ?? 29193),
  mongoPort: Number(process.env.FAULT_MONGO_PORT ?? 29117),
  portEnv: { kafka: 'FAULT_KAFKA_PORT', controller: 'FAULT_KAFKA_CONTROLLER_PORT', mongo: 'FAULT_MONGO_PORT' },
};
const log = (m) => process.stderr.write(`[fault-infra] ${m}\n`);

async function stopOne(component) {
  const file = path.join(FAULT_INFRA.dataDir, `${component}.pid.json`);
  const { pid } = JSON.parse(fs.readFileSync(file, 'utf8'));
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    process.kill(pid, 'SIGTERM');
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) {
      process.kill(-pid, 'SIGKILL');
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const [cmd, arg] = process.argv.slice(2);
if (cmd === 'up') {
  // A fresh start: stop what runs, then empty the topics and databases (never under a running broker).
  if (arg === 'fresh') await stopInfra({ dataDir: FAULT_INFRA.dataDir, log });
  if (arg === 'fresh') for (const dir of ['kafka/data', 'ferretdb/data', 'ferretdb/pg']) fs.rmSync(path.join(FAULT_INFRA.dataDir, dir), { recursive: true, force: true });
  const env = await ensureInfra({ ...FAULT_INFRA, log });
  process.stdout.write(`KAFKA_BROKERS=${env.kafkaBrokers}\nMONGODB_URI=${env.mongodbUri}\n`);
} else if (cmd === 'stop') {
  await stopOne(arg);
} else if (cmd === 'down') {
  await stopInfra({ dataDir: FAULT_INFRA.dataDir, log });
} else {
  log('usage: fault-infra.mjs up [fresh] | stop kafka|ferretdb | down');
  process.exit(2);
}
