import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MongoNetworkError, MongoServerError } from 'mongodb';
import { EventEnvelope, OrganizationRegistered, OrganizationRegisteredData } from '@pb/contracts';
import { Inbox, KafkaEventTransport, MessageBroker, OutgoingMessage, ReceivedBatch, Subscription } from '@pb/messaging';
import { consumerInfrastructureRetries, DomainError, ProblemFilter } from '@pb/platform';
import { envelopeOf } from '@pb/testing';

/** A broker in memory: the test hands the consumer its batches and sees what it dead-letters. */
class BrokerInMemory extends MessageBroker {
  readonly published: { topic: string; message: OutgoingMessage }[] = [];
  onBatch?: (batch: ReceivedBatch) => Promise<void>;

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.published.push(...messages.map((message) => ({ topic, message })));
  }
  async subscribe(_: unknown, onBatch: (batch: ReceivedBatch) => Promise<void>): Promise<Subscription> {
    this.onBatch = onBatch;
    return { stop: async () => undefined };
  }
  async ensureTopics(): Promise<void> {}
  async close(): Promise<void> {}
  async ping(): Promise<void> {}

  /** Delivers one batch of these messages and tells whether the consumer acknowledged it. */
  async deliver(values: string[], active = () => true): Promise<boolean> {
    let acknowledged = false;
    await this.onBatch!({
      topic: 'membership.events',
      partition: 0,
      messages: values.map((value, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(value), offset: String(i) })),
      lastOffset: String(values.length - 1),
      highWatermark: String(values.length),
      acknowledge: () => (acknowledged = true),
      heartbeat: async () => undefined,
      isActive: active,
    });
    return acknowledged;
  }
}

const inboxInMemory = { seen: async () => new Set<string>(), entries: () => [], collection: undefined } as unknown as Inbox;

function registered(name: string): EventEnvelope<OrganizationRegisteredData> {
  return envelopeOf(
    OrganizationRegistered,
    { ...OrganizationRegistered.example, organizationId: `org-${name}`, name },
    { aggregateId: `org-${name}`, version: 1, districtId: 'rencheng' },
  );
}

describe('the consumer retries infrastructure failures and dead-letters only bad events (handler stubs, no infrastructure)', () => {
  let app: INestMicroservice;
  const broker = new BrokerInMemory();
  /** Per event name: what the handler throws on each attempt, then success. */
  const script = new Map<string, (attempt: number) => Error | undefined>();
  const attempts = new Map<string, number>();
  const handled: string[] = [];

  @Controller()
  class Handler {
    @EventPattern(OrganizationRegistered.type)
    async registered(@Payload() e: EventEnvelope<OrganizationRegisteredData>) {
      const attempt = (attempts.get(e.data.name) ?? 0) + 1;
      attempts.set(e.data.name, attempt);
      const error = script.get(e.data.name)?.(attempt);
      if (error) throw error;
      handled.push(e.data.name);
    }
  }
  @Module({ controllers: [Handler] })
  class HandlerModule {}

  beforeAll(async () => {
    const transport = new KafkaEventTransport(broker, inboxInMemory, { groupId: 'g', topics: ['membership.events'], maxAttempts: 3, initialBackoffMs: 1, maxBackoffMs: 5 });
    app = await NestFactory.createMicroservice(HandlerModule, { strategy: transport, logger: false });
    app.useGlobalFilters(new ProblemFilter());
    await app.listen();
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(() => {
    broker.published.length = 0;
    handled.length = 0;
    attempts.clear();
    script.clear();
  });

  const dead = () => broker.published.map((p) => ({ topic: p.topic, key: String(p.message.key), error: p.message.headers?.['x-error'] }));

  it('keeps retrying an event while the database fails over, far past the attempts a bad event gets, and handles it once it is back', async () => {
    const before = (await consumerInfrastructureRetries.get()).values.find((v) => v.labels.topic === 'membership.events')?.value ?? 0;
    // Twelve failed attempts (four times maxAttempts) of every kind a failover produces, then the database answers.
    const failover = [
      new MongoNetworkError('connection 7 to 127.0.0.1:27017 closed'),
      new MongoServerError({ message: 'terminating connection due to administrator command (SQLSTATE 57P01)', code: 1 }),
      new MongoServerError({ message: 'failed to connect to `host=127.0.0.1`: dial error (SQLSTATE 08006)', code: 1 }),
      new Error('Operation `views.updateOne()` buffering timed out after 10000ms'),
    ];
    script.set('主库切换中', (attempt) => (attempt <= 12 ? failover[attempt % failover.length] : undefined));
    expect(await broker.deliver([JSON.stringify(registered('主库切换中'))])).toBe(true);
    expect(attempts.get('主库切换中')).toBe(13);
    expect(handled).toEqual(['主库切换中']);
    expect(dead()).toEqual([]);
    const after = (await consumerInfrastructureRetries.get()).values.find((v) => v.labels.topic === 'membership.events')?.value ?? 0;
    expect(after - before).toBe(12);
  });

  it("dead-letters a handler's domain rejection at once, and a failing handler after maxAttempts", async () => {
    script.set('被拒绝', () => new DomainError('conflict', 'ALREADY_CLOSED', '已办结'));
    script.set('总是失败', () => new Error('handler cannot process this event'));
    expect(await broker.deliver([JSON.stringify(registered('被拒绝')), JSON.stringify(registered('总是失败')), JSON.stringify(registered('正常'))])).toBe(true);
    expect(attempts.get('被拒绝')).toBe(1);
    expect(attempts.get('总是失败')).toBe(3);
    expect(handled).toEqual(['正常']);
    expect(dead()).toEqual([
      { topic: 'membership.events.dlq', key: 'k0', error: 'DomainError: 已办结' },
      { topic: 'membership.events.dlq', key: 'k1', error: 'Error: handler cannot process this event' },
    ]);
  });

  it('dead-letters what is not JSON or not an envelope without quoting it, and masks numbers in handler errors', async () => {
    script.set('带号码', () => new DomainError('invalid', 'X', '身份证号 370802199003151234 已登记，联系电话 13812345678'));
    const ack = await broker.deliver(['{"name":"张三","idNumber":"370802199003151234"', JSON.stringify({ hello: 'not an envelope' }), JSON.stringify(registered('带号码'))]);
    expect(ack).toBe(true);
    const errors = dead().map((d) => d.error);
    expect(errors).toEqual([
      'MalformedMessage: the message is not valid JSON',
      expect.stringMatching(/not a valid event envelope/),
      'DomainError: 身份证号 [number] 已登记，联系电话 [number]',
    ]);
    expect(errors.join(' ')).not.toMatch(/张三|370802199003151234|13812345678/);
  });

  it('leaves an event waiting for the infrastructure unacknowledged and undead-lettered when the consumer stops meanwhile', async () => {
    let active = true;
    script.set('停机', (attempt) => {
      if (attempt >= 3) active = false;
      return new MongoNetworkError('connection closed');
    });
    expect(await broker.deliver([JSON.stringify(registered('停机'))], () => active)).toBe(false);
    expect(attempts.get('停机')).toBe(3);
    expect(dead()).toEqual([]);
  });
});
