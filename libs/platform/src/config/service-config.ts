import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, registerDecorator, ValidateIf, ValidationArguments, validateSync } from 'class-validator';
import { IsStrongSecret } from './secret-strength';

const BROKER_LIST = /^[A-Za-z0-9.\-_]+:\d{1,5}(,[A-Za-z0-9.\-_]+:\d{1,5})*$/;
/** A number from the environment's text; unset or empty is undefined (the default applies). */
export const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => value === true || value === 'true' || value === '1';

/** A number no larger than another setting's (min.insync.replicas cannot exceed the replication factor). */
function NotAbove(other: string, message: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'notAbove',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message },
      validator: { validate: (value: unknown, args: ValidationArguments) => typeof value !== 'number' || value <= Number((args.object as Record<string, unknown>)[other]) },
    });
}

/** Settings every service reads from its environment. */
export class ServiceConfig {
  /**
   * Whether the app's routes take the gateway's internal tokens (and so need INTERNAL_TOKEN_SECRET,
   * its own verification key). The gateway verifies users' tokens instead and signs internal ones with
   * one key per service; it says false.
   */
  static readonly verifiesInternalTokens: boolean = true;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @Matches(BROKER_LIST, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS!: string;

  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGODB_URI must be a mongodb:// connection string' })
  MONGODB_URI!: string;

  /**
   * The app's own database user (production: one user per database, from the app's Secret), so the
   * URI itself can stay in the ConfigMap without credentials. Unset: whatever the URI says.
   */
  @ValidateIf((c: ServiceConfig) => c.MONGODB_USERNAME !== undefined || c.MONGODB_PASSWORD !== undefined)
  @IsString({ message: 'MONGODB_USERNAME must be set with MONGODB_PASSWORD' })
  @MinLength(1)
  MONGODB_USERNAME?: string;

  @ValidateIf((c: ServiceConfig) => c.MONGODB_USERNAME !== undefined || c.MONGODB_PASSWORD !== undefined)
  @IsString({ message: 'MONGODB_PASSWORD must be set with MONGODB_USERNAME' })
  @MinLength(1)
  MONGODB_PASSWORD?: string;

  /** The database the user is defined in (MongoDB's authSource); the URI's or the driver's default when unset. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_$-]{1,64}$/, { message: 'MONGODB_AUTH_SOURCE must be a database name' })
  MONGODB_AUTH_SOURCE?: string;

  /** TLS to the database (production); off for the local FerretDB. A CA file turns it on. */
  @Transform(toBool)
  MONGODB_TLS = false;

  /** PEM file of the CA that signed the database servers' certificates (a mounted Secret or ConfigMap). */
  @IsOptional()
  @Matches(/^\/\S+$/, { message: 'MONGODB_TLS_CA_FILE must be an absolute path' })
  MONGODB_TLS_CA_FILE?: string;

  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,38}$/, { message: 'MONGODB_DATABASE must be 1-38 letters, digits, _ or -' })
  MONGODB_DATABASE!: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  KAFKA_PARTITIONS = 6;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10)
  KAFKA_REPLICATION_FACTOR = 1;

  /**
   * The most bytes the outbox relay puts in one partition's share of a send: below the brokers'
   * `message.max.bytes` and the topics' `max.message.bytes` (1 MiB by default). A send the broker
   * refuses anyway is split (docs/architecture.md, "Messaging faults").
   */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  KAFKA_MAX_BATCH_BYTES = 900_000;

  /**
   * `min.insync.replicas` of the topics the app creates: with producers writing acks=all, a write
   * counts once this many replicas have it (production 2 of 3, so one broker may be down; the
   * single local broker 1).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @NotAbove('KAFKA_REPLICATION_FACTOR', 'KAFKA_MIN_INSYNC_REPLICAS must not exceed KAFKA_REPLICATION_FACTOR')
  KAFKA_MIN_INSYNC_REPLICAS = 1;

  /**
   * How long a dead-letter topic (`<topic>.dlq`) keeps a message: long enough to look at it and
   * re-drive it after a fix, bounded so that poison messages (which can hold personal data) do not
   * stay for ever. Default 30 days.
   */
  @Transform(toInt)
  @IsInt()
  @Min(60 * 60 * 1000)
  @Max(365 * 24 * 3600 * 1000)
  KAFKA_DLQ_RETENTION_MS = 30 * 24 * 3600 * 1000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @IsString()
  @MinLength(1)
  INSTANCE_ID?: string;

  /** Overrides the service's consumer group (tests and side-by-side deployments use their own). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'KAFKA_GROUP_ID must be 1-100 letters, digits, ., _ or -' })
  KAFKA_GROUP_ID?: string;

  /**
   * Put in front of every topic name, so several environments (or test runs)
   * can share one Kafka cluster without seeing each other's events.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{0,60}$/, { message: 'KAFKA_TOPIC_PREFIX may hold only letters, digits, ., _ and -' })
  KAFKA_TOPIC_PREFIX = '';

  /** TLS to the brokers (production clusters: SASL_SSL); off for the local broker. A CA file turns it on. */
  @Transform(toBool)
  KAFKA_SSL = false;

  /** PEM file of the CA that signed the brokers' certificates (a private CA, e.g. Strimzi's cluster CA). */
  @IsOptional()
  @Matches(/^\/\S+$/, { message: 'KAFKA_SSL_CA_FILE must be an absolute path' })
  KAFKA_SSL_CA_FILE?: string;

  /** SASL login of this app's Kafka principal (each app its own user; ACLs in deploy/kafka). Unset: no SASL. */
  @IsOptional()
  @IsIn(['scram-sha-256', 'scram-sha-512', 'plain'], { message: 'KAFKA_SASL_MECHANISM must be scram-sha-256, scram-sha-512 or plain' })
  KAFKA_SASL_MECHANISM?: 'scram-sha-256' | 'scram-sha-512' | 'plain';

  @ValidateIf((c: ServiceConfig) => c.KAFKA_SASL_MECHANISM !== undefined || c.KAFKA_SASL_USERNAME !== undefined)
  @IsString({ message: 'KAFKA_SASL_USERNAME must be set with KAFKA_SASL_MECHANISM' })
  @MinLength(1)
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf((c: ServiceConfig) => c.KAFKA_SASL_MECHANISM !== undefined || c.KAFKA_SASL_PASSWORD !== undefined)
  @IsString({ message: 'KAFKA_SASL_PASSWORD must be set with KAFKA_SASL_MECHANISM' })
  @MinLength(1)
  KAFKA_SASL_PASSWORD?: string;

  /**
   * This service's own key for the internal tokens the gateway sends it (the gateway holds one per
   * service, INTERNAL_TOKEN_SECRET_<SERVICE>): a service can mint tokens for itself only, never for
   * another. Not read by apps whose class says `verifiesInternalTokens = false`.
   */
  @ValidateIf((c: ServiceConfig) => (c.constructor as typeof ServiceConfig).verifiesInternalTokens)
  @IsString({ message: 'INTERNAL_TOKEN_SECRET must be set' })
  @MinLength(32, { message: 'INTERNAL_TOKEN_SECRET must be at least 32 characters' })
  @IsStrongSecret()
  INTERNAL_TOKEN_SECRET!: string;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 / invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Reads and validates the environment once at start. A missing or malformed
 * variable stops the app with a message naming it, instead of failing later.
 */
export function loadConfig<T extends object>(schema: new () => T, env: Record<string, string | undefined>, defaults: Partial<Record<keyof T, unknown>> = {}): T {
  const raw: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') raw[key] = value;
  const config = plainToInstance(schema, raw, { exposeDefaultValues: true });
  const errors = validateSync(config as object, { whitelist: false });
  if (errors.length > 0) {
    throw new ConfigurationError(
      errors.map((e) => {
        const given = e.value === undefined ? 'not set' : 'invalid value';
        return `${e.property} (${given}): ${Object.values(e.constraints ?? {}).join(', ')}`;
      }),
    );
  }
  return config;
}
