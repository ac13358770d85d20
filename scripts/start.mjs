#!/usr/bin/env node
// `npm start`: the whole platform on one machine. Installs what is missing,
// starts the local Kafka and FerretDB unless KAFKA_BROKERS / MONGODB_URI are
// set, builds and starts the five apps, and stops everything on Ctrl-C.
// `npm run start:<app>` (`--only <app>`) starts one app alone; run it again
// with `-- --port N` for another instance of the same service.
import { parseArgs } from 'node:util';
import { ensureInfra, stopInfra } from './infra.mjs';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { APPS, DEFAULT_PORTS, ensureBuilt, ensureDependencies, entryOf, ROOT, say, spawnPrefixed } from './lib/project.mjs';
import { ensureConsoleBuilt } from './lib/console.mjs';
import { localSecrets } from './lib/secrets.mjs';
import { runSeed } from './seed.mjs';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    port: { type: 'string' },
    json: { type: 'boolean', default: false },
    seed: { type: 'boolean' },
  },
});

if (args.only && !APPS.includes(args.only)) {
  say(`unknown app "${args.only}"; one of: ${APPS.join(', ')}`);
  process.exit(2);
}
const apps = args.only ? [args.only] : APPS;

/** JSON log lines shown as `time level message`, unless --json asks for them raw. */
function readable(line) {
  if (args.json || !line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line);
    const time = String(entry.time ?? '').slice(11, 19);
    const context = entry.context ? `${entry.context}: ` : '';
    const request = entry.req ? ` ${entry.req.method} ${entry.req.url} -> ${entry.res?.statusCode} (${entry.responseTime} ms)` : '';
    return `${time} ${String(entry.level).padEnd(5)} ${context}${entry.msg ?? ''}${request}`;
  } catch {
    return line;
  }
}

// A closed terminal or pipe must not stop the orderly shutdown half-way.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

async function main() {
  ensureDependencies();

  const env = { ...process.env };
  let startedInfra = [];
  if (!env.KAFKA_BROKERS || !env.MONGODB_URI) {
    const components = [...(env.KAFKA_BROKERS ? [] : ['kafka']), ...(env.MONGODB_URI ? [] : ['ferretdb'])];
    say(`starting local ${components.join(' and ')} (data under .data/) ...`);
    const infra = await ensureInfra({ components, log: (m) => say(m) });
    env.KAFKA_BROKERS ??= infra.kafkaBrokers;
    env.MONGODB_URI ??= infra.mongodbUri;
    startedInfra = infra.started;
  }
  const secrets = localSecrets(process.env.PB_DATA_DIR ?? path.join(ROOT, '.data'));
  for (const key of ['INTERNAL_TOKEN_SECRET', 'JWT_SECRET', 'MEMBERSHIP_DATA_KEY', 'ANALYST_PSEUDONYM_KEY', 'FIRST_ADMIN_USERNAME', 'FIRST_ADMIN_PASSWORD']) env[key] ??= secrets[key];
  say(`Kafka ${env.KAFKA_BROKERS}, MongoDB ${env.MONGODB_URI.replace(/\/\/[^@/]*@/, '//***@')}`);

  ensureBuilt(apps);
  if (apps.includes('gateway')) ensureConsoleBuilt();

  const children = new Map();
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping ...');
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const force = setTimeout(() => child.kill('SIGKILL'), 15000);
            child.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    // Only the whole-platform launcher stops the infrastructure, and only what it started.
    if (!args.only && startedInfra.length > 0) await stopInfra({ log: (m) => say(m) });
    else if (startedInfra.length > 0) say('local Kafka/FerretDB keep running for other instances; `npm run infra:down` stops them');
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  for (const app of apps) {
    const port = args.port && args.only ? Number(args.port) : DEFAULT_PORTS[app];
    const child = spawnPrefixed(
      app,
      process.execPath,
      [entryOf(app)],
      {
        ...env,
        PORT: String(port),
        MONGODB_DATABASE: env.MONGODB_DATABASE ?? app,
        ...(app === 'gateway'
          ? Object.fromEntries(['membership', 'activities', 'governance', 'enterprise'].map((s) => [`${s.toUpperCase()}_URL`, env[`${s.toUpperCase()}_URL`] ?? `http://127.0.0.1:${DEFAULT_PORTS[s]}`]))
          : {}),
      },
      readable,
    );
    child.once('exit', (code, signal) => {
      if (stopping) return;
      say(`${app} exited (${signal ?? `code ${code}`}); stopping the rest`);
      void stopAll(1);
    });
    children.set(app, child);
  }

  const ready = await Promise.all(
    apps.map(async (app) => {
      const port = args.port && args.only ? Number(args.port) : DEFAULT_PORTS[app];
      const deadline = Date.now() + 90000;
      while (Date.now() < deadline && !stopping) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return true;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      return false;
    }),
  );
  if (stopping) return;
  if (ready.every(Boolean)) {
    if (args.only) {
      say(`${args.only} is ready on http://127.0.0.1:${args.port ?? DEFAULT_PORTS[args.only]} (API docs at /docs). Ctrl-C stops it.`);
    } else {
      say('平台已启动 / the platform is up:');
      say('  网关 Gateway         http://127.0.0.1:3000');
      say('  接口文档 API docs     http://127.0.0.1:3000/docs');
      say('  控制台 Web console   http://127.0.0.1:3000/console/');
      say('  看板 Dashboard       http://127.0.0.1:3000/api/dashboard?scope=city');
      say(`  登录 Sign in          POST /api/auth/sign-in as "${env.FIRST_ADMIN_USERNAME}"; the password is FIRST_ADMIN_PASSWORD in .data/secrets.json`);
      say('  健康 Health / 指标   /health/ready, /metrics on every app (ports 3000-3005)');
      say('Ctrl-C stops everything.');
      await offerDemoData(env);
    }
  } else {
    say('not every app became ready within 90 s; see the log lines above');
  }
}

/**
 * On the first start of a data folder, offer the demo data set from the source
 * article: a question on a terminal, or `--seed` to load it without asking.
 */
async function offerDemoData(env) {
  const dataDir = process.env.PB_DATA_DIR ?? path.join(ROOT, '.data');
  const marker = path.join(dataDir, 'demo-data-offered');
  let wanted = args.seed;
  if (wanted === undefined) {
    if (fs.existsSync(marker)) return;
    if (!process.stdin.isTTY) {
      say('demo data: run `npm run seed` (or start with `npm start -- --seed`) to load the article\'s data set');
      return;
    }
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question('[platform] 加载演示数据（太白楼路商圈、济宁软件园、仙营街道）？Load the demo data set? [Y/n] ');
    rl.close();
    wanted = !/^n/i.test(answer.trim());
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(marker, new Date().toISOString());
  if (!wanted) return;
  try {
    await runSeed({ username: env.FIRST_ADMIN_USERNAME, password: env.FIRST_ADMIN_PASSWORD, log: (m) => say(m) });
  } catch (error) {
    say(`demo data failed: ${error.message} (the platform keeps running; \`npm run seed\` retries)`);
  }
}

main().catch((error) => {
  say(`failed: ${error.message}`);
  process.exit(1);
});
