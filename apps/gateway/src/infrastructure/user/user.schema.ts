import { Schema } from 'mongoose';

export const USER_MODEL = 'User';
export const REFRESH_TOKEN_MODEL = 'RefreshToken';

export interface UserDocument {
  _id: string; // userId
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  scope: { level: string; districtId?: string; subDistrictId?: string; zoneId?: string };
  organizationId?: string;
  enterpriseCode?: string;
  disabled: boolean;
  /** Recent failed sign-ins, trimmed to the lockout window. */
  failedSignIns: Date[];
  createdAt: Date;
  createdBy: string;
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
    disabled: { type: Boolean, default: false },
    failedSignIns: { type: [Date], default: [] },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
  },
  { collection: 'users', versionKey: false },
);
UserSchema.index({ username: 1 }, { unique: true });

/** A refresh token is stored only as its SHA-256; each use replaces it with a new one. */
export interface RefreshTokenDocument {
  _id: string; // sha256 of the token
  userId: string;
  familyId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export const RefreshTokenSchema = new Schema<RefreshTokenDocument>(
  {
    _id: String,
    userId: { type: String, required: true },
    familyId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { collection: 'refresh_tokens', versionKey: false },
);
RefreshTokenSchema.index({ familyId: 1 });
