import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { envelopeSchema, EventEnvelope } from './envelope';
import { EVENT_CATALOGUE, findDefinition } from './catalogue';

export class SchemaViolation extends Error {
  constructor(
    message: string,
    readonly details: string[],
  ) {
    super(`${message}: ${details.join('; ')}`);
    this.name = 'SchemaViolation';
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

const validateEnvelopeShape = ajv.compile(envelopeSchema);
const payloadValidators = new Map<string, ValidateFunction>(EVENT_CATALOGUE.map((definition) => [definition.type, ajv.compile(definition.schema)]));

function describe(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Throws unless the payload matches the schema of its event type and version. */
export function assertValidPayload(type: string, data: unknown): void {
  const validate = payloadValidators.get(type);
  if (!validate) throw new SchemaViolation('unknown event type', [type]);
  if (!validate(data)) throw new SchemaViolation(`payload of ${type} does not match its schema`, describe(validate));
}

/** Throws unless the value has every envelope attribute, well-formed (the payload is not checked). */
export function assertValidEnvelopeShape(value: unknown): asserts value is EventEnvelope {
  if (!validateEnvelopeShape(value)) throw new SchemaViolation('not a valid event envelope', describe(validateEnvelopeShape));
}

/** Throws unless the value is a well-formed envelope of a known type with a valid payload. */
export function assertValidEnvelope(value: unknown): asserts value is EventEnvelope {
  assertValidEnvelopeShape(value);
  const envelope = value;
  if (!findDefinition(envelope.type)) throw new SchemaViolation('unknown event type', [envelope.type]);
  assertValidPayload(envelope.type, envelope.data);
}
