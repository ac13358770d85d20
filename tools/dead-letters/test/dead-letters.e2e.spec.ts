import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'crypto';
import * as path from 'path';
import { Kafka, logLevel } from 'kafkajs';
import { Connection } from 'mongoose';
import { EventEnvelope, OrganizationRegistered, OrganizationRegisteredData } from '@pb/contracts';
import { DomainError, ProblemFilter } from '@pb/platform';
import { envelopeOf, NodeRun, exactProducer, infraEnv, openTestDatabase, readTopic, runNode, startConsumer, testBroker, testTopicPrefix, waitFor } from '@pb/testing';

const CLI = path.resolve(__dirname, '../dead-letters.mjs');

const cli = (args: string[]) => runNode([CLI, ...args], { KAFKA_BROKERS: infraEnv().KAFKA_BROKERS, KAFKA_TOPIC_PREFIX: testTopicPrefix() });

interface Listed {
  id: string;
  errorText?: string;
  sourceTopic: string;
  sourceOffset: string;
  group: string;
  type: string;
  eventId?: string;
  error: string;
  failedAt: string;
  redrivenAt?: string;
}

/** In the order of the source topic (the consumer dead-letters different keys side by side, so the dead-letter topic's order varies). */
const listed = (run: NodeRun): Listed[] =>
  run.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Listed)
    .sort((a, b) => Number(a.sourceOffset) - Number(b.sourceOffset));

describe('dead-letters CLI: lists dead letters without their content and re-drives them once after a fix (real Kafka)', () => {
  const { KAFKA_BROKERS } = infraEnv();
  // A file-local topic name under the file's prefix, so the CLI's default (every *.dlq topic) sees only this file's.
  const topic = `${testTopicPrefix()}dl-cli.${randomUUID().slice(0, 8)}.events`;
  const kafka = new Kafka({ clientId: 'dead-letters-cli-test', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const broker = testBroker('dead-letters-cli-test');
  let connection: Connection;
  let app: INestMicroservice | undefined;
  let broken = true;
  const handled: string[] = [];
  const idNumber = '370802199003151234';

  @Controller()
  class Projector {
    @EventPattern(OrganizationRegistered.type)
    async registered(@Payload() e: EventEnvelope<OrganizationRegisteredData>) {
      // A bug the next release fixes: until then, organizations whose name mentions a secretary are refused.
      if (broken && e.data.name.includes('书记')) throw new DomainError('invalid', 'BUG', `无法处理 ${e.data.name}（联系人证件 ${idNumber}）`);
      handled.push(e.data.name);
    }
  }
  @Module({ controllers: [Projector] })
  class ProjectorModule {}

  const event = (name: string) => {
    const organizationId = `org-${randomUUID()}`;
    return envelopeOf(OrganizationRegistered, { ...OrganizationRegistered.example, organizationId, name }, { aggregateId: organizationId, version: 1, districtId: 'rencheng' });
  };

  beforeAll(async () => {
    connection = await openTestDatabase('t_dl_cli');
    await broker.ensureTopics([topic, `${topic}.dlq`].map((t) => ({ topic: t, partitions: 1, replicationFactor: 1 })));
  });

  afterAll(async () => {
    await app?.close();
    await broker.close();
    await connection.close();
  });

  it('lists, re-drives the chosen and then all, and never publishes an entry twice', async () => {
    const first = event('张三书记的支部');
    const second = event('李四书记的支部');
    const producer = exactProducer(kafka);
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: first.subject, value: JSON.stringify(first) },
        { key: 'poison', value: `{"name":"王五","idNumber":"${idNumber}"` },
        { key: second.subject, value: JSON.stringify(second) },
        { key: 'ok', value: JSON.stringify(event('正常支部')) },
      ],
    });
    await producer.disconnect();
    const consumer = await startConsumer(ProjectorModule, { broker, connection, topics: [topic], filters: [new ProblemFilter()] });
    app = consumer.app;
    await readTopic(KAFKA_BROKERS, `${topic}.dlq`, (m) => m.length >= 3);
    expect(handled).toEqual(['正常支部']);

    const list = await cli(['list', '--json']);
    expect(list.code).toBe(0);
    const entries = listed(list);
    expect(entries).toHaveLength(3);
    for (const e of entries) expect(e).toMatchObject({ sourceTopic: topic, group: consumer.groupId, failedAt: expect.stringMatching(/^\d{4}-/) });
    expect(entries.map((e) => e.type)).toEqual([OrganizationRegistered.type, '(不是事件 / not an event)', OrganizationRegistered.type]);
    expect(entries.map((e) => e.sourceOffset)).toEqual(['0', '1', '2']);
    expect(entries[0]).toMatchObject({ eventId: first.id, error: 'DomainError BUG' });
    expect(entries[1].error).toBe('MalformedMessage');
    // Nothing of the messages' content: no name, no ID number (the handler's error quoted both).
    expect(list.stdout).not.toMatch(/张三|李四|王五|370802199003151234/);
    const table = await cli(['list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(entries[0].id);
    expect(table.stdout).not.toMatch(/张三|李四|王五|370802199003151234/);
    // Asked for, the errors' words, numbers blanked out.
    const words = listed(await cli(['list', '--json', '--show-errors']));
    expect(words[0]).toMatchObject({ errorText: expect.stringContaining('联系人证件 [number]') });
    expect(JSON.stringify(words)).not.toContain(idNumber);

    // The fix is deployed; the first entry is re-driven by id, then everything.
    broken = false;
    const one = await cli(['redrive', entries[0].id]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('re-driven 1, already re-driven 0, not events 0');
    await waitFor(async () => handled.includes('张三书记的支部'), 'the re-driven event to be handled');

    const all = await cli(['redrive', '--all']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('re-driven 1, already re-driven 1, not events 1');
    await waitFor(async () => handled.includes('李四书记的支部'), 'the second re-driven event to be handled');

    const again = await cli(['redrive', '--all']);
    expect(again.stdout).toContain('re-driven 0, already re-driven 2, not events 1');
    const source = await readTopic(KAFKA_BROKERS, topic, (m) => m.length >= 6);
    expect(source).toHaveLength(6); // the four sent, and each re-driven event once
    expect(source.slice(4).map((m) => m.headers['x-redriven-from'])).toEqual([entries[0].id, entries[2].id]);
    expect(handled.filter((n) => n !== '正常支部').sort()).toEqual(['张三书记的支部', '李四书记的支部'].sort());

    const after = listed(await cli(['list', '--json']));
    expect(after.map((e) => Boolean(e.redrivenAt))).toEqual([true, false, true]);
  });

  it('refuses wrong usage with a clear message', async () => {
    const none = await cli(['redrive']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--all/);
    const unknown = await cli(['redrive', `${topic}.dlq:0:999`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/没有这些死信条目/);
    const notDlq = await cli(['list', '--topic', topic]);
    expect(notDlq.code).toBe(2);
    expect(notDlq.stderr).toMatch(/只能读取死信主题/);
  });
});
