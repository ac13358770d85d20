import { randomBytes } from 'crypto';
import { Connection } from 'mongoose';
import { isDuplicateKey } from '../duplicate-key';

interface LeaseDocument {
  _id: string;
  lease: string;
  owner: string;
  expiresAt: Date;
}

/**
 * A named lease in the service's own database, held by one process at a time: the outbox
 * relay's (so two instances never interleave an aggregate's events on the topic) and each
 * scheduled job's (so a sweep runs on one instance however many replicas run).
 *
 * Time is cut into windows of `ttlMs`; the process that inserts a window's document
 * (`<name>@<window>`) holds the lease for that window. `acquire()` answers true only to the holder
 * of both the current and the next window (claiming what is free), so a true answer means the
 * lease is this process's for at least `ttlMs` from now, and two processes whose clocks straddle
 * a window's end cannot both be told yes. Ownership is decided by inserts on the unique `_id`
 * alone: FerretDB 1.x runs a conditional update as a read and then a write, so two processes
 * taking over an expired lease with one `updateOne` could both succeed. A holder that stops
 * calling `acquire()` (crashed, cut off) loses the lease within twice `ttlMs`.
 *
 * The windows are counted on the database server's clock (`hello`'s `localTime`), never the
 * app's: replicas whose clocks are skewed by more than a window would otherwise each claim a
 * different window and both be told yes.
 */
export class Lease {
  static readonly COLLECTION = 'leases';

  constructor(
    private readonly connection: Connection,
    readonly name: string,
    readonly owner: string,
    readonly ttlMs: number,
  ) {}

  /** True when the lease is this process's for at least `ttlMs` from now (taking it if it is free), false while another holds it. */
  async acquire(): Promise<boolean> {
    const window = Math.floor((await this.databaseNow()) / this.ttlMs);
    return (await this.holds(window)) && (await this.holds(window + 1));
  }

  /** Gives the lease up now, so the next holder need not wait for it to expire. */
  async release(): Promise<void> {
    await this.leases()
      .deleteMany({ lease: this.name, owner: this.owner })
      .catch(() => undefined);
  }

  private async holds(window: number): Promise<boolean> {
    const held = await this.leases().findOne({ _id: this.key(window) }, { projection: { owner: 1 } });
    return held ? held.owner === this.owner : this.claim(window);
  }

  /** Inserts the window's document; false when another process got there first. */
  private async claim(window: number): Promise<boolean> {
    try {
      await this.leases().insertOne({ _id: this.key(window), lease: this.name, owner: this.owner, expiresAt: new Date((window + 1) * this.ttlMs) });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Also this process's own insert, when the driver retried it after a lost reply.
      const held = await this.leases().findOne({ _id: this.key(window) }, { projection: { owner: 1 } });
      return held?.owner === this.owner;
    }
    // Windows ended before the previous one are nobody's any more; left for the next claim if the database is busy.
    await this.leases()
      .deleteMany({ lease: this.name, expiresAt: { $lte: new Date((window - 1) * this.ttlMs) } })
      .catch(() => undefined);
    return true;
  }

  /** The database server's time, in ms: one clock for every replica asking. */
  private async databaseNow(): Promise<number> {
    const { localTime } = await this.connection.db!.admin().command({ hello: 1 });
    if (!(localTime instanceof Date)) throw new Error('the database did not tell its time (hello.localTime)');
    return localTime.getTime();
  }

  private key(window: number): string {
    return `${this.name}@${window}`;
  }

  private leases() {
    return this.connection.collection<LeaseDocument>(Lease.COLLECTION);
  }
}

/** Tells this process's leases from its replicas': the instance (pod) name, the pid and a random part. */
export function leaseOwner(instanceId?: string): string {
  return `${instanceId ?? 'instance'}-${process.pid}-${randomBytes(3).toString('hex')}`;
}
