import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { hash } from '@node-rs/argon2';
import { randomUUID } from 'crypto';
import { Model } from 'mongoose';
import type { JurisdictionScope, Role } from '@pb/platform/auth/actor';
import { DomainError } from '@pb/platform/domain-error';
import { assertAcceptablePassword, assertRoleFitsScope, User } from '../../domain/user/user';
import { USER_MODEL, UserDocument } from '../../infrastructure/user/user.schema';
import { isDuplicateKey } from '@pb/platform';

/** argon2id with OWASP's minimum memory (19 MiB), two passes. */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scope: JurisdictionScope;
  organizationId?: string;
  enterpriseCode?: string;
}

/** Creates a user; shared by the HTTP command, the first-admin bootstrap and the CLI. */
export async function createUserRecord(users: Model<UserDocument>, input: NewUser, createdBy: string): Promise<User> {
  assertRoleFitsScope(input.role, input.scope, input.organizationId, input.enterpriseCode);
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
    disabled: false,
    failedSignIns: [],
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

export function toUser(doc: UserDocument): User {
  return {
    userId: doc._id,
    username: doc.username,
    displayName: doc.displayName,
    role: doc.role as Role,
    scope: doc.scope as JurisdictionScope,
    organizationId: doc.organizationId ?? undefined,
    enterpriseCode: doc.enterpriseCode ?? undefined,
    disabled: doc.disabled,
  };
}

/** The users' accounts for the users controller (用户管理): it checks who may do what, this reads and writes. */
@Injectable()
export class UserAccounts {
  constructor(@InjectModel(USER_MODEL) private readonly users: Model<UserDocument>) {}

  create(input: NewUser, createdBy: string): Promise<User> {
    return createUserRecord(this.users, input, createdBy);
  }

  /** The users an administrator of `scope` sees, by username, at most 500: the whole city's, or their district's. */
  async visibleTo(scope: JurisdictionScope): Promise<User[]> {
    const filter = scope.level === 'CITY' ? {} : { 'scope.districtId': scope.districtId };
    const docs = await this.users.find(filter).sort({ username: 1 }).limit(500).lean<UserDocument[]>().exec();
    return docs.map(toUser);
  }
}
