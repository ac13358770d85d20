import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { ThrottlerModule } from '@nestjs/throttler';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MembershipReferenceModule } from '@pb/membership-reference';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ServiceModuleOptions } from '@pb/platform';
import { AuthService } from './application/auth/auth.service';
import { UserAccounts } from './application/auth/user-accounts';
import { Freshness } from './application/projections/freshness';
import { EventLogRecorder } from './application/projections/event-log.recorder';
import { ScopeResolver } from './application/queries/scope-resolver';
import { DashboardFigures } from './application/queries/dashboard-figures';
import { EventHistory } from './application/queries/event-history';
import { OPENAPI_PROVIDERS } from './application/queries/openapi-catalogue';
import { CROSS_SERVICE_PROJECTORS } from './application/projections';
import { CROSS_SERVICE_VIEWS } from './infrastructure/read-models';
import { GatewayConfig } from './gateway.config';
import { EVENT_LOG, EventLogSchema } from './infrastructure/read-models/event-log';
import { REFRESH_TOKEN_MODEL, RefreshTokenSchema, USER_MODEL, UserSchema } from './infrastructure/user/user.schema';
import { UserTokenVerifier } from './infrastructure/user/user-token.verifier';
import { AuthController } from './interface/http/auth.controller';
import { UsersController } from './interface/http/users.controller';
import { SOURCE_FRESHNESS, SourceFreshnessSchema } from './infrastructure/read-models/source-freshness';
import { DashboardController } from './interface/http/dashboard.controller';
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
        PlatformModule.forService('gateway', config, { ...options, verifier: UserTokenVerifier }),
        // Per address, on top of the per-account lockout: slows password guessing across accounts.
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: 30 }]),
        MessagingModule.forService({ consumes: { groupId: 'gateway-read-models', topics: Object.values(CONTEXT_TOPICS) } }),
        // The dashboards count members; they never show one by name.
        MembershipReferenceModule.forService({ keepNames: false }),
        MongooseModule.forFeature([
          { name: EVENT_LOG, schema: EventLogSchema },
          { name: SOURCE_FRESHNESS, schema: SourceFreshnessSchema },
          { name: USER_MODEL, schema: UserSchema },
          { name: REFRESH_TOKEN_MODEL, schema: RefreshTokenSchema },
          ...CROSS_SERVICE_VIEWS,
        ]),
      ],
      controllers: [
        AuthController,
        UsersController,
        DashboardController,
        HistoryController,
        EventCatalogueController,
        ServiceProxyController,
        ...CROSS_SERVICE_PROJECTORS,
        EventLogRecorder,
      ],
      providers: [
        { provide: GatewayConfig, useValue: config },
        // Which roles reach which routes beyond authentication (analysts: figures only).
        { provide: APP_INTERCEPTOR, useClass: RoutePolicy },
        Freshness,
        AuthService,
        UserAccounts,
        ScopeResolver,
        DashboardFigures,
        EventHistory,
        ...OPENAPI_PROVIDERS,
      ],
    };
  }
}
