import type { CommandContext } from '@pb/messaging';
import type { Actor } from '@pb/platform';

/** Who asks, in which jurisdiction, and the ids their events carry. */
export interface Caller {
  actor: Actor;
  context: CommandContext;
}
