import { Schema } from 'mongoose';

export const USER_MODEL = 'User';
export const REFRESH_TOKEN_MODEL = 'RefreshToken';
export const SIGN_IN_ATTEMPT_MODEL = 'SignInAttempt';
export const RATE_LIMIT_HIT_MODEL = 'RateLimitHit';
export const SESSION_REVOCATION_MODEL = 'SessionRevocation';

export interface UserDocument {
  _id: string; // userId
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  scope: { level: string; districtId?: string; subDistrictId?: string; zoneId?: string };
  organizationId?: string;
  enterpriseCode?: string;
  memberId?: string;
  gridWorkerId?: string;
  departmentId?: string;
  disabled: boolean;
  mustChangePassword?: boolean;
  /**
   * Raised by every change that ends the user's sessions (disable, new role or jurisdiction,
   * password reset or change, revoke): tokens carry the value they were issued under.
   */
  tokenVersion?: number;
  createdAt: Date;
  createdBy: string;
  updatedAt?: Date;
  updatedBy?: string;
}

export const UserSchema = new Schema<UserDocument>(
  {
    _id: String,
    username: { type: String, required: true },
    displayName: { type: String, required: true },
    passwordHash: { type: String, required: true },
    role: { type: String, required: true },
    scope: { type: { level: String, districtId: String, subDistrictId: String, zoneId: String }, _id: false, required: true },
    organizationId: String,
    enterpriseCode: String,
    memberId: String,
    gridWorkerId: String,
    departmentId: String,
    disabled: { type: Boolean, default: false },
    mustChangePassword: { type: Boolean, default: false },
    tokenVersion: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    updatedAt: Date,
    updatedBy: String,
  },
  { collection: 'users', versionKey: false },
);
UserSchema.index({ username: 1 }, { unique: true });

/**
 * A refresh token is stored only as its SHA-256; each use replaces it with a new one, its
 * successor, which names it as `parentId`. The unique index on `parentId` lets only one
 * successor exist, so two refreshes of one token at once get the same new pair (the second
 * opens `sealed`, the pair encrypted with a key only the parent token gives).
 */
export interface RefreshTokenDocument {
  _id: string; // sha256 of the token
  userId: string;
  familyId: string;
  /** sha256 of the token this one replaced; `signin:<familyId>` for a session's first. */
  parentId: string;
  /** The user's tokenVersion when issued: a later revocation refuses it. */
  tokenVersion: number;
  issuedAt: Date;
  /** When this token stops working: its own lifetime, never past the session's. */
  expiresAt: Date;
  /** The session's absolute end (SESSION_MAX_SECONDS after sign-in), whatever the refreshes. */
  sessionExpiresAt: Date;
  usedAt: Date | null;
  /** The pair this token was issued in, sealed with its parent token (for the reuse grace window). */
  sealed?: string;
}

export const RefreshTokenSchema = new Schema<RefreshTokenDocument>(
  {
    _id: String,
    userId: { type: String, required: true },
    familyId: { type: String, required: true },
    parentId: { type: String, required: true },
    tokenVersion: { type: Number, default: 0 },
    issuedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    sessionExpiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    sealed: String,
  },
  { collection: 'session_tokens', versionKey: false },
);
RefreshTokenSchema.index({ familyId: 1 });
RefreshTokenSchema.index({ userId: 1 });
RefreshTokenSchema.index({ parentId: 1 }, { unique: true });

/**
 * One sign-in attempt on a username (keyed by its SHA-256, whether or not the user exists):
 * `_id` is `<key>#<seq>`, so each sequence number is taken once (the unique `_id` orders
 * parallel attempts). Kept for the lockout window only.
 */
export interface SignInAttemptDocument {
  _id: string;
  key: string;
  seq: number;
  at: Date;
  outcome: 'pending' | 'failed' | 'ok';
  expiresAt: Date;
}

export const SignInAttemptSchema = new Schema<SignInAttemptDocument>(
  {
    _id: String,
    key: { type: String, required: true },
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    outcome: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'sign_in_attempts', versionKey: false },
);
SignInAttemptSchema.index({ key: 1 });

/** One request counted against a rate limit: `_id` is `<bucket>#<n>`, n below the limit, so replicas share one budget exactly. */
export interface RateLimitHitDocument {
  _id: string;
  /** sha256 of the limit's name and the client's address, and the window's number. */
  bucket: string;
  expiresAt: Date;
}

export const RateLimitHitSchema = new Schema<RateLimitHitDocument>(
  {
    _id: String,
    bucket: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'rate_limit_hits', versionKey: false },
);
RateLimitHitSchema.index({ bucket: 1 });

/** Access tokens of this user issued under a lower tokenVersion are refused, until the longest of them has expired. */
export interface SessionRevocationDocument {
  _id: string; // userId
  tokenVersion: number;
  expiresAt: Date;
}

export const SessionRevocationSchema = new Schema<SessionRevocationDocument>(
  {
    _id: String,
    tokenVersion: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'session_revocations', versionKey: false },
);

/** What expires by itself: a TTL index where the database has them, the session sweep everywhere. */
export const EXPIRING_COLLECTIONS = ['session_tokens', 'sign_in_attempts', 'rate_limit_hits', 'session_revocations'] as const;
