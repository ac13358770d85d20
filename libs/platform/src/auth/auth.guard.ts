import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, Optional, SetMetadata, Type, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, Role } from './actor';
import { internalAudience, verifyInternalToken } from './internal-token';

export const INTERNAL_TOKEN_SECRET = Symbol('INTERNAL_TOKEN_SECRET');
/** The app's name (`membership`): the audience its internal tokens must carry. */
export const INTERNAL_TOKEN_SERVICE = Symbol('INTERNAL_TOKEN_SERVICE');

/** Turns a bearer token into the caller, or null when the token is not valid. */
export abstract class ActorVerifier {
  abstract verify(token: string): Actor | null;
}

/** Services: the caller is whoever the gateway's internal token for this service says. */
@Injectable()
export class InternalTokenVerifier extends ActorVerifier {
  private readonly audience: string;

  constructor(
    @Inject(INTERNAL_TOKEN_SECRET) private readonly secret: string | undefined,
    @Inject(INTERNAL_TOKEN_SERVICE) service: string,
  ) {
    super();
    this.audience = internalAudience(service);
  }

  verify(token: string): Actor | null {
    // An app without a key of its own (analyst-streams: nobody calls it) takes no token at all.
    return this.secret ? verifyInternalToken(token, this.secret, this.audience) : null;
  }
}

/**
 * What an app allows beyond authentication and `@Roles`, by role and route (the gateway's
 * need-to-know policy). The guard asks it once the caller is known, before any pipe or handler
 * runs: a check of the guard's own, so the app needs no interceptor on every route for it.
 */
export abstract class RouteAccessPolicy {
  /** Throws (403) when `actor` may not call the route of `context`. */
  abstract check(context: ExecutionContext, actor: Actor): void;
}

const PUBLIC = 'pb:public';
const ROLES_KEY = 'pb:roles';

/** Health and metrics: reachable without a token. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Only these roles may call the route (others get 403 naming their role). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * Every HTTP route needs a valid bearer token unless marked @Public(); the
 * verified actor is put on the request for handlers and scope checks.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** What the decorators say of each route, read once per handler and controller. */
  private readonly routes = new WeakMap<Type, WeakMap<object, RouteRules>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: ActorVerifier,
    @Optional() private readonly policy?: RouteAccessPolicy,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const rules = this.rulesOf(context);
    if (rules.isPublic) return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new UnauthorizedException('缺少身份令牌（Authorization: Bearer …）');
    const actor = this.verifier.verify(token);
    if (!actor) throw new UnauthorizedException('身份令牌无效或已过期');
    req.actor = actor;
    const allowed = rules.roles;
    if (allowed && !allowed.includes(actor.role)) {
      throw new ForbiddenException(`角色 ${actor.role} 无权执行此操作（需要 ${allowed.join(' / ')}）`);
    }
    this.policy?.check(context, actor);
    return true;
  }

  private rulesOf(context: ExecutionContext): RouteRules {
    const controller = context.getClass();
    const handler = context.getHandler();
    let ofController = this.routes.get(controller);
    if (!ofController) this.routes.set(controller, (ofController = new WeakMap()));
    let rules = ofController.get(handler);
    if (!rules) {
      const targets = [handler, controller];
      rules = {
        isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC, targets) === true,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
      };
      ofController.set(handler, rules);
    }
    return rules;
  }
}

interface RouteRules {
  isPublic: boolean;
  roles: Role[] | undefined;
}

/** The verified caller of the current request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  if (!actor) throw new UnauthorizedException('缺少身份令牌');
  return actor;
});
