import { AppProcess, freePort, serviceEnv, startAppProcess, TEST_KEYS, uniqueName, waitFor } from '@pb/testing';
import { ACTIVITIES } from '../../apps/activities/test/activities-app';
import { ENTERPRISE } from '../../apps/enterprise/test/enterprise-app';
import { GATEWAY } from '../../apps/gateway/test/gateway-app';
import { GOVERNANCE } from '../../apps/governance/test/governance-app';
import { MEMBERSHIP } from '../../apps/membership/test/membership-app';
import { NOTIFICATIONS } from '../../apps/notifications/test/notifications-app';

export const SERVICES = ['membership', 'activities', 'governance', 'enterprise'] as const;
export type ServiceName = (typeof SERVICES)[number];
export type AppName = ServiceName | 'notifications' | 'gateway';

/** Their settings' classes: the scheduled jobs they declare are off (the suites compare what their own commands raised). */
const CONFIGS = {
  membership: MEMBERSHIP.config,
  activities: ACTIVITIES.config,
  governance: GOVERNANCE.config,
  enterprise: ENTERPRISE.config,
  notifications: NOTIFICATIONS.config,
  gateway: GATEWAY.config,
};

export const ADMIN = { username: 'suite-admin', password: 'suite admin secret 0001' };
export const { JWT_SECRET } = TEST_KEYS;
/** Five apps start at once on a busy 2-core machine. */
export const READY_MS = 180_000;

export interface Infra {
  KAFKA_BROKERS: string;
  MONGODB_URI: string;
}

export interface Answer {
  status: number;
  // The parsed JSON answer, read field by field by every suite, as supertest's `body` is.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
  ms: number;
}

/**
 * The five apps as real processes (as production runs them) on one broker and database,
 * each with a database and consumer group of its own; any of them can be killed and
 * started again on the same port, database and group.
 */
export class Stack {
  readonly apps = {} as Record<AppName, AppProcess>;
  readonly logFiles: string[] = [];
  private readonly specs = {} as Record<AppName, { port: number; env: Record<string, string> }>;
  adminToken = '';

  constructor(
    readonly label: string,
    readonly infra: Infra,
    private readonly extraEnv: Partial<Record<AppName, Record<string, string>>> = {},
    /** The notifications service too (suites about to-dos and notices); the others run without it. */
    private readonly options: { notifications?: boolean } = {},
  ) {}

  get gatewayUrl(): string {
    return this.apps.gateway.url;
  }

  async start(): Promise<void> {
    // Databases and groups named after the suite (the dead-letter checks look for `<label>_<app>`);
    // info lines too: the suite scans every line the apps write for personal data.
    const envOf = (name: AppName, env: Record<string, string> = {}) => {
      const own = { MONGODB_DATABASE: uniqueName(`${this.label}_${name.slice(0, 3)}`), KAFKA_GROUP_ID: uniqueName(`${this.label}_${name}`) };
      return serviceEnv(name, { config: CONFIGS[name], env: { ...this.infra, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info', ...own, ...env, ...(this.extraEnv[name] ?? {}) } });
    };
    const backends: AppName[] = this.options.notifications ? [...SERVICES, 'notifications'] : [...SERVICES];
    const ports = await Promise.all([...backends, 'gateway'].map(() => freePort()));
    backends.forEach((name, i) => (this.specs[name] = { port: ports[i], env: envOf(name) }));
    await Promise.all(backends.map((name) => this.startApp(name)));
    const urls: Record<string, string> = {
      MEMBERSHIP_URL: this.apps.membership.url,
      ACTIVITIES_URL: this.apps.activities.url,
      GOVERNANCE_URL: this.apps.governance.url,
      ENTERPRISE_URL: this.apps.enterprise.url,
    };
    if (this.options.notifications) urls.NOTIFICATIONS_URL = this.apps.notifications.url;
    this.specs.gateway = { port: ports[backends.length], env: envOf('gateway', { FIRST_ADMIN_USERNAME: ADMIN.username, FIRST_ADMIN_PASSWORD: ADMIN.password, ...urls }) };
    await this.startApp('gateway');
    this.adminToken = await this.signIn(ADMIN.username, ADMIN.password);
  }

  /** Starts (or restarts) an app on its port, database and group; `extraEnv` applies to this start only. */
  async startApp(name: AppName, extraEnv: Record<string, string> = {}): Promise<AppProcess> {
    const { port, env } = this.specs[name];
    const app = await startAppProcess(name, port, { ...env, ...extraEnv }, READY_MS);
    this.apps[name] = app;
    this.logFiles.push(app.logFile);
    return app;
  }

  /** kill -9: no shutdown hook runs, as when a machine or container dies. */
  async kill(name: AppName): Promise<void> {
    await this.apps[name].stop('SIGKILL');
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.apps).map((a) => a.stop('SIGTERM')));
  }

  databaseOf(name: AppName): string {
    return this.specs[name].env.MONGODB_DATABASE;
  }

  async signIn(username: string, password: string): Promise<string> {
    const res = await this.call('POST', '/auth/sign-in', { username, password }, null);
    if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  }

  /** A call through the gateway (`/api<path>`); a null token sends none. Never throws on a status; a hang past timeoutMs is status 0. */
  async call(method: string, path: string, body?: unknown, token: string | null = this.adminToken, timeoutMs = 15_000): Promise<Answer> {
    return callUrl(`${this.gatewayUrl}/api${path}`, method, body, token, timeoutMs);
  }

  /** Retries an answer that says "not yet" (other services learn of records a moment later). */
  async callUntil(method: string, path: string, body: unknown, ok: (s: number) => boolean, what: string, timeoutMs = 30_000): Promise<Answer> {
    let last: Answer | undefined;
    await waitFor(
      async () => {
        last = await this.call(method, path, body);
        return ok(last.status);
      },
      `${what} (last ${last?.status} ${JSON.stringify(last?.body)?.slice(0, 300)})`,
      timeoutMs,
      300,
    ).catch((e) => {
      throw new Error(`${(e as Error).message}; last answer ${last?.status} ${JSON.stringify(last?.body)?.slice(0, 500)}`);
    });
    return last!;
  }
}

export async function callUrl(
  url: string,
  method: string,
  body?: unknown,
  token: string | null = null,
  timeoutMs = 15_000,
  rawBody?: { data: string | Buffer; type?: string },
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | Buffer | undefined;
  if (rawBody) {
    payload = rawBody.data;
    if (rawBody.type) headers['content-type'] = rawBody.type;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const started = Date.now();
  try {
    const res = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers, ms: Date.now() - started };
  } catch (error) {
    return { status: 0, body: { error: (error as Error).name, message: (error as Error).message }, headers: new Headers(), ms: Date.now() - started };
  }
}
