import { ANALYST_TOPICS, analystEventId, CaseReported, EventEnvelope, MemberRegistered, NameIndex, pseudonymOf, SchemaViolation } from '@pb/contracts';
import { MessageBroker, OutgoingMessage, Subscription, TopicSpec } from '@pb/messaging';
import { loadConfig } from '@pb/platform';
import { envelopeOf } from '@pb/testing';
import { AnalystStreamsConfig } from '../src/analyst-streams.config';
import { PublishAnalystEvent } from '../src/application/publish-analyst-event';
import { analystEventsPublished, AnalystTopicPublisher } from '../src/infrastructure/analyst-topic.publisher';
import { KnownNames } from '../src/infrastructure/known-names.store';

/** The names store without its database: what it learned, in memory. */
class InMemoryKnownNames {
  readonly index = new NameIndex();

  async learn(names: string[]): Promise<void> {
    for (const name of names) this.index.add(name);
  }

  async current(): Promise<NameIndex> {
    return this.index;
  }
}

/** Keeps what the publisher asks of the broker; the adapter itself is tested on the real broker (libs/messaging). */
class RecordingBroker extends MessageBroker {
  readonly topics: TopicSpec[] = [];
  readonly published: { topic: string; message: OutgoingMessage }[] = [];
  /** Each produce request: its topic and how many records it carried. */
  readonly requests: { topic: string; records: number }[] = [];
  failure?: Error;

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.requests.push({ topic, records: messages.length });
    if (this.failure) throw this.failure;
    this.published.push(...messages.map((message) => ({ topic, message })));
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    this.topics.push(...specs);
  }

  subscribe(): Promise<Subscription> {
    throw new Error('the analyst publisher never subscribes');
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

const KEY = 'analyst-streams-unit-key-0123456789abcdef';

describe('publishing analyst events (in-memory broker)', () => {
  const config = loadConfig(
    AnalystStreamsConfig,
    {
      KAFKA_BROKERS: '127.0.0.1:9092',
      MONGODB_URI: 'mongodb://127.0.0.1:27017',
      INTERNAL_TOKEN_SECRET: 'x'.repeat(32),
      ANALYST_PSEUDONYM_KEY: KEY,
      KAFKA_TOPIC_PREFIX: 'site1.',
      KAFKA_PARTITIONS: '12',
      KAFKA_REPLICATION_FACTOR: '3',
    },
    { PORT: 3005, MONGODB_DATABASE: 'analyst-streams' },
  );
  let broker: RecordingBroker;
  let publisher: AnalystTopicPublisher;
  let useCase: PublishAnalystEvent;
  let knownNames: InMemoryKnownNames;
  const published = async (topic: string) => (await analystEventsPublished.get()).values.find((v) => v.labels.topic === topic)?.value ?? 0;

  beforeEach(() => {
    broker = new RecordingBroker();
    publisher = new AnalystTopicPublisher(broker, config);
    knownNames = new InMemoryKnownNames();
    useCase = new PublishAnalystEvent(config, publisher, knownNames as unknown as KnownNames);
  });

  it('creates every context’s analyst topic under the deployment’s prefix, sized as configured', async () => {
    await publisher.onApplicationBootstrap();
    expect(broker.topics).toEqual(Object.values(ANALYST_TOPICS).map((topic) => ({ topic: `site1.${topic}`, partitions: 12, replicationFactor: 3, minInsyncReplicas: 1 })));
  });

  it('publishes the pseudonymised copy on the context’s analyst topic, keyed by the pseudonym, under an id of its own (also in a header)', async () => {
    const memberId = 'mem-unit-0001';
    const event = envelopeOf(MemberRegistered, { ...MemberRegistered.example, memberId }, { aggregateId: memberId, version: 1, districtId: 'rencheng' });
    const before = await published(ANALYST_TOPICS.membership);

    await useCase.execute(event);

    expect(broker.published).toHaveLength(1);
    const [{ topic, message }] = broker.published;
    const pseudonym = pseudonymOf(KEY, memberId);
    expect(topic).toBe(`site1.${ANALYST_TOPICS.membership}`);
    expect(message.key).toBe(pseudonym);
    const id = analystEventId(KEY, event.id);
    expect(id).not.toBe(event.id);
    expect(message.headers).toEqual({ 'ce-id': id });
    const value = String(message.value);
    expect(JSON.parse(value)).toMatchObject({ id, subject: pseudonym, data: { memberId: pseudonym } });
    expect(JSON.parse(value)).not.toHaveProperty('correlationid');
    expect(JSON.parse(value)).not.toHaveProperty('causationid');
    expect(value).not.toContain(event.id);
    expect(value).not.toContain(event.correlationid);
    expect(value).not.toContain(memberId);
    expect(value).not.toContain(MemberRegistered.example.name);
    expect(await published(ANALYST_TOPICS.membership)).toBe(before + 1);
  });

  it('scrubs the names it learned, phone and ID numbers from free text, and writes the day as the record’s time', async () => {
    const memberId = 'mem-unit-0002';
    await useCase.execute(envelopeOf(MemberRegistered, { ...MemberRegistered.example, memberId, name: '欧阳建国' }, { aggregateId: memberId, version: 1 }));
    const reported = envelopeOf(
      CaseReported,
      { ...CaseReported.example, requesterName: '赵女士', description: '党员欧阳建国反映：赵女士家楼道灯坏了，电话 13912345678，身份证 370802199003151234' },
      { aggregateId: 'case-unit-0001', version: 1, time: '2026-03-15T17:42:05.123Z' },
    );

    await useCase.execute(reported);

    const { message } = broker.published[1];
    const analyst = JSON.parse(String(message.value));
    expect(analyst.data.description).toBe('党员某某反映：某某家楼道灯坏了，电话 [电话]，身份证 [证件号]');
    expect(analyst.data).not.toHaveProperty('requesterName');
    expect(analyst.time).toBe('2026-03-16T00:00:00+08:00');
    expect((message as { timestamp?: string }).timestamp).toBe(String(Date.parse('2026-03-16T00:00:00+08:00')));
  });

  it('lets a failed publish fail the event, so the transport retries it, and does not count it', async () => {
    broker.failure = new Error('broker unavailable');
    const event = envelopeOf(MemberRegistered, MemberRegistered.example, { aggregateId: MemberRegistered.example.memberId, version: 1 });
    const before = await published(ANALYST_TOPICS.membership);

    await expect(useCase.execute(event)).rejects.toThrow('broker unavailable');
    expect(await published(ANALYST_TOPICS.membership)).toBe(before);
  });

  it('sends the events handled at the same time in one request per analyst topic, each answered once its record is written', async () => {
    const members = ['mem-unit-0101', 'mem-unit-0102', 'mem-unit-0103'].map((memberId) =>
      envelopeOf(MemberRegistered, { ...MemberRegistered.example, memberId }, { aggregateId: memberId, version: 1 }),
    );
    const reported = envelopeOf(CaseReported, CaseReported.example, { aggregateId: 'case-unit-0101', version: 1 });
    const before = await published(ANALYST_TOPICS.membership);

    await Promise.all([...members, reported].map((event) => useCase.execute(event)));

    expect(broker.requests).toEqual([
      { topic: `site1.${ANALYST_TOPICS.membership}`, records: 3 },
      { topic: `site1.${ANALYST_TOPICS.governance}`, records: 1 },
    ]);
    expect(broker.published.slice(0, 3).map((p) => p.message.key)).toEqual(members.map((m) => pseudonymOf(KEY, m.subject)));
    expect(await published(ANALYST_TOPICS.membership)).toBe(before + 3);

    // Published after those were written: a request of its own.
    await useCase.execute(envelopeOf(MemberRegistered, { ...MemberRegistered.example, memberId: 'mem-unit-0104' }, { aggregateId: 'mem-unit-0104', version: 1 }));
    expect(broker.requests).toHaveLength(3);
  });

  it('fails every event whose record was in a failed request, so that each is retried', async () => {
    broker.failure = new Error('broker unavailable');
    const events = ['mem-unit-0201', 'mem-unit-0202'].map((memberId) => envelopeOf(MemberRegistered, { ...MemberRegistered.example, memberId }, { aggregateId: memberId, version: 1 }));

    const outcomes = await Promise.allSettled(events.map((event) => useCase.execute(event)));

    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(broker.requests).toEqual([{ topic: `site1.${ANALYST_TOPICS.membership}`, records: 2 }]);
    broker.failure = undefined;
    await Promise.all(events.map((event) => useCase.execute(event)));
    expect(broker.published).toHaveLength(2);
  });

  it('refuses an event of a type it does not know and publishes nothing', async () => {
    const unknown = { ...envelopeOf(MemberRegistered, MemberRegistered.example, { aggregateId: 'mem-1', version: 1 }), type: 'membership.Unknown.v1' } as EventEnvelope;

    await expect(useCase.execute(unknown)).rejects.toThrow(SchemaViolation);
    expect(broker.published).toEqual([]);
  });
});
