import { ANALYST_TOPICS, Context, EventDefinition, EventEnvelope, toAnalystEnvelope } from '@pb/contracts';

/** One event as analysts receive it (分析事件): where it goes, its key and its bytes. */
export interface AnalystRecord {
  /** Unprefixed analyst topic, e.g. `analyst.membership.events`. */
  topic: string;
  /** The (pseudonymised) subject: one aggregate's events stay in one partition, in order. */
  key: string;
  /** Same as the source event's id: the analysts' de-duplication key. */
  id: string;
  value: string;
}

/**
 * Derives the analyst record of a service event. A pure function of the event and
 * the key, so a redelivered event yields byte-for-byte the same record: a
 * duplicate on the analyst topic is recognisable by its id and never differs.
 */
export function deriveAnalystRecord(definition: EventDefinition, envelope: EventEnvelope, pseudonymKey: string): AnalystRecord {
  const analyst = toAnalystEnvelope(definition, envelope, pseudonymKey);
  return {
    topic: ANALYST_TOPICS[definition.context as Context],
    key: analyst.subject,
    id: analyst.id,
    value: JSON.stringify(analyst),
  };
}
