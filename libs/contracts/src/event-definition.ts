import { eventTypeName } from './envelope';

/** A JSON Schema object; kept loose so definitions stay plain data. */
export type JsonSchema = Record<string, unknown>;

/**
 * The published contract of one event type and version. A definition is plain
 * data so the catalogue, the AsyncAPI document and the validators all read the
 * same source.
 */
export interface EventDefinition<TData = Record<string, unknown>> {
  context: 'membership' | 'activities' | 'governance' | 'enterprise';
  name: string;
  version: number;
  aggregateType: string;
  description: { zh: string; en: string };
  /** JSON Schema (draft 2020-12 subset understood by Ajv) of the payload. */
  schema: JsonSchema;
  /** Payload fields holding personal data, pseudonymised or dropped on analyst streams. */
  personalFields: string[];
  example: TData;
}

export function defineEvent<TData>(definition: EventDefinition<TData>): EventDefinition<TData> & { type: string } {
  return { ...definition, type: eventTypeName(definition.context, definition.name, definition.version) };
}
