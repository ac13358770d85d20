import { Injectable } from '@nestjs/common';
import { EventEnvelope, findDefinition, SchemaViolation } from '@pb/contracts';
import { AnalystStreamsConfig } from '../analyst-streams.config';
import { deriveAnalystRecord } from '../domain/analyst-event';
import { namesIn } from '../domain/known-names';
import { AnalystTopicPublisher } from '../infrastructure/analyst-topic.publisher';
import { KnownNames } from '../infrastructure/known-names.store';

/**
 * Use case: a service event arrives; its de-identified form goes to the context's analyst topic.
 * The names the event carries are learned first, so its own free text is scrubbed of them too.
 */
@Injectable()
export class PublishAnalystEvent {
  constructor(
    private readonly config: AnalystStreamsConfig,
    private readonly publisher: AnalystTopicPublisher,
    private readonly knownNames: KnownNames,
  ) {}

  async execute(envelope: EventEnvelope): Promise<void> {
    const definition = findDefinition(envelope.type);
    // The transport has already checked the type; this keeps a misrouted event out for sure.
    if (!definition) throw new SchemaViolation('unknown event type', [envelope.type]);
    await this.knownNames.learn(namesIn(definition, envelope.data));
    const record = deriveAnalystRecord(definition, envelope, this.config.ANALYST_PSEUDONYM_KEY, await this.knownNames.current());
    await this.publisher.publish(record);
  }
}
