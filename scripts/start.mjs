#!/usr/bin/env node
// `npm start`: the whole platform on one machine. Installs what is missing,
// starts the local Kafka and FerretDB unless KAFKA_BROKERS / MONGODB_URI are
// set, builds and starts the six apps, restarts an app that dies (see
// lib/supervisor.mjs), and stops everything on Ctrl-C.
// `npm run start:<app>` (`--only <app>`, repeatable) starts some apps alone; run
// one again with `-- --port N` for another instance of the same service.
import { parseArgs } from 'node:util';
import { ensureInfra, stopInfra } from './infra.mjs';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { APPS, DEFAULT_PORTS, ensureBuilt, ensureDependencies, entryOf, ROOT, say } from './lib/project.mjs';
import { ensureConsoleBuilt } from './lib/console.mjs';
import { localSecrets, SECRET_VARIABLES, secretsFor } from './lib/secrets.mjs';
import { runSeed } from './seed.mjs';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    port: { type: 'string' },
    'port-base': { type: 'string' },
    json: { type: 'boolean', default: false },
    requests: { type: 'boolean', default: false },
    seed: { type: 'boolean' },
  },
});

const unknown = (args.only ?? []).filter((app) => !APPS.includes(app));
if (unknown.length > 0) {
  say(`unknown app "${unknown[0]}"; one of: ${APPS.join(', ')}`);
  process.exit(2);
}
const apps = args.only ? APPS.filter((app) => args.only.includes(app)) : APPS;
const whole = apps.length === APPS.length;
if (args.port && apps.length !== 1) {
  say('--port goes with one --only app; --port-base N moves all ports (gateway N, membership N+1, ...)');
  process.exit(2);
}
const portBase = Number(args['port-base'] ?? DEFAULT_PORTS.gateway);
if (!Number.isInteger(portBase) || portBase < 1 || portBase > 65530) {
  say(`--port-base must be a port number, got "${args['port-base']}"`);
  process.exit(2);
}
const portOf = (app) => (args.port && app === apps[0] ? Number(args.port) : portBase + DEFAULT_PORTS[app] - DEFAULT_PORTS.gateway);

/**
 * JSON log lines shown as `time level message`, unless --json asks for them raw. Requests that
 * went well are left out (a seed alone makes thousands), unless --requests asks for them.
 */
function readable(line) {
  if (args.json || !line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line);
    if (!args.requests && entry.res && entry.res.statusCode < 400 && entry.level === 'info') return null;
    const time = String(entry.time ?? '').slice(11, 19);
    const context = entry.context ? `${entry.context}: ` : '';
    const answer = entry.res ? ` -> ${entry.res.statusCode} (${entry.responseTime} ms)` : '';
    const request = entry.req ? ` ${entry.req.method} ${entry.req.url}${answer}` : '';
    return `${time} ${String(entry.level).padEnd(5)} ${context}${entry.msg ?? ''}${request}`;
  } catch {
    return line;
  }
}

// A closed terminal or pipe must not stop the orderly shutdown half-way.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

async function main() {
  ensureDependencies();
  const { Supervisor } = await import('./lib/supervisor.mjs');
  const supervisor = new Supervisor({
    say,
    format: readable,
    onAllGone: () => {
      say('no app is left running');
      void stopAll(1);
    },
  });

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
  // Each app gets its own secrets only (a value set in the environment wins for the apps that take it).
  for (const key of SECRET_VARIABLES) delete env[key];
  const secretsOf = (app) => Object.fromEntries(Object.entries(secretsFor(app, secrets)).map(([key, value]) => [key, process.env[key] || value]));
  const admin = secretsOf('gateway');
  say(`Kafka ${env.KAFKA_BROKERS}, MongoDB ${env.MONGODB_URI.replace(/\/\/[^@/]*@/, '//***@')}`);

  ensureBuilt(apps);
  if (apps.includes('gateway')) ensureConsoleBuilt();

  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping ...');
    await supervisor.stopAll();
    // Only the whole-platform launcher stops the infrastructure, and only what it started.
    if (whole && startedInfra.length > 0) await stopInfra({ log: (m) => say(m) });
    else if (startedInfra.length > 0) say('local Kafka/FerretDB keep running for other instances; `npm run infra:down` stops them');
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const prefix = env.PB_NAME_PREFIX ?? '';
  for (const app of apps) {
    supervisor.add(app, {
      command: [process.execPath, entryOf(app)],
      readyUrl: `http://127.0.0.1:${portOf(app)}/health/ready`,
      env: {
        ...env,
        ...secretsOf(app),
        PORT: String(portOf(app)),
        MONGODB_DATABASE: env.MONGODB_DATABASE ?? `${prefix}${app}`,
        ...(prefix && !env.KAFKA_GROUP_ID ? { KAFKA_GROUP_ID: `${prefix}${app}` } : {}),
        ...(app === 'gateway'
          ? Object.fromEntries(
              ['membership', 'activities', 'governance', 'enterprise', 'notifications'].map((s) => [
                `${s.toUpperCase()}_URL`,
                env[`${s.toUpperCase()}_URL`] ?? `http://127.0.0.1:${portOf(s)}`,
              ]),
            )
          : {}),
      },
    });
  }

  const ready = await Promise.all(apps.map((app) => supervisor.waitReady(app, 120_000)));
  if (stopping) return;
  if (!ready.every(Boolean)) {
    say(`not ready: ${apps.filter((_, i) => !ready[i]).join(', ')}; see the log lines above`);
  } else if (!whole) {
    for (const app of apps) say(`${app} is ready on http://127.0.0.1:${portOf(app)} (API docs at /docs)`);
    say(`An app that stops is restarted. Ctrl-C stops ${apps.length === 1 ? 'it' : 'them'}.`);
  } else {
    const gateway = `http://127.0.0.1:${portOf('gateway')}`;
    say('平台已启动 / the platform is up:');
    say(`  网关 Gateway         ${gateway}`);
    say(`  接口文档 API docs     ${gateway}/docs`);
    say(`  控制台 Web console   ${gateway}/console/`);
    say(`  看板 Dashboard       ${gateway}/api/dashboard?scope=city`);
    say(`  登录 Sign in          POST /api/auth/sign-in as "${admin.FIRST_ADMIN_USERNAME}"; the password is FIRST_ADMIN_PASSWORD in .data/secrets.json`);
    say(`  健康 Health / 指标   /health/ready, /metrics on every app (ports ${portOf('gateway')}-${portOf('notifications')})`);
    say('An app that stops is restarted. Ctrl-C stops everything.');
    await offerDemoData(admin, gateway);
  }
}

/**
 * On the first start of a data folder, offer the demo data set from the source
 * article: a question on a terminal, or `--seed` to load it without asking.
 */
async function offerDemoData(admin, gatewayUrl) {
  const dataDir = process.env.PB_DATA_DIR ?? path.join(ROOT, '.data');
  const marker = path.join(dataDir, 'demo-data-offered');
  let wanted = args.seed;
  if (wanted === undefined) {
    if (fs.existsSync(marker)) return;
    if (!process.stdin.isTTY) {
      say("demo data: run `npm run seed` (or start with `npm start -- --seed`) to load the article's data set");
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
    await runSeed({ gatewayUrl, username: admin.FIRST_ADMIN_USERNAME, password: admin.FIRST_ADMIN_PASSWORD, log: (m) => say(m) });
  } catch (error) {
    say(`demo data failed: ${error.message} (the platform keeps running; \`npm run seed\` retries)`);
  }
}

main().catch((error) => {
  say(`failed: ${error.message}`);
  process.exit(1);
});
