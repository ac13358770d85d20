#!/usr/bin/env node
// `npm run seed`: loads the demo data set from the source article (太白楼路商圈,
// 济宁软件园, 仙营街道 …) into a running platform through the gateway. Safe to
// run twice: what exists is left as it is. Each context's data lives in
// scripts/seed/<context>.mjs and runs in the order the services depend on.
import crypto from 'node:crypto';
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
  client.review = (await reviewerClient(client, { gatewayUrl, password, log })).call;
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

/**
 * A second administrator (演示复核员, district admin of 任城区) who verifies and rates the demo cases the
 * seed's administrator reported. Its password is derived from the administrator's, so a second run
 * signs in again without keeping anything.
 */
async function reviewerClient(admin, { gatewayUrl, password, log }) {
  const reviewer = { username: 'demo-reviewer', password: crypto.createHmac('sha256', password).update('demo-reviewer').digest('base64url') };
  await admin.call('POST', '/users', {
    ...reviewer,
    displayName: '演示复核员',
    role: 'DISTRICT_ADMIN',
    scope: { level: 'DISTRICT', districtId: 'rencheng' },
  });
  return seedClient({ gatewayUrl, ...reviewer, log });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSeed().catch((error) => {
    say(`seed failed: ${error.message}`);
    process.exit(1);
  });
}
