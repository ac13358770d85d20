import { ANALYST_TOPICS, Context, dayStartMs, EventDefinition, EventEnvelope, NameIndex, toAnalystEnvelope } from '@pb/contracts';

/** One event as analysts receive it (分析事件): where it goes, its key, its own id, its time and its bytes. */
export interface AnalystRecord {
  /** Unprefixed analyst topic, e.g. `analyst.membership.events`. */
  topic: string;
  /** The (pseudonymised) subject: one aggregate's events stay in one partition, in order. */
  key: string;
  /**
   * The analyst event's own id: a keyed hash of the source event's id, the same on every
   * derivation (the analysts' de-duplication key) but not the id a timeline shows.
   */
  id: string;
  /** Kafka timestamp (epoch ms): the start of the event's day, like the envelope's time. */
  timestamp: string;
  value: string;
}

/**
 * Derives the analyst record of a service event. A pure function of the event, the key and
 * the names to scrub, so a redelivered event yields byte-for-byte the same record: a
 * duplicate on the analyst topic is recognisable by its id and never differs.
 */
export function deriveAnalystRecord(definition: EventDefinition, envelope: EventEnvelope, pseudonymKey: string, names?: NameIndex): AnalystRecord {
  const analyst = toAnalystEnvelope(definition, envelope, pseudonymKey, names);
  return {
    topic: ANALYST_TOPICS[definition.context as Context],
    key: analyst.subject,
    id: analyst.id,
    timestamp: String(dayStartMs(envelope.time)),
    value: JSON.stringify(analyst),
  };
}
