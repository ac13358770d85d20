import { HttpException, HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap, UnauthorizedException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes, randomUUID } from 'crypto';
import { Model } from 'mongoose';
import { Clock, ConfigurationError, DomainError } from '@pb/platform';
import { lockoutRemaining, User } from '../../domain/user/user';
import { GatewayConfig } from '../../gateway.config';
import { REFRESH_TOKEN_MODEL, RefreshTokenDocument, USER_MODEL, UserDocument } from '../../infrastructure/user/user.schema';
import { ARGON2_OPTIONS, createUserRecord, toUser } from './user-accounts';
import { signAccessToken } from '../../infrastructure/user/user-tokens';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Omit<User, 'disabled'>;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Sign-in, refresh-token rotation and sign-out (登录、续期、退出). */
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
  ) {}

  /** The first administrator comes from configuration, never from a built-in default. */
  async onApplicationBootstrap(): Promise<void> {
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
    const now = this.clock.now();
    const doc = await this.users.findOne({ username }).lean<UserDocument>().exec();
    if (!doc) {
      this.decoyHash ??= hash(randomUUID(), ARGON2_OPTIONS);
      await verify(await this.decoyHash, password).catch(() => false);
      throw new UnauthorizedException('用户名或密码错误');
    }
    const wait = lockoutRemaining(doc.failedSignIns ?? [], now);
    if (wait > 0) {
      throw new HttpException(
        { statusCode: 429, error: 'TOO_MANY_ATTEMPTS', message: `登录失败次数过多，请 ${Math.ceil(wait / 60000)} 分钟后再试`, retryAfterSeconds: Math.ceil(wait / 1000) },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const ok = await verify(doc.passwordHash, password).catch(() => false);
    if (!ok) {
      await this.users.updateOne({ _id: doc._id }, { $push: { failedSignIns: now } }).exec();
      throw new UnauthorizedException('用户名或密码错误');
    }
    if (doc.disabled) throw new UnauthorizedException('账号已停用');
    await this.users.updateOne({ _id: doc._id }, { $set: { failedSignIns: [] } }).exec();
    return this.issue(toUser(doc), randomUUID());
  }

  /** Exchanges a refresh token for a new pair; a token used twice revokes its whole family. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const now = this.clock.now();
    const id = sha256(refreshToken);
    const claimed = await this.refreshTokens
      .findOneAndUpdate({ _id: id, usedAt: null }, { $set: { usedAt: now } }, { new: false })
      .lean<RefreshTokenDocument>()
      .exec();
    if (!claimed) {
      const replayed = await this.refreshTokens.findById(id).lean<RefreshTokenDocument>().exec();
      if (replayed) {
        await this.refreshTokens.deleteMany({ familyId: replayed.familyId }).exec();
        this.logger.warn(`refresh token reused; token family revoked for user ${replayed.userId}`);
      }
      throw new UnauthorizedException('续期令牌无效或已使用，请重新登录');
    }
    if (claimed.expiresAt.getTime() <= now.getTime()) throw new UnauthorizedException('续期令牌已过期，请重新登录');
    const doc = await this.users.findById(claimed.userId).lean<UserDocument>().exec();
    if (!doc || doc.disabled) throw new UnauthorizedException('账号不存在或已停用');
    return this.issue(toUser(doc), claimed.familyId);
  }

  async signOut(refreshToken: string): Promise<void> {
    const token = await this.refreshTokens.findById(sha256(refreshToken)).lean<RefreshTokenDocument>().exec();
    if (token) await this.refreshTokens.deleteMany({ familyId: token.familyId }).exec();
  }

  private async issue(user: User, familyId: string): Promise<TokenPair> {
    const now = this.clock.now();
    const expiresIn = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = signAccessToken(user, this.config.JWT_SECRET, expiresIn);
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.create({
      _id: sha256(refreshToken),
      userId: user.userId,
      familyId,
      expiresAt: new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
      usedAt: null,
    });
    const { disabled, ...visible } = user;
    return { accessToken, refreshToken, expiresIn, user: visible };
  }
}
