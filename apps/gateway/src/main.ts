import { KafkaEventTransport } from '@pb/messaging';
import { createServiceApp, loadConfig, runService } from '@pb/platform';
import { OpenApiCatalogue } from './application/queries/openapi-catalogue';
import { serveConsole } from './console';
import { GATEWAY_DEFAULTS, GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { useSecurityHeaders } from './security-headers';

void runService('gateway', async () => {
  const config = loadConfig(GatewayConfig, process.env, GATEWAY_DEFAULTS);
  const app = await createServiceApp(GatewayModule.register(config), {
    title: '城市党建平台网关 Gateway',
    consumer: (a) => a.get(KafkaEventTransport),
    openApiPatcher: (a) => a.get(OpenApiCatalogue),
    servedAhead: (a) => {
      useSecurityHeaders(a);
      serveConsole(a);
    },
  });
  return { app, port: config.PORT };
});
