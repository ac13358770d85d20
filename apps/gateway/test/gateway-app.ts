import { describeServiceApp } from '@pb/testing';
import { OpenApiCatalogue } from '../src/application/queries/openapi-catalogue';
import { GATEWAY_DEFAULTS, GatewayConfig } from '../src/gateway.config';
import { GatewayModule } from '../src/gateway.module';

/** The gateway as the test harness builds it (`startServiceApp(GATEWAY)`); its service URLs default to the local ports. */
export const GATEWAY = describeServiceApp({
  name: 'gateway',
  config: GatewayConfig,
  defaults: GATEWAY_DEFAULTS,
  module: (config, options) => GatewayModule.register(config, options),
  openApiPatcher: (app) => app.get(OpenApiCatalogue),
});
