import { ForbiddenException, HttpException, HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap, UnauthorizedException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes, randomUUID } from 'crypto';
import { Model } from 'mongoose';
import { Clock, ConfigurationError, DomainError, isDuplicateKey } from '@pb/platform';
import { assertAcceptablePassword, User } from '../../domain/user/user';
import { GatewayConfig } from '../../gateway.config';
import { ExpiringRecords } from '../../infrastructure/user/expiring-records';
import { openPair, sealPair } from '../../infrastructure/user/sealed-pair';
import { SessionRevocations } from '../../infrastructure/user/session-revocations';
import { SignInAttempts } from '../../infrastructure/user/sign-in-attempts';
import { REFRESH_TOKEN_MODEL, RefreshTokenDocument, USER_MODEL, UserDocument } from '../../infrastructure/user/user.schema';
import { ARGON2_OPTIONS, createUserRecord, toUser } from './user-accounts';
import { signAccessToken } from '../../infrastructure/user/user-tokens';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Omit<User, 'disabled' | 'mustChangePassword'>;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

const WRONG_CREDENTIALS = '用户名或密码错误';

/** Where a new refresh token sits in its session. */
interface SessionPlace {
  familyId: string;
  /** The spent token's hash, or `signin:<familyId>` for the session's first. */
  parentId: string;
  sessionExpiresAt: Date;
  /** The spent token, whose holder may ask again within the grace window. */
  spentToken?: string;
}

/** Sign-in, refresh-token rotation, sign-out and the password change (登录、续期、退出、修改密码). */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);
  /** Verified against when the username is unknown, so both answers take as long. */
  private decoyHash?: Promise<string>;

  constructor(
    @InjectModel(USER_MODEL) private readonly users: Model<UserDocument>,
    @InjectModel(REFRESH_TOKEN_MODEL) private readonly refreshTokens: Model<RefreshTokenDocument>,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    private readonly clock: Clock,
    private readonly attempts: SignInAttempts,
    private readonly revocations: SessionRevocations,
    private readonly expiring: ExpiringRecords,
  ) {}

  /** The first administrator comes from configuration, never from a built-in default. */
  async onApplicationBootstrap(): Promise<void> {
    // Ready before the first unknown username, so even that answer takes no longer than the others.
    this.decoyHash = hash(randomUUID(), ARGON2_OPTIONS);
    // The failures list users carried before sign-in attempts had a collection of their own.
    await this.users.updateMany({ failedSignIns: { $exists: true } }, { $unset: { failedSignIns: 1 } }).exec();
    const { FIRST_ADMIN_USERNAME: username, FIRST_ADMIN_PASSWORD: password } = this.config;
    if (!username || !password) return;
    if (await this.users.exists({ username })) return;
    try {
      await createUserRecord(this.users, { username, displayName: '系统管理员', password, role: 'CITY_ADMIN', scope: { level: 'CITY' } }, 'configuration');
      this.logger.log(`first administrator account created from configuration`);
    } catch (error) {
      // Another gateway instance created it at the same moment (two instances starting together).
      if (error instanceof DomainError && error.code === 'USERNAME_TAKEN') return;
      if (error instanceof DomainError) throw new ConfigurationError([`FIRST_ADMIN_PASSWORD / FIRST_ADMIN_USERNAME: ${error.message}`]);
      if (!(await this.users.exists({ username }))) throw error;
    }
  }

  async signIn(username: string, password: string): Promise<TokenPair> {
    const doc = await this.checkPassword(username, password);
    if (doc.mustChangePassword) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'PASSWORD_CHANGE_REQUIRED',
        message: '管理员已重置您的密码，请先设置新密码再登录',
      });
    }
    return this.startSession(doc);
  }

  /**
   * The user sets a new password with the current one (after an administrator's reset, this
   * is the only way in): every other session ends, and a new one starts.
   */
  async changePassword(username: string, currentPassword: string, newPassword: string): Promise<TokenPair> {
    assertAcceptablePassword(newPassword, username);
    if (newPassword === currentPassword) throw new DomainError('invalid', 'PASSWORD_UNCHANGED', '新密码不能与原密码相同');
    const doc = await this.checkPassword(username, currentPassword);
    const passwordHash = await hash(newPassword, ARGON2_OPTIONS);
    const updated = await this.users
      .findOneAndUpdate(
        { _id: doc._id },
        { $set: { passwordHash, mustChangePassword: false, updatedAt: this.clock.now(), updatedBy: doc._id }, $inc: { tokenVersion: 1 } },
        { new: true },
      )
      .lean<UserDocument>()
      .exec();
    if (!updated) throw new UnauthorizedException('账号不存在或已停用');
    await this.endSessions(updated._id, updated.tokenVersion ?? 0);
    return this.startSession(updated);
  }

  /**
   * The attempt is claimed before the password is checked, so parallel guesses cannot get
   * past the lockout; an unknown username takes the same steps (its attempts counted, a decoy
   * hash verified) and gets the same answers, so neither the status, the message nor the time
   * tells whether it exists.
   */
  private async checkPassword(username: string, password: string): Promise<UserDocument> {
    const now = this.clock.now();
    const attempt = await this.attempts.begin(username, now);
    if (attempt.waitMs !== undefined) {
      throw new HttpException(
        {
          statusCode: 429,
          error: 'TOO_MANY_ATTEMPTS',
          message: `登录失败次数过多，请 ${Math.ceil(attempt.waitMs / 60000)} 分钟后再试`,
          retryAfterSeconds: Math.ceil(attempt.waitMs / 1000),
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const doc = await this.users.findOne({ username }).lean<UserDocument>().exec();
    this.decoyHash ??= hash(randomUUID(), ARGON2_OPTIONS);
    const ok = await verify(doc?.passwordHash ?? (await this.decoyHash), password).catch(() => false);
    await this.attempts.settle(attempt.attemptId, doc && ok ? 'ok' : 'failed');
    if (!doc || !ok) throw new UnauthorizedException(WRONG_CREDENTIALS);
    // Said only to whoever knows the password.
    if (doc.disabled) throw new UnauthorizedException('账号已停用，请联系管理员');
    return doc;
  }

  /**
   * Exchanges a refresh token for a new pair. A token spent within REFRESH_REUSE_GRACE_SECONDS
   * gives the pair it was spent for again (two tabs, a lost answer); spent earlier, it revokes
   * its whole session, as a stolen token would.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const now = this.clock.now();
    const id = sha256(refreshToken);
    const token = await this.refreshTokens.findById(id).lean<RefreshTokenDocument>().exec();
    if (!token) throw new UnauthorizedException('续期令牌无效或已使用，请重新登录');
    if (token.expiresAt.getTime() <= now.getTime()) {
      throw new UnauthorizedException(token.sessionExpiresAt.getTime() <= now.getTime() ? '登录已超过最长有效期，请重新登录' : '续期令牌已过期，请重新登录');
    }
    if (token.usedAt) return this.spentAgain(token, refreshToken, now);
    const doc = await this.users.findById(token.userId).lean<UserDocument>().exec();
    if (!doc || doc.disabled || doc.mustChangePassword || (doc.tokenVersion ?? 0) !== token.tokenVersion) {
      await this.refreshTokens.deleteMany({ familyId: token.familyId }).exec();
      throw new UnauthorizedException('账号已停用或会话已被撤销，请重新登录');
    }
    let pair: TokenPair;
    try {
      pair = await this.issue(doc, { familyId: token.familyId, parentId: id, sessionExpiresAt: token.sessionExpiresAt, spentToken: refreshToken });
    } catch (error) {
      // Another request spent the same token a moment ago: its successor is the answer.
      if (isDuplicateKey(error)) return this.spentAgain(token, refreshToken, now);
      throw error;
    }
    await this.refreshTokens.updateOne({ _id: id }, { $set: { usedAt: now } }).exec();
    return pair;
  }

  private async spentAgain(token: RefreshTokenDocument, refreshToken: string, now: Date): Promise<TokenPair> {
    const successor = await this.refreshTokens.findOne({ parentId: token._id }).lean<RefreshTokenDocument>().exec();
    const graceMs = this.config.REFRESH_REUSE_GRACE_SECONDS * 1000;
    if (successor?.sealed && !successor.usedAt && now.getTime() - successor.issuedAt.getTime() <= graceMs) {
      const pair = openPair<TokenPair>(successor.sealed, refreshToken);
      if (pair) return pair;
    }
    await this.refreshTokens.deleteMany({ familyId: token.familyId }).exec();
    this.logger.warn(`refresh token reused; token family revoked for user ${token.userId}`);
    throw new UnauthorizedException('续期令牌无效或已使用，请重新登录');
  }

  async signOut(refreshToken: string): Promise<void> {
    const token = await this.refreshTokens.findById(sha256(refreshToken)).lean<RefreshTokenDocument>().exec();
    if (token) await this.refreshTokens.deleteMany({ familyId: token.familyId }).exec();
  }

  /**
   * Ends every session of a user: refresh tokens deleted, and access tokens issued under a
   * lower tokenVersion refused (at once on this gateway, within REVOCATION_RELOAD_MS on the others).
   */
  async endSessions(userId: string, tokenVersion: number): Promise<void> {
    await this.revocations.revoke(userId, tokenVersion);
    await this.refreshTokens.deleteMany({ userId }).exec();
  }

  /** Deletes expired refresh tokens, sign-in attempts and rate-limit counts (the session sweep). */
  sweepExpired(): Promise<Record<string, number>> {
    return this.expiring.sweep(this.clock.now());
  }

  private startSession(doc: UserDocument): Promise<TokenPair> {
    const familyId = randomUUID();
    const sessionExpiresAt = new Date(this.clock.now().getTime() + this.config.SESSION_MAX_SECONDS * 1000);
    return this.issue(doc, { familyId, parentId: `signin:${familyId}`, sessionExpiresAt });
  }

  private async issue(doc: UserDocument, place: SessionPlace): Promise<TokenPair> {
    const now = this.clock.now();
    const user = toUser(doc);
    const tokenVersion = doc.tokenVersion ?? 0;
    const expiresIn = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = signAccessToken(user, this.config.JWT_SECRET, expiresIn, tokenVersion);
    const refreshToken = randomBytes(32).toString('base64url');
    const { disabled, mustChangePassword, ...visible } = user;
    const pair: TokenPair = { accessToken, refreshToken, expiresIn, user: visible };
    const ownExpiry = now.getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000;
    await this.refreshTokens.create({
      _id: sha256(refreshToken),
      userId: user.userId,
      familyId: place.familyId,
      parentId: place.parentId,
      tokenVersion,
      issuedAt: now,
      expiresAt: new Date(Math.min(ownExpiry, place.sessionExpiresAt.getTime())),
      sessionExpiresAt: place.sessionExpiresAt,
      usedAt: null,
      sealed: place.spentToken ? sealPair(pair, place.spentToken) : undefined,
    });
    return pair;
  }
}
