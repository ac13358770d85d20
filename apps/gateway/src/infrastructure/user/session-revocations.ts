import { Global, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel, MongooseModule } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Clock } from '@pb/platform';
import { SESSION_REVOCATION_MODEL, SessionRevocationDocument, SessionRevocationSchema } from './user.schema';

/** How often each gateway replica reads the revocations the others wrote: the bound on a revoked access token elsewhere. */
export const REVOCATION_RELOAD_MS = 5_000;
/** The longest an access token can live (ACCESS_TOKEN_TTL_SECONDS' maximum): a revocation is kept that long. */
const LONGEST_ACCESS_TOKEN_MS = 3600 * 1000;

/**
 * Which users' access tokens are refused before they expire (已吊销的会话): a user whose sessions
 * were revoked (disabled, given a new role or jurisdiction, password reset or changed) has a
 * higher tokenVersion than the tokens issued before. The verifier checks every request against
 * this in-memory copy; the replica that revokes updates it at once, the others read the
 * collection every REVOCATION_RELOAD_MS.
 */
@Injectable()
export class SessionRevocations implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionRevocations.name);
  private versions = new Map<string, number>();
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    @InjectModel(SESSION_REVOCATION_MODEL) private readonly revocations: Model<SessionRevocationDocument>,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => {
      this.reload().catch((error: Error) => this.logger.warn(`session revocations not reloaded: ${error.message}`));
    }, REVOCATION_RELOAD_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Whether a token issued under `tokenVersion` was revoked since. */
  isRevoked(userId: string, tokenVersion: number): boolean {
    return tokenVersion < (this.versions.get(userId) ?? 0);
  }

  /** Every access token of the user issued under a lower version stops working. */
  async revoke(userId: string, tokenVersion: number): Promise<void> {
    this.versions.set(userId, Math.max(tokenVersion, this.versions.get(userId) ?? 0));
    const expiresAt = new Date(this.clock.now().getTime() + LONGEST_ACCESS_TOKEN_MS);
    await this.revocations.updateOne({ _id: userId }, { $max: { tokenVersion }, $set: { expiresAt } }, { upsert: true }).exec();
  }

  async reload(): Promise<void> {
    const docs = await this.revocations.find({}, { tokenVersion: 1 }).lean<SessionRevocationDocument[]>().exec();
    const next = new Map(docs.map((d) => [d._id, d.tokenVersion]));
    // A revocation made here a moment ago and not yet visible in a read stays.
    for (const [userId, version] of this.versions) if ((next.get(userId) ?? 0) < version) next.set(userId, version);
    this.versions = next;
  }
}

/** Global, so the platform's guard can reach it through the gateway's token verifier. */
@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: SESSION_REVOCATION_MODEL, schema: SessionRevocationSchema }])],
  providers: [SessionRevocations],
  exports: [SessionRevocations],
})
export class SessionRevocationsModule {}
