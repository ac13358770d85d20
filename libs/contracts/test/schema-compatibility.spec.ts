import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import {
  asyncApiDocument,
  catalogueItems,
  EVENT_CATALOGUE,
  incompatibleChanges,
  JsonSchema,
  publishedSchemaOf,
  renderEventDocs,
  schemaFiles,
  schemaPath,
  SCHEMA_ROOT,
} from '@pb/contracts';

const ROOT = path.resolve(__dirname, '../../..');
const HOW_TO_FIX = 'run `node scripts/generate-event-docs.mjs` and commit the result';

function committed(rel: string): JsonSchema | undefined {
  const file = path.join(ROOT, SCHEMA_ROOT, rel);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as JsonSchema) : undefined;
}

describe('versioned schema files and compatibility', () => {
  it('has a committed schema file for every event type, matching the dataschema the event store writes', () => {
    const missing = EVENT_CATALOGUE.filter((d) => !committed(schemaPath(d))).map((d) => d.type);
    expect({ missing, fix: HOW_TO_FIX }).toEqual({ missing: [], fix: HOW_TO_FIX });
    for (const d of EVENT_CATALOGUE) expect(schemaPath(d)).toBe(`schemas/${d.context}/${d.name}.v${d.version}.json`);
  });

  it('fails when a published version changed what it accepts (define a new version instead)', () => {
    const broken: string[] = [];
    for (const d of EVENT_CATALOGUE) {
      const before = committed(schemaPath(d));
      if (!before) continue;
      const changes = incompatibleChanges(before, publishedSchemaOf(d));
      if (changes.length > 0) broken.push(`${d.type}: ${changes.join('; ')}`);
    }
    expect(broken).toEqual([]);
  });

  it('keeps every published version defined while its events may still be in the topics', () => {
    const defined = new Set(EVENT_CATALOGUE.map((d) => schemaPath(d)));
    const dir = path.join(ROOT, SCHEMA_ROOT, 'schemas');
    const orphans = fs
      .readdirSync(dir)
      .filter((context) => context !== 'analyst')
      .flatMap((context) => fs.readdirSync(path.join(dir, context)).map((f) => `schemas/${context}/${f}`))
      .filter((rel) => !defined.has(rel));
    expect(orphans).toEqual([]);
  });

  it('has every committed schema file (service and analyst forms) up to date', () => {
    const stale = [...schemaFiles()].filter(([rel, schema]) => JSON.stringify(committed(rel)) !== JSON.stringify(schema)).map(([rel]) => rel);
    expect({ stale, fix: HOW_TO_FIX }).toEqual({ stale: [], fix: HOW_TO_FIX });
  });

  it('validates every catalogue example against its committed schema file', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const d of EVENT_CATALOGUE) {
      const validate = ajv.compile(committed(schemaPath(d))!);
      expect([d.type, validate(d.example) ? [] : validate.errors]).toEqual([d.type, []]);
    }
  });

  describe('the compatibility rule itself', () => {
    const base = publishedSchemaOf(EVENT_CATALOGUE.find((d) => d.type === 'membership.MemberRegistered.v1')!);
    const clone = () => JSON.parse(JSON.stringify(base)) as { properties: Record<string, Record<string, unknown>>; required: string[]; description: string };

    it('allows documentation and privacy-marking changes', () => {
      const next = clone();
      next.description = '新的说明 / new words';
      (next as unknown as Record<string, unknown>)['x-personal-fields'] = ['name', 'employerName'];
      next.properties.name.description = "the member's name";
      expect(incompatibleChanges(base, next as unknown as JsonSchema)).toEqual([]);
    });

    it.each([
      ['a removed property', (s: ReturnType<typeof clone>) => delete s.properties.employerName, /properties\/employerName removed/],
      ['an added property', (s: ReturnType<typeof clone>) => (s.properties.nickname = { type: 'string' }), /properties\/nickname added/],
      ['a new required field', (s: ReturnType<typeof clone>) => s.required.pop(), /required/],
      ['a changed type', (s: ReturnType<typeof clone>) => (s.properties.birthYear = { type: 'string' }), /birthYear/],
      ['a narrowed enum', (s: ReturnType<typeof clone>) => (s.properties.gender = { enum: ['MALE'] }), /gender/],
      ['a tighter limit', (s: ReturnType<typeof clone>) => (s.properties.name.maxLength = 20), /name\/maxLength/],
    ])('rejects %s', (_what, mutate, message) => {
      const next = clone();
      mutate(next);
      const changes = incompatibleChanges(base, next as unknown as JsonSchema);
      expect(changes.join('\n')).toMatch(message);
    });
  });
});

describe('event catalogue documents', () => {
  it('has docs/events/asyncapi.yaml and docs/events/catalogue.md committed and up to date', () => {
    const stale = [...renderEventDocs()]
      .filter(([rel, content]) => !fs.existsSync(path.join(ROOT, rel)) || fs.readFileSync(path.join(ROOT, rel), 'utf8') !== content)
      .map(([rel]) => rel);
    expect({ stale, fix: HOW_TO_FIX }).toEqual({ stale: [], fix: HOW_TO_FIX });
  });

  it('writes an AsyncAPI 3.0 document that a YAML parser reads back as the same document', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docs/events/asyncapi.yaml'), 'utf8');
    const doc = parse(text);
    expect(doc).toEqual(JSON.parse(JSON.stringify(asyncApiDocument())));
    expect(doc.asyncapi).toBe('3.0.0');
    const messages = Object.values(doc.components.messages as Record<string, { name: string }>).map((m) => m.name);
    for (const d of EVENT_CATALOGUE) expect(messages.filter((m) => m === d.type)).toHaveLength(2);
    expect(
      Object.values(doc.channels as Record<string, { address: string }>)
        .map((c) => c.address)
        .sort(),
    ).toEqual(['membership', 'activities', 'governance', 'enterprise'].flatMap((c) => [`${c}.events`, `analyst.${c}.events`]).sort());
    // Every $ref resolves.
    const refs: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref') refs.push(v as string);
          else collect(v);
        }
      }
    };
    collect(doc);
    expect(refs.length).toBeGreaterThan(EVENT_CATALOGUE.length);
    for (const ref of refs) {
      const target = ref
        .split('/')
        .slice(1)
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], doc);
      expect([ref, target !== undefined]).toEqual([ref, true]);
    }
  });

  it('lists every event type once in the catalogue page and the served JSON, with examples valid against the analyst schema', () => {
    const page = fs.readFileSync(path.join(ROOT, 'docs/events/catalogue.md'), 'utf8');
    const items = catalogueItems();
    expect(items.map((i) => i.type)).toEqual(EVENT_CATALOGUE.map((d) => d.type));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const item of items) {
      expect(page).toContain(`### ${item.type}`);
      expect(item.descriptionZh).toMatch(/[\u4e00-\u9fff]/);
      expect(fs.existsSync(path.join(ROOT, item.schemaFile))).toBe(true);
      const validate = ajv.compile(item.analystSchema);
      expect([item.type, validate(item.analystExample) ? [] : validate.errors]).toEqual([item.type, []]);
    }
  });
});
