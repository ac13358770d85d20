import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'crypto';
import {
  analystEnvelopeSchema,
  analystEventId,
  analystSchemaOf,
  coarsenedPaths,
  EVENT_CATALOGUE,
  EventEnvelope,
  eventSource,
  freeTextPaths,
  NameIndex,
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

    // The result is a well-formed analyst envelope whose payload matches the analyst schema.
    const validEnvelope = ajv.compile(analystEnvelopeSchema);
    expect(validEnvelope(analyst) ? [] : validEnvelope.errors).toEqual([]);
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
  it.each(EVENT_CATALOGUE.map((d) => [d.type, d] as const))(
    '%s: nothing to join with the service event (own id, no correlation, causation or version, the day only)',
    (_type, definition) => {
      const original = envelopeFor(definition);
      const analyst = toAnalystEnvelope(definition, { ...original, time: '2026-03-15T17:42:05.123Z' }, KEY);
      const text = JSON.stringify(analyst);

      expect(analyst.id).toBe(analystEventId(KEY, original.id));
      expect(analyst.id).not.toBe(original.id);
      expect(analystEventId('another-key-0123456789abcdefghij', original.id)).not.toBe(analyst.id);
      for (const attribute of ['correlationid', 'causationid', 'aggregateversion']) expect(analyst).not.toHaveProperty(attribute);
      for (const secret of [original.id, original.correlationid, original.causationid]) expect(text).not.toContain(secret);
      // 17:42 UTC is already the 16th in China.
      expect(analyst.time).toBe('2026-03-16T00:00:00+08:00');
    },
  );

  it.each(EVENT_CATALOGUE.filter((d) => freeTextPaths(d).length > 0).map((d) => [d.type, d] as const))(
    '%s: free text reaches analysts without phone numbers, ID numbers or registered names',
    (_type, definition) => {
      const names = new NameIndex();
      names.add('欧阳建国');
      const hostile = '欧阳建国 13912345678 370802199003151234';
      const data = structuredClone(definition.example) as Record<string, unknown>;
      const fill = (node: unknown, segments: string[]): unknown => {
        if (segments.length === 0) return typeof node === 'string' ? hostile.slice(0, 40) : node;
        const [head, ...rest] = segments;
        const name = head.replace(/\[\]$/, '');
        const holder = node as Record<string, unknown>;
        if (!holder || typeof holder !== 'object' || !(name in holder)) return node;
        if (head.endsWith('[]')) holder[name] = (Array.isArray(holder[name]) ? (holder[name] as unknown[]) : []).map((item) => fill(item, rest));
        else holder[name] = fill(holder[name], rest);
        return holder;
      };
      for (const path of freeTextPaths(definition)) fill(data, path.split('.'));
      const analyst = toAnalystEnvelope(definition, { ...envelopeFor(definition), data }, KEY, names);
      const text = JSON.stringify(analyst);
      expect(text).not.toContain('欧阳建国');
      expect(text).not.toContain('13912345678');
      expect(text).not.toContain('370802199003151234');
      const validate = ajv.compile(analystSchemaOf(definition));
      expect(validate(analyst.data) ? [] : validate.errors).toEqual([]);
    },
  );

  it('scrubs every free-text field the review named (descriptions, feedback, minutes, reasons, summaries) wherever it reaches analysts', () => {
    const prose = /^(description|feedback|minutes|reason|summary|note|comment|outcome|result|reply|terms|instructions|purpose|content|agenda|title)$/;
    const missed: string[] = [];
    for (const definition of EVENT_CATALOGUE) {
      const scrubbed = new Set(freeTextPaths(definition));
      for (const path of schemaPaths(definition.schema)) {
        const leaf = path.replace(/\[\]$/, '').split('.').pop()!.replace(/\[\]$/, '');
        const dropped = definition.personalFields.some((p) => path === p || path.startsWith(`${p.replace(/\[\]$/, '')}.`) || path.startsWith(`${p.replace(/\[\]$/, '')}[]`));
        const enumerated = (definition.schema.properties as Record<string, { enum?: unknown }>)[path]?.enum !== undefined;
        if (prose.test(leaf) && !dropped && !enumerated && !scrubbed.has(path) && !scrubbed.has(`${path}[]`) && !path.endsWith('[]')) missed.push(`${definition.type}: ${path}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('coarsens a member’s birth year to its five-year band and a person’s dates to the month, and leaves dates of things exact', () => {
    const registered = EVENT_CATALOGUE.find((d) => d.type === 'membership.MemberRegistered.v1')!;
    const out = toAnalystEnvelope(registered, { ...envelopeFor(registered), data: { ...(registered.example as object), birthYear: 1988, joinedOn: '2015-07-15' } }, KEY);
    expect(out.data).toMatchObject({ birthYear: 1985, joinedOn: '2015-07-01' });
    expect(coarsenedPaths(registered)).toEqual({ birthYear: 'five-year-band', joinedOn: 'month' });
    const checkedIn = EVENT_CATALOGUE.find((d) => d.type === 'activities.MemberCheckedIn.v1')!;
    const inOut = toAnalystEnvelope(checkedIn, { ...envelopeFor(checkedIn), data: { ...(checkedIn.example as object), checkedInAt: '2026-03-15T01:02:03.000Z' } }, KEY);
    expect((inOut.data as { checkedInAt: string }).checkedInAt).toBe('2026-03-15T00:00:00+08:00');
    const scheduled = EVENT_CATALOGUE.find((d) => d.type === 'activities.ActivityScheduled.v1')!;
    expect(coarsenedPaths(scheduled)).toEqual({});
    expect(toAnalystEnvelope(scheduled, envelopeFor(scheduled), KEY).data).toMatchObject({ startsAt: (scheduled.example as { startsAt: string }).startsAt });
  });
});
