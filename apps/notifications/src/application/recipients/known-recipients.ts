import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Actor } from '@pb/platform';
import { RegisterRecipient, recipientOf } from './register-recipient.command';

/**
 * Learns users from their own calls too (the gateway may not have told this service yet, or its
 * call failed): a caller whose audiences differ from what this process last wrote is stored again.
 * Remembered per process, so a steady user costs one write per process, not one per request.
 */
@Injectable()
export class KnownRecipients {
  private readonly logger = new Logger(KnownRecipients.name);
  private readonly written = new Map<string, string>();

  constructor(private readonly commands: CommandBus) {}

  /** The gateway said so: what it wrote is what this process knows. */
  noteWritten(user: Actor, active: boolean): void {
    this.written.set(user.userId, keyOf(user, active));
  }

  async saw(actor: Actor): Promise<void> {
    if (actor.role === 'SYSTEM') return;
    const key = keyOf(actor, true);
    if (this.written.get(actor.userId) === key) return;
    try {
      await this.commands.execute(new RegisterRecipient(actor, true));
      this.written.set(actor.userId, key);
    } catch (error) {
      // The request itself goes on; the next one tries again. No personal data in the log.
      this.logger.warn({ err: error }, 'could not note the caller as a recipient');
    }
  }
}

function keyOf(actor: Actor, active: boolean): string {
  const { audiences, districtId } = recipientOf(actor, active);
  return JSON.stringify([audiences, districtId, active]);
}
