import { EVENT_CATALOGUE } from './catalogue';
import { EventDefinition, JsonSchema } from './event-definition';
import { coarsenedPaths, freeTextPaths } from './de-identification';
import { analystSchemaOf, analystSchemaPath } from './privacy';

/** Where the committed schema files live, relative to the repository root. */
export const SCHEMA_ROOT = 'libs/contracts';
export const SCHEMA_BASE_URI = 'https://schemas.party-building.local/';

export function schemaPath(definition: Pick<EventDefinition, 'context' | 'name' | 'version'>): string {
  return `schemas/${definition.context}/${definition.name}.v${definition.version}.json`;
}

type Definition = EventDefinition & { type: string };

/**
 * The published JSON Schema document of an event type's payload, as committed under
 * `libs/contracts/schemas/<context>/<Name>.v<N>.json` (the envelope's `dataschema`).
 * `x-personal-fields` and `x-person-ids` carry the privacy marking.
 */
export function publishedSchemaOf(definition: Definition): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_BASE_URI + schemaPath(definition),
    title: definition.type,
    description: `${definition.description.zh} / ${definition.description.en}`,
    'x-aggregate-type': definition.aggregateType,
    'x-personal-fields': definition.personalFields,
    'x-person-ids': definition.personIds ?? [],
    ...definition.schema,
  };
}

/** The analyst form's schema: no personal fields, person ids as pseudonyms; `x-free-text` is scrubbed, `x-coarsened` coarsened. */
export function publishedAnalystSchemaOf(definition: Definition): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_BASE_URI + analystSchemaPath(definition),
    title: `${definition.type} (analyst)`,
    description: `分析主题上的形式：去除个人信息，人员标识已假名化，自由文本已清除电话、证件号和姓名，出生年份、日期已粗化 / Analyst form: personal data removed, people pseudonymised, free text scrubbed, birth years and dates coarsened. ${definition.description.en}`,
    'x-aggregate-type': definition.aggregateType,
    'x-free-text': freeTextPaths(definition),
    'x-coarsened': coarsenedPaths(definition),
    ...analystSchemaOf(definition),
  };
}

/** Every schema file that must be committed, path (relative to libs/contracts) → document. */
export function schemaFiles(catalogue: readonly Definition[] = EVENT_CATALOGUE): Map<string, JsonSchema> {
  const files = new Map<string, JsonSchema>();
  for (const definition of catalogue) {
    files.set(schemaPath(definition), publishedSchemaOf(definition));
    files.set(analystSchemaPath(definition), publishedAnalystSchemaOf(definition));
  }
  return files;
}

/** Keywords that document a schema without changing what it accepts. */
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'examples', 'default', 'deprecated']);

function validationPart(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(validationPart);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    out[key] = validationPart((value as Record<string, unknown>)[key]);
  }
  return out;
}

function differences(before: unknown, after: unknown, at: string, out: string[]): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const a = before as Record<string, unknown>;
    const b = after as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const path = `${at}/${key}`;
      if (!(key in b)) out.push(`${path} removed`);
      else if (!(key in a)) out.push(`${path} added`);
      else differences(a[key], b[key], path, out);
    }
    return;
  }
  out.push(`${at || '/'} changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
}

/**
 * What makes a new schema incompatible with the committed one of the same version.
 * Topics keep every event forever and every consumer validates strictly
 * (`additionalProperties: false`), so any change to what a version accepts would
 * break either old events under new readers or new events under old readers:
 * within a version only documentation (and the privacy marking) may change.
 */
export function incompatibleChanges(committed: JsonSchema, current: JsonSchema): string[] {
  const out: string[] = [];
  differences(validationPart(committed), validationPart(current), '', out);
  return out;
}
