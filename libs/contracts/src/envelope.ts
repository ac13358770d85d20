/**
 * The envelope every domain event travels in: CloudEvents 1.0 attributes plus
 * our extension attributes. CloudEvents requires extension names to be
 * lower-case alphanumerics, so `districtId` is spelled `districtid` on the wire.
 */
export interface EventEnvelope<TData = unknown> {
  specversion: '1.0';
  /** Unique per event; the consumers' idempotency key. */
  id: string;
  /** The producing context, e.g. `/party-building/membership`. */
  source: string;
  /** `<context>.<EventName>.v<version>`, e.g. `membership.OrganizationRegistered.v1`. */
  type: string;
  /** The aggregate the event belongs to (also the Kafka message key). */
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  aggregatetype: string;
  aggregateversion: number;
  /** Jurisdiction of the record: district and zone ids (empty string when not applicable). */
  districtid: string;
  zoneid: string;
  correlationid: string;
  causationid: string;
  /** The user on whose behalf the change was made (`system` for automatic ones). */
  actorid: string;
  data: TData;
}

export const ENVELOPE_REQUIRED_ATTRIBUTES = [
  'specversion',
  'id',
  'source',
  'type',
  'subject',
  'time',
  'datacontenttype',
  'dataschema',
  'aggregatetype',
  'aggregateversion',
  'districtid',
  'zoneid',
  'correlationid',
  'causationid',
  'actorid',
  'data',
] as const;

/** JSON Schema of the envelope itself; payloads are checked by their own schemas. */
export const envelopeSchema = {
  $id: 'https://schemas.party-building.local/envelope.v1.json',
  type: 'object',
  required: [...ENVELOPE_REQUIRED_ATTRIBUTES],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', minLength: 1, maxLength: 128 },
    source: { type: 'string', pattern: '^/party-building/[a-z-]+$' },
    type: { type: 'string', pattern: '^[a-z]+\\.[A-Z][A-Za-z]+\\.v[1-9][0-9]*$' },
    subject: { type: 'string', minLength: 1, maxLength: 128 },
    time: { type: 'string', format: 'date-time' },
    datacontenttype: { const: 'application/json' },
    dataschema: { type: 'string', minLength: 1 },
    aggregatetype: { type: 'string', minLength: 1 },
    aggregateversion: { type: 'integer', minimum: 1 },
    districtid: { type: 'string', maxLength: 64 },
    zoneid: { type: 'string', maxLength: 64 },
    correlationid: { type: 'string', minLength: 1, maxLength: 128 },
    causationid: { type: 'string', minLength: 1, maxLength: 128 },
    actorid: { type: 'string', minLength: 1, maxLength: 128 },
    data: { type: 'object' },
  },
  additionalProperties: false,
} as const;

export function eventTypeName(context: string, name: string, version: number): string {
  return `${context}.${name}.v${version}`;
}
