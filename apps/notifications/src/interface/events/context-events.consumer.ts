import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@pb/contracts';
import { EVERY_EVENT, VERSION_GUARDED } from '@pb/messaging';
import { NotifyOnEvent } from '../../application/notify/notify-on-event';

/**
 * Every event of every context topic. No inbox: a redelivery stores nothing twice (deterministic
 * ids, the record's context keeps the version it applied; see NotifyOnEvent).
 */
@Controller()
export class ContextEventsConsumer {
  constructor(private readonly notifyOnEvent: NotifyOnEvent) {}

  @EventPattern(EVERY_EVENT, VERSION_GUARDED)
  async onEvent(@Payload() event: EventEnvelope): Promise<void> {
    await this.notifyOnEvent.execute(event);
  }
}
