import type { Actor } from '@pb/platform';
import type { CommandContext } from '@pb/messaging';

/** Who asks, in which jurisdiction, and the ids their events carry. */
export interface Caller {
  actor: Actor;
  context: CommandContext;
}

/** The platform's own identity for scheduled work (the overdue sweep). */
export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'SYSTEM', scope: { level: 'CITY' } };
