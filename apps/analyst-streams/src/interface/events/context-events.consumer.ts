import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@pb/contracts';
import { EVERY_EVENT } from '@pb/messaging';
import { PublishAnalystEvent } from '../../application/publish-analyst-event';

/**
 * Every event of every context topic. The transport skips ids the inbox has seen,
 * retries failures and dead-letters what still fails; a redelivery that slips past
 * the inbox (a crash between send and inbox write) produces an identical record.
 */
@Controller()
export class ContextEventsConsumer {
  constructor(private readonly publishAnalystEvent: PublishAnalystEvent) {}

  @EventPattern(EVERY_EVENT)
  async onEvent(@Payload() envelope: EventEnvelope): Promise<void> {
    await this.publishAnalystEvent.execute(envelope);
  }
}
