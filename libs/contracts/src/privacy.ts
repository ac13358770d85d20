import { createHmac } from 'crypto';
import { analystEventId, coarsen, coarsenedPaths, COARSENING_NOTES, dayOf, freeTextPaths, NameIndex, scrubText } from './de-identification';
import { envelopeSchema, EventEnvelope } from './envelope';
import { EventDefinition, JsonSchema } from './event-definition';

/** Aggregates that are people: their aggregate id (the envelope's subject) is a person id. */
export const PERSON_AGGREGATE_TYPES: readonly string[] = ['Member', 'GridWorker', 'Mentor'];

/** What a pseudonym looks like: `psn_` and 32 hex digits (128 bits of HMAC-SHA256). */
export const PSEUDONYM_PATTERN = '^psn_[0-9a-f]{32}$';

/** The user ids of automatic changes carry no person and stay readable. */
const NON_PERSON_ACTORS = new Set(['system']);

/**
 * The keyed hash of a person id (假名化). The same id gives the same pseudonym in
 * every event and every context, so analysts can follow a person; without the
 * key nobody can compute it from a known id or reverse it.
 */
export function pseudonymOf(key: string | Buffer, personId: string): string {
  return `psn_${createHmac('sha256', key).update(personId, 'utf8').digest('hex').slice(0, 32)}`;
}

type Segment = { name: string; each: boolean };

function segmentsOf(path: string): Segment[] {
  return path.split('.').map((part) => (part.endsWith('[]') ? { name: part.slice(0, -2), each: true } : { name: part, each: false }));
}

/** Applies `change` to every value the path reaches; `remove` deletes the last field instead. */
function visit(target: unknown, segments: Segment[], change: ((value: unknown) => unknown) | 'remove'): void {
  if (target === null || typeof target !== 'object' || segments.length === 0) return;
  const [head, ...rest] = segments;
  const holder = target as Record<string, unknown>;
  if (!(head.name in holder)) return;
  if (rest.length === 0 && !head.each) {
    if (change === 'remove') delete holder[head.name];
    else holder[head.name] = change(holder[head.name]);
    return;
  }
  const value = holder[head.name];
  if (head.each) {
    if (!Array.isArray(value)) return;
    if (rest.length === 0) {
      if (change === 'remove') delete holder[head.name];
      else holder[head.name] = value.map(change);
    } else for (const item of value) visit(item, rest, change);
  } else visit(value, rest, change);
}

/** Every value a path reaches (used to spot person ids before they are hashed). */
export function valuesAt(target: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown, segments: Segment[]): void => {
    if (node === null || typeof node !== 'object' || segments.length === 0) return;
    const [head, ...rest] = segments;
    const value = (node as Record<string, unknown>)[head.name];
    if (value === undefined) return;
    const items = head.each ? (Array.isArray(value) ? value : []) : [value];
    for (const item of items) {
      if (rest.length === 0) out.push(item);
      else walk(item, rest);
    }
  };
  walk(target, segmentsOf(path));
  return out;
}

/**
 * The analyst form of one event's payload: personal fields dropped, person ids
 * replaced by their pseudonyms, quasi-identifiers coarsened and free text scrubbed of
 * phone numbers, ID numbers and the `names` given. Pure and deterministic: the same
 * event, key and names always give the same bytes, which is what makes a redelivery harmless.
 */
export function toAnalystPayload(definition: EventDefinition, data: unknown, key: string | Buffer, names?: NameIndex): Record<string, unknown> {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const path of definition.personalFields) visit(copy, segmentsOf(path), 'remove');
  for (const path of definition.personIds ?? []) {
    visit(copy, segmentsOf(path), (value) => (typeof value === 'string' ? pseudonymOf(key, value) : value));
  }
  for (const [path, how] of Object.entries(coarsenedPaths(definition))) visit(copy, segmentsOf(path), (value) => coarsen(value, how));
  for (const path of freeTextPaths(definition)) {
    visit(copy, segmentsOf(path), (value) => (typeof value === 'string' ? scrubText(value, names) : value));
  }
  return copy;
}

export function analystSchemaPath(definition: Pick<EventDefinition, 'context' | 'name' | 'version'>): string {
  return `schemas/analyst/${definition.context}/${definition.name}.v${definition.version}.json`;
}

/**
 * The envelope analysts receive (分析事件). Nothing in it can be matched with the service
 * event it came from: its id is a keyed hash of the source id, the correlation and causation
 * ids (which a client may choose: `X-Correlation-Id`) and the aggregate version are left out,
 * and the time is the day only.
 */
export type AnalystEnvelope<TData = unknown> = Omit<EventEnvelope<TData>, 'correlationid' | 'causationid' | 'aggregateversion'>;

/** Attributes of a service envelope that never reach an analyst topic. */
export const OMITTED_FROM_ANALYST_ENVELOPE = ['correlationid', 'causationid', 'aggregateversion'] as const;

/** JSON Schema of the analyst envelope. */
export const analystEnvelopeSchema = (() => {
  const properties: Record<string, unknown> = { ...envelopeSchema.properties };
  for (const name of OMITTED_FROM_ANALYST_ENVELOPE) delete properties[name];
  return {
    $id: 'https://schemas.party-building.local/analyst-envelope.v1.json',
    type: 'object',
    required: envelopeSchema.required.filter((r) => !(OMITTED_FROM_ANALYST_ENVELOPE as readonly string[]).includes(r)),
    properties: {
      ...properties,
      id: { type: 'string', format: 'uuid', description: '分析事件自己的标识（源事件标识的密钥散列）/ the analyst event’s own id (keyed hash of the source id)' },
      time: { type: 'string', format: 'date-time', description: COARSENING_NOTES.day },
    },
    additionalProperties: false,
  } as const;
})();

/**
 * The analyst envelope: same type, source and jurisdiction; an id of its own, no correlation,
 * causation or version, the time to the day; the subject (when it is a person) and the actor
 * pseudonymised; `dataschema` names the analyst schema; the payload in its analyst form.
 */
export function toAnalystEnvelope(definition: EventDefinition, envelope: EventEnvelope, key: string | Buffer, names?: NameIndex): AnalystEnvelope {
  const personIds = new Set((definition.personIds ?? []).flatMap((path) => valuesAt(envelope.data, path)).filter((v): v is string => typeof v === 'string'));
  const subjectIsPerson = PERSON_AGGREGATE_TYPES.includes(envelope.aggregatetype) || personIds.has(envelope.subject);
  const { correlationid: _correlation, causationid: _causation, aggregateversion: _version, ...kept } = envelope;
  return {
    ...kept,
    id: analystEventId(key, envelope.id),
    time: dayOf(envelope.time),
    subject: subjectIsPerson ? pseudonymOf(key, envelope.subject) : envelope.subject,
    actorid: NON_PERSON_ACTORS.has(envelope.actorid) ? envelope.actorid : pseudonymOf(key, envelope.actorid),
    dataschema: analystSchemaPath(definition),
    data: toAnalystPayload(definition, envelope.data, key, names),
  };
}

function schemaAt(schema: JsonSchema, segments: Segment[]): { parent: JsonSchema; name: string; each: boolean } | undefined {
  let node = schema;
  for (let i = 0; i < segments.length; i++) {
    const { name, each } = segments[i];
    const properties = node.properties as Record<string, JsonSchema> | undefined;
    if (!properties || !(name in properties)) return undefined;
    if (i === segments.length - 1) return { parent: node, name, each };
    node = properties[name];
    if (each) node = node.items as JsonSchema;
    if (!node) return undefined;
  }
  return undefined;
}

const pseudonymSchema = (nullable: boolean): JsonSchema => ({ type: nullable ? ['string', 'null'] : 'string', pattern: PSEUDONYM_PATTERN });

function allowsNull(schema: JsonSchema): boolean {
  return Array.isArray(schema.type) ? (schema.type as string[]).includes('null') : schema.type === 'null';
}

/** The JSON Schema of the analyst payload, derived from the event's own schema. */
export function analystSchemaOf(definition: EventDefinition): JsonSchema {
  const schema = structuredClone(definition.schema);
  for (const path of definition.personalFields) {
    const at = schemaAt(schema, segmentsOf(path));
    if (!at) throw new Error(`${definition.name}: personal field ${path} is not in the schema`);
    const props = at.parent.properties as Record<string, JsonSchema>;
    delete props[at.name];
    if (Array.isArray(at.parent.required)) at.parent.required = (at.parent.required as string[]).filter((r) => r !== at.name);
  }
  for (const path of definition.personIds ?? []) {
    const at = schemaAt(schema, segmentsOf(path));
    if (!at) throw new Error(`${definition.name}: person id ${path} is not in the schema`);
    const props = at.parent.properties as Record<string, JsonSchema>;
    if (at.each) props[at.name] = { ...props[at.name], items: pseudonymSchema(false) };
    else props[at.name] = pseudonymSchema(allowsNull(props[at.name]));
  }
  for (const [path, how] of Object.entries(coarsenedPaths(definition))) {
    const at = schemaAt(schema, segmentsOf(path));
    if (!at) continue;
    const props = at.parent.properties as Record<string, JsonSchema>;
    const coarse: JsonSchema = { ...props[at.name], description: COARSENING_NOTES[how] };
    if (how === 'five-year-band') coarse.multipleOf = 5;
    props[at.name] = coarse;
  }
  for (const path of freeTextPaths(definition)) {
    const at = schemaAt(schema, segmentsOf(path));
    if (!at) continue;
    const props = at.parent.properties as Record<string, JsonSchema>;
    const note = '自由文本：电话、证件号和登记人员姓名已清除 / free text: phone numbers, ID numbers and registered people’s names scrubbed';
    if (at.each) {
      // Two items can become the same text once scrubbed (「张伟小组」「李娜小组」→「某某小组」).
      const { uniqueItems: _unique, ...list } = props[at.name];
      props[at.name] = { ...list, items: { ...(props[at.name].items as JsonSchema), description: note } };
    } else props[at.name] = { ...props[at.name], description: note };
  }
  return schema;
}

/**
 * Every property path a schema declares, in the path syntax above, for checks such as
 * "every field that looks like a person id is marked".
 */
export function schemaPaths(schema: JsonSchema, prefix = ''): string[] {
  const out: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, child] of Object.entries(properties)) {
    const here = prefix + name;
    out.push(here);
    if (child.properties) out.push(...schemaPaths(child, `${here}.`));
    const items = child.items as JsonSchema | undefined;
    if (items) {
      out.push(`${here}[]`);
      if (items.properties) out.push(...schemaPaths(items, `${here}[].`));
    }
    for (const variant of (child.oneOf ?? child.anyOf ?? []) as JsonSchema[]) {
      if (variant.properties) out.push(...schemaPaths(variant, `${here}.`));
    }
  }
  return [...new Set(out)];
}
