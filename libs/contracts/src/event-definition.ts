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
  /**
   * Payload fields holding personal data (names, free text about a person): dropped on
   * analyst streams. A path: `field`, `object.field`, `list[]`, `list[].field`.
   */
  personalFields: string[];
  /**
   * Payload fields holding the id of a person (党员, 网格员, 导师, 委员…), same path syntax:
   * replaced on analyst streams by a keyed hash, stable across events, so analysts can
   * count and follow a person without learning who it is.
   */
  personIds?: string[];
  example: TData;
}

export function defineEvent<TData>(definition: EventDefinition<TData>): EventDefinition<TData> & { type: string } {
  return { ...definition, type: eventTypeName(definition.context, definition.name, definition.version) };
}
