import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { IsStrongSecret, ServiceConfig } from '@pb/platform';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class GatewayConfig extends ServiceConfig {
  /** The gateway verifies users' tokens (JWT_SECRET) and signs internal ones with the keys below. */
  static override readonly verifiesInternalTokens = false;

  /**
   * One key per service for the internal tokens the gateway sends it (each service holds only its
   * own as INTERNAL_TOKEN_SECRET): a service that leaks or misuses its key can mint tokens for
   * itself only.
   */
  @IsString({ message: 'INTERNAL_TOKEN_SECRET_MEMBERSHIP must be set' })
  @MinLength(32, { message: 'INTERNAL_TOKEN_SECRET_MEMBERSHIP must be at least 32 characters' })
  @IsStrongSecret()
  INTERNAL_TOKEN_SECRET_MEMBERSHIP!: string;

  @IsString({ message: 'INTERNAL_TOKEN_SECRET_ACTIVITIES must be set' })
  @MinLength(32, { message: 'INTERNAL_TOKEN_SECRET_ACTIVITIES must be at least 32 characters' })
  @IsStrongSecret()
  INTERNAL_TOKEN_SECRET_ACTIVITIES!: string;

  @IsString({ message: 'INTERNAL_TOKEN_SECRET_GOVERNANCE must be set' })
  @MinLength(32, { message: 'INTERNAL_TOKEN_SECRET_GOVERNANCE must be at least 32 characters' })
  @IsStrongSecret()
  INTERNAL_TOKEN_SECRET_GOVERNANCE!: string;

  @IsString({ message: 'INTERNAL_TOKEN_SECRET_ENTERPRISE must be set' })
  @MinLength(32, { message: 'INTERNAL_TOKEN_SECRET_ENTERPRISE must be at least 32 characters' })
  @IsStrongSecret()
  INTERNAL_TOKEN_SECRET_ENTERPRISE!: string;

  @IsUrl(URL_OPTIONS, { message: 'MEMBERSHIP_URL must be an http(s) URL' })
  MEMBERSHIP_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'ACTIVITIES_URL must be an http(s) URL' })
  ACTIVITIES_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'GOVERNANCE_URL must be an http(s) URL' })
  GOVERNANCE_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'ENTERPRISE_URL must be an http(s) URL' })
  ENTERPRISE_URL!: string;

  /** Signs users' access tokens; the gateway's alone (no service holds it). */
  @IsString({ message: 'JWT_SECRET must be set' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  @IsStrongSecret()
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

/** The services the gateway routes to, each with the key the gateway signs its internal tokens with. */
export const ROUTED_SERVICES = ['membership', 'activities', 'governance', 'enterprise'] as const;
export type RoutedService = (typeof ROUTED_SERVICES)[number];

/** The key of the internal tokens for `service`; undefined for a name the gateway does not route to. */
export function internalTokenSecretFor(config: GatewayConfig, service: string): string | undefined {
  const keys: Record<RoutedService, string> = {
    membership: config.INTERNAL_TOKEN_SECRET_MEMBERSHIP,
    activities: config.INTERNAL_TOKEN_SECRET_ACTIVITIES,
    governance: config.INTERNAL_TOKEN_SECRET_GOVERNANCE,
    enterprise: config.INTERNAL_TOKEN_SECRET_ENTERPRISE,
  };
  return Object.hasOwn(keys, service) ? keys[service as RoutedService] : undefined;
}

export const GATEWAY_DEFAULTS = {
  PORT: 3000,
  MONGODB_DATABASE: 'gateway',
  MEMBERSHIP_URL: 'http://127.0.0.1:3001',
  ACTIVITIES_URL: 'http://127.0.0.1:3002',
  GOVERNANCE_URL: 'http://127.0.0.1:3003',
  ENTERPRISE_URL: 'http://127.0.0.1:3004',
};
