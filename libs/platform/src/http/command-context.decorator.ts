import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { Actor } from '../auth/actor';

export interface RequestCommandContext {
  correlationId: string;
  actorId: string;
}

/**
 * The correlation id (set by the logging middleware) and the acting user (set
 * by the auth guard), as every command handler needs them for its events.
 */
export const CommandCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestCommandContext => {
  const req = ctx.switchToHttp().getRequest<{ id?: string; actor?: Actor }>();
  return {
    correlationId: typeof req.id === 'string' ? req.id : randomUUID(),
    actorId: req.actor?.userId ?? 'anonymous',
  };
});
