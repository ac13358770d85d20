#!/usr/bin/env node
// 死信工具 — lists dead-lettered messages and re-drives them to their source topic after a fix.
//
//   npm run dead-letters -- list    [--topic T.dlq …] [--group G] [--json]
//   npm run dead-letters -- redrive (--all | <entry id> …) [--topic T.dlq …] [--group G]
//
// An entry id is `<dead-letter topic>:<partition>:<offset>`, as `list` prints it. `list` shows where
// each message came from (topic, partition, offset), the consumer group that gave up on it, the
// event's type and id, the error's class and code and the time: never the message's content (it
// may hold personal data), and the error's words only with --show-errors. `redrive` publishes the
// original message to its source topic once and records it in
// `dead-letters.redriven`: running it again publishes nothing twice. Every group reads the source
// topic again; the groups that handled the event before skip it (their inbox knows its id).
// Connection: --brokers (or KAFKA_BROKERS), --prefix (KAFKA_TOPIC_PREFIX), --sasl-username with
// KAFKA_SASL_PASSWORD, --ssl. Exit codes: 0 done, 2 wrong usage, 69 broker unreachable, 1 anything else.
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { describe, ensureRedrivenTopic, readAll, readRedriven, redrive } from './lib/dead-letters.mjs';

const EXIT_USAGE = 2;
const EXIT_UNAVAILABLE = 69;

const HELP = `用法 Usage: npm run dead-letters -- <command> [options]
  list                          列出死信 / list dead-lettered messages (no content printed)
  redrive --all | <entry id>…   重新投递 / publish them to their source topic again, once each
Options: --topic T.dlq (repeatable; default every *.dlq topic)  --group G  --json
         --show-errors (the errors' words too, numbers blanked out: a handler's message may name people)
         --brokers host:port[,…]  --prefix P  --sasl-username U (password in KAFKA_SASL_PASSWORD)  --sasl-mechanism M  --ssl
         --replication-factor N (of the dead-letters.redriven topic it creates; KAFKA_REPLICATION_FACTOR, 1)`;

class UsageError extends Error {}

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
        topic: { type: 'string', multiple: true },
        group: { type: 'string' },
        all: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'show-errors': { type: 'boolean', default: false },
        'replication-factor': { type: 'string' },
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

function isUnreachable(error) {
  for (let e = error; e; e = e.originalError ?? e.cause) {
    if (['KafkaJSConnectionError', 'KafkaJSNumberOfRetriesExceeded', 'KafkaJSBrokerNotFound', 'KafkaJSNoBrokerAvailableError', 'KafkaJSRequestTimeoutError'].includes(e.name))
      return true;
  }
  return /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|Connection timeout/i.test(String(error?.message));
}

async function main() {
  const { values: o, positionals } = options();
  const [command, ...ids] = positionals;
  if (o.help || !command) {
    process.stdout.write(`${HELP}\n`);
    process.exit(command || o.help ? 0 : EXIT_USAGE);
  }
  if (!['list', 'redrive'].includes(command)) throw new UsageError(`未知命令 "${command}" / unknown command "${command}"\n${HELP}`);
  if (command === 'redrive' && !o.all && ids.length === 0)
    throw new UsageError('请指定要重新投递的条目（list 输出的编号）或 --all / name the entries to re-drive (ids as list prints them) or --all');
  if (command === 'redrive' && o.all && ids.length > 0) throw new UsageError('--all 与条目编号不能同时使用 / --all and entry ids do not go together');
  const replicationFactor = Number(o['replication-factor'] ?? process.env.KAFKA_REPLICATION_FACTOR ?? 1);
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) throw new UsageError('--replication-factor 须为正整数 / must be a positive integer');

  const prefix = o.prefix ?? process.env.KAFKA_TOPIC_PREFIX ?? '';
  const brokers = o.brokers ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const username = o['sasl-username'] ?? process.env.KAFKA_SASL_USERNAME;
  const kafka = new Kafka({
    clientId: 'dead-letters-cli',
    brokers: brokers.split(',').map((b) => b.trim()),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 15000,
    retry: { retries: 2, initialRetryTime: 300, maxRetryTime: 2000 },
    ssl: o.ssl || undefined,
    sasl: username ? { mechanism: o['sasl-mechanism'] ?? process.env.KAFKA_SASL_MECHANISM ?? 'scram-sha-512', username, password: process.env.KAFKA_SASL_PASSWORD ?? '' } : undefined,
  });

  const admin = kafka.admin();
  await admin.connect();
  let existing;
  try {
    existing = await admin.listTopics();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const topics = o.topic ? o.topic.map((t) => (t.startsWith(prefix) ? t : prefix + t)) : existing.filter((t) => t.startsWith(prefix) && t.endsWith('.dlq')).sort();
  for (const t of topics) {
    if (!t.endsWith('.dlq')) throw new UsageError(`只能读取死信主题（*.dlq）：${t} / only dead-letter topics (*.dlq): ${t}`);
    if (!existing.includes(t)) throw new UsageError(`主题不存在：${t} / no such topic: ${t}`);
  }

  const redriven = await readRedriven(kafka, prefix);
  const messages = topics.length ? await readAll(kafka, topics) : [];
  const entries = messages.map((m) => describe(m, redriven, o['show-errors'])).filter((e) => o.group === undefined || e.group === o.group);

  if (command === 'list') {
    if (o.json) {
      for (const e of entries) process.stdout.write(`${JSON.stringify({ ...e, isEvent: undefined })}\n`);
      return;
    }
    process.stdout.write(
      ['编号 entry', '来源 source (partition@offset)', '消费组 group', '事件类型 type', '事件编号 event id', '失败时间 failed at', '重新投递 re-driven', '错误 error'].join('\t') + '\n',
    );
    for (const e of entries) {
      process.stdout.write(
        [
          e.id,
          `${e.sourceTopic} (${e.sourcePartition ?? '?'}@${e.sourceOffset ?? '?'})`,
          e.group || '—',
          e.type,
          e.eventId ?? '—',
          e.failedAt,
          e.redrivenAt ?? '—',
          e.errorText ?? e.error,
        ].join('\t') + '\n',
      );
    }
    process.stderr.write(`${entries.length} 条死信 / dead-lettered messages in ${topics.length} topics\n`);
    return;
  }

  const byId = new Map(messages.map((m) => [describe(m, redriven).id, m]));
  let chosen = entries;
  if (!o.all) {
    const known = new Map(entries.map((e) => [e.id, e]));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new UsageError(`没有这些死信条目：${unknown.join(', ')} / no such entries`);
    chosen = ids.map((id) => known.get(id));
  }
  await ensureRedrivenTopic(kafka, prefix, replicationFactor);
  const results = await redrive(kafka, prefix, chosen, byId, redriven);
  const count = (outcome) => results.filter((r) => r.outcome === outcome).length;
  for (const r of results) {
    const line =
      r.outcome === 'redriven'
        ? `已重新投递 re-driven ${r.id} -> ${r.to}${r.covered.length ? ` (also covers ${r.covered.join(', ')})` : ''}`
        : r.outcome === 'already'
          ? `跳过（已于 ${r.at} 重新投递）skipped, re-driven before ${r.id}`
          : `跳过（不是事件，修复后也无法处理）skipped, not an event ${r.id}`;
    process.stdout.write(`${line}\n`);
  }
  process.stdout.write(`re-driven ${count('redriven')}, already re-driven ${count('already')}, not events ${count('not-an-event')}\n`);
}

main().catch((error) => {
  if (error instanceof UsageError) fail(EXIT_USAGE, error.message, error.message);
  if (isUnreachable(error)) {
    const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
    fail(
      EXIT_UNAVAILABLE,
      `无法连接 Kafka 服务器（${brokers}）。请检查 --brokers、网络和账号。`,
      'cannot reach the Kafka broker. Check --brokers (or KAFKA_BROKERS), the network and your credentials.',
    );
  }
  fail(1, `运行失败：${error.message}`, error.stack ?? String(error));
});
