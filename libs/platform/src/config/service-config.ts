import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

const BROKER_LIST = /^[A-Za-z0-9.\-_]+:\d{1,5}(,[A-Za-z0-9.\-_]+:\d{1,5})*$/;
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Settings every service reads from its environment. */
export class ServiceConfig {
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @Matches(BROKER_LIST, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS!: string;

  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGODB_URI must be a mongodb:// connection string' })
  MONGODB_URI!: string;

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

  /** TLS to the brokers (production clusters); off for the local broker. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  KAFKA_SSL = false;

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

  /** Shared by the gateway (which signs) and the services (which verify) the caller's identity. */
  @IsString({ message: 'INTERNAL_TOKEN_SECRET must be set' })
  @MinLength(32, { message: 'INTERNAL_TOKEN_SECRET must be at least 32 characters' })
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
