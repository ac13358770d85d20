import { Transform } from 'class-transformer';
import { isIP } from 'net';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateBy } from 'class-validator';
import { IsSchedule, IsStrongSecret, ServiceConfig } from '@pb/platform';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const toNumber = ({ value }: { value: unknown }) => (value === undefined ? undefined : Number(value));

/** Express's `trust proxy` names for address ranges. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** Each entry an address, an address/prefix (CIDR) or one of PROXY_RANGES; empty trusts no proxy. */
export function isTrustedProxyList(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  return value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .every((entry) => {
      if (PROXY_RANGES.includes(entry)) return true;
      const [address, prefix, ...rest] = entry.split('/');
      const family = isIP(address);
      if (!family || rest.length > 0) return false;
      return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
    });
}

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

  @IsString({ message: 'INTERNAL_TOKEN_SECRET_NOTIFICATIONS must be set' })
  @MinLength(32, { message: 'INTERNAL_TOKEN_SECRET_NOTIFICATIONS must be at least 32 characters' })
  @IsStrongSecret()
  INTERNAL_TOKEN_SECRET_NOTIFICATIONS!: string;

  @IsUrl(URL_OPTIONS, { message: 'MEMBERSHIP_URL must be an http(s) URL' })
  MEMBERSHIP_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'ACTIVITIES_URL must be an http(s) URL' })
  ACTIVITIES_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'GOVERNANCE_URL must be an http(s) URL' })
  GOVERNANCE_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'ENTERPRISE_URL must be an http(s) URL' })
  ENTERPRISE_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'NOTIFICATIONS_URL must be an http(s) URL' })
  NOTIFICATIONS_URL!: string;

  /** Signs users' access tokens; the gateway's alone (no service holds it). */
  @IsString({ message: 'JWT_SECRET must be set' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  @IsStrongSecret()
  JWT_SECRET!: string;

  @Transform(toNumber)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toNumber)
  @IsInt()
  @Min(600)
  @Max(30 * 24 * 3600)
  REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

  /** A session's absolute lifetime (会话最长有效期): however often it is refreshed, sign-in is asked again after this. */
  @Transform(toNumber)
  @IsInt()
  @Min(600)
  @Max(30 * 24 * 3600)
  SESSION_MAX_SECONDS = 12 * 3600;

  /**
   * A refresh token spent this long ago, presented again, gives the same new pair instead of
   * revoking its session (two tabs refreshing at once, an answer lost on the way); later it is
   * treated as stolen and revokes the session. 0 turns the grace off.
   */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(300)
  REFRESH_REUSE_GRACE_SECONDS = 30;

  /** Sign-in (and password change) requests per client address and minute, across all gateway replicas. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(100_000)
  SIGN_IN_RATE_LIMIT_PER_MINUTE = 30;

  /** Refresh (and sign-out) requests per client address and minute, across all gateway replicas. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(100_000)
  REFRESH_RATE_LIMIT_PER_MINUTE = 120;

  /**
   * The reverse proxies in front of the gateway whose X-Forwarded-For is believed (express's
   * `trust proxy`): comma-separated addresses, CIDR ranges, or loopback / linklocal /
   * uniquelocal. Empty (the default): the client is the connection's peer and the header is ignored.
   */
  @ValidateBy({
    name: 'isTrustedProxyList',
    validator: {
      validate: isTrustedProxyList,
      defaultMessage: () => 'TRUSTED_PROXIES must be comma-separated IP addresses, CIDR ranges, loopback, linklocal or uniquelocal',
    },
  })
  TRUSTED_PROXIES = '';

  /**
   * 看板数据来源的时效阈值: a source (membership, activities, governance, enterprise) is reported
   * stale on the dashboards when its service has not answered the gateway's health probe for this
   * long; the gateway probes every service a third of this often (at most every 5 s).
   */
  @Transform(toNumber)
  @IsInt()
  @Min(3)
  @Max(3600)
  SOURCE_STALE_AFTER_SECONDS = 15;

  /** Deletes expired refresh tokens, sign-in attempts and rate-limit counts (a database without TTL indexes keeps them otherwise). */
  @IsSchedule()
  SCHEDULE_SESSION_SWEEP = '*/10 * * * *';

  /**
   * 通知接收人同步: tells the notifications service who every user is, hourly by default. A user
   * change tells it at once; this catches the users made without the gateway's user routes (the
   * first administrator, `npm run user:create`) and changes made while the service was away.
   */
  @IsSchedule()
  SCHEDULE_RECIPIENT_SYNC = '23 * * * *';

  /** The first administrator (CITY_ADMIN), created at start when no user has this name. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'FIRST_ADMIN_USERNAME must be 3-64 letters, digits, _ . or -' })
  FIRST_ADMIN_USERNAME?: string;

  @IsOptional()
  @MinLength(12, { message: 'FIRST_ADMIN_PASSWORD must be at least 12 characters' })
  FIRST_ADMIN_PASSWORD?: string;
}

/** The services the gateway routes to, each with the key the gateway signs its internal tokens with. */
export const ROUTED_SERVICES = ['membership', 'activities', 'governance', 'enterprise', 'notifications'] as const;
export type RoutedService = (typeof ROUTED_SERVICES)[number];

/** Each routed service's base URL, as configured. */
export function serviceUrls(config: GatewayConfig): Record<RoutedService, string> {
  return {
    membership: config.MEMBERSHIP_URL,
    activities: config.ACTIVITIES_URL,
    governance: config.GOVERNANCE_URL,
    enterprise: config.ENTERPRISE_URL,
    notifications: config.NOTIFICATIONS_URL,
  };
}

/**
 * Routes a service offers the gateway itself and no caller: the notifications service's
 * `PUT /recipients/:userId` (the gateway tells it who a user is when it creates or changes one).
 * Neither routed nor listed in `/docs`. `path` is below the service's base URL; checked as it is
 * and with percent-escapes undone (as the service's router would).
 */
const GATEWAY_ONLY: Partial<Record<string, RegExp>> = { notifications: /^\/+recipients(\/|$)/i };

export function isGatewayOnlyPath(service: string, path: string): boolean {
  const only = Object.hasOwn(GATEWAY_ONLY, service) ? GATEWAY_ONLY[service] : undefined;
  if (!only) return false;
  let plain = path;
  try {
    plain = decodeURIComponent(path);
  } catch {
    // A malformed escape: checked as it is.
  }
  return only.test(path) || only.test(plain);
}

/** The key of the internal tokens for `service`; undefined for a name the gateway does not route to. */
export function internalTokenSecretFor(config: GatewayConfig, service: string): string | undefined {
  const keys: Record<RoutedService, string> = {
    membership: config.INTERNAL_TOKEN_SECRET_MEMBERSHIP,
    activities: config.INTERNAL_TOKEN_SECRET_ACTIVITIES,
    governance: config.INTERNAL_TOKEN_SECRET_GOVERNANCE,
    enterprise: config.INTERNAL_TOKEN_SECRET_ENTERPRISE,
    notifications: config.INTERNAL_TOKEN_SECRET_NOTIFICATIONS,
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
  NOTIFICATIONS_URL: 'http://127.0.0.1:3006',
};
