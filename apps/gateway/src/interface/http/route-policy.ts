import { ExecutionContext, ForbiddenException, Injectable, Type } from '@nestjs/common';
import type { Request } from 'express';
import { Actor, RouteAccessPolicy, ServiceConfig } from '@pb/platform';
import { type GatewayConfig, serviceUrls } from '../../gateway.config';
import { AuthController } from './auth.controller';
import { DashboardController } from './dashboard.controller';
import { EventCatalogueController } from './event-catalogue.controller';
import { ServiceProxyController } from './service-proxy.controller';
import { decoded, forwardedUrl } from './service-paths';

/**
 * 数据分析人员 (ANALYST) get no personal data from any API: they work from the pseudonymised
 * streams (analyst.*). At the gateway they reach only what is made of counts: the dashboards,
 * the services' statistics, the event catalogue, and their own account. Everything else is a
 * 403, including any route added later (an allow-list, not a deny-list); docs/architecture.md, "Need-to-know".
 */
const OPEN_TO_ANALYSTS: Type[] = [AuthController, DashboardController, EventCatalogueController];

/**
 * 待办与通知: every signed-in user's own list, counts, stream and preferences (the service answers
 * only what is addressed to the caller). Open to every role, analysts and department staff included.
 */
const OWN_NOTIFICATIONS: Record<string, RegExp[]> = {
  GET: [/^\/notifications$/, /^\/notifications\/(unread-count|stream|preferences)$/],
  POST: [/^\/notifications\/read$/, /^\/notifications\/[^/]+\/(read|dismiss)$/],
  PUT: [/^\/notifications\/preferences$/],
};

/** Whether `path` (below the notifications service's base URL) is one of the caller's own notification routes. */
export function ownNotificationsRoute(service: string, method: string, path: string): boolean {
  return service === 'notifications' && Object.hasOwn(OWN_NOTIFICATIONS, method) && matchesAll(OWN_NOTIFICATIONS[method], path);
}

/** The services' routes made of counts, as the proxy forwards them (GET only). */
const SERVICE_FIGURES_FOR_ANALYSTS: Record<string, RegExp[]> = {
  membership: [/^\/jurisdictions$/, /^\/jurisdictions\/[^/]+$/, /^\/jurisdictions\/[^/]+\/(tree|statistics)$/, /^\/zones\/[^/]+\/member-counts$/],
  activities: [/^\/points-rules$/, /^\/attendance\/organizations$/, /^\/compliance$/, /^\/ratings\/branches$/],
  governance: [/^\/statistics\/(zones|departments)\/[^/]+$/],
  enterprise: [/^\/zones\/[^/]+\/figures$/],
};

export const ANALYST_REFUSAL = '数据分析人员只能查看看板、汇总统计和事件目录；明细数据请订阅脱敏的分析事件流（analyst.*）';

/** Whether an analyst may call `path` (below the service's base URL) of `service`. */
export function analystMayReachService(service: string, method: string, path: string): boolean {
  if (ownNotificationsRoute(service, method, path)) return true;
  if (method !== 'GET' && method !== 'HEAD') return false;
  const routes = Object.hasOwn(SERVICE_FIGURES_FOR_ANALYSTS, service) ? SERVICE_FIGURES_FOR_ANALYSTS[service] : [];
  return matchesAll(routes, path);
}

/**
 * 职能部门工作人员 (DEPARTMENT_STAFF) work the cases dispatched to their department and nothing
 * else: read them, handle or return them (governance checks the case is their department's).
 * Their own account too. An allow-list like the analysts': a route added later stays closed.
 */
const OPEN_TO_DEPARTMENT_STAFF: Type[] = [AuthController];
const DEPARTMENT_STAFF_ROUTES: Record<string, Record<string, RegExp[]>> = {
  governance: {
    GET: [/^\/cases$/, /^\/cases\/[^/]+$/, /^\/cases\/[^/]+\/timeline$/],
    POST: [/^\/cases\/[^/]+\/(handle|return)$/],
  },
};

export const DEPARTMENT_STAFF_REFUSAL = '职能部门工作人员只能查看和办理派遣给本部门的案件';

/** Whether department staff may call `path` (below the service's base URL) of `service`. */
export function departmentStaffMayReachService(service: string, method: string, path: string): boolean {
  if (ownNotificationsRoute(service, method, path)) return true;
  const byMethod = Object.hasOwn(DEPARTMENT_STAFF_ROUTES, service) ? DEPARTMENT_STAFF_ROUTES[service] : {};
  const routes = Object.hasOwn(byMethod, method) ? byMethod[method] : [];
  return matchesAll(routes, path);
}

function matchesAll(routes: RegExp[], path: string): boolean {
  // Routes are matched without regard to case, as the services' routers match them.
  const candidates = [path, decoded(path)].map((p) => p.replace(/\/+$/, '').toLowerCase());
  return candidates.every((p) => routes.some((r) => r.test(p)));
}

/**
 * The gateway's route policy by role, applied by the auth guard once the caller is known
 * (after `@Roles`) and before any pipe, handler or forwarding runs.
 */
@Injectable()
export class RoutePolicy extends RouteAccessPolicy {
  private readonly services: Record<string, string>;

  // The app's settings as PlatformModule holds them (the guard lives there): the gateway's own.
  constructor(settings: ServiceConfig) {
    super();
    const config = settings as GatewayConfig;
    this.services = serviceUrls(config);
  }

  check(context: ExecutionContext, actor: Actor): void {
    if (actor.role !== 'ANALYST' && actor.role !== 'DEPARTMENT_STAFF') return;
    const req = context.switchToHttp().getRequest<Request>();
    if (actor.role === 'ANALYST' && !this.analystMayReach(context.getClass(), req)) throw new ForbiddenException(ANALYST_REFUSAL);
    if (actor.role === 'DEPARTMENT_STAFF' && !this.departmentStaffMayReach(context.getClass(), req)) throw new ForbiddenException(DEPARTMENT_STAFF_REFUSAL);
  }

  private analystMayReach(controller: Type, req: Request): boolean {
    if (OPEN_TO_ANALYSTS.includes(controller)) return true;
    return this.proxiedRouteAllowed(controller, req, analystMayReachService);
  }

  private departmentStaffMayReach(controller: Type, req: Request): boolean {
    if (OPEN_TO_DEPARTMENT_STAFF.includes(controller)) return true;
    return this.proxiedRouteAllowed(controller, req, departmentStaffMayReachService);
  }

  private proxiedRouteAllowed(controller: Type, req: Request, allowed: (service: string, method: string, path: string) => boolean): boolean {
    if (controller !== ServiceProxyController) return false;
    const service = String(req.params.service);
    if (!Object.hasOwn(this.services, service)) return false;
    const target = forwardedUrl(this.services[service], req.originalUrl, service);
    return target !== null && allowed(service, req.method, target.path);
  }
}
