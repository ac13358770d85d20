#!/usr/bin/env node
// `npm run seed`: loads the demo data set from the source article (太白楼路商圈,
// 济宁软件园, 仙营街道 …) into a running platform through the gateway. Safe to
// run twice: what exists is left as it is. Each context's data lives in
// scripts/seed/<context>.mjs and runs in the order the services depend on.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, say } from './lib/project.mjs';
import { localSecrets } from './lib/secrets.mjs';
import { seedClient } from './seed/client.mjs';

const CONTEXTS = ['membership', 'activities', 'governance', 'enterprise'];

export async function runSeed({ gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000', username, password, log = say } = {}) {
  // The seed signs in like any administrator: the configured one, or the local one.
  const local = () => localSecrets(process.env.PB_DATA_DIR ?? path.join(ROOT, '.data'));
  username ??= process.env.SEED_USERNAME ?? process.env.FIRST_ADMIN_USERNAME ?? local().FIRST_ADMIN_USERNAME;
  password ??= process.env.SEED_PASSWORD ?? process.env.FIRST_ADMIN_PASSWORD ?? local().FIRST_ADMIN_PASSWORD;
  const client = await seedClient({ gatewayUrl, username, password, log });
  for (const context of CONTEXTS) {
    const file = path.join(ROOT, 'scripts/seed', `${context}.mjs`);
    if (!fs.existsSync(file)) continue;
    const started = Date.now();
    log(`seeding ${context} ...`);
    const { seed } = await import(pathToFileURL(file).href);
    await seed(client);
    log(`${context} seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  log(`demo data: ${client.stats.created} created, ${client.stats.existing} already there`);
  return client.stats;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSeed().catch((error) => {
    say(`seed failed: ${error.message}`);
    process.exit(1);
  });
}
