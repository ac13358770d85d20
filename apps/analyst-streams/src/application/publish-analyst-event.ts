import { Injectable } from '@nestjs/common';
import { EventEnvelope, findDefinition, SchemaViolation } from '@pb/contracts';
import { AnalystStreamsConfig } from '../analyst-streams.config';
import { deriveAnalystRecord } from '../domain/analyst-event';
import { AnalystTopicPublisher } from '../infrastructure/analyst-topic.publisher';

/** Use case: a service event arrives; its pseudonymised form goes to the context's analyst topic. */
@Injectable()
export class PublishAnalystEvent {
  constructor(
    private readonly config: AnalystStreamsConfig,
    private readonly publisher: AnalystTopicPublisher,
  ) {}

  async execute(envelope: EventEnvelope): Promise<void> {
    const definition = findDefinition(envelope.type);
    // The transport has already checked the type; this keeps a misrouted event out for sure.
    if (!definition) throw new SchemaViolation('unknown event type', [envelope.type]);
    await this.publisher.publish(deriveAnalystRecord(definition, envelope, this.config.ANALYST_PSEUDONYM_KEY));
  }
}
