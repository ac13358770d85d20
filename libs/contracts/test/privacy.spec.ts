import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'crypto';
import {
  analystSchemaOf,
  assertValidEnvelopeShape,
  EVENT_CATALOGUE,
  EventEnvelope,
  eventSource,
  PERSON_AGGREGATE_TYPES,
  pseudonymOf,
  schemaPaths,
  toAnalystEnvelope,
  valuesAt,
} from '@pb/contracts';

const KEY = 'test-pseudonym-key-0123456789abcdef';
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

/** Field names that hold a person's id wherever they appear; every one must be marked. */
const PERSON_ID_NAME =
  /^(memberId|secretaryMemberId|instructorId|headMemberId|introducerMemberIds|promotedMemberId|successorMemberId|presentMemberIds|absentMemberIds|workerId|mediatorId|mentorId|ownerId)$|MemberIds?$/;
/** Field names that hold a person's name or contact; every one must be marked personal (or be an id). */
const PERSONAL_NAME = /^(requesterName|targetName|contacts|parties|phone|mobile|idNumber|idCard)$/;

function envelopeFor(definition: (typeof EVENT_CATALOGUE)[number]): EventEnvelope {
  const data = definition.example as Record<string, unknown>;
  const firstPersonId = (definition.personIds ?? []).flatMap((p) => valuesAt(data, p)).find((v) => typeof v === 'string') as string | undefined;
  const subject = PERSON_AGGREGATE_TYPES.includes(definition.aggregateType) ? (firstPersonId ?? 'person-1') : `${definition.aggregateType.toLowerCase()}-1`;
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: eventSource(definition.context),
    type: definition.type,
    subject,
    time: '2026-01-01T00:00:00.000Z',
    datacontenttype: 'application/json',
    dataschema: `schemas/${definition.context}/${definition.name}.v${definition.version}.json`,
    aggregatetype: definition.aggregateType,
    aggregateversion: 1,
    districtid: 'rencheng',
    zoneid: 'zone-taibailou',
    correlationid: randomUUID(),
    causationid: randomUUID(),
    actorid: 'user-zhangming',
    data,
  };
}

/** Every string anywhere in a value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

describe('analyst pseudonymisation (privacy)', () => {
  it.each(EVENT_CATALOGUE.map((d) => [d.type, d] as const))('%s: no personal field and no clear person id survives', (_type, definition) => {
    const original = envelopeFor(definition);
    const analyst = toAnalystEnvelope(definition, original, KEY);
    const text = JSON.stringify(analyst);

    // Every field marked personal is gone, and its example text appears nowhere.
    for (const path of definition.personalFields) {
      expect(valuesAt(analyst.data, path)).toEqual([]);
      for (const secret of stringsIn(valuesAt(original.data, path))) {
        if (secret.length >= 2) expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
      }
    }
    // Every person id is a pseudonym (nulls stay null), and its clear value appears nowhere, subject and key included.
    for (const path of definition.personIds ?? []) {
      for (const [i, value] of valuesAt(original.data, path).entries()) {
        const after = valuesAt(analyst.data, path);
        if (value === null) expect(after[i] ?? null).toBeNull();
        else if (Array.isArray(value)) {
          // `list[]` handled per item by valuesAt
        } else {
          expect(after[i]).toBe(pseudonymOf(KEY, value as string));
          expect(text).not.toContain(`"${value}"`);
        }
      }
    }
    if (PERSON_AGGREGATE_TYPES.includes(definition.aggregateType)) expect(analyst.subject).toBe(pseudonymOf(KEY, original.subject));
    expect(analyst.actorid).toBe(pseudonymOf(KEY, 'user-zhangming'));
    expect(text).not.toContain('user-zhangming');

    // The result is a well-formed envelope whose payload matches the analyst schema.
    expect(() => assertValidEnvelopeShape(analyst)).not.toThrow();
    const validate = ajv.compile(analystSchemaOf(definition));
    expect(validate(analyst.data) ? [] : validate.errors).toEqual([]);
    expect(analyst.dataschema).toBe(`schemas/analyst/${definition.context}/${definition.name}.v${definition.version}.json`);
    // The source event is left untouched.
    expect(original.data).toEqual(definition.example);
  });

  it('marks every field that names a person id or holds personal contact data', () => {
    const unmarked: string[] = [];
    for (const definition of EVENT_CATALOGUE) {
      const marked = new Set([...(definition.personIds ?? []), ...definition.personalFields]);
      for (const path of schemaPaths(definition.schema)) {
        const leaf = path.replace(/\[\]$/, '').split('.').pop()!.replace(/\[\]$/, '');
        const bare = path.replace(/\[\]$/, '');
        const isMarked =
          marked.has(path) ||
          marked.has(bare) ||
          marked.has(`${bare}[]`) ||
          [...marked].some((m) => path.startsWith(`${m.replace(/\[\]$/, '')}.`) || path.startsWith(`${m.replace(/\[\]$/, '')}[]`));
        if ((PERSON_ID_NAME.test(leaf) || PERSONAL_NAME.test(leaf)) && !isMarked) unmarked.push(`${definition.type}: ${path}`);
      }
      for (const path of [...definition.personalFields, ...(definition.personIds ?? [])]) {
        if (!schemaPaths(definition.schema).includes(path)) unmarked.push(`${definition.type}: marked ${path} is not in the schema`);
      }
    }
    expect(unmarked).toEqual([]);
  });

  it('gives one pseudonym per person and key: stable across events, different under another key, not the id itself', () => {
    expect(pseudonymOf(KEY, 'mem-0001')).toBe(pseudonymOf(KEY, 'mem-0001'));
    expect(pseudonymOf(KEY, 'mem-0001')).not.toBe(pseudonymOf(KEY, 'mem-0002'));
    expect(pseudonymOf(KEY, 'mem-0001')).not.toBe(pseudonymOf('another-key-0123456789abcdefghij', 'mem-0001'));
    expect(pseudonymOf(KEY, 'mem-0001')).toMatch(/^psn_[0-9a-f]{32}$/);
  });

  it('follows one member across contexts under the same pseudonym', () => {
    const registered = EVENT_CATALOGUE.find((d) => d.type === 'membership.MemberRegistered.v1')!;
    const signedUp = EVENT_CATALOGUE.find((d) => d.type === 'activities.MemberSignedUp.v1')!;
    const a = toAnalystEnvelope(registered, { ...envelopeFor(registered), data: { ...(registered.example as object), memberId: 'mem-42' } }, KEY);
    const b = toAnalystEnvelope(signedUp, { ...envelopeFor(signedUp), data: { ...(signedUp.example as object), memberId: 'mem-42' } }, KEY);
    expect((a.data as { memberId: string }).memberId).toBe((b.data as { memberId: string }).memberId);
  });

  it('hashes ids inside lists and list items, and leaves the system actor readable', () => {
    const held = EVENT_CATALOGUE.find((d) => d.type === 'governance.CommitteeMeetingHeld.v1')!;
    const voted = EVENT_CATALOGUE.find((d) => d.type === 'governance.ResolutionVoted.v1')!;
    const heldOut = toAnalystEnvelope(held, { ...envelopeFor(held), actorid: 'system', data: { ...(held.example as object), presentMemberIds: ['cm-1', 'cm-2'] } }, KEY);
    expect((heldOut.data as { presentMemberIds: string[] }).presentMemberIds).toEqual([pseudonymOf(KEY, 'cm-1'), pseudonymOf(KEY, 'cm-2')]);
    expect(heldOut.actorid).toBe('system');
    const votedOut = toAnalystEnvelope(voted, envelopeFor(voted), KEY);
    const example = voted.example as { actions: { ownerId: string }[] };
    expect((votedOut.data as typeof example).actions[0].ownerId).toBe(pseudonymOf(KEY, example.actions[0].ownerId));
  });
});
