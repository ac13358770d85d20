import { DynamicModule, Global, Logger, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import mongoose, { Connection } from 'mongoose';
import { ActorVerifier, AuthGuard, INTERNAL_TOKEN_SECRET, INTERNAL_TOKEN_SERVICE, InternalTokenVerifier, RouteAccessPolicy } from './auth/auth.guard';
import { TerminusModule } from '@nestjs/terminus';
import { Clock, SystemClock } from './clock';
import { ServiceConfig } from './config/service-config';
import { DatabaseHealthIndicator } from './health/database.health';
import { HealthController } from './health/health.controller';
import { KafkaHealthIndicator } from './health/kafka.health';
import { StructuredLoggingModule } from './logging/logging.module';
import { MetricsController } from './metrics/metrics.controller';

// Otherwise mongoose formats a stack trace for every query, only to name where a query first ran (docs/performance.md).
mongoose.set('skipOriginalStackTraces', true);

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

/** What an app's `register(config, options)` accepts besides its settings, passed on to `PlatformModule.forService`. */
export interface ServiceModuleOptions {
  /** The time every part of the app reads (`SystemClock` unless given; tests give a `ManualClock` and move it). */
  clock?: Clock;
}

export interface PlatformOptions extends ServiceModuleOptions {
  /** How bearer tokens become callers; services verify the gateway's internal tokens. */
  verifier?: Type<ActorVerifier>;
  /** What the app allows beyond authentication, by role and route; checked by the auth guard (none: authentication and `@Roles` only). */
  routePolicy?: Type<RouteAccessPolicy>;
}

/**
 * What every app has in common: validated config, JSON logs, its own MongoDB
 * database, health and metrics endpoints. Readiness asks the broker through
 * `BrokerReadiness`, which `@pb/messaging` provides.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService(name: string, config: ServiceConfig, { verifier = InternalTokenVerifier, routePolicy, clock }: PlatformOptions = {}): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        StructuredLoggingModule.forService(name, config.LOG_LEVEL),
        MongooseModule.forRoot(config.MONGODB_URI, {
          dbName: config.MONGODB_DATABASE,
          ...databaseSecurity(config),
          serverSelectionTimeoutMS: 5000,
          // Indexes are part of the contract (uniqueness guards); build them at start.
          autoIndex: true,
          connectionFactory: logConnectionChanges,
        }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: ServiceConfig, useValue: config },
        { provide: SERVICE_NAME, useValue: name },
        KafkaHealthIndicator,
        DatabaseHealthIndicator,
        { provide: INTERNAL_TOKEN_SECRET, useValue: config.INTERNAL_TOKEN_SECRET ?? '' },
        { provide: INTERNAL_TOKEN_SERVICE, useValue: name },
        { provide: ActorVerifier, useClass: verifier },
        ...(routePolicy ? [{ provide: RouteAccessPolicy, useClass: routePolicy }] : []),
        { provide: APP_GUARD, useClass: AuthGuard },
        // The one Clock of the app: handlers, the event store and scheduled work all get this instance.
        clock ? { provide: Clock, useValue: clock } : { provide: Clock, useClass: SystemClock },
      ],
      exports: [SERVICE_CONFIG, ServiceConfig, SERVICE_NAME, INTERNAL_TOKEN_SECRET, Clock],
    };
  }
}

/**
 * The app's own database login and TLS, from settings rather than the URI, so that the URI can
 * sit in shared configuration and the credentials in the app's own Secret. Nothing set: the
 * URI's own (the local FerretDB needs none).
 */
export function databaseSecurity(config: ServiceConfig): { auth?: { username: string; password: string }; authSource?: string; tls?: boolean; tlsCAFile?: string } {
  return {
    ...(config.MONGODB_USERNAME && config.MONGODB_PASSWORD ? { auth: { username: config.MONGODB_USERNAME, password: config.MONGODB_PASSWORD } } : {}),
    ...(config.MONGODB_AUTH_SOURCE ? { authSource: config.MONGODB_AUTH_SOURCE } : {}),
    ...(config.MONGODB_TLS || config.MONGODB_TLS_CA_FILE ? { tls: true } : {}),
    ...(config.MONGODB_TLS_CA_FILE ? { tlsCAFile: config.MONGODB_TLS_CA_FILE } : {}),
  };
}

/** An operator reading the logs after an outage sees when the database went away and came back. */
function logConnectionChanges(connection: Connection): Connection {
  const logger = new Logger('Database');
  // `disconnecting` comes only from close(): a shutdown is not an outage worth a warning.
  let closing = false;
  connection.on('disconnecting', () => (closing = true));
  connection.on('disconnected', () => (closing ? logger.log('database connection closed') : logger.warn('database connection lost')));
  connection.on('reconnected', () => logger.log('database connection back'));
  return connection;
}
