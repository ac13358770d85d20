#!/usr/bin/env node
// `npm test`: every test, against a real Kafka broker and a real MongoDB-wire
// database. Provisions them (under .data/test, on ports of their own) unless
// KAFKA_BROKERS / MONGODB_URI are set, type-checks, builds the apps (some tests
// run them as separate processes), runs jest (both projects, unit and e2e: see
// jest.config.js), and prints a closing summary.
// Extra arguments go to jest, e.g. `npm test -- apps/membership`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureInfra, infraStatus, stopInfra } from './infra.mjs';
import { ensureBuilt, ensureDependencies, ROOT, say } from './lib/project.mjs';
import { ensureConsoleBuilt } from './lib/console.mjs';
import { ensureChromium } from './ensure-chromium.mjs';
import { testInfraOptions } from './test-infra-options.mjs';

// A full run takes about 20 minutes here; CI allows 90 for everything, set-up included.
const JEST_LIMIT_MS = Number(process.env.TEST_TIME_LIMIT_MIN ?? 70) * 60_000;

async function main() {
  const started = Date.now();
  ensureDependencies();
  // ESLint and Prettier (`npm run lint`) first: they fail within seconds, before any infrastructure starts.
  say('linting (npm run lint) ...');
  if (spawnSync('npm', ['run', '--silent', 'lint'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('lint failed: see `npm run lint`');

  const env = { ...process.env };
  let provisioned = null;
  if (!env.KAFKA_BROKERS || !env.MONGODB_URI) {
    const options = testInfraOptions();
    // Every run starts from empty topics and databases, so tests never need to clean up after themselves
    // (and never drop a database another connection may still use).
    const running = (await infraStatus({ dataDir: options.dataDir })).some((c) => c.running);
    if (!running) {
      for (const dir of ['kafka/data', 'ferretdb/data', 'ferretdb/pg']) fs.rmSync(path.join(options.dataDir, dir), { recursive: true, force: true });
    }
    say(`provisioning the test Kafka and FerretDB (${path.relative(ROOT, options.dataDir)}) ...`);
    let infra;
    try {
      infra = await ensureInfra({ ...options, log: (m) => say(m) });
    } catch (error) {
      // Kafka failing to start must not leave the database started just before it running.
      if (!process.env.KEEP_TEST_INFRA) await stopInfra({ dataDir: options.dataDir, log: (m) => say(m) }).catch(() => undefined);
      throw error;
    }
    env.KAFKA_BROKERS = infra.kafkaBrokers;
    env.MONGODB_URI = infra.mongodbUri;
    provisioned = options;
  }

  // jest's status, made 1 below by a failed report or no tests; a step that throws ends the run in main().catch instead.
  let exitCode;
  try {
    say('type-checking ...');
    const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], { cwd: ROOT, stdio: 'inherit' });
    if (tsc.status !== 0) throw new Error('type check failed');
    ensureBuilt();
    ensureConsoleBuilt();
    // The browser test needs Debian's chromium; without it that test fails and says so.
    ensureChromium();

    const resultFile = path.join(ROOT, '.data', 'jest-results.json');
    fs.mkdirSync(path.dirname(resultFile), { recursive: true });
    fs.rmSync(resultFile, { force: true });
    // The reliability suite's figures and the app processes' logs it scans are this run's only.
    for (const dir of ['reliability-report', 'test-logs']) fs.rmSync(path.join(ROOT, '.data', dir), { recursive: true, force: true });
    const jest = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/jest/bin/jest.js'), '--runInBand', '--forceExit', '--json', `--outputFile=${resultFile}`, ...process.argv.slice(2)],
      // A wedged dependency must end the run with a message, not run into CI's own limit silently.
      { cwd: ROOT, stdio: 'inherit', env, timeout: JEST_LIMIT_MS, killSignal: 'SIGKILL' },
    );
    exitCode = jest.status ?? 1;
    if (jest.error?.code === 'ETIMEDOUT') {
      say(`jest did not finish within ${JEST_LIMIT_MS / 60_000} min and was stopped; the infrastructure logs are under ${path.relative(ROOT, provisioned?.dataDir ?? '.data')}`);
    }
    const report = spawnSync(process.execPath, [path.join(ROOT, 'test/support/print-report.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (report.status !== 0) exitCode = 1;
    if (fs.existsSync(resultFile)) {
      const r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
      const seconds = Math.round((Date.now() - started) / 1000);
      say(`${r.numTotalTestSuites} suites in ${seconds} s`);
      // The closing line CI reads.
      process.stdout.write(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped\n`);
      if (r.numTotalTests === 0) exitCode = 1;
    }
  } finally {
    if (provisioned && !process.env.KEEP_TEST_INFRA) await stopInfra({ dataDir: provisioned.dataDir, log: (m) => say(m) });
  }
  process.exit(exitCode);
}

main().catch((error) => {
  say(`failed: ${error.message}`);
  process.exit(1);
});
