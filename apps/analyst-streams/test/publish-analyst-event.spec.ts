import { ANALYST_TOPICS, EventEnvelope, MemberRegistered, pseudonymOf, SchemaViolation } from '@pb/contracts';
import { MessageBroker, OutgoingMessage, Subscription, TopicSpec } from '@pb/messaging';
import { loadConfig } from '@pb/platform';
import { envelopeOf } from '@pb/testing';
import { AnalystStreamsConfig } from '../src/analyst-streams.config';
import { PublishAnalystEvent } from '../src/application/publish-analyst-event';
import { analystEventsPublished, AnalystTopicPublisher } from '../src/infrastructure/analyst-topic.publisher';

/** Keeps what the publisher asks of the broker; the adapter itself is tested on the real broker (libs/messaging). */
class RecordingBroker extends MessageBroker {
  readonly topics: TopicSpec[] = [];
  readonly published: { topic: string; message: OutgoingMessage }[] = [];
  failure?: Error;

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
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
  const published = async (topic: string) => (await analystEventsPublished.get()).values.find((v) => v.labels.topic === topic)?.value ?? 0;

  beforeEach(() => {
    broker = new RecordingBroker();
    publisher = new AnalystTopicPublisher(broker, config);
    useCase = new PublishAnalystEvent(config, publisher);
  });

  it('creates every context’s analyst topic under the deployment’s prefix, sized as configured', async () => {
    await publisher.onApplicationBootstrap();
    expect(broker.topics).toEqual(Object.values(ANALYST_TOPICS).map((topic) => ({ topic: `site1.${topic}`, partitions: 12, replicationFactor: 3, minInsyncReplicas: 1 })));
  });

  it('publishes the pseudonymised copy on the context’s analyst topic, keyed by the pseudonym, with the event id in a header', async () => {
    const memberId = 'mem-unit-0001';
    const event = envelopeOf(MemberRegistered, { ...MemberRegistered.example, memberId }, { aggregateId: memberId, version: 1, districtId: 'rencheng' });
    const before = await published(ANALYST_TOPICS.membership);

    await useCase.execute(event);

    expect(broker.published).toHaveLength(1);
    const [{ topic, message }] = broker.published;
    const pseudonym = pseudonymOf(KEY, memberId);
    expect(topic).toBe(`site1.${ANALYST_TOPICS.membership}`);
    expect(message.key).toBe(pseudonym);
    expect(message.headers).toEqual({ 'ce-id': event.id });
    const value = String(message.value);
    expect(JSON.parse(value)).toMatchObject({ id: event.id, subject: pseudonym, data: { memberId: pseudonym } });
    expect(value).not.toContain(memberId);
    expect(value).not.toContain(MemberRegistered.example.name);
    expect(await published(ANALYST_TOPICS.membership)).toBe(before + 1);
  });

  it('lets a failed publish fail the event, so the transport retries it, and does not count it', async () => {
    broker.failure = new Error('broker unavailable');
    const event = envelopeOf(MemberRegistered, MemberRegistered.example, { aggregateId: MemberRegistered.example.memberId, version: 1 });
    const before = await published(ANALYST_TOPICS.membership);

    await expect(useCase.execute(event)).rejects.toThrow('broker unavailable');
    expect(await published(ANALYST_TOPICS.membership)).toBe(before);
  });

  it('refuses an event of a type it does not know and publishes nothing', async () => {
    const unknown = { ...envelopeOf(MemberRegistered, MemberRegistered.example, { aggregateId: 'mem-1', version: 1 }), type: 'membership.Unknown.v1' } as EventEnvelope;

    await expect(useCase.execute(unknown)).rejects.toThrow(SchemaViolation);
    expect(broker.published).toEqual([]);
  });
});
