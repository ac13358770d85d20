/**
 * Offline checks of the production description: Dockerfile, .dockerignore, docker-compose.yml
 * and deploy/k8s. Nothing here needs Docker or a cluster; every assertion is on parsed content,
 * so a broken or drifting manifest fails the test.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig, weakSecretReason } from '@pb/platform';

// Kubernetes manifests parsed from YAML, read field by field down many levels.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const ROOT = path.resolve(__dirname, '../..');
const K8S_DIR = path.join(ROOT, 'deploy/k8s');

/** The contract with the apps: name -> PORT. */
const APPS: Record<string, number> = {
  gateway: 3000,
  membership: 3001,
  activities: 3002,
  governance: 3003,
  enterprise: 3004,
  'analyst-streams': 3005,
  notifications: 3006,
};
const APP_NAMES = Object.keys(APPS);
/** The services that own a context topic (and whose topics every consumer reads). */
const SERVICES = ['membership', 'activities', 'governance', 'enterprise'];
/** The services the gateway routes /api/<service>/... to, each with its own internal-token key: the four and notifications. */
const ROUTED = [...SERVICES, 'notifications'];
const COMMON_ENV = ['PORT', 'KAFKA_BROKERS', 'MONGODB_URI', 'MONGODB_DATABASE', 'KAFKA_PARTITIONS', 'KAFKA_REPLICATION_FACTOR', 'LOG_LEVEL'];
/**
 * The keys each app holds, and no other: the JWT secret and one internal-token key per routed
 * service the gateway; each routed service its own internal-token key (the gateway's key for it,
 * under the name INTERNAL_TOKEN_SECRET); the data key membership; the pseudonymisation key
 * analyst-streams; the webhook signing key notifications.
 */
const APP_SECRET_ENV: Record<string, string[]> = {
  gateway: ['JWT_SECRET', ...ROUTED.map((s) => `INTERNAL_TOKEN_SECRET_${s.toUpperCase()}`)],
  membership: ['INTERNAL_TOKEN_SECRET', 'MEMBERSHIP_DATA_KEY'],
  activities: ['INTERNAL_TOKEN_SECRET'],
  governance: ['INTERNAL_TOKEN_SECRET'],
  enterprise: ['INTERNAL_TOKEN_SECRET'],
  'analyst-streams': ['ANALYST_PSEUDONYM_KEY'],
  notifications: ['INTERNAL_TOKEN_SECRET', 'WEBHOOK_SECRET'],
};
const SECRET_ENV = [...new Set(Object.values(APP_SECRET_ENV).flat())];
/** An app's own logins to the database and the brokers (k8s: in the app's Secret). */
const LOGIN_ENV = ['MONGODB_USERNAME', 'MONGODB_PASSWORD', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'];
/** The variable of the deployment's `.env` a key of an app comes from: a service's own key is the gateway's key for it. */
const sourceOf = (app: string, key: string): string => (key === 'INTERNAL_TOKEN_SECRET' ? `INTERNAL_TOKEN_SECRET_${app.toUpperCase()}` : key);
const GATEWAY_URLS: Record<string, string> = Object.fromEntries(ROUTED.map((s) => [`${s.toUpperCase()}_URL`, s]));
/**
 * notifications' own settings (apps/notifications/src/notifications.config.ts), set in its
 * Deployment with the service's defaults so that operators see them; WEBHOOK_URLS empty = the
 * webhook channel off until the receivers are named.
 */
const NOTIFICATIONS_SETTINGS: Record<string, string> = {
  NOTICE_HORIZON_HOURS: '72',
  SCHEDULE_REMINDERS: '* * * * *',
  WEBHOOK_URLS: '',
  WEBHOOK_MAX_ATTEMPTS: '8',
  WEBHOOK_TIMEOUT_MS: '10000',
  WEBHOOK_RETRY_INITIAL_MS: '60000',
  WEBHOOK_RETRY_MAX_MS: '7200000',
  WEBHOOK_FANOUT_LAG_MS: '5000',
  SCHEDULE_WEBHOOK_DELIVERIES: '*/10 * * * * *',
  SCHEDULE_DIGEST: '0 8 * * *',
};
/** The live stream: how long the service keeps one open at most, and its heartbeat (apps/notifications/src/application/live/live-feed.ts). */
const STREAM_MAX_SECONDS = 15 * 60;
const HEARTBEAT_SECONDS = 15;
/** An ingress controller's (ingress-nginx's) read timeout when nothing sets it. */
const DEFAULT_PROXY_READ_TIMEOUT_SECONDS = 60;

/** A module of the repository by path, or undefined while it does not exist (an app's file on a branch not merged yet). */
async function optionalModule(rel: string): Promise<Obj | undefined> {
  const file = path.join(ROOT, rel);
  return fs.existsSync(`${file}.ts`) ? ((await import(file)) as Obj) : undefined;
}

function read(rel: string): string {
  return fs.readFileSync(path.join(ROOT, rel), 'utf8');
}

function parseMulti(file: string): Obj[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'), { merge: true });
  const list = Array.isArray(docs) ? docs : [];
  const out: Obj[] = [];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      throw new Error(`${path.relative(ROOT, file)}: ${doc.errors.map((e) => e.message).join('; ')}`);
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) out.push(value as Obj);
  }
  return out;
}

// ------------------------------------------------------------------------------------- compose

describe('docker-compose.yml', () => {
  const compose: Obj = parse(read('docker-compose.yml'), { merge: true });
  const services: Obj = compose.services;

  const envOf = (name: string): Obj => {
    const env = services[name].environment;
    expect(env).toBeDefined();
    // The map form only: a list form would hide duplicates and make the checks below vague.
    expect(Array.isArray(env)).toBe(false);
    return env as Obj;
  };

  const kafkaBrokers = (): string[] =>
    Object.keys(services).filter((name) => {
      const s = services[name];
      const roles = String(s.environment?.KAFKA_PROCESS_ROLES ?? '');
      return String(s.image ?? '').startsWith('apache/kafka:') && roles.split(',').includes('broker');
    });

  const mongoMembers = (): string[] =>
    Object.keys(services).filter((name) => {
      const s = services[name];
      const command = Array.isArray(s.command) ? s.command.join(' ') : String(s.command ?? '');
      return String(s.image ?? '').startsWith('mongo:') && /\bmongod\b/.test(command) && /--replSet\s+rs0\b/.test(command);
    });

  it('defines the seven apps, each built from the Dockerfile with its APP build arg', () => {
    for (const app of APP_NAMES) {
      const s = services[app];
      expect(s).toBeDefined();
      expect(s.build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      expect(s.build?.context).toBe('.');
      expect(s.build?.args?.APP).toBe(app);
    }
  });

  it('gives every app a readiness healthcheck on /health/ready', () => {
    for (const app of APP_NAMES) {
      const hc = services[app].healthcheck;
      expect(hc).toBeDefined();
      expect(hc.disable).not.toBe(true);
      const test = Array.isArray(hc.test) ? hc.test.join(' ') : String(hc.test);
      expect(test).toContain('/health/ready');
    }
  });

  it('sets the environment contract on every app', () => {
    for (const app of APP_NAMES) {
      const env = envOf(app);
      for (const key of COMMON_ENV) expect(Object.keys(env)).toContain(key);
      expect(String(env.PORT)).toBe(String(APPS[app]));
      expect(String(env.KAFKA_PARTITIONS)).toBe('6');
      expect(String(env.KAFKA_REPLICATION_FACTOR)).toBe('3');
      expect(env.MONGODB_URI).toBe('mongodb://mongo1:27017,mongo2:27017,mongo3:27017/?replicaSet=rs0');
      const brokers = String(env.KAFKA_BROKERS).split(',');
      expect(brokers).toHaveLength(3);
      for (const b of brokers) {
        const [host, port] = b.split(':');
        expect(kafkaBrokers()).toContain(host);
        expect(port).toBe('9092');
      }
    }
  });

  it('gives each app its own database, named after the app', () => {
    const dbs = APP_NAMES.map((app) => envOf(app).MONGODB_DATABASE);
    expect(dbs).toEqual(APP_NAMES);
    expect(new Set(dbs).size).toBe(APP_NAMES.length);
  });

  it('takes secrets from the environment (required interpolation), never literal values', () => {
    for (const app of APP_NAMES) {
      const env = envOf(app);
      for (const key of APP_SECRET_ENV[app]) {
        expect(String(env[key])).toMatch(new RegExp(`^\\$\\{${sourceOf(app, key)}:\\?[^}]*\\}$`));
      }
    }
  });

  it('gives each app its own secrets only: a service gets its own internal-token key, never another service’s', () => {
    for (const app of APP_NAMES) {
      const env = envOf(app);
      expect(
        Object.keys(env)
          .filter((k) => SECRET_ENV.includes(k))
          .sort(),
      ).toEqual([...APP_SECRET_ENV[app]].sort());
      const sources = Object.values(env).flatMap((v) => [...String(v).matchAll(/\$\{(\w+)/g)].map((m) => m[1]));
      expect(sources.filter((v) => SECRET_ENV.includes(v)).sort()).toEqual(APP_SECRET_ENV[app].map((k) => sourceOf(app, k)).sort());
    }
  });

  it('points the gateway at the four services and notifications on their ports', () => {
    const env = envOf('gateway');
    for (const [key, svc] of Object.entries(GATEWAY_URLS)) {
      expect(env[key]).toBe(`http://${svc}:${APPS[svc]}`);
    }
  });

  it('publishes a port for the gateway only', () => {
    const publishing = Object.keys(services).filter((name) => (services[name].ports ?? []).length > 0);
    expect(publishing).toEqual(['gateway']);
    const ports = (services.gateway.ports as unknown[]).map((p) => (typeof p === 'object' && p !== null ? String((p as Obj).target) : String(p).split(':').pop()));
    expect(ports).toContain('3000');
  });

  it('starts apps only after their dependencies, with conditions', () => {
    const allowed = ['service_started', 'service_healthy', 'service_completed_successfully'];
    for (const app of APP_NAMES) {
      const deps: Obj = services[app].depends_on;
      expect(deps).toBeDefined();
      expect(Array.isArray(deps)).toBe(false);
      for (const [dep, spec] of Object.entries(deps)) {
        expect(services[dep]).toBeDefined();
        expect(allowed).toContain((spec as Obj).condition);
      }
      // Kafka and the initiated replica set come first.
      const depNames = Object.keys(deps);
      expect(depNames.some((d) => d === 'kafka-init' || kafkaBrokers().includes(d))).toBe(true);
      expect(deps['mongo-init']?.condition).toBe('service_completed_successfully');
    }
    for (const svc of ROUTED) expect(services.gateway.depends_on[svc]?.condition).toBe('service_healthy');
  });

  it('gives notifications its settings, the webhook receivers from the environment (optional) and its signing key (required)', () => {
    const env = envOf('notifications');
    for (const [key, value] of Object.entries(NOTIFICATIONS_SETTINGS)) {
      if (key === 'WEBHOOK_URLS') continue;
      if (key in env) expect({ key, value: String(env[key]) }).toEqual({ key, value });
    }
    // The receivers are the deployment's own (a JSON object in .env); unset, the channel is off.
    expect(env.WEBHOOK_URLS).toBe('${WEBHOOK_URLS:-}');
    expect(String(env.WEBHOOK_SECRET)).toMatch(/^\$\{WEBHOOK_SECRET:\?[^}]*\}$/);
    // It publishes nothing: no topic of its own is created for it.
    expect([services['kafka-init'].entrypoint, services['kafka-init'].command].flat().join('\n')).not.toContain('notifications');
  });

  it('scales membership and governance to more than one replica', () => {
    expect(services.membership.deploy?.replicas).toBeGreaterThan(1);
    expect(services.governance.deploy?.replicas).toBeGreaterThan(1);
    // Scaled services cannot have a fixed container name.
    for (const app of APP_NAMES) expect(services[app].container_name).toBeUndefined();
  });

  it('runs Kafka as a 3-broker KRaft cluster with RF 3 and min ISR 2', () => {
    const brokers = kafkaBrokers();
    expect(brokers).toHaveLength(3);
    const nodeIds = new Set<string>();
    const clusterIds = new Set<string>();
    for (const name of brokers) {
      const s = services[name];
      const env: Obj = s.environment;
      expect(s.image).toBe('apache/kafka:3.9.1');
      expect(String(env.KAFKA_PROCESS_ROLES).split(',').sort()).toEqual(['broker', 'controller']);
      nodeIds.add(String(env.KAFKA_NODE_ID));
      clusterIds.add(String(env.CLUSTER_ID));
      expect(String(env.KAFKA_CONTROLLER_QUORUM_VOTERS).split(',')).toHaveLength(3);
      expect(String(env.KAFKA_ADVERTISED_LISTENERS)).toContain(`//${name}:9092`);
      expect(String(env.KAFKA_DEFAULT_REPLICATION_FACTOR)).toBe('3');
      expect(String(env.KAFKA_MIN_INSYNC_REPLICAS)).toBe('2');
      expect(String(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR)).toBe('3');
      expect(String(env.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR)).toBe('3');
      expect(String(env.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR)).toBe('2');
      expect(s.healthcheck).toBeDefined();
      expect((s.volumes ?? []).length).toBeGreaterThan(0);
    }
    expect(nodeIds.size).toBe(3);
    // One cluster: the same id everywhere, a base64url UUID as `kafka-storage.sh random-uuid` makes.
    expect(clusterIds.size).toBe(1);
    const [clusterId] = [...clusterIds];
    expect(clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(clusterId, 'base64url')).toHaveLength(16);
    // Every quorum voter is one of the brokers, by node id.
    const voters = String(services[brokers[0]].environment.KAFKA_CONTROLLER_QUORUM_VOTERS).split(',');
    for (const voter of voters) {
      const [id, hostPort] = voter.split('@');
      expect(nodeIds.has(id)).toBe(true);
      expect(brokers).toContain(hostPort.split(':')[0]);
    }
  });

  it('creates the context topics and their .dlq topics with RF 3 and min ISR 2', () => {
    const init = services['kafka-init'];
    expect(init).toBeDefined();
    const script = [init.entrypoint, init.command].flat().filter(Boolean).join('\n');
    expect(script).toContain('--replication-factor 3');
    expect(script).toContain('--partitions 6');
    expect(script).toContain('min.insync.replicas=2');
    expect(script).toMatch(/\.events\.dlq|\.dlq"/);
    for (const ctx of SERVICES) expect(script).toContain(ctx);
    // The context topics themselves, named in the script's loop over the contexts.
    expect(script).toMatch(/--topic "\$\$ctx\.events"/);
    // The analyst topics analyst-streams writes, with the same durability.
    expect(script).toMatch(/--topic "analyst\.\$\$ctx\.events"/);
    for (const broker of kafkaBrokers()) expect(init.depends_on[broker]?.condition).toBe('service_healthy');
  });

  it('runs MongoDB 7 as a 3-member replica set initiated by a one-shot container', () => {
    const members = mongoMembers();
    expect(members).toEqual(['mongo1', 'mongo2', 'mongo3']);
    for (const m of members) {
      expect(services[m].image).toBe('mongo:7.0');
      expect(services[m].healthcheck).toBeDefined();
    }
    const init = services['mongo-init'];
    expect(init).toBeDefined();
    expect(init.restart).toBe('no');
    const script = [init.entrypoint, init.command].flat().filter(Boolean).join('\n');
    expect(script).toContain('rs.initiate');
    expect(script).toMatch(/_id:\s*'rs0'/);
    for (const m of members) {
      expect(script).toContain(`${m}:27017`);
      expect(init.depends_on[m]?.condition).toBe('service_healthy');
    }
  });
});

// ----------------------------------------------------------------------------------------- k8s

describe('deploy/k8s', () => {
  const files = fs
    .readdirSync(K8S_DIR)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  const parsed: Record<string, Obj[]> = {};
  for (const f of files) parsed[f] = parseMulti(path.join(K8S_DIR, f));

  const kustomization = parsed['kustomization.yaml']?.[0];
  const all = Object.entries(parsed)
    .filter(([f]) => f !== 'kustomization.yaml')
    .flatMap(([, docs]) => docs);
  const configMap = all.find((d) => d.kind === 'ConfigMap') as Obj;
  /** The example Secrets: not in the kustomization, they list the keys each app's real Secret must hold. */
  const exampleSecrets = parseMulti(path.join(K8S_DIR, 'examples/secrets.example.yaml'));
  const exampleSecret = (app: string): Obj => exampleSecrets.find((d) => d.metadata?.name === `${app}-secrets`) as Obj;
  const valuesOf = (s: Obj): Obj => ({ ...(s.stringData ?? {}), ...(s.data ?? {}) });
  const keysOf = (s: Obj): string[] => Object.keys(valuesOf(s));

  const one = (docs: Obj[], kind: string, name: string): Obj => {
    const found = docs.filter((d) => d.kind === kind && d.metadata?.name === name);
    expect(found).toHaveLength(1);
    return found[0];
  };

  /** A probe/target port, named or numeric, resolved against the container's ports. */
  const resolvePort = (container: Obj, port: unknown): number | undefined => {
    if (typeof port === 'number') return port;
    return (container.ports as Obj[]).find((p) => p.name === port)?.containerPort;
  };

  const matches = (selector: Obj, labels: Obj): boolean => Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

  it('parses every manifest and has the shared pieces', () => {
    expect(files).toEqual(expect.arrayContaining(['namespace.yaml', 'configmap.yaml', 'networkpolicies.yaml', 'kustomization.yaml', ...APP_NAMES.map((a) => `${a}.yaml`)]));
    for (const f of files) {
      expect(parsed[f].length).toBeGreaterThan(0);
      for (const doc of parsed[f]) {
        expect(typeof doc.apiVersion).toBe('string');
        expect(typeof doc.kind).toBe('string');
      }
    }
    expect(parsed['namespace.yaml'].map((d) => d.kind)).toEqual(['Namespace']);
    expect(configMap).toBeDefined();
  });

  it('holds no Secret in the default kustomization: the example Secrets are not applied by `kubectl apply -k`', () => {
    expect(all.filter((d) => d.kind === 'Secret')).toEqual([]);
    expect(kustomization.resources).not.toEqual(expect.arrayContaining([expect.stringMatching(/secret/i)]));
    expect(files).not.toContain('secrets.example.yaml');
  });

  it('lists every file of the folder in kustomization.yaml, and only existing ones', () => {
    expect(kustomization.kind).toBe('Kustomization');
    const resources: string[] = kustomization.resources;
    expect([...resources].sort()).toEqual(files.filter((f) => f !== 'kustomization.yaml'));
    expect(new Set(resources).size).toBe(resources.length);
    const ns = parsed['namespace.yaml'][0].metadata.name;
    expect(kustomization.namespace).toBe(ns);
    // Nothing pins another namespace than the one kustomize sets.
    for (const doc of all) {
      if (doc.kind !== 'Namespace' && doc.metadata?.namespace !== undefined) expect(doc.metadata.namespace).toBe(ns);
    }
  });

  it('configures brokers, the replica-set URI and the partition count in the ConfigMap', () => {
    const data: Obj = configMap.data;
    expect(String(data.KAFKA_BROKERS).split(',')).toHaveLength(3);
    for (const b of String(data.KAFKA_BROKERS).split(',')) expect(b).toMatch(/^[a-z0-9.-]+:\d+$/);
    expect(data.MONGODB_URI).toMatch(/^mongodb:\/\/[^/]+,[^/]+,[^/]+\/\?replicaSet=rs0$/);
    expect(data.KAFKA_PARTITIONS).toBe('6');
    expect(data.KAFKA_REPLICATION_FACTOR).toBe('3');
    // Secrets and per-app values do not belong here.
    for (const key of [...SECRET_ENV, ...LOGIN_ENV, 'PORT', 'MONGODB_DATABASE']) expect(data[key]).toBeUndefined();
  });

  it('reaches Kafka over SASL_SSL with the cluster CA, and MongoDB with a login and TLS', () => {
    const data: Obj = configMap.data;
    expect(data.KAFKA_SSL).toBe('true');
    expect(data.KAFKA_SASL_MECHANISM).toMatch(/^scram-sha-(256|512)$/);
    expect(data.MONGODB_TLS).toBe('true');
    expect(data.MONGODB_AUTH_SOURCE).toBe('admin');
    expect(data.KAFKA_MIN_INSYNC_REPLICAS).toBe('2');
    expect(Number(data.KAFKA_DLQ_RETENTION_MS)).toBeGreaterThan(0);
    for (const dep of all.filter((d) => d.kind === 'Deployment')) {
      const pod: Obj = dep.spec.template.spec;
      const mounts: Obj[] = pod.containers[0].volumeMounts;
      // Each CA file lies in a read-only mount of a volume the pod has.
      for (const file of [data.KAFKA_SSL_CA_FILE, data.MONGODB_TLS_CA_FILE]) {
        const mount = mounts.find((m) => String(file).startsWith(`${m.mountPath}/`));
        expect({ app: dep.metadata.name, file, readOnly: mount?.readOnly }).toEqual({ app: dep.metadata.name, file, readOnly: true });
        const volume = (pod.volumes as Obj[]).find((v) => v.name === mount!.name)!;
        expect(volume.configMap?.name ?? volume.secret?.secretName).toBeDefined();
      }
    }
    // The logins are the app's own, in its own Secret.
    for (const app of APP_NAMES) {
      expect(keysOf(exampleSecret(app))).toEqual(expect.arrayContaining(LOGIN_ENV));
      expect(valuesOf(exampleSecret(app)).MONGODB_USERNAME).toBe(app);
      expect(valuesOf(exampleSecret(app)).KAFKA_SASL_USERNAME).toBe(app);
    }
  });

  it('lists in examples/secrets.example.yaml each app’s keys, as placeholders the apps refuse at start', () => {
    expect(read('deploy/k8s/examples/secrets.example.yaml')).toMatch(/EXAMPLE ONLY - PLACEHOLDER VALUES/);
    expect(exampleSecrets.map((s) => s.metadata.name).sort()).toEqual(APP_NAMES.map((a) => `${a}-secrets`).sort());
    for (const app of APP_NAMES) {
      expect(keysOf(exampleSecret(app)).sort()).toEqual([...APP_SECRET_ENV[app], ...LOGIN_ENV].sort());
      for (const [key, value] of Object.entries(valuesOf(exampleSecret(app)))) {
        if (key.endsWith('_USERNAME')) continue;
        expect(String(value)).toMatch(/^REPLACE_ME/);
        expect({ key, refused: weakSecretReason(String(value)) !== null }).toEqual({ key, refused: true });
      }
    }
  });

  it('gives each Deployment its own Secret and no other', () => {
    for (const dep of all.filter((d) => d.kind === 'Deployment')) {
      const c: Obj = dep.spec.template.spec.containers[0];
      const refs = [
        ...((c.envFrom ?? []) as Obj[]).map((e) => e.secretRef?.name),
        ...((c.env ?? []) as Obj[]).map((e) => e.valueFrom?.secretKeyRef?.name),
        ...((dep.spec.template.spec.volumes ?? []) as Obj[]).map((v) => v.secret?.secretName),
      ].filter(Boolean);
      expect([dep.metadata.name, [...new Set(refs)]]).toEqual([dep.metadata.name, [`${dep.metadata.name}-secrets`]]);
    }
  });

  describe.each(APP_NAMES)('%s', (app) => {
    const file = `${app}.yaml`;
    const docs = parsed[file] ?? [];
    const port = APPS[app];

    const deployment = (): Obj => one(docs, 'Deployment', app);
    const container = (): Obj => {
      const containers: Obj[] = deployment().spec.template.spec.containers;
      expect(containers).toHaveLength(1);
      return containers[0];
    };
    const podLabels = (): Obj => deployment().spec.template.metadata.labels;

    it('has a Deployment, a Service, an HPA and a PDB', () => {
      const kinds = docs.map((d) => d.kind).sort();
      const expected = ['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service'];
      // The gateway's public routes, and the live stream's route with its own proxy settings.
      if (app === 'gateway') expected.push('Ingress', 'Ingress');
      expect(kinds).toEqual(expected.sort());
      for (const d of docs) expect(d.metadata.name).toBe(d.kind === 'Ingress' && d.metadata.name !== app ? `${app}-notifications-stream` : app);
    });

    it('runs the app image with the contract port and environment', () => {
      const dep = deployment();
      expect(dep.apiVersion).toBe('apps/v1');
      expect(matches(dep.spec.selector.matchLabels, podLabels())).toBe(true);
      const c = container();
      expect(c.image).toBe(`registry.example/party-building/${app}:0.1.0`);
      expect((c.ports as Obj[]).map((p) => p.containerPort)).toEqual([port]);
      const env = Object.fromEntries((c.env as Obj[]).map((e) => [e.name, e.value]));
      expect(env.PORT).toBe(String(port));
      expect(env.MONGODB_DATABASE).toBe(app);
      const envFrom: Obj[] = c.envFrom;
      expect(envFrom.map((e) => e.configMapRef?.name).filter(Boolean)).toEqual([configMap.metadata.name]);
      expect(envFrom.map((e) => e.secretRef?.name).filter(Boolean)).toEqual([`${app}-secrets`]);
      // Everything in the contract arrives, from the ConfigMap, the app's Secret or the container env; no other app's key does.
      const provided = new Set([...Object.keys(env), ...Object.keys(configMap.data), ...keysOf(exampleSecret(app))]);
      for (const key of [...COMMON_ENV, ...APP_SECRET_ENV[app], ...LOGIN_ENV]) expect(provided.has(key)).toBe(true);
      for (const key of SECRET_ENV.filter((k) => !APP_SECRET_ENV[app].includes(k))) expect(provided.has(key)).toBe(false);
      if (app === 'gateway') {
        for (const [key, svc] of Object.entries(GATEWAY_URLS)) expect(env[key]).toBe(`http://${svc}:${APPS[svc]}`);
      }
    });

    it('probes /health/live and /health/ready on the container port', () => {
      const c = container();
      const probe = (name: string): Obj => {
        const p = c[name];
        expect(p?.httpGet).toBeDefined();
        expect(resolvePort(c, p.httpGet.port)).toBe(port);
        return p;
      };
      expect(probe('livenessProbe').httpGet.path).toBe('/health/live');
      expect(probe('readinessProbe').httpGet.path).toBe('/health/ready');
      expect(probe('startupProbe').httpGet.path).toBe('/health/live');
    });

    it('sets resource requests and limits', () => {
      const r: Obj = container().resources;
      for (const kind of ['requests', 'limits']) {
        expect(r[kind]?.cpu).toBeDefined();
        expect(r[kind]?.memory).toBeDefined();
      }
    });

    it('runs as non-root', () => {
      const podSc: Obj = deployment().spec.template.spec.securityContext ?? {};
      const sc: Obj = container().securityContext ?? {};
      expect(sc.runAsNonRoot ?? podSc.runAsNonRoot).toBe(true);
      const uid = sc.runAsUser ?? podSc.runAsUser;
      if (uid !== undefined) expect(uid).toBeGreaterThan(0);
      expect(sc.allowPrivilegeEscalation).toBe(false);
    });

    it('exposes a ClusterIP Service on the container port', () => {
      const svc = one(docs, 'Service', app);
      expect(svc.spec.type).toBe('ClusterIP');
      expect(matches(svc.spec.selector, podLabels())).toBe(true);
      const ports: Obj[] = svc.spec.ports;
      expect(ports).toHaveLength(1);
      expect(ports[0].port).toBe(port);
      expect(resolvePort(container(), ports[0].targetPort ?? ports[0].port)).toBe(port);
    });

    it('autoscales on CPU 70 % between 2 and 10 replicas', () => {
      const hpa = one(docs, 'HorizontalPodAutoscaler', app);
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: app });
      expect(hpa.spec.minReplicas).toBe(2);
      expect(hpa.spec.maxReplicas).toBe(10);
      const cpu = (hpa.spec.metrics as Obj[]).find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
      expect(cpu?.resource.target).toEqual({ type: 'Utilization', averageUtilization: 70 });
      // The HPA owns the replica count.
      expect(deployment().spec.replicas).toBeUndefined();
      if (app !== 'gateway') {
        expect(read(`deploy/k8s/${file}`)).toMatch(/consum[a-z]* scales up to the topic partition count/i);
      }
    });

    it('has a PodDisruptionBudget over its pods', () => {
      const pdb = one(docs, 'PodDisruptionBudget', app);
      expect(pdb.apiVersion).toBe('policy/v1');
      expect(matches(pdb.spec.selector.matchLabels, podLabels())).toBe(true);
      expect(pdb.spec.minAvailable !== undefined || pdb.spec.maxUnavailable !== undefined).toBe(true);
    });
  });

  const ingresses = all.filter((d) => d.kind === 'Ingress');
  /** Every path rule of every Ingress, with the Ingress it belongs to. */
  const ingressPaths = ingresses.flatMap((ingress) =>
    (ingress.spec.rules as Obj[]).flatMap((r) =>
      (r.http.paths as Obj[]).map((p) => ({ ingress, host: r.host as string, path: p.path as string, pathType: p.pathType as string, backend: p.backend })),
    ),
  );
  // Kubernetes' matching: Exact is the whole path, Prefix compares whole path elements; of the
  // rules of one host that match, an Exact one wins, then the longest prefix.
  const elements = (p: string) => p.split('/').filter(Boolean);
  const matching = (url: string) => ingressPaths.filter((p) => (p.pathType === 'Exact' ? url === p.path : elements(p.path).every((e: string, i: number) => elements(url)[i] === e)));
  const routeOf = (url: string) => matching(url).sort((a, b) => Number(b.pathType === 'Exact') - Number(a.pathType === 'Exact') || elements(b.path).length - elements(a.path).length)[0];

  it('routes the Ingresses to the gateway only, all on the one host and certificate', () => {
    expect(ingresses.length).toBeGreaterThan(0);
    expect(new Set(ingressPaths.map((p) => p.backend.service.name))).toEqual(new Set(['gateway']));
    expect(new Set(ingressPaths.map((p) => p.host)).size).toBe(1);
    for (const ingress of ingresses) {
      expect(ingress.spec.ingressClassName).toBe(ingresses[0].spec.ingressClassName);
      expect(ingress.spec.tls).toEqual(ingresses[0].spec.tls);
    }
    for (const svc of all.filter((d) => d.kind === 'Service')) expect(svc.spec.type).toBe('ClusterIP');
  });

  it('does not route /metrics, /health or /docs through the Ingress, only the API, the console and the bare root', () => {
    for (const p of ingressPaths) expect(['Exact', 'Prefix']).toContain(p.pathType);
    const routed = (url: string) => routeOf(url) !== undefined;
    for (const url of ['/metrics', '/health/live', '/health/ready', '/docs', '/docs-json', '/docs/swagger-ui.css', '/metricsx'])
      expect({ url, routed: routed(url) }).toEqual({ url, routed: false });
    for (const url of [
      '/',
      '/api/auth/sign-in',
      '/api/dashboard',
      '/api/membership/organizations',
      '/api/notifications/notifications',
      '/api/notifications/notifications/stream',
      '/console/',
      '/console/assets/index.js',
    ])
      expect({ url, routed: routed(url) }).toEqual({ url, routed: true });
  });

  it('lets the live stream run through the Ingress unbuffered and uncut, and leaves the other routes as they are', async () => {
    // The service's own numbers, once it is there (on this branch before the merge: the table above).
    const live = await optionalModule('apps/notifications/src/application/live/live-feed');
    if (live) {
      expect(live.STREAM_MAX_MS).toBe(STREAM_MAX_SECONDS * 1000);
      expect(live.HEARTBEAT_EVERY_MS).toBe(HEARTBEAT_SECONDS * 1000);
    }
    const annotations = (url: string): Obj => routeOf(url)?.ingress.metadata.annotations ?? {};
    const seconds = (url: string, key: string) => Number(annotations(url)[`nginx.ingress.kubernetes.io/${key}`] ?? DEFAULT_PROXY_READ_TIMEOUT_SECONDS);
    // The service's GET /notifications/stream below the gateway's /api/notifications.
    const stream = '/api/notifications/notifications/stream';
    expect(routeOf(stream)?.pathType).toBe('Exact');
    expect(annotations(stream)['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
    // Longer than a stream lives: the proxy never cuts one, however quiet (the service ends it).
    for (const key of ['proxy-read-timeout', 'proxy-send-timeout']) expect({ key, seconds: seconds(stream, key) > STREAM_MAX_SECONDS }).toEqual({ key, seconds: true });
    expect(HEARTBEAT_SECONDS).toBeLessThan(DEFAULT_PROXY_READ_TIMEOUT_SECONDS);
    // The URL the console opens the stream at, once it is there, is the one with these settings.
    const consoleFile = path.join(ROOT, 'apps/gateway/console/src/notifications.tsx');
    if (fs.existsSync(consoleFile)) {
      const opened = [...fs.readFileSync(consoleFile, 'utf8').matchAll(/fetch\(\s*['`]([^'`]+)['`]/g)].map((m) => m[1]).filter((url) => url.includes('stream'));
      expect(opened.length).toBeGreaterThan(0);
      for (const url of opened) expect(url).toBe(stream);
    }
    // Every other route keeps the controller's defaults: a hung call is still cut there.
    for (const url of [
      '/api/notifications/notifications',
      '/api/notifications/notifications/unread-count',
      '/api/notifications/notifications/stream/x',
      '/api/notifications/stream',
      '/api/membership/organizations',
      '/console/',
    ])
      expect({ url, annotations: annotations(url) }).toEqual({ url, annotations: {} });
  });

  describe('NetworkPolicies', () => {
    const NS = parsed['namespace.yaml'][0].metadata.name as string;
    const policies = all.filter((d) => d.kind === 'NetworkPolicy');
    /** A pod (namespace and labels; its address in the pod network), or an address outside the cluster (no namespace). */
    interface Pod {
      namespace?: string;
      labels: Obj;
      ip: string;
    }
    const POD_IP = '10.42.3.17';
    const appPod = (app: string): Pod => ({ namespace: NS, labels: all.find((d) => d.kind === 'Deployment' && d.metadata.name === app)!.spec.template.metadata.labels, ip: POD_IP });
    const outside = (namespace: string, labels: Obj = {}): Pod => ({ namespace, labels, ip: POD_IP });
    const address = (ip: string): Pod => ({ labels: {}, ip });
    /** A webhook receiver on the internet (TEST-NET-3). */
    const RECEIVER = address('203.0.113.10');
    const INGRESS_CONTROLLER = outside('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
    const PROMETHEUS = outside('monitoring', { 'app.kubernetes.io/name': 'prometheus' });

    const selects = (selector: Obj | undefined, labels: Obj): boolean => {
      if (!selector) return true;
      const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
      const byExpressions = ((selector.matchExpressions ?? []) as Obj[]).every((e) => {
        if (e.operator === 'In') return (e.values as string[]).includes(labels[e.key]);
        if (e.operator === 'NotIn') return !(e.values as string[]).includes(labels[e.key]);
        if (e.operator === 'Exists') return e.key in labels;
        return !(e.key in labels);
      });
      return byLabels && byExpressions;
    };
    const ipv4 = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
    const inCidr = (ip: string, cidr: string): boolean => {
      const [base, bits] = cidr.split('/');
      const size = 2 ** (32 - Number(bits));
      return Math.floor(ipv4(ip) / size) === Math.floor(ipv4(base) / size);
    };
    // A peer with a namespaceSelector names pods of other namespaces; without, pods of the policy's own.
    // An ipBlock names addresses, taken here to match any endpoint whose address lies in it (pods
    // included, which is the most an implementation may let through).
    const peerIs = (peer: Obj, pod: Pod): boolean => {
      if (peer.ipBlock) return inCidr(pod.ip, peer.ipBlock.cidr) && !((peer.ipBlock.except ?? []) as string[]).some((c) => inCidr(pod.ip, c));
      if (pod.namespace === undefined) return false;
      return (
        (peer.namespaceSelector ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': pod.namespace }) : pod.namespace === NS) && selects(peer.podSelector, pod.labels)
      );
    };
    const portIs = (ports: Obj[] | undefined, port: number): boolean =>
      !ports || ports.some((p) => p.port === undefined || p.port === port || (p.port === 'http' && Object.values(APPS).includes(port)));
    /** What Kubernetes enforces: a pod selected by a policy of a direction takes only what some such policy allows. */
    const allows = (direction: 'Ingress' | 'Egress', pod: Pod, peer: Pod, port: number): boolean => {
      if (pod.namespace !== NS) return true; // another namespace's policies are not ours
      const selecting = policies.filter((p) => (p.spec.policyTypes as string[]).includes(direction) && selects(p.spec.podSelector, pod.labels));
      if (selecting.length === 0) return true;
      const rules = selecting.flatMap((p) => (p.spec[direction === 'Ingress' ? 'ingress' : 'egress'] ?? []) as Obj[]);
      return rules.some((r) => {
        const peers = (direction === 'Ingress' ? r.from : r.to) as Obj[] | undefined;
        return (!peers || peers.some((x) => peerIs(x, peer))) && portIs(r.ports, port);
      });
    };
    const reaches = (from: Pod, to: Pod, port: number) => allows('Egress', from, to, port) && allows('Ingress', to, from, port);

    it('denies everything in the namespace by default, both ways', () => {
      const denyAll = policies.filter((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && !p.spec.ingress && !p.spec.egress);
      expect(denyAll.flatMap((p) => p.spec.policyTypes as string[]).sort()).toEqual(['Egress', 'Ingress']);
      const stranger = outside(NS, { app: 'debug-shell' });
      expect(reaches(stranger, appPod('membership'), 3001)).toBe(false);
      expect(reaches(appPod('membership'), outside('default', { app: 'anything' }), 443)).toBe(false);
    });

    it('lets only the gateway reach the services and notifications (and Prometheus scrape them)', () => {
      for (const svc of ROUTED) {
        const port = APPS[svc];
        expect({ svc, gateway: reaches(appPod('gateway'), appPod(svc), port) }).toEqual({ svc, gateway: true });
        for (const other of APP_NAMES.filter((a) => a !== 'gateway' && a !== svc)) {
          expect({ svc, from: other, reaches: reaches(appPod(other), appPod(svc), port) }).toEqual({ svc, from: other, reaches: false });
        }
        expect(reaches(INGRESS_CONTROLLER, appPod(svc), port)).toBe(false);
        expect(reaches(outside('default', { 'app.kubernetes.io/name': 'gateway' }), appPod(svc), port)).toBe(false);
        expect(reaches(PROMETHEUS, appPod(svc), port)).toBe(true);
      }
      // Nobody calls analyst-streams but Prometheus.
      expect(reaches(appPod('gateway'), appPod('analyst-streams'), APPS['analyst-streams'])).toBe(false);
    });

    it('lets the ingress controller reach the gateway, and no app', () => {
      expect(reaches(INGRESS_CONTROLLER, appPod('gateway'), 3000)).toBe(true);
      for (const app of APP_NAMES.filter((a) => a !== 'gateway')) expect(reaches(appPod(app), appPod('gateway'), 3000)).toBe(false);
    });

    it('lets every app reach Kafka and MongoDB, and nothing else outside', () => {
      for (const app of APP_NAMES) {
        expect({ app, kafka: allows('Egress', appPod(app), outside('kafka', { 'strimzi.io/kind': 'Kafka' }), 9093) }).toEqual({ app, kafka: true });
        expect({ app, mongodb: allows('Egress', appPod(app), outside('mongodb', { app: 'mongo' }), 27017) }).toEqual({ app, mongodb: true });
        expect({ app, dns: allows('Egress', appPod(app), outside('kube-system', { 'k8s-app': 'kube-dns' }), 53) }).toEqual({ app, dns: true });
        expect(allows('Egress', appPod(app), outside('kafka'), 27017)).toBe(false);
        expect(allows('Egress', appPod(app), outside('default'), 443)).toBe(false);
        if (app !== 'notifications') expect({ app, internet: allows('Egress', appPod(app), RECEIVER, 443) }).toEqual({ app, internet: false });
      }
    });

    it('lets notifications, and no other app, reach the webhook receivers outside the cluster on 443, and nothing else there', () => {
      const notifications = appPod('notifications');
      for (const receiver of [RECEIVER, address('8.8.8.8'), address('120.92.11.3')])
        expect({ to: receiver.ip, allowed: allows('Egress', notifications, receiver, 443) }).toEqual({ to: receiver.ip, allowed: true });
      // Another port, or the cluster's own and the provider's internal addresses (pod and service networks, node addresses, the metadata endpoint), stay shut.
      for (const port of [80, 22, 8443, 25]) expect({ port, allowed: allows('Egress', notifications, RECEIVER, port) }).toEqual({ port, allowed: false });
      for (const ip of ['10.0.0.1', '10.96.0.1', '172.20.1.5', '192.168.1.20', '100.64.0.10', '127.0.0.1', '169.254.169.254'])
        expect({ ip, allowed: allows('Egress', notifications, address(ip), 443) }).toEqual({ ip, allowed: false });
      // Nothing in the namespace, whatever the port: not another service, not the gateway.
      for (const app of APP_NAMES.filter((a) => a !== 'notifications')) expect({ app, reaches: reaches(notifications, appPod(app), APPS[app]) }).toEqual({ app, reaches: false });
      expect(reaches(notifications, outside(NS, { app: 'anything' }), 443)).toBe(false);
      // And nothing outside calls it.
      expect(reaches(RECEIVER, notifications, APPS.notifications)).toBe(false);
    });
  });

  it("sets notifications' settings in its Deployment, names the service knows, with values it accepts", async () => {
    const dep = all.find((d) => d.kind === 'Deployment' && d.metadata.name === 'notifications') as Obj;
    const env = Object.fromEntries((dep.spec.template.spec.containers[0].env as Obj[]).map((e) => [e.name, e.value]));
    for (const [key, value] of Object.entries(NOTIFICATIONS_SETTINGS)) expect({ key, value: env[key] }).toEqual({ key, value });
    // Not a ConfigMap key: the other apps need none of it.
    for (const key of Object.keys(NOTIFICATIONS_SETTINGS)) expect(configMap.data[key]).toBeUndefined();
    // Once the service is there: every name is one of its settings and its defaults are these.
    const module = await optionalModule('apps/notifications/src/notifications.config');
    if (module) {
      const Config = module.NotificationsConfig as new () => Obj;
      const defaults = new Config();
      for (const [key, value] of Object.entries(NOTIFICATIONS_SETTINGS)) expect({ key, value: String(defaults[key]) }).toEqual({ key, value });
      // The pod's environment (ConfigMap, its Secret with generated keys, the container's env) starts it,
      // with the channel off and with receivers named.
      const key = () => randomBytes(48).toString('base64');
      const pod = { ...configMap.data, ...valuesOf(exampleSecret('notifications')), INTERNAL_TOKEN_SECRET: key(), WEBHOOK_SECRET: key(), ...env };
      expect(() => loadConfig(Config, pod)).not.toThrow();
      const receivers = '{"rencheng":"https://sms.rencheng.example/pb","*":"https://wx.example/pb"}';
      expect(loadConfig(Config, { ...pod, WEBHOOK_URLS: receivers }).WEBHOOK_URLS).toBe(receivers);
    }
  });

  it('describes every service the gateway routes to, and gives the gateway what its configuration asks for', async () => {
    const gateway = (await optionalModule('apps/gateway/src/gateway.config'))!;
    // A service the gateway routes to and the description lacks would leave the gateway without its URL or key.
    for (const svc of gateway.ROUTED_SERVICES as string[]) expect(ROUTED).toContain(svc);
    const dep = all.find((d) => d.kind === 'Deployment' && d.metadata.name === 'gateway') as Obj;
    const env = Object.fromEntries((dep.spec.template.spec.containers[0].env as Obj[]).map((e) => [e.name, e.value]));
    const keys = Object.fromEntries(APP_SECRET_ENV.gateway.map((k) => [k, randomBytes(48).toString('base64')]));
    const pod = { ...configMap.data, ...valuesOf(exampleSecret('gateway')), ...keys, ...env };
    // Without the local defaults main.ts falls back on (127.0.0.1 URLs): the manifest alone must name every service.
    expect(() => loadConfig(gateway.GatewayConfig as new () => Obj, pod)).not.toThrow();
  });

  it('gives each Deployment its own database', () => {
    const dbs = all.filter((d) => d.kind === 'Deployment').map((d) => (d.spec.template.spec.containers[0].env as Obj[]).find((e) => e.name === 'MONGODB_DATABASE')?.value);
    expect(dbs.sort()).toEqual([...APP_NAMES].sort());
  });
});

// -------------------------------------------------------------------------------------- image

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  // Instructions with line continuations joined and comments dropped.
  const instructions = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
  const args = Object.fromEntries(instructions.filter((i) => /^ARG\s+\w+=/.test(i)).map((i) => i.replace(/^ARG\s+/, '').split('=') as [string, string]));
  const stages: { from: string; name: string; body: string[] }[] = [];
  for (const i of instructions) {
    const m = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?$/i.exec(i);
    if (m) stages.push({ from: m[1], name: (m[2] ?? '').toLowerCase(), body: [] });
    else if (stages.length > 0) stages[stages.length - 1].body.push(i);
  }
  const stage = (pred: (body: string) => boolean) => stages.find((s) => pred(s.body.join('\n')));
  const resolve = (image: string) => image.replace(/^\$\{?(\w+)\}?$/, (_, n: string) => args[n] ?? image);

  it('is multi-stage on a pinned node 20 slim image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    for (const s of stages) {
      const image = resolve(s.from);
      expect(image).toMatch(/^node:20\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
      expect(s.name).not.toBe('');
    }
  });

  it('builds all six apps and the web console after a full npm ci', () => {
    const build = stage((b) => /nest build/.test(b));
    expect(build).toBeDefined();
    const body = build!.body.join('\n');
    expect(body).toMatch(/RUN npm ci(?!.*--omit=dev)/);
    for (const app of APP_NAMES) expect(body).toContain(app);
    expect(body).toContain('find "dist/apps/$app" -name main.js -path "*apps/$app/src/*"');
    // The gateway serves dist/console (apps/gateway/src/console.ts); the runtime copies dist/.
    expect(body).toContain('npx tsc -p apps/gateway/console/tsconfig.json');
    expect(body).toContain('npx vite build -c apps/gateway/console/vite.config.mjs');
  });

  it('accepts every app as APP and exposes every app port', () => {
    const runtime = stages[stages.length - 1].body.join('\n');
    const entrypoint = read('deploy/docker/docker-entrypoint.sh');
    for (const app of APP_NAMES) {
      expect(runtime).toMatch(new RegExp(`[ |]${app}[|)]`));
      expect(entrypoint).toMatch(new RegExp(`[ |]${app}[|)]`));
    }
    const exposed = stages[stages.length - 1].body
      .filter((i) => /^EXPOSE\s/.test(i))
      .flatMap((i) => i.split(/\s+/).slice(1))
      .map((p) => Number(p.split('/')[0]));
    expect(exposed.sort()).toEqual(Object.values(APPS).sort());
  });

  it('installs production dependencies only in a separate stage', () => {
    const prod = stage((b) => /npm ci\b.*--omit=dev/.test(b));
    expect(prod).toBeDefined();
    expect(prod!.body.join('\n')).not.toMatch(/nest build/);
  });

  it('assembles a non-root production runtime with a liveness HEALTHCHECK', () => {
    const build = stage((b) => /nest build/.test(b))!;
    const prod = stage((b) => /npm ci\b.*--omit=dev/.test(b))!;
    const runtime = stages[stages.length - 1];
    expect(runtime).not.toBe(build);
    expect(runtime).not.toBe(prod);
    const body = runtime.body.join('\n');
    expect(body).toMatch(/^ENV\s.*\bNODE_ENV=production\b/m);
    expect(body).toMatch(new RegExp(`^COPY --from=${prod.name} \\S*node_modules`, 'm'));
    expect(body).toMatch(new RegExp(`^COPY --from=${build.name} \\S*dist`, 'm'));
    expect(body).not.toMatch(/npm ci(?!.*--omit=dev)/);
    const users = runtime.body.filter((i) => /^USER\s/.test(i)).map((i) => i.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].split(':')[0];
    expect(['root', '0']).not.toContain(user);
    const health = runtime.body.filter((i) => /^HEALTHCHECK\s/.test(i));
    expect(health).toHaveLength(1);
    expect(health[0]).toContain('/health/live');
    expect(body).toMatch(/^ARG APP\b/m);
    expect(body).toMatch(/^ENV\s.*\bAPP=\$\{?APP\}?/m);
    expect(body).toMatch(/^(ENTRYPOINT|CMD)\s/m);
  });

  it("has the health probe fall back on every app's contract port", () => {
    const probe = read('deploy/docker/healthcheck.js');
    const ports = /const DEFAULT_PORTS = (\{[^}]*\});/.exec(probe)?.[1];
    expect(ports).toBeDefined();
    // An object literal of names and numbers; read as JSON once its keys are quoted.
    const parsed = JSON.parse(ports!.replace(/'/g, '"').replace(/([{,]\s*)([A-Za-z][\w]*)\s*:/g, '$1"$2":')) as Record<string, number>;
    expect(parsed).toEqual(APPS);
  });

  it('starts dist/apps/$APP/apps/$APP/src/main.js through the entrypoint script', () => {
    const script = read('deploy/docker/docker-entrypoint.sh');
    expect(script).toContain('dist/apps/${APP}/apps/${APP}/src/main.js');
    expect(script).toMatch(/exec node /);
    expect(text).toMatch(/ENTRYPOINT \["\/app\/docker-entrypoint\.sh"\]/);
  });

  it('matches the real build output when dist/ exists', () => {
    for (const app of APP_NAMES) {
      const dir = path.join(ROOT, 'dist/apps', app);
      if (!fs.existsSync(dir)) continue;
      expect(fs.existsSync(path.join(dir, 'apps', app, 'src/main.js'))).toBe(true);
    }
  });

  it('has a .dockerignore that lets in exactly what the Dockerfile copies', () => {
    const lines = read('.dockerignore')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l.length > 0 && !l.startsWith('#'));
    expect(lines[0]).toBe('*');
    const allowed = lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, ''));
    for (const never of ['**/node_modules', '**/dist', '**/.env']) expect(lines).toContain(never);
    const sources = instructions
      .filter((i) => /^COPY\s/.test(i) && !/--from=/.test(i))
      .flatMap((i) => {
        const parts = i
          .split(/\s+/)
          .slice(1)
          .filter((p) => !p.startsWith('--'));
        return parts.slice(0, -1);
      })
      .map((s) => s.replace(/^\.\//, '').replace(/\/$/, ''));
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      expect(allowed.some((a) => a === src || src.startsWith(`${a}/`))).toBe(true);
      expect(fs.existsSync(path.join(ROOT, src))).toBe(true);
    }
  });
});
