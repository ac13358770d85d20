/**
 * Issue #17, item 8, as the running apps show it: a placeholder or guessable key stops an app at
 * start; each service verifies internal tokens with a key of its own, so a token minted with one
 * service's key is refused by another while the gateway still reaches all four; the topics the apps
 * create carry min.insync.replicas and a bounded dead-letter retention. The manifests' side is
 * checked offline in test/deploy, the lease's clock in libs/platform/test/lease.e2e.spec.ts.
 */
import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import * as path from 'path';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { CONTEXT_TOPICS, deadLetterTopic } from '@pb/contracts';
import { Actor, internalAudience, signInternalToken } from '@pb/platform';
import { freePort, infraEnv, REPO_ROOT, serviceEnv, startAppProcess, testTopicPrefix } from '@pb/testing';
import { parseAllDocuments } from 'yaml';
import { callUrl, SERVICES, ServiceName, Stack } from '../support/stack';
import { record } from '../support/report';

/** Each service's own internal-token key, as a production deployment generates them. */
const KEYS = Object.fromEntries(SERVICES.map((s) => [s, randomBytes(32).toString('base64url')])) as Record<ServiceName, string>;
/** Three days: not the broker's default retention (seven), so the topic shows whose setting it has. */
const DLQ_RETENTION_MS = String(3 * 24 * 3600 * 1000);
const TOPIC_SETTINGS = { KAFKA_MIN_INSYNC_REPLICAS: '1', KAFKA_DLQ_RETENTION_MS: DLQ_RETENTION_MS };
/** A GET each service answers a city administrator with 200. */
const LIST: Record<ServiceName, string> = {
  membership: '/membership/transfers',
  activities: '/activities/points-rules',
  governance: '/governance/departments',
  enterprise: '/enterprise/policies',
};
const ADMIN: Actor = { userId: 'intruder', role: 'CITY_ADMIN', scope: { level: 'CITY' } };

/** The values of the example Secrets (deploy/k8s/examples), key by key. */
function exampleValues(): Record<string, string> {
  const file = path.join(REPO_ROOT, 'deploy/k8s/examples/secrets.example.yaml');
  return Object.assign({}, ...parseAllDocuments(readFileSync(file, 'utf8')).map((d) => (d.toJS() as { stringData: Record<string, string> }).stringData));
}

describe('production defaults: keys, internal tokens, topics', () => {
  const stack = new Stack('prod', infraEnv(), {
    ...Object.fromEntries(SERVICES.map((s) => [s, { INTERNAL_TOKEN_SECRET: KEYS[s], ...TOPIC_SETTINGS }])),
    gateway: { ...Object.fromEntries(SERVICES.map((s) => [`INTERNAL_TOKEN_SECRET_${s.toUpperCase()}`, KEYS[s]])), ...TOPIC_SETTINGS },
  });

  beforeAll(async () => {
    await stack.start();
  }, 600_000);

  afterAll(async () => {
    await stack.stop();
  });

  it('stops an app at start (exit 78, naming the variable) when a key is a placeholder or has little entropy', async () => {
    const example = exampleValues();
    const attempts: [string, Record<string, string>, RegExp][] = [
      [
        'the example Secret’s internal-token key',
        { INTERNAL_TOKEN_SECRET: example.INTERNAL_TOKEN_SECRET },
        /INTERNAL_TOKEN_SECRET \(invalid value\): INTERNAL_TOKEN_SECRET looks like a placeholder/,
      ],
      ['change-me', { INTERNAL_TOKEN_SECRET: 'change-me-change-me-change-me-change-me' }, /INTERNAL_TOKEN_SECRET looks like a placeholder \("change-me"\)/],
      ['32 equal bytes as the data key', { MEMBERSHIP_DATA_KEY: Buffer.alloc(32, 7).toString('base64') }, /MEMBERSHIP_DATA_KEY has too little entropy/],
    ];
    for (const [what, env, message] of attempts) {
      // An app that starts anyway is stopped again: the check below then fails on it.
      const failure = await startAppProcess('membership', await freePort(), serviceEnv('membership', { env }), 60_000).then(
        async (app) => (await app.stop(), 'started'),
        (error: Error) => error.message,
      );
      expect({ what, exit78: failure.includes('membership exited with 78 during start-up') }).toEqual({ what, exit78: true });
      expect(failure).toMatch(message);
      // The refused value itself is never printed.
      expect(failure).not.toContain(Object.values(env)[0]);
    }
    record('security-review', { checks: ['placeholder or low-entropy key: the app exits 78 at start naming the variable (example Secret value, change-me, 32 equal bytes)'] });
  }, 120_000);

  it('routes to every service with its own key, and a token minted with one service’s key is refused by another', async () => {
    for (const s of SERVICES) {
      const res = await stack.call('GET', LIST[s]);
      expect({ service: s, status: res.status }).toEqual({ service: s, status: 200 });
    }
    // Whoever holds membership's key (membership itself, or someone who took it from there) mints a
    // token for each other service: every one of them refuses it.
    for (const s of SERVICES.filter((x) => x !== 'membership')) {
      const forged = signInternalToken(ADMIN, KEYS.membership, internalAudience(s), 60);
      const res = await callUrl(`${stack.apps[s].url}${LIST[s].slice(s.length + 1)}`, 'GET', undefined, forged);
      expect({ service: s, status: res.status }).toEqual({ service: s, status: 401 });
    }
    // A token the gateway made for membership is not good at governance either (another audience).
    const forMembership = signInternalToken(ADMIN, KEYS.membership, internalAudience('membership'), 60);
    expect((await callUrl(`${stack.apps.membership.url}/transfers`, 'GET', undefined, forMembership)).status).toBe(200);
    const replayed = await callUrl(`${stack.apps.governance.url}/departments`, 'GET', undefined, forMembership);
    expect(replayed.status).toBe(401);
    record('security-review', {
      checks: [
        'one service minting for another: a token made with membership’s key is refused (401) by activities, governance and enterprise; the gateway reaches all four with their own keys',
      ],
    });
  }, 60_000);

  it('creates its topics with min.insync.replicas and its dead-letter topics with a bounded retention', async () => {
    const kafka = new Kafka({ clientId: 'production-defaults-check', brokers: stack.infra.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = Object.values(CONTEXT_TOPICS).flatMap((t) => [testTopicPrefix() + t, deadLetterTopic(testTopicPrefix() + t)]);
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['min.insync.replicas', 'retention.ms'] })),
      });
      const settings = Object.fromEntries(
        resources.map((r) => [r.resourceName, Object.fromEntries(r.configEntries.map((e) => [e.configName, { value: e.configValue, set: !e.isDefault }]))]),
      );
      for (const topic of topics) {
        const dlq = topic.endsWith('.dlq');
        expect({ topic, ...settings[topic] }).toEqual({
          topic,
          'min.insync.replicas': { value: '1', set: true },
          'retention.ms': { value: dlq ? DLQ_RETENTION_MS : '-1', set: true },
        });
      }
    } finally {
      await admin.disconnect();
    }
    record('security-review', { checks: [`topics the apps create: min.insync.replicas set on each topic, dead-letter topics kept ${DLQ_RETENTION_MS} ms (events for ever)`] });
  }, 60_000);
});
