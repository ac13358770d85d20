import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { internalAudience, OpenApiDocumentPatcher, signInternalToken } from '@pb/platform';
import { GatewayConfig, internalTokenSecretFor, isGatewayOnlyPath, serviceUrls } from '../../gateway.config';

const FETCH_TIMEOUT_MS = 3000;
/** A fetched document is trusted this long; a failed fetch is retried sooner. */
const FRESH_MS = 60_000;
const RETRY_MS = 10_000;

const SERVICE_NAMES: Record<string, string> = {
  membership: '组织与党员 Membership',
  activities: '活动共办 Activities',
  governance: '基层共治 Governance',
  enterprise: '企业服务 Enterprise',
  notifications: '待办与通知 Notifications',
};

/** Operational routes of a service that the gateway does not expose. */
const INTERNAL_PATHS = /^\/(health|metrics|docs)(\/|$)/;

interface Fetched {
  document?: OpenAPIObject;
  fetchedAt?: Date;
  failedAt?: Date;
  error?: string;
}

/**
 * `/docs` of the gateway: its own routes plus every service's routes as they
 * are reached through it (`/api/<service>/…`), from each service's own
 * generated document (`/docs-json`). Cached; refreshed when older than a
 * minute; a service that is down is a note in the document, not an error.
 */
@Injectable()
export class OpenApiCatalogue extends OpenApiDocumentPatcher {
  private readonly logger = new Logger(OpenApiCatalogue.name);
  private readonly services: Record<string, string>;
  private readonly fetched = new Map<string, Fetched>();
  private refreshing?: Promise<void>;

  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {
    super();
    this.services = serviceUrls(config);
  }

  async patch(own: OpenAPIObject): Promise<OpenAPIObject> {
    if (this.stale()) await this.refresh();
    return mergeDocuments(
      own,
      Object.keys(this.services).map((service) => ({ service, ...this.fetched.get(service) })),
    );
  }

  /** Fetches every service's document again (one refresh at a time). */
  refresh(): Promise<void> {
    this.refreshing ??= Promise.all(Object.entries(this.services).map(([service, base]) => this.fetchOne(service, base))).then(() => void (this.refreshing = undefined));
    return this.refreshing;
  }

  private stale(): boolean {
    const now = Date.now();
    return Object.keys(this.services).some((service) => {
      const f = this.fetched.get(service);
      if (!f) return true;
      if (f.failedAt && (!f.fetchedAt || f.failedAt > f.fetchedAt)) return now - f.failedAt.getTime() > RETRY_MS;
      return now - (f.fetchedAt?.getTime() ?? 0) > FRESH_MS;
    });
  }

  private async fetchOne(service: string, base: string): Promise<void> {
    const previous = this.fetched.get(service) ?? {};
    try {
      const token = signInternalToken(
        { userId: 'gateway-docs', role: 'SYSTEM', scope: { level: 'CITY' } },
        internalTokenSecretFor(this.config, service)!,
        internalAudience(service),
        60,
      );
      const res = await fetch(`${base}/docs-json`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      this.fetched.set(service, { document: (await res.json()) as OpenAPIObject, fetchedAt: new Date() });
    } catch (error) {
      this.logger.warn(`${service} API document unavailable: ${(error as Error).message}`);
      this.fetched.set(service, { ...previous, failedAt: new Date(), error: (error as Error).message });
    }
  }
}

export interface ServiceDocument extends Fetched {
  service: string;
}

/**
 * One document: the gateway's own, then each service's paths under
 * `/api/<service>`, tagged with the service, with its schemas renamed
 * `<service>.<Name>` so equal names of two services do not collide.
 */
export function mergeDocuments(own: OpenAPIObject, services: ServiceDocument[]): OpenAPIObject {
  const merged = structuredClone(own);
  merged.paths ??= {};
  merged.components ??= {};
  const schemas = (merged.components.schemas ??= {});
  const tags = [...(merged.tags ?? [])];
  const notes: string[] = [];
  let mergedAny = false;
  for (const { service, document, fetchedAt, failedAt } of services) {
    const down = failedAt && (!fetchedAt || failedAt > fetchedAt);
    let description = `${SERVICE_NAMES[service] ?? service}：经网关 /api/${service}/… 调用，网关校验身份并转发。`;
    if (down) {
      const note = document ? `${service} 服务暂时无法访问，以下为 ${fetchedAt!.toISOString()} 获取的接口文档。` : `${service} 服务暂时无法访问，其接口文档将在服务恢复后自动补齐。`;
      notes.push(note);
      description += ` 注意：${note}`;
    }
    tags.push({ name: service, description });
    if (!document) continue;
    mergedAny = true;
    const rename = (name: string) => `${service}.${name}`;
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) schemas[rename(name)] = rewriteRefs(schema, rename) as typeof schema;
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      // Nor the routes a service offers the gateway alone (notifications' PUT /recipients).
      if (INTERNAL_PATHS.test(path) || isGatewayOnlyPath(service, path)) continue;
      const operations: Record<string, unknown> = {};
      for (const [method, operation] of Object.entries(item as Record<string, Record<string, unknown>>)) {
        const op = rewriteRefs(operation, rename) as Record<string, unknown>;
        operations[method] = { ...op, tags: [service], ...(typeof op.operationId === 'string' ? { operationId: `${service}_${op.operationId}` } : {}) };
      }
      merged.paths[`/api/${service}${path}`] = operations;
    }
  }
  // The catch-all routing entry says nothing once the services' own routes are listed.
  if (mergedAny) {
    for (const [path, item] of Object.entries(merged.paths)) {
      const ops = Object.values(item as Record<string, { operationId?: string }>);
      if (ops.length > 0 && ops.every((op) => op.operationId?.startsWith('ServiceProxyController_'))) delete merged.paths[path];
    }
  }
  merged.tags = tags;
  merged.info = {
    ...merged.info,
    title: '城市党建平台 API（网关）',
    description: [
      '网关是唯一的公共入口：先用 `POST /api/auth/sign-in` 取得访问令牌，再以 `Authorization: Bearer …` 调用其余接口。各服务的接口经 `/api/<服务>/…` 转发，文档取自各服务自动生成的 OpenAPI 并合并于此。',
      ...notes.map((n) => `⚠ ${n}`),
    ].join('\n\n'),
  };
  return merged;
}

function rewriteRefs(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, rename));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) =>
        k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
          ? [k, `#/components/schemas/${rename(v.slice('#/components/schemas/'.length))}`]
          : [k, rewriteRefs(v, rename)],
      ),
    );
  }
  return value;
}

/** Registered in the gateway module: the catalogue answers `/docs` through the platform's hook. */
export const OPENAPI_PROVIDERS = [OpenApiCatalogue];
