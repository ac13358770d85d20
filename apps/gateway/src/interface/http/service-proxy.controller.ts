import { All, BadRequestException, BeforeApplicationShutdown, Controller, ForbiddenException, HttpStatus, Inject, Logger, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Actor, CORRELATION_HEADER, internalAudience, signInternalToken } from '@pb/platform';
import { GatewayConfig, internalTokenSecretFor, isGatewayOnlyPath, serviceUrls } from '../../gateway.config';
import { forwardedUrl, isOperationalPath } from './service-paths';

const TIMEOUT_MS = 10_000;
const RETRY_AFTER_SECONDS = 5;
/** Internal tokens live this long; one is reused for the same caller and service while more than half of it is left. */
const INTERNAL_TOKEN_SECONDS = 60;
const INTERNAL_TOKEN_REUSE_MS = (INTERNAL_TOKEN_SECONDS / 2) * 1000;
/** Callers whose tokens are remembered at once; beyond it the memory starts afresh. */
const INTERNAL_TOKENS_KEPT = 10_000;
/**
 * Idle connections to a service close after this, before the service's own keep-alive timeout
 * (Node's default, 5 s) closes them under a request that is just being sent.
 */
const IDLE_CONNECTION_MS = 4_000;

interface Upstream {
  status: number;
  contentType?: string;
  retryAfter?: string;
  body: Buffer;
}

/** A service's answer that is a stream of server-sent events (待办与通知的实时推送): passed on as it comes. */
interface UpstreamStream {
  status: number;
  contentType: string;
  stream: IncomingMessage;
  /** Ends the call to the service (the caller left). */
  abort: () => void;
}

const EVENT_STREAM = /^text\/event-stream\b/i;

/**
 * Routes `/api/<service>/<path>` to the owning service, passing the correlation
 * id on and the service's answer back unchanged. A service that is down or too
 * slow gives 503 with a retry hint, never a hang or a 500. A service's health,
 * metrics and API documents are not routed (404): they describe its internals,
 * and the gateway's own `/docs` already lists every service's routes.
 *
 * Calls go through node:http with connections kept open rather than `fetch`, whose
 * WHATWG streams and objects cost the gateway more CPU than the rest of the forwarding.
 */
@ApiTags('routing 命令路由')
@Controller('api')
export class ServiceProxyController implements BeforeApplicationShutdown {
  /** The streams passed on now: ended before the HTTP server closes, which waits for open connections. */
  private readonly streams = new Set<Response>();

  private readonly logger = new Logger(ServiceProxyController.name);
  private readonly targets: Record<string, string>;
  private readonly httpAgent = new HttpAgent({ keepAlive: true, timeout: IDLE_CONNECTION_MS });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, timeout: IDLE_CONNECTION_MS });
  private readonly internalTokens = new Map<string, { token: string; reuseUntil: number }>();

  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {
    this.targets = serviceUrls(config);
  }

  @All(':service/*path')
  async route(@Param('service') service: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const base = Object.hasOwn(this.targets, service) ? this.targets[service] : undefined;
    if (!base) throw new NotFoundException(`没有名为 ${service.slice(0, 32)} 的服务`);
    const target = forwardedUrl(base, req.originalUrl, service);
    if (!target) throw new BadRequestException('请求路径无效');
    if (isOperationalPath(target.path)) throw new NotFoundException(`网关不转发 ${service.slice(0, 32)} 服务的运行接口（健康检查、指标、接口文档）`);
    if (isGatewayOnlyPath(service, target.path)) throw new ForbiddenException(`该接口仅供网关内部调用，不对外开放`);
    const body = ['GET', 'HEAD', 'DELETE'].includes(req.method) ? undefined : JSON.stringify(req.body ?? {});
    let upstream: Upstream | UpstreamStream;
    try {
      upstream = await this.call(target.url, req.method, body, {
        'content-type': 'application/json',
        // A stream of server-sent events is asked for as such; everything else is JSON.
        accept: EVENT_STREAM.test(req.headers.accept ?? '') ? 'text/event-stream' : 'application/json',
        [CORRELATION_HEADER]: String(req.id),
        // The guard verified the user; the service gets a short-lived internal token saying who it is.
        // Signed with that service's own key and for it alone: another service would refuse it.
        authorization: `Bearer ${this.internalToken((req as Request & { actor: Actor }).actor, service)}`,
      });
    } catch (error) {
      this.logger.warn(`${service} unavailable: ${(error as Error).name} ${(error as Error).message}`);
      res
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
        .json({ statusCode: 503, error: 'SERVICE_UNAVAILABLE', message: `${service} 服务暂不可用，请 ${RETRY_AFTER_SECONDS} 秒后重试` });
      return;
    }
    if ('stream' in upstream) return this.pass(upstream, req, res);
    res.status(upstream.status);
    if (upstream.contentType) res.setHeader('content-type', upstream.contentType);
    // A service's 429 or 503 says when to come back; the rest of its headers stay inside.
    if (upstream.retryAfter) res.setHeader('Retry-After', upstream.retryAfter);
    res.send(upstream.body.toString('utf8'));
  }

  /**
   * A stream of server-sent events, passed on chunk by chunk with nothing buffered on the way (no
   * proxy in front may hold it either: X-Accel-Buffering), for as long as both ends keep it open:
   * the caller leaving ends the call to the service (so the service drops the connection), the
   * service ending it ends the caller's answer (and the access log's line is written then).
   */
  beforeApplicationShutdown(): void {
    for (const res of [...this.streams]) res.end();
  }

  private pass(upstream: UpstreamStream, req: Request, res: Response): void {
    // The caller left while the service was answering: nothing to pass on, and nothing kept open.
    if (res.destroyed || req.socket.destroyed) return upstream.abort();
    res.status(upstream.status);
    res.setHeader('content-type', upstream.contentType);
    res.setHeader('cache-control', 'no-cache, no-transform');
    res.setHeader('x-accel-buffering', 'no');
    res.flushHeaders();
    this.streams.add(res);
    res.on('close', () => {
      this.streams.delete(res);
      upstream.abort();
    });
    upstream.stream.on('data', (chunk: Buffer) => res.write(chunk));
    upstream.stream.on('end', () => res.end());
    upstream.stream.on('error', () => res.destroy());
    req.socket.setTimeout(0);
  }

  /**
   * The service's whole answer; rejects when it cannot be reached, breaks off, or takes longer than
   * TIMEOUT_MS. An answer of server-sent events is not waited for to its end: it is handed back as a
   * stream once its headers arrive (only they count against TIMEOUT_MS).
   */
  private call(url: URL, method: string, body: string | undefined, headers: Record<string, string>): Promise<Upstream | UpstreamStream> {
    const https = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), TIMEOUT_MS);
      const request = (https ? httpsRequest : httpRequest)(
        url,
        {
          method,
          // A stream holds its connection for as long as it lasts: one of its own, not the pool's.
          agent: headers.accept === 'text/event-stream' ? false : https ? this.httpsAgent : this.httpAgent,
          headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          signal: abort.signal,
        },
        (response: IncomingMessage) => {
          const contentType = response.headers['content-type'];
          if (contentType && EVENT_STREAM.test(contentType)) {
            clearTimeout(timer);
            resolve({ status: response.statusCode ?? HttpStatus.BAD_GATEWAY, contentType, stream: response, abort: () => abort.abort() });
            return;
          }
          response.on('end', () => clearTimeout(timer));
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          // A connection broken off mid-answer (or the timeout) ends in 'error' here.
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? HttpStatus.BAD_GATEWAY,
              contentType: response.headers['content-type'],
              retryAfter: response.headers['retry-after'],
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.end(body);
    });
  }

  /** The caller's internal token for the service, signed afresh once less than half of its life is left. */
  private internalToken(actor: Actor, service: string): string {
    const key = `${service}\u0000${JSON.stringify(actor)}`;
    const now = Date.now();
    const kept = this.internalTokens.get(key);
    if (kept && kept.reuseUntil > now) return kept.token;
    if (this.internalTokens.size >= INTERNAL_TOKENS_KEPT) this.internalTokens.clear();
    const token = signInternalToken(actor, internalTokenSecretFor(this.config, service)!, internalAudience(service), INTERNAL_TOKEN_SECONDS);
    this.internalTokens.set(key, { token, reuseUntil: now + INTERNAL_TOKEN_REUSE_MS });
    return token;
  }
}
