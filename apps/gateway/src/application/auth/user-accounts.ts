import { forwardRef, Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { hash } from '@node-rs/argon2';
import { randomUUID } from 'crypto';
import { FilterQuery, Model } from 'mongoose';
import type { Actor, JurisdictionScope, Role } from '@pb/platform/auth/actor';
import { DomainError } from '@pb/platform/domain-error';
import { AccountChange, assertAcceptablePassword, assertMayChangeAccount, assertRoleFitsScope, DELEGABLE_BY_DISTRICT, Placement, User } from '../../domain/user/user';
import { USER_MODEL, UserDocument } from '../../infrastructure/user/user.schema';
import { Clock, describeScope, isDuplicateKey, narrowToScope, scopeContains } from '@pb/platform';
import { RecipientDirectory } from '../../infrastructure/services/recipient-directory';
import { AccountLinks } from './account-links';
import { AuthService } from './auth.service';

/** argon2id with OWASP's minimum memory (19 MiB), two passes. */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export interface NewUser extends Placement {
  username: string;
  displayName: string;
  password: string;
}

/** Creates a user; shared by the HTTP command, the first-admin bootstrap and the CLI. */
export async function createUserRecord(users: Model<UserDocument>, input: NewUser, createdBy: string): Promise<User> {
  assertRoleFitsScope(input);
  assertAcceptablePassword(input.password, input.username);
  const doc: UserDocument = {
    _id: `user-${randomUUID()}`,
    username: input.username,
    displayName: input.displayName,
    passwordHash: await hash(input.password, ARGON2_OPTIONS),
    role: input.role,
    scope: input.scope,
    organizationId: input.organizationId,
    enterpriseCode: input.enterpriseCode,
    memberId: input.memberId,
    gridWorkerId: input.gridWorkerId,
    departmentId: input.departmentId,
    disabled: false,
    mustChangePassword: false,
    tokenVersion: 0,
    createdAt: new Date(),
    createdBy,
  };
  try {
    await users.create(doc);
  } catch (error) {
    if (isDuplicateKey(error)) {
      throw new DomainError('conflict', 'USERNAME_TAKEN', `用户名 ${input.username} 已被使用`);
    }
    throw error;
  }
  return toUser(doc);
}

const RECIPIENT_PAGE = 200;

export function toUser(doc: UserDocument): User {
  return {
    userId: doc._id,
    username: doc.username,
    displayName: doc.displayName,
    role: doc.role as Role,
    scope: doc.scope as JurisdictionScope,
    organizationId: doc.organizationId ?? undefined,
    enterpriseCode: doc.enterpriseCode ?? undefined,
    memberId: doc.memberId ?? undefined,
    gridWorkerId: doc.gridWorkerId ?? undefined,
    departmentId: doc.departmentId ?? undefined,
    disabled: doc.disabled,
    mustChangePassword: doc.mustChangePassword ?? false,
  };
}

/** Which users a list shows: a jurisdiction inside the administrator's, a role, a status, a search, ids; one page. */
export interface UserListQuery {
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string;
  role?: Role;
  status?: 'ACTIVE' | 'DISABLED';
  /** A username's beginning or any part of a display name. */
  q?: string;
  userIds?: string[];
  after?: string;
  limit: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A new role and jurisdiction for a user, with what the account is linked to (调整角色和辖区). */
export type Reassignment = Placement;

/**
 * The users' accounts for the users controller (用户管理): creating them, and offboarding
 * (停用、启用、调整角色和辖区、重置密码、撤销会话). An administrator acts only on users inside
 * their jurisdiction (the city administrator everywhere); every change that takes something
 * away ends the user's sessions at once.
 */
@Injectable()
export class UserAccounts {
  constructor(
    @InjectModel(USER_MODEL) private readonly users: Model<UserDocument>,
    @Inject(forwardRef(() => AuthService)) private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly links: AccountLinks,
    private readonly recipients: RecipientDirectory,
  ) {}

  /**
   * Tells the notifications service who every user is, a page at a time (users are thousands, so
   * the whole list each time): the users made without the user routes (the first administrator,
   * the CLI) and the changes made while the service was away. Stops when the service is away.
   */
  async tellNotificationsAll(): Promise<{ told: number; reachable: boolean }> {
    let after = '';
    let told = 0;
    for (;;) {
      const page = await this.users
        .find(after ? { _id: { $gt: after } } : {})
        .sort({ _id: 1 })
        .limit(RECIPIENT_PAGE)
        .lean<UserDocument[]>()
        .exec();
      for (const doc of page) {
        const outcome = await this.recipients.tell(toUser(doc), true);
        if (outcome === 'unreachable') return { told, reachable: false };
        if (outcome === 'taken') told += 1;
      }
      if (page.length < RECIPIENT_PAGE) return { told, reachable: true };
      after = page[page.length - 1]!._id;
    }
  }

  async create(input: NewUser, actor: Actor): Promise<User> {
    assertRoleFitsScope(input);
    this.assertMayPlace(actor, input.role, input.scope, '创建');
    await this.links.check(actor, input);
    const user = await createUserRecord(this.users, input, actor.userId);
    await this.recipients.tell(user);
    return user;
  }

  /**
   * The users an administrator sees (the whole city's, or their district's), by username, one page
   * at a time: `after` is the last username of the previous page.
   */
  async list(actor: Actor, query: UserListQuery): Promise<User[]> {
    const place = narrowToScope(actor, { districtId: query.districtId, subDistrictId: query.subDistrictId, zoneId: query.zoneId });
    const filter: FilterQuery<UserDocument> = {};
    for (const key of ['districtId', 'subDistrictId', 'zoneId'] as const) if (place[key]) filter[`scope.${key}`] = place[key];
    if (query.role) filter.role = query.role;
    if (query.status) filter.disabled = query.status === 'DISABLED';
    if (query.userIds) filter._id = { $in: query.userIds };
    if (query.q) {
      const text = escapeRegExp(query.q);
      filter.$or = [{ username: { $regex: `^${text}` } }, { displayName: { $regex: text } }];
    }
    if (query.after) filter.username = { $gt: query.after };
    const docs = await this.users.find(filter).sort({ username: 1 }).limit(query.limit).lean<UserDocument[]>().exec();
    return docs.map(toUser);
  }

  /** 停用: the user can no longer sign in or refresh, and every session ends. */
  disable(actor: Actor, userId: string): Promise<User> {
    return this.change(actor, userId, 'disable', () => ({ $set: { disabled: true }, $inc: { tokenVersion: 1 } }));
  }

  /** 启用: the user may sign in again (no old session comes back). */
  enable(actor: Actor, userId: string): Promise<User> {
    return this.change(actor, userId, 'enable', () => ({ $set: { disabled: false } }));
  }

  /** A new role and jurisdiction: inside the administrator's own, fitting the role; sessions issued under the old one end. */
  async reassign(actor: Actor, userId: string, next: Reassignment): Promise<User> {
    await this.target(actor, userId, 'reassign');
    assertRoleFitsScope(next);
    this.assertMayPlace(actor, next.role, next.scope, '调整');
    await this.links.check(actor, next);
    const { role, scope, organizationId, enterpriseCode, memberId, gridWorkerId, departmentId } = next;
    return this.change(actor, userId, 'reassign', () => ({
      $set: {
        role,
        scope,
        organizationId: organizationId ?? null,
        enterpriseCode: enterpriseCode ?? null,
        memberId: memberId ?? null,
        gridWorkerId: gridWorkerId ?? null,
        departmentId: departmentId ?? null,
      },
      $inc: { tokenVersion: 1 },
    }));
  }

  /** 重置密码: a temporary password the user must replace at the next sign-in, before anything else; every session ends. */
  async resetPassword(actor: Actor, userId: string, temporaryPassword: string): Promise<User> {
    const target = await this.target(actor, userId, 'reset-password');
    assertAcceptablePassword(temporaryPassword, target.username);
    const passwordHash = await hash(temporaryPassword, ARGON2_OPTIONS);
    return this.change(actor, userId, 'reset-password', () => ({ $set: { passwordHash, mustChangePassword: true }, $inc: { tokenVersion: 1 } }));
  }

  /** 撤销全部会话: signed out everywhere; the password stays. */
  async revokeSessions(actor: Actor, userId: string): Promise<void> {
    await this.change(actor, userId, 'revoke-sessions', () => ({ $inc: { tokenVersion: 1 } }));
  }

  private async change(actor: Actor, userId: string, change: AccountChange, update: (target: UserDocument) => Record<string, unknown>): Promise<User> {
    const target = await this.target(actor, userId, change);
    const { $set, ...rest } = update(target) as { $set?: Record<string, unknown>; $inc?: Record<string, number> };
    const doc = await this.users
      .findOneAndUpdate({ _id: userId }, { ...rest, $set: { ...$set, updatedAt: this.clock.now(), updatedBy: actor.userId } }, { new: true })
      .lean<UserDocument>()
      .exec();
    if (!doc) throw new DomainError('not_found', 'USER_NOT_FOUND', `用户 ${userId} 不存在`);
    if (rest.$inc?.tokenVersion) await this.auth.endSessions(doc._id, doc.tokenVersion ?? 0);
    const user = toUser(doc);
    // Who the user is for notifications changed (role, jurisdiction, links, active): the service is told.
    if (change === 'disable' || change === 'enable' || change === 'reassign') await this.recipients.tell(user);
    return user;
  }

  /** The user an administrator may change: inside their jurisdiction, of a role they manage. */
  private async target(actor: Actor, userId: string, change: AccountChange): Promise<UserDocument> {
    const doc = await this.users.findById(userId).lean<UserDocument>().exec();
    if (!doc) throw new DomainError('not_found', 'USER_NOT_FOUND', `用户 ${userId} 不存在`);
    if (!scopeContains(actor.scope, doc.scope as JurisdictionScope)) {
      throw new DomainError('forbidden', 'OUT_OF_SCOPE', `只能管理您管辖范围内的用户（${describeScope(actor)}）`);
    }
    assertMayChangeAccount(actor, toUser(doc), change);
    return doc;
  }

  /** A role in a jurisdiction an administrator may give: inside their own; a district administrator only the delegable roles. */
  private assertMayPlace(actor: Actor, role: Role, scope: JurisdictionScope, verb: string): void {
    if (!scopeContains(actor.scope, scope)) throw new DomainError('forbidden', 'OUT_OF_SCOPE', `只能在您的管辖范围内${verb}用户（${describeScope(actor)}）`);
    if (actor.role !== 'CITY_ADMIN' && !DELEGABLE_BY_DISTRICT.includes(role)) {
      throw new DomainError('forbidden', 'ROLE_NOT_DELEGABLE', `${actor.role === 'DISTRICT_ADMIN' ? '区县管理员' : `${actor.role} `}不能${verb}角色为 ${role} 的用户`);
    }
  }
}
