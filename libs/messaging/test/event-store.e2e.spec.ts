import { Connection, Model } from 'mongoose';
import { OrganizationRegistered, OrganizationRenamed } from '@pb/contracts';
import { ConcurrencyConflictError, EventStore, STORED_EVENT_MODEL, StoredEvent, StoredEventSchema } from '@pb/messaging';
import { openTestDatabase, uniqueName } from '@pb/testing';

const command = { correlationId: 'corr-1', actorId: 'tester' };
const jurisdiction = { districtId: 'rencheng', zoneId: 'zone-taibailou' };

describe('event store (real database)', () => {
  let connection: Connection;
  let model: Model<StoredEvent>;
  let store: EventStore;

  beforeAll(async () => {
    connection = await openTestDatabase('t_store');
    model = connection.model<StoredEvent>(STORED_EVENT_MODEL, StoredEventSchema);
    await model.syncIndexes();
    store = new EventStore(model, 'membership');
  });

  afterAll(async () => {
    await connection.close();
  });

  it('appends events at consecutive versions and loads them in order', async () => {
    const id = uniqueName('org');
    const first = await store.append(id, 0, { definition: OrganizationRegistered, data: { ...OrganizationRegistered.example, organizationId: id }, jurisdiction }, command);
    const second = await store.append(id, 1, { definition: OrganizationRenamed, data: { organizationId: id, name: '新名称' }, jurisdiction }, command);
    expect([first.aggregateversion, second.aggregateversion]).toEqual([1, 2]);
    expect(second.correlationid).toBe('corr-1');
    expect(second.districtid).toBe('rencheng');
    const loaded = await store.load(id);
    expect(loaded.map((e) => e.type)).toEqual([OrganizationRegistered.type, OrganizationRenamed.type]);
    expect(await model.countDocuments({ aggregateId: id, published: false })).toBe(2);
  });

  it('lets exactly one of many concurrent writers of the same version win; the rest get a conflict', async () => {
    const id = uniqueName('org');
    await store.append(id, 0, { definition: OrganizationRegistered, data: { ...OrganizationRegistered.example, organizationId: id }, jurisdiction }, command);
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.append(id, 1, { definition: OrganizationRenamed, data: { organizationId: id, name: `名称${i}` }, jurisdiction }, command)),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const l of lost) expect(l.reason).toBeInstanceOf(ConcurrencyConflictError);
    const stream = await store.load(id);
    expect(stream.map((e) => e.aggregateversion)).toEqual([1, 2]);
    // The stored rename is the winner's, not a mix.
    expect((stream[1].data as { name: string }).name).toBe((won[0] as PromiseFulfilledResult<{ data: { name: string } }>).value.data.name);
  });

  it('refuses a payload that does not match its schema and stores nothing', async () => {
    const id = uniqueName('org');
    await expect(store.append(id, 0, { definition: OrganizationRegistered, data: { organizationId: id, name: '' } as never, jurisdiction }, command)).rejects.toThrow(
      /does not match its schema/,
    );
    expect(await model.countDocuments({ aggregateId: id })).toBe(0);
  });
});
