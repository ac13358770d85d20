import { Connection } from 'mongoose';
import { Lease } from '@pb/platform';
import { openTestDatabase, waitFor } from '@pb/testing';

describe('a named lease in the service database (real database)', () => {
  let connection: Connection;
  const lease = (name: string, owner: string, ttlMs = 60_000) => new Lease(connection, name, owner, ttlMs);

  beforeAll(async () => {
    connection = await openTestDatabase('t_lease');
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('goes to exactly one of several processes asking at once; the holder keeps it, the others are refused', async () => {
    const contenders = ['a', 'b', 'c', 'd', 'e'].map((owner) => lease('sweep', owner));
    const won = await Promise.all(contenders.map((c) => c.acquire()));
    expect(won.filter(Boolean)).toHaveLength(1);
    const holder = contenders[won.indexOf(true)];
    expect(await holder.acquire()).toBe(true);
    for (const other of contenders.filter((c) => c !== holder)) expect(await other.acquire()).toBe(false);
    // Another name is another lease.
    const loser = contenders.find((c) => c !== holder)!;
    expect(await lease('other-sweep', loser.owner).acquire()).toBe(true);
  });

  it('stays with a holder that stopped renewing it for the TTL, then passes to exactly one of the processes asking', async () => {
    const ttlMs = 500;
    const crashed = lease('abandoned', 'crashed', ttlMs);
    const start = Date.now();
    expect(await crashed.acquire()).toBe(true);
    const others = ['a', 'b', 'c', 'd', 'e'].map((owner) => lease('abandoned', owner, ttlMs));
    expect(await others[0].acquire()).toBe(false);
    // The crashed holder never calls again: wait, reading the database, until what it claimed has run out.
    const claimedUntil = async () =>
      Math.max(...(await connection.collection(Lease.COLLECTION).find({ lease: 'abandoned', owner: 'crashed' }).toArray()).map((d) => d.expiresAt.getTime()));
    const until = await claimedUntil();
    expect(until - start).toBeGreaterThanOrEqual(ttlMs);
    await waitFor(async () => Date.now() > until, 'the crashed holder’s lease to run out', 5_000, 20);
    const won = await Promise.all(others.map((o) => o.acquire()));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await crashed.acquire()).toBe(false);
  });

  it('is free at once when its holder releases it; a release by anyone else leaves it held', async () => {
    const holder = lease('released', 'holder');
    const next = lease('released', 'next');
    expect(await holder.acquire()).toBe(true);
    await next.release();
    expect(await next.acquire()).toBe(false);
    await holder.release();
    expect(await next.acquire()).toBe(true);
    expect(await holder.acquire()).toBe(false);
  });

  it('goes to one replica only when the replicas’ clocks disagree by more than a window: the database keeps the time', async () => {
    const ttlMs = 60_000;
    const onTime = lease('skewed', 'on-time', ttlMs);
    const ahead = lease('skewed', 'ahead', ttlMs);
    expect(await onTime.acquire()).toBe(true);
    // The second replica's clock runs three windows ahead (a VM resumed from a pause, NTP gone).
    const real = Date.now();
    const skew = jest.spyOn(Date, 'now').mockReturnValue(real + 3 * ttlMs);
    try {
      expect(await ahead.acquire()).toBe(false);
    } finally {
      skew.mockRestore();
    }
    expect(await onTime.acquire()).toBe(true);
  });
});
