import { All, BadRequestException, Controller, HttpStatus, Inject, Logger, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, CORRELATION_HEADER, internalAudience, signInternalToken } from '@pb/platform';
import { GatewayConfig, internalTokenSecretFor } from '../../gateway.config';
import { forwardedUrl, isOperationalPath } from './service-paths';

const TIMEOUT_MS = 10_000;
const RETRY_AFTER_SECONDS = 5;

/**
 * Routes `/api/<service>/<path>` to the owning service, passing the correlation
 * id on and the service's answer back unchanged. A service that is down or too
 * slow gives 503 with a retry hint, never a hang or a 500. A service's health,
 * metrics and API documents are not routed (404): they describe its internals,
 * and the gateway's own `/docs` already lists every service's routes.
 */
@ApiTags('routing 命令路由')
@Controller('api')
export class ServiceProxyController {
  private readonly logger = new Logger(ServiceProxyController.name);
  private readonly targets: Record<string, string>;

  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {
    this.targets = {
      membership: config.MEMBERSHIP_URL,
      activities: config.ACTIVITIES_URL,
      governance: config.GOVERNANCE_URL,
      enterprise: config.ENTERPRISE_URL,
    };
  }

  @All(':service/*path')
  async route(@Param('service') service: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const base = Object.hasOwn(this.targets, service) ? this.targets[service] : undefined;
    if (!base) throw new NotFoundException(`没有名为 ${service.slice(0, 32)} 的服务`);
    const target = forwardedUrl(base, req.originalUrl, service);
    if (!target) throw new BadRequestException('请求路径无效');
    if (isOperationalPath(target.path)) throw new NotFoundException(`网关不转发 ${service.slice(0, 32)} 服务的运行接口（健康检查、指标、接口文档）`);
    const hasBody = !['GET', 'HEAD', 'DELETE'].includes(req.method);
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(target.url, {
        method: req.method,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          [CORRELATION_HEADER]: String(req.id),
          // The guard verified the user; the service gets a short-lived internal token saying who it is.
          // Signed with that service's own key and for it alone: another service would refuse it.
          authorization: `Bearer ${signInternalToken((req as Request & { actor: Actor }).actor, internalTokenSecretFor(this.config, service)!, internalAudience(service), 60)}`,
        },
        body: hasBody ? JSON.stringify(req.body ?? {}) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      this.logger.warn(`${service} unavailable: ${(error as Error).name} ${(error as Error).message}`);
      res
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
        .json({ statusCode: 503, error: 'SERVICE_UNAVAILABLE', message: `${service} 服务暂不可用，请 ${RETRY_AFTER_SECONDS} 秒后重试` });
      return;
    }
    const text = await upstream.text();
    res.status(upstream.status);
    const type = upstream.headers.get('content-type');
    if (type) res.setHeader('content-type', type);
    // A service's 429 or 503 says when to come back; the rest of its headers stay inside.
    const retryAfter = upstream.headers.get('retry-after');
    if (retryAfter) res.setHeader('Retry-After', retryAfter);
    res.send(text);
  }
}
