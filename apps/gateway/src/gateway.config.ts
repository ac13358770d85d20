import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '@pb/platform';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class GatewayConfig extends ServiceConfig {
  @IsUrl(URL_OPTIONS, { message: 'MEMBERSHIP_URL must be an http(s) URL' })
  MEMBERSHIP_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'ACTIVITIES_URL must be an http(s) URL' })
  ACTIVITIES_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'GOVERNANCE_URL must be an http(s) URL' })
  GOVERNANCE_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'ENTERPRISE_URL must be an http(s) URL' })
  ENTERPRISE_URL!: string;

  /** Signs users' access tokens (distinct from INTERNAL_TOKEN_SECRET, which only gateway and services share). */
  @IsString({ message: 'JWT_SECRET must be set' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(600)
  @Max(30 * 24 * 3600)
  REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

  /** The first administrator (CITY_ADMIN), created at start when no user has this name. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'FIRST_ADMIN_USERNAME must be 3-64 letters, digits, _ . or -' })
  FIRST_ADMIN_USERNAME?: string;

  @IsOptional()
  @MinLength(12, { message: 'FIRST_ADMIN_PASSWORD must be at least 12 characters' })
  FIRST_ADMIN_PASSWORD?: string;
}

export const GATEWAY_DEFAULTS = {
  PORT: 3000,
  MONGODB_DATABASE: 'gateway',
  MEMBERSHIP_URL: 'http://127.0.0.1:3001',
  ACTIVITIES_URL: 'http://127.0.0.1:3002',
  GOVERNANCE_URL: 'http://127.0.0.1:3003',
  ENTERPRISE_URL: 'http://127.0.0.1:3004',
};
