import { DynamicModule, Module } from '@nestjs/common';
import { getModelToken, MongooseModule } from '@nestjs/mongoose';
import { ThrottlerModule } from '@nestjs/throttler';
import { Model } from 'mongoose';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MembershipReferenceModule } from '@pb/membership-reference';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ScheduledWorkModule, ServiceModuleOptions } from '@pb/platform';
import { AuthService } from './application/auth/auth.service';
import { AccountLinks } from './application/auth/account-links';
import { ServiceReader } from './infrastructure/services/service-reader';
import { RecipientDirectory } from './infrastructure/services/recipient-directory';
import { UserAccounts } from './application/auth/user-accounts';
import { Freshness } from './application/projections/freshness';
import { EventLogRecorder } from './application/projections/event-log.recorder';
import { ScopeResolver } from './application/queries/scope-resolver';
import { BuildingFigures } from './application/queries/building-figures';
import { DashboardFigures } from './application/queries/dashboard-figures';
import { SourceAvailability } from './application/queries/source-availability';
import { TwoNewCoverage } from './application/queries/two-new-coverage';
import { EventHistory } from './application/queries/event-history';
import { OPENAPI_PROVIDERS } from './application/queries/openapi-catalogue';
import { CROSS_SERVICE_PROJECTORS } from './application/projections';
import { CROSS_SERVICE_VIEWS } from './infrastructure/read-models';
import { GatewayConfig } from './gateway.config';
import { EVENT_LOG, EventLogSchema } from './infrastructure/read-models/event-log';
import {
  RATE_LIMIT_HIT_MODEL,
  RateLimitHitDocument,
  RateLimitHitSchema,
  REFRESH_TOKEN_MODEL,
  RefreshTokenSchema,
  SIGN_IN_ATTEMPT_MODEL,
  SignInAttemptSchema,
  USER_MODEL,
  UserSchema,
} from './infrastructure/user/user.schema';
import { UserTokenVerifier } from './infrastructure/user/user-token.verifier';
import { DatabaseThrottlerStorage } from './infrastructure/user/rate-limit.storage';
import { SessionRevocationsModule } from './infrastructure/user/session-revocations';
import { SignInAttempts } from './infrastructure/user/sign-in-attempts';
import { ExpiringRecords } from './infrastructure/user/expiring-records';
import { TrustedProxies } from './interface/http/trusted-proxies';
import { RecipientSyncJob } from './interface/schedule/recipient-sync.job';
import { SessionSweepJob } from './interface/schedule/session-sweep.job';
import { AuthController } from './interface/http/auth.controller';
import { UsersController } from './interface/http/users.controller';
import { SOURCE_FRESHNESS, SourceFreshnessSchema } from './infrastructure/read-models/source-freshness';
import { DashboardController } from './interface/http/dashboard.controller';
import { CoverageController } from './interface/http/coverage.controller';
import { BuildingsController } from './interface/http/buildings.controller';
import { HistoryController } from './interface/http/history.controller';
import { EventCatalogueController } from './interface/http/event-catalogue.controller';
import { ServiceProxyController } from './interface/http/service-proxy.controller';
import { RoutePolicy } from './interface/http/route-policy';

/** The one public entry: routes commands, serves dashboards from its own read models. */
@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        // Which roles reach which routes beyond authentication (analysts: figures only), checked by the auth guard.
        PlatformModule.forService('gateway', config, { ...options, verifier: UserTokenVerifier, routePolicy: RoutePolicy }),
        SessionRevocationsModule,
        ScheduledWorkModule,
        // Per client address (behind TRUSTED_PROXIES, the address they forward), counted in the
        // database so every replica spends one budget; on top of the per-username lockout, it
        // slows password guessing across accounts. Refreshing has a budget of its own.
        ThrottlerModule.forRootAsync({
          imports: [MongooseModule.forFeature([{ name: RATE_LIMIT_HIT_MODEL, schema: RateLimitHitSchema }])],
          inject: [getModelToken(RATE_LIMIT_HIT_MODEL)],
          useFactory: (hits: Model<RateLimitHitDocument>) => ({
            throttlers: [
              { name: 'sign-in', ttl: 60_000, limit: config.SIGN_IN_RATE_LIMIT_PER_MINUTE },
              { name: 'refresh', ttl: 60_000, limit: config.REFRESH_RATE_LIMIT_PER_MINUTE },
            ],
            storage: new DatabaseThrottlerStorage(hits),
            // One budget per limit and address, whichever of its routes is called.
            generateKey: (_context, tracker, name) => `${name}:${tracker}`,
          }),
        }),
        MessagingModule.forService({ consumes: { groupId: 'gateway-read-models', topics: Object.values(CONTEXT_TOPICS) } }),
        // The dashboards count members; they never show one by name.
        MembershipReferenceModule.forService({ keepNames: false }),
        MongooseModule.forFeature([
          { name: EVENT_LOG, schema: EventLogSchema },
          { name: SOURCE_FRESHNESS, schema: SourceFreshnessSchema },
          { name: USER_MODEL, schema: UserSchema },
          { name: REFRESH_TOKEN_MODEL, schema: RefreshTokenSchema },
          { name: SIGN_IN_ATTEMPT_MODEL, schema: SignInAttemptSchema },
          ...CROSS_SERVICE_VIEWS,
        ]),
      ],
      controllers: [
        AuthController,
        UsersController,
        DashboardController,
        CoverageController,
        BuildingsController,
        HistoryController,
        EventCatalogueController,
        ServiceProxyController,
        ...CROSS_SERVICE_PROJECTORS,
        EventLogRecorder,
      ],
      providers: [
        { provide: GatewayConfig, useValue: config },
        Freshness,
        AuthService,
        UserAccounts,
        AccountLinks,
        ServiceReader,
        RecipientDirectory,
        SignInAttempts,
        ExpiringRecords,
        TrustedProxies,
        SessionSweepJob,
        RecipientSyncJob,
        ScopeResolver,
        DashboardFigures,
        BuildingFigures,
        SourceAvailability,
        TwoNewCoverage,
        EventHistory,
        ...OPENAPI_PROVIDERS,
      ],
    };
  }
}
