import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'crypto';

export interface RequestCommandContext {
  correlationId: string;
  actorId: string;
}

export const ACTOR_HEADER = 'x-actor-id';
const SAFE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * The correlation id (set by the logging middleware) and the acting user, as
 * every command handler needs them for the events it stores.
 */
export const CommandCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestCommandContext => {
  const req = ctx.switchToHttp().getRequest<{ id?: string; headers: Record<string, string | undefined> }>();
  const actor = req.headers[ACTOR_HEADER];
  return {
    correlationId: typeof req.id === 'string' ? req.id : randomUUID(),
    actorId: actor && SAFE_ID.test(actor) ? actor : 'anonymous',
  };
});
