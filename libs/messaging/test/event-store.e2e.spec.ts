import { Connection, Model } from 'mongoose';
import { OrganizationRegistered, OrganizationRenamed } from '@pb/contracts';
import { ConcurrencyConflictError, EventStore, OutboxEntry, outboxModelOn, STORED_EVENT_MODEL, StoredEvent, StoredEventSchema } from '@pb/messaging';
import { openTestDatabase, uniqueName } from '@pb/testing';

const command = { correlationId: 'corr-1', actorId: 'tester' };
const jurisdiction = { districtId: 'rencheng', zoneId: 'zone-taibailou' };

describe('event store (real database)', () => {
  let connection: Connection;
  let model: Model<StoredEvent>;
  let outbox: Model<OutboxEntry>;
  let store: EventStore;
  /** The ids of the aggregate's outbox entries, by version. */
  const entriesOf = async (aggregateId: string) => (await outbox.find({ aggregateId }).lean<OutboxEntry[]>()).sort((a, b) => a.version - b.version).map((e) => e._id);

  beforeAll(async () => {
    connection = await openTestDatabase('t_store');
    model = connection.model<StoredEvent>(STORED_EVENT_MODEL, StoredEventSchema);
    outbox = outboxModelOn(connection);
    await Promise.all([model.syncIndexes(), outbox.syncIndexes()]);
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
    // Each stored event has its outbox entry (same id) until the relay has published it.
    expect(await entriesOf(id)).toEqual([first.id, second.id]);
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
    // The losers left no outbox entry behind: the outbox holds exactly the stream's events.
    expect(await entriesOf(id)).toEqual(stream.map((e) => e.id));
  });

  it('withdraws its outbox entries when the conflict shows only on the events (the winner already published)', async () => {
    const id = uniqueName('org');
    await store.append(id, 0, { definition: OrganizationRegistered, data: { ...OrganizationRegistered.example, organizationId: id }, jurisdiction }, command);
    await store.append(id, 1, { definition: OrganizationRenamed, data: { organizationId: id, name: '赢家' }, jurisdiction }, command);
    // The relay published both: no entry left for the outbox's own unique index to catch a stale writer.
    await outbox.deleteMany({ aggregateId: id });
    await expect(
      store.appendMany(
        id,
        1,
        [
          { definition: OrganizationRenamed, data: { organizationId: id, name: '迟到 1' }, jurisdiction },
          { definition: OrganizationRenamed, data: { organizationId: id, name: '迟到 2' }, jurisdiction },
        ],
        command,
      ),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect((await store.load(id)).map((e) => e.aggregateversion)).toEqual([1, 2]);
    expect(await entriesOf(id)).toEqual([]);
  });

  it('creates new aggregates in bulk with their outbox entries, and leaves none for those that already exist', async () => {
    const existing = uniqueName('org');
    await store.append(existing, 0, { definition: OrganizationRegistered, data: { ...OrganizationRegistered.example, organizationId: existing }, jurisdiction }, command);
    await outbox.deleteMany({ aggregateId: existing });
    const fresh = uniqueName('org');
    const stored = await store.appendNew(
      [fresh, existing].map((aggregateId) => ({
        aggregateId,
        event: { definition: OrganizationRegistered, data: { ...OrganizationRegistered.example, organizationId: aggregateId }, jurisdiction },
      })),
      command,
    );
    expect(stored.map((e) => e.subject)).toEqual([fresh]);
    expect(await entriesOf(fresh)).toEqual([stored[0].id]);
    expect(await entriesOf(existing)).toEqual([]);
  });

  it('refuses a payload that does not match its schema and stores nothing', async () => {
    const id = uniqueName('org');
    await expect(store.append(id, 0, { definition: OrganizationRegistered, data: { organizationId: id, name: '' } as never, jurisdiction }, command)).rejects.toThrow(
      /does not match its schema/,
    );
    expect(await model.countDocuments({ aggregateId: id })).toBe(0);
    expect(await outbox.countDocuments({ aggregateId: id })).toBe(0);
  });
});
