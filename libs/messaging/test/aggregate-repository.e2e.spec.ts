import { Connection, Model } from 'mongoose';
import {
  EventEnvelope,
  JurisdictionRegistered,
  JurisdictionRegisteredData,
  OrganizationRegistered,
  OrganizationRegisteredData,
  OrganizationRenamed,
  OrganizationRenamedData,
} from '@pb/contracts';
import {
  AggregateRepository,
  cityWide,
  ConcurrencyConflictError,
  defineAggregate,
  EventStore,
  Loaded,
  ownJurisdiction,
  Snapshot,
  SnapshotCatchUp,
  STORED_EVENT_MODEL,
  StoredEvent,
  StoredEventSchema,
} from '@pb/messaging';
import { DomainError } from '@pb/platform';
import { openTestDatabase, uniqueName } from '@pb/testing';

/** A small organization aggregate on membership's published events. */
interface Org {
  organizationId: string;
  name: string;
  districtId: string;
  zoneId: string | null;
  host: OrganizationRegisteredData['host'];
  names: string[];
}

const Orgs = defineAggregate<Org>({
  type: 'Organization',
  evolve: (state, event: EventEnvelope) => {
    if (event.type === OrganizationRegistered.type) {
      const { organizationId, name, districtId, zoneId, host } = event.data as OrganizationRegisteredData;
      return { organizationId, name, districtId, zoneId, host, names: [name] };
    }
    const { name } = event.data as OrganizationRenamedData;
    return { ...state!, name, names: [...state!.names, name] };
  },
  collection: 'organizations',
  indexes: [{ districtId: 1, zoneId: 1 }],
  jurisdiction: ownJurisdiction,
});

/** Another aggregate type of the same service, in the same events collection. */
const Places = defineAggregate<JurisdictionRegisteredData>({
  type: 'Jurisdiction',
  evolve: (_, event) => {
    if (event.type !== JurisdictionRegistered.type) throw new Error(`a jurisdiction cannot apply ${event.type}`);
    return event.data as JurisdictionRegisteredData;
  },
  collection: 'jurisdictions',
  jurisdiction: cityWide,
});

const command = { correlationId: 'corr-repo', actorId: 'tester' };
const host = { kind: 'ENTERPRISE' as const, name: '某科技有限公司', creditCode: null };
const registered = (organizationId: string, zoneId: string | null = 'zone-taibailou') => ({
  definition: OrganizationRegistered,
  data: { ...OrganizationRegistered.example, organizationId, districtId: 'rencheng', zoneId, host },
});
const renamed = (organizationId: string, name: string) => ({ definition: OrganizationRenamed, data: { organizationId, name } });

describe('aggregate repository (real database)', () => {
  let connection: Connection;
  let events: Model<StoredEvent>;
  let snapshots: Model<Snapshot<Org>>;
  let store: EventStore;
  let orgs: AggregateRepository<Org>;
  let places: AggregateRepository<JurisdictionRegisteredData>;

  const streamOf = async (id: string) => (await events.find({ aggregateId: id }).sort({ version: 1 }).lean().exec()).map((e) => e.envelope as unknown as EventEnvelope);
  const snapshotOf = (id: string) => snapshots.findById(id).lean<Snapshot<Org>>().exec();
  const newOrg = async (zoneId: string | null = 'zone-taibailou') => {
    const id = uniqueName('org');
    await orgs.save({ id, state: null, version: 0 }, registered(id, zoneId), command);
    return id;
  };

  beforeAll(async () => {
    connection = await openTestDatabase('t_aggregates');
    events = connection.model<StoredEvent>(STORED_EVENT_MODEL, StoredEventSchema);
    snapshots = connection.model<Snapshot<Org>>(Orgs.snapshotModel, Orgs.snapshotSchema);
    await Promise.all([events.syncIndexes(), snapshots.syncIndexes()]);
    store = new EventStore(events, 'membership');
    orgs = new AggregateRepository(snapshots, store, Orgs);
    const placeSnapshots = connection.model<Snapshot<JurisdictionRegisteredData>>(Places.snapshotModel, Places.snapshotSchema);
    places = new AggregateRepository(placeSnapshots, store, Places);
  });

  afterAll(async () => {
    await connection.close();
  });

  it('stores each event in the jurisdiction of the state it leads to, and the snapshot as evolve left it', async () => {
    const inZone = await newOrg();
    const noZone = await newOrg(null);
    expect((await streamOf(inZone)).map((e) => [e.districtid, e.zoneid])).toEqual([['rencheng', 'zone-taibailou']]);
    expect((await streamOf(noZone)).map((e) => [e.districtid, e.zoneid])).toEqual([['rencheng', '']]);
    expect(await snapshotOf(noZone)).toMatchObject({ _id: noZone, version: 1, zoneId: null, host, names: [OrganizationRegistered.example.name] });

    const moved = await orgs.save(await orgs.load(inZone), { ...renamed(inZone, '换了地方'), jurisdiction: { districtId: 'elsewhere', zoneId: 'zone-x' } }, command);
    expect(moved.envelope).toMatchObject({ aggregateversion: 2, districtid: 'elsewhere', zoneid: 'zone-x' });
    expect(moved).toMatchObject({ version: 2, state: { name: '换了地方' } });
  });

  it('decides again on the new state when another writer got in between, and stores both', async () => {
    const id = await newOrg();
    const seen: number[] = [];
    const saved = await orgs.decideAndSave(
      id,
      async (loaded: Loaded<Org>) => {
        seen.push(loaded.version);
        // The first time, someone else renames the organization between this load and the save.
        if (seen.length === 1) await orgs.save(loaded, renamed(id, '抢先'), command);
        return renamed(id, `${loaded.state!.name}（续）`);
      },
      command,
    );
    expect(seen).toEqual([1, 2]);
    expect(saved).toMatchObject({ version: 3, state: { name: '抢先（续）' } });
    expect((await streamOf(id)).map((e) => (e.data as { name: string }).name)).toEqual([OrganizationRegistered.example.name, '抢先', '抢先（续）']);
    expect(await snapshotOf(id)).toMatchObject({ version: 3, name: '抢先（续）' });
  });

  it('gives up with the conflict after a few lost races, having stored none of its own events', async () => {
    const id = await newOrg();
    let attempts = 0;
    await expect(
      orgs.decideAndSave(
        id,
        async (loaded) => {
          attempts++;
          await orgs.save(loaded, renamed(id, `别人 ${attempts}`), command);
          return renamed(id, '从未写入');
        },
        command,
      ),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(attempts).toBeGreaterThan(1);
    expect((await streamOf(id)).map((e) => (e.data as { name: string }).name)).not.toContain('从未写入');
    expect(await streamOf(id)).toHaveLength(1 + attempts);
  });

  it('answers a pinned expected version that is not the current one with the conflict at once, storing nothing', async () => {
    const id = await newOrg();
    await orgs.save(await orgs.load(id), renamed(id, '第二版'), command);
    // Below, above and far above the current version (a value above it once became the append position).
    for (const expectedVersion of [1, 5, Number.MAX_SAFE_INTEGER]) {
      let decided = 0;
      await expect(orgs.decideAndSave(id, () => (decided++, renamed(id, `基于第 ${expectedVersion} 版`)), command, { expectedVersion })).rejects.toBeInstanceOf(
        ConcurrencyConflictError,
      );
      expect(decided).toBe(1);
    }
    expect((await streamOf(id)).map((e) => e.aggregateversion)).toEqual([1, 2]);
    const current = await orgs.decideAndSave(id, () => renamed(id, '基于第 2 版'), command, { expectedVersion: 2 });
    expect(current.version).toBe(3);
  });

  it('refuses an id that is another aggregate type’s stream with a conflict (409), not an error of its evolve', async () => {
    const id = await newOrg();
    const conflict = expect.objectContaining({ kind: 'conflict', code: 'ID_IN_USE' });
    await expect(places.load(id)).rejects.toEqual(conflict);
    await expect(places.load(id)).rejects.toBeInstanceOf(DomainError);
    const registration = { definition: JurisdictionRegistered, data: { ...JurisdictionRegistered.example, jurisdictionId: id } };
    await expect(places.decideAndSave(id, () => registration, command)).rejects.toEqual(conflict);
    // The organization's stream is as it was, and still its own.
    expect((await streamOf(id)).map((e) => e.aggregatetype)).toEqual(['Organization']);
    expect((await orgs.decideAndSave(id, () => renamed(id, '仍可改名'), command)).version).toBe(2);
  });

  it('stores the several events of one command together; of two writers from the same version, one stores all and the other none', async () => {
    const id = await newOrg();
    const loaded = await orgs.load(id);
    const writer = (who: string) => orgs.saveMany(loaded, [renamed(id, `${who} 1`), renamed(id, `${who} 2`), renamed(id, `${who} 3`)], { ...command, correlationId: who });
    const [a, b] = await Promise.allSettled([writer('甲'), writer('乙')]);
    const outcomes = [a, b].map((r) => r.status).sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const lost = [a, b].find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(lost.reason).toBeInstanceOf(ConcurrencyConflictError);
    const won = [a, b].find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof writer>>>;
    const winner = won.value.envelopes[0]!.correlationid;

    const stream = await streamOf(id);
    expect(stream.map((e) => e.aggregateversion)).toEqual([1, 2, 3, 4]);
    expect(stream.slice(1).map((e) => e.correlationid)).toEqual([winner, winner, winner]);
    expect(won.value).toMatchObject({ version: 4, state: { names: [OrganizationRegistered.example.name, `${winner} 1`, `${winner} 2`, `${winner} 3`] } });
    expect(await snapshotOf(id)).toMatchObject({ version: 4, name: `${winner} 3` });

    // A writer still holding the old version stores none of its events either.
    await expect(orgs.saveMany(loaded, [renamed(id, '迟到 1'), renamed(id, '迟到 2')], command)).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(await streamOf(id)).toHaveLength(4);
  });

  it('creates many aggregates in bulk, leaving out those that already exist', async () => {
    const existing = await newOrg();
    const fresh = [uniqueName('org'), uniqueName('org')];
    const created = await orgs.createMany(
      [...fresh, existing].map((id) => ({ id, event: registered(id) })),
      command,
    );
    expect(created.sort()).toEqual([...fresh].sort());
    for (const id of fresh) {
      expect((await streamOf(id)).map((e) => [e.aggregateversion, e.districtid, e.zoneid])).toEqual([[1, 'rencheng', 'zone-taibailou']]);
      expect(await snapshotOf(id)).toMatchObject({ version: 1, organizationId: id });
    }
    expect(await streamOf(existing)).toHaveLength(1);
  });

  it('heals a snapshot left behind by a crash between the append and the snapshot write, before the relay publishes', async () => {
    const id = await newOrg();
    // What a process that died right after its append leaves: the event, and the snapshot of the version before.
    await store.append(id, 1, { ...renamed(id, '崩溃前写入'), jurisdiction: { districtId: 'rencheng', zoneId: 'zone-taibailou' } }, command);
    expect(await snapshotOf(id)).toMatchObject({ version: 1, name: OrganizationRegistered.example.name });
    expect((await orgs.load(id)).state).toMatchObject({ name: '崩溃前写入' });

    const catchUp = new SnapshotCatchUp();
    catchUp.add(orgs);
    await catchUp.run(await events.find({ aggregateId: id }).lean<StoredEvent[]>().exec());
    expect(await snapshotOf(id)).toMatchObject({ version: 2, name: '崩溃前写入', names: [OrganizationRegistered.example.name, '崩溃前写入'] });
  });
});
