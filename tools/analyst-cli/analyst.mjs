#!/usr/bin/env node
// 分析人员订阅工具 — the analysts' subscriber CLI. Reads only the analyst topics
// (analyst.<context>.events): people are pseudonyms there and personal data is absent.
//
//   npm run analyst -- topics
//   npm run analyst -- types [--context membership]
//   npm run analyst -- tail   [--group NAME] [filters] [--format ndjson|csv]
//   npm run analyst -- replay [--group NAME] [--from-beginning | --since 2026-01-01T00:00:00Z] [--follow] [filters] [--format csv] [--output all.csv]
//
// Filters: --context C (repeatable), --type T (repeatable; `membership.MemberRegistered` or with `.v1`),
// --district D, --zone Z, --max N. A named --group resumes where it stopped. --output FILE writes there
// instead of standard output (`npm run` prints its own banner lines on standard output).
// Connection: --brokers (or ANALYST_KAFKA_BROKERS / KAFKA_BROKERS), --prefix (KAFKA_TOPIC_PREFIX),
// --sasl-username / ANALYST_KAFKA_USERNAME, ANALYST_KAFKA_PASSWORD, --ssl.
// Exit codes: 0 done, 2 wrong usage, 69 broker unreachable, 1 anything else.
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { analystTopicOf, CONTEXTS, eventTypes } from './lib/catalogue.mjs';
import { createWriter } from './lib/output.mjs';
import { BrokerUnreachable, kafkaClient, subscribe, UsageError, withAdmin } from './lib/subscribe.mjs';

const EXIT_USAGE = 2;
const EXIT_UNAVAILABLE = 69;

const HELP = `用法 Usage: npm run analyst -- <command> [options]
  topics                        列出分析主题 / list the analyst topics and their sizes
  types [--context C]           列出事件类型 / list event types
  tail                          实时订阅 / follow new events (a named --group resumes where it stopped)
  replay                        回放 / replay: a new or unnamed group from the beginning, a named one from where it stopped,
                                --from-beginning always from the start, --since <ISO time> from that time; stops when caught up
                                unless --follow
Options: --group NAME  --context C  --type T  --district D  --zone Z  --format ndjson|csv  --output FILE  --max N  --stats
         --brokers host:port[,…]  --prefix P  --sasl-username U (password in ANALYST_KAFKA_PASSWORD)  --ssl`;

function fail(code, zh, en) {
  process.stderr.write(`错误：${zh}\nError: ${en}\n`);
  process.exit(code);
}

function options() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        brokers: { type: 'string' },
        prefix: { type: 'string' },
        group: { type: 'string' },
        context: { type: 'string', multiple: true },
        topic: { type: 'string', multiple: true },
        type: { type: 'string', multiple: true },
        district: { type: 'string' },
        zone: { type: 'string' },
        format: { type: 'string', default: 'ndjson' },
        output: { type: 'string', short: 'o' },
        since: { type: 'string' },
        'from-beginning': { type: 'boolean', default: false },
        follow: { type: 'boolean', default: false },
        max: { type: 'string' },
        stats: { type: 'boolean', default: false },
        'sasl-username': { type: 'string' },
        'sasl-mechanism': { type: 'string' },
        ssl: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail(EXIT_USAGE, `参数有误：${error.message}`, `${error.message}\n${HELP}`);
  }
}

async function main() {
  const { values: o, positionals } = options();
  const command = positionals[0];
  if (o.help || !command) {
    process.stdout.write(`${HELP}\n`);
    process.exit(command || o.help ? 0 : EXIT_USAGE);
  }
  const prefix = o.prefix ?? process.env.KAFKA_TOPIC_PREFIX ?? '';
  const brokers = o.brokers ?? process.env.ANALYST_KAFKA_BROKERS ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const contexts = o.context ?? CONTEXTS;
  for (const c of contexts) if (!CONTEXTS.includes(c)) fail(EXIT_USAGE, `未知的业务域 "${c}"，可选：${CONTEXTS.join('、')}`, `unknown context "${c}"; one of ${CONTEXTS.join(', ')}`);

  if (command === 'types') {
    for (const t of eventTypes().filter((t) => contexts.includes(t.context))) process.stdout.write(`${t.type}\t${t.topic}\t${t.description}\n`);
    return;
  }
  if (!['topics', 'tail', 'replay'].includes(command)) fail(EXIT_USAGE, `未知命令 "${command}"`, `unknown command "${command}"\n${HELP}`);
  if (!['ndjson', 'csv'].includes(o.format)) fail(EXIT_USAGE, `--format 只能是 ndjson 或 csv`, '--format must be ndjson or csv');
  let since;
  if (o.since !== undefined) {
    since = Date.parse(o.since);
    if (Number.isNaN(since)) fail(EXIT_USAGE, `--since 须为 ISO 8601 时间，例如 2026-01-01T00:00:00+08:00`, '--since must be an ISO 8601 time');
  }
  const max = o.max === undefined ? undefined : Number(o.max);
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) fail(EXIT_USAGE, '--max 须为正整数', '--max must be a positive integer');
  if (o.output !== undefined && o.output.trim() === '') fail(EXIT_USAGE, '--output 须为文件路径', '--output must be a file path');
  if (o.group !== undefined && !/^[A-Za-z0-9._-]{1,200}$/.test(o.group)) fail(EXIT_USAGE, '--group 只能包含字母、数字、. _ -', '--group may hold only letters, digits, . _ -');

  // Analysts read analyst topics only (the broker's ACLs enforce it in production).
  const topics = (o.topic ?? contexts.map(analystTopicOf)).map((t) => (t.startsWith(prefix) ? t : prefix + t));
  for (const t of topics) {
    if (!t.slice(prefix.length).startsWith('analyst.')) fail(EXIT_USAGE, `只能订阅分析主题（analyst.*）：${t}`, `analysts may read only analyst.* topics: ${t}`);
  }
  const kafka = kafkaClient({
    brokers,
    saslUsername: o['sasl-username'] ?? process.env.ANALYST_KAFKA_USERNAME,
    saslPassword: process.env.ANALYST_KAFKA_PASSWORD,
    saslMechanism: o['sasl-mechanism'],
    ssl: o.ssl,
  });

  if (command === 'topics') {
    await withAdmin(kafka, async (admin) => {
      const existing = new Set(await admin.listTopics());
      for (const t of topics) {
        if (!existing.has(t)) {
          process.stdout.write(`${t}\t(不存在 / missing)\n`);
          continue;
        }
        const offsets = await admin.fetchTopicOffsets(t);
        const count = offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
        process.stdout.write(`${t}\t${offsets.length} partitions\t${count} events\n`);
      }
    });
    return;
  }

  await withAdmin(kafka, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) throw new UsageError(`主题不存在 / no such topic: ${missing.join(', ')}`);
  });

  const types = (o.type ?? []).map((t) => t.trim());
  const filter = (event) =>
    (types.length === 0 || types.some((t) => event.type === t || event.type.startsWith(`${t}.v`))) &&
    (o.district === undefined || event.districtid === o.district) &&
    (o.zone === undefined || event.zoneid === o.zone);

  // A file of its own: `npm run analyst … > all.csv` would also catch npm's banner lines before the header.
  const out = o.output === undefined ? process.stdout : await openOutput(o.output);
  const writer = createWriter(o.format, out);
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const started = Date.now();
  const stats = await subscribe(
    kafka,
    {
      topics,
      group: o.group,
      groupPrefix: process.env.ANALYST_GROUP_PREFIX,
      mode: command === 'tail' ? 'live' : o['from-beginning'] ? 'beginning' : 'replay',
      since,
      follow: command === 'tail' || o.follow,
      max,
      filter,
      signal: abort.signal,
    },
    (event) => writer.write(event),
  );
  await writer.end();
  if (o.stats) {
    const seconds = (Date.now() - started) / 1000;
    const peak = process.resourceUsage().maxRSS / 1024;
    process.stderr.write(
      `events read ${stats.read}, written ${stats.written} in ${seconds.toFixed(1)} s = ${Math.round(stats.read / Math.max(seconds, 0.001))} events/s; peak RSS ${peak.toFixed(1)} MiB\n`,
    );
  }
}

/** The output file, created (or emptied) before anything is read; a path that cannot be written is a usage error. */
function openOutput(file) {
  return new Promise((resolve) => {
    const stream = createWriteStream(file);
    stream.once('open', () => resolve(stream));
    stream.once('error', (error) => fail(EXIT_USAGE, `无法写入输出文件 ${file}：${error.code ?? error.message}`, `cannot write the output file ${file}: ${error.message}`));
  });
}

main().catch((error) => {
  if (error instanceof BrokerUnreachable || (error && /ECONNREFUSED|ENOTFOUND|Connection error|connection timeout/i.test(String(error.message)))) {
    const brokers = process.argv.includes('--brokers')
      ? process.argv[process.argv.indexOf('--brokers') + 1]
      : (process.env.ANALYST_KAFKA_BROKERS ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092');
    fail(
      EXIT_UNAVAILABLE,
      `无法连接 Kafka 服务器 ${brokers}。请检查 --brokers（或 KAFKA_BROKERS）地址、网络和账号。`,
      `cannot reach the Kafka broker at ${brokers}. Check --brokers (or KAFKA_BROKERS), the network and your credentials.`,
    );
  }
  if (error instanceof UsageError) fail(EXIT_USAGE, error.message, error.message);
  fail(1, `运行失败：${error.message}`, error.stack ?? String(error));
});
