import type { Actor } from '@pb/platform';
import type { CommandContext } from '@pb/messaging';

/** Who asks, in which jurisdiction, and the ids their events carry. */
export interface Caller {
  actor: Actor;
  context: CommandContext;
}
