import { ForbiddenException, Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { Actor, internalAudience, signInternalToken } from '@pb/platform';
import { GatewayConfig, internalTokenSecretFor, RoutedService, serviceUrls } from '../../gateway.config';

const TIMEOUT_MS = 5_000;

/**
 * Reads one record from the service that owns it, as the acting user (the service applies its own
 * scope rules): the record, or null when the service says it does not exist. A service that refuses
 * (403) or cannot answer turns into an error the caller can act on; nothing is assumed.
 */
@Injectable()
export class ServiceReader {
  private readonly logger = new Logger(ServiceReader.name);

  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {}

  async read<T>(service: RoutedService, path: string, actor: Actor, what: string): Promise<T | null> {
    const base = serviceUrls(this.config)[service];
    const token = signInternalToken(actor, internalTokenSecretFor(this.config, service)!, internalAudience(service), 60);
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      this.logger.warn(`${service} unavailable to check a linked record: ${(error as Error).name}`);
      throw new ServiceUnavailableException(`${service} 服务暂不可用，无法核对${what}，请稍后重试`);
    }
    if (res.status === 404) return null;
    if (res.status === 403) throw new ForbiddenException(`${what}不在您的管辖范围内`);
    if (!res.ok) {
      this.logger.warn(`${service} answered ${res.status} when checking a linked record`);
      throw new ServiceUnavailableException(`${service} 服务暂时无法核对${what}（${res.status}），请稍后重试`);
    }
    return (await res.json()) as T;
  }
}
