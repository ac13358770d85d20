import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule } from '@pb/platform';
import { Freshness } from './application/projections/freshness';
import { MembershipProjector } from './application/projections/membership.projector';
import { GatewayConfig } from './gateway.config';
import { ORGANIZATION_VIEW, OrganizationViewSchema } from './infrastructure/read-models/organization-view';
import { SOURCE_FRESHNESS, SourceFreshnessSchema } from './infrastructure/read-models/source-freshness';
import { DashboardController } from './interface/http/dashboard.controller';
import { ServiceProxyController } from './interface/http/service-proxy.controller';

/** The one public entry: routes commands, serves dashboards from its own read models. */
@Module({})
export class GatewayModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forService('gateway', config),
        MessagingModule.forService({ consumes: { groupId: 'gateway-read-models', topics: Object.values(CONTEXT_TOPICS) } }),
        MongooseModule.forFeature([
          { name: ORGANIZATION_VIEW, schema: OrganizationViewSchema },
          { name: SOURCE_FRESHNESS, schema: SourceFreshnessSchema },
        ]),
      ],
      controllers: [DashboardController, ServiceProxyController, MembershipProjector],
      providers: [{ provide: GatewayConfig, useValue: config }, Freshness],
    };
  }
}
