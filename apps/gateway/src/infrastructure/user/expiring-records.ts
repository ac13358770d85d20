import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { EXPIRING_COLLECTIONS } from './user.schema';

/**
 * Refresh tokens, sign-in attempts, rate-limit counts and revocations carry `expiresAt`. Each
 * collection gets a TTL index, so MongoDB deletes them by itself; FerretDB 1.x refuses TTL
 * indexes ("not implemented"), so the session sweep (SCHEDULE_SESSION_SWEEP) deletes what has
 * expired on either database. Nothing relies on the deletion: every read checks `expiresAt`.
 */
@Injectable()
export class ExpiringRecords implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExpiringRecords.name);
  /** Whether the database took the TTL indexes. */
  ttlIndexes = false;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const name of EXPIRING_COLLECTIONS) {
        await this.connection.collection(name).createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expiresAt_ttl' });
      }
      this.ttlIndexes = true;
    } catch (error) {
      this.logger.log(`TTL indexes not available (${(error as Error).message}); the session sweep deletes expired sign-in records`);
    }
  }

  /** Deletes what expired before `now`; returns how many per collection. */
  async sweep(now: Date): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const name of EXPIRING_COLLECTIONS) {
      deleted[name] = (await this.connection.collection(name).deleteMany({ expiresAt: { $lt: now } })).deletedCount;
    }
    return deleted;
  }
}
