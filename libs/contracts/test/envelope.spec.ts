import { randomUUID } from 'crypto';
import { assertValidEnvelope, assertValidPayload, EVENT_CATALOGUE, EventEnvelope, OrganizationRegistered, SchemaViolation } from '@pb/contracts';

function envelope(overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/party-building/membership',
    type: OrganizationRegistered.type,
    subject: 'org-1',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    dataschema: 'schemas/membership/OrganizationRegistered.v1.json',
    aggregatetype: 'Organization',
    aggregateversion: 1,
    districtid: 'rencheng',
    zoneid: 'zone-taibailou',
    correlationid: randomUUID(),
    causationid: randomUUID(),
    actorid: 'user-1',
    data: OrganizationRegistered.example,
    ...overrides,
  };
}

describe('event envelope (CloudEvents 1.0 + our extensions)', () => {
  it('accepts a complete envelope with a payload that matches its schema', () => {
    expect(() => assertValidEnvelope(envelope())).not.toThrow();
  });

  it.each(['id', 'source', 'type', 'subject', 'time', 'districtid', 'zoneid', 'aggregateversion', 'correlationid', 'causationid'])('rejects an envelope without %s', (attribute) => {
    const broken = envelope() as unknown as Record<string, unknown>;
    delete broken[attribute];
    expect(() => assertValidEnvelope(broken)).toThrow(SchemaViolation);
  });

  it('rejects a wrong specversion, a non-date time and a version below 1', () => {
    expect(() => assertValidEnvelope(envelope({ specversion: '0.3' as '1.0' }))).toThrow(/specversion/);
    expect(() => assertValidEnvelope(envelope({ time: 'yesterday' }))).toThrow(/time/);
    expect(() => assertValidEnvelope(envelope({ aggregateversion: 0 }))).toThrow(/aggregateversion/);
  });

  it('rejects an unknown event type', () => {
    expect(() => assertValidEnvelope(envelope({ type: 'membership.NoSuchThing.v1' }))).toThrow(/unknown event type/);
  });

  it('rejects a payload that breaks its schema, naming the field', () => {
    const data = { ...OrganizationRegistered.example, type: 'CLUB' };
    expect(() => assertValidEnvelope(envelope({ data }))).toThrow(/\/type/);
    const extra = { ...OrganizationRegistered.example, idNumber: 'x' };
    expect(() => assertValidPayload(OrganizationRegistered.type, extra)).toThrow(/additional properties/);
  });
});

describe('event catalogue', () => {
  it('has unique types, bilingual descriptions, and examples valid against their own schemas', () => {
    const types = EVENT_CATALOGUE.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(EVENT_CATALOGUE.length).toBeGreaterThan(0);
    for (const definition of EVENT_CATALOGUE) {
      expect(definition.type).toMatch(/^[a-z]+\.[A-Z][A-Za-z]+\.v[1-9]\d*$/);
      expect(definition.description.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(definition.description.en.length).toBeGreaterThan(5);
      expect(() => assertValidPayload(definition.type, definition.example)).not.toThrow();
    }
  });
});
