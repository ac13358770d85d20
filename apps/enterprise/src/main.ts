import { KafkaEventTransport } from '@pb/messaging';
import { createServiceApp, loadConfig, runService, ServiceConfig } from '@pb/platform';
import { EnterpriseModule } from './enterprise.module';

void runService('enterprise', async () => {
  const config = loadConfig(ServiceConfig, process.env, { PORT: 3004, MONGODB_DATABASE: 'enterprise' });
  // REQUEST_SWEEP_INTERVAL_MS: how often missed request targets are escalated (0 = off).
  const sweep = Number(process.env.REQUEST_SWEEP_INTERVAL_MS ?? 60_000);
  const app = await createServiceApp(EnterpriseModule.register(config, { sweepIntervalMs: Number.isFinite(sweep) && sweep >= 0 ? sweep : 60_000 }), {
    title: '企业服务 Enterprise: enterprises, requests, service days, bank-enterprise matching, policies, mentors, maker spaces',
    consumer: (a) => a.get(KafkaEventTransport),
  });
  return { app, port: config.PORT };
});
